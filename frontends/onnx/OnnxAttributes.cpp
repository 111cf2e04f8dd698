// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "GraphImporter.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

const onnx::AttributeProto *
onnx_import::findAttr(const onnx::NodeProto &node, llvm::StringRef name) {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t onnx_import::getIntAttr(const onnx::NodeProto &node,
                                llvm::StringRef name, int64_t fallback) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr && attr->has_i() ? attr->i() : fallback;
}

float onnx_import::getFloatAttr(const onnx::NodeProto &node,
                                llvm::StringRef name, float fallback) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr && attr->has_f() ? attr->f() : fallback;
}

std::optional<SmallVector<int64_t>>
onnx_import::getIntsAttr(const onnx::NodeProto &node, llvm::StringRef name) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  if (!attr)
    return std::nullopt;
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

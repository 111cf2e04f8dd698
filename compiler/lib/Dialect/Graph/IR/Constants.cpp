// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <cstring>

using namespace mlir;
using namespace mlir::mlc::graph;

std::optional<SmallVector<float>>
mlir::mlc::graph::getConstantFloats(Value value) {
  auto op = value.getDefiningOp<ConstantOp>();
  if (!op || !op.getType().getElementType().isF32())
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(op.getValue())) {
    auto values = dense.getValues<float>();
    return SmallVector<float>(values.begin(), values.end());
  }
  auto resource = dyn_cast<DenseResourceElementsAttr>(op.getValue());
  AsmResourceBlob *blob = resource ? resource.getRawHandle().getBlob() : nullptr;
  if (!blob || static_cast<int64_t>(blob->getData().size()) !=
                   op.getType().getNumElements() * 4)
    return std::nullopt;
  SmallVector<float> values(op.getType().getNumElements());
  std::memcpy(values.data(), blob->getData().data(), values.size() * 4);
  return values;
}

ElementsAttr mlir::mlc::graph::makeFloatConstant(RankedTensorType type,
                                                 ArrayRef<float> values,
                                                 StringRef name,
                                                 int64_t maxInline) {
  if (type.getNumElements() <= maxInline)
    return DenseElementsAttr::get(type, values);
  ArrayRef<char> bytes(reinterpret_cast<const char *>(values.data()),
                       values.size() * sizeof(float));
  return DenseResourceElementsAttr::get(
      type, name, HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, 4));
}

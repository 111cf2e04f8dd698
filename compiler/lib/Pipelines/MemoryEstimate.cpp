// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Compile-time estimate of the memory a model needs at run time.

#include "mlc/Pipelines/Pipelines.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace mlir::mlc;

static uint64_t byteSize(ShapedType type) {
  if (!type.hasStaticShape())
    return 0;
  uint64_t bits = type.getElementTypeBitWidth();
  return type.getNumElements() * std::max<uint64_t>(1, bits / 8);
}

MemoryEstimate mlir::mlc::estimateMemory(func::FuncOp model,
                                         const ArtifactContents &contents) {
  MemoryEstimate e;
  for (llvm::ArrayRef<char> w : contents.weights)
    e.weights += w.size();
  FunctionType type = model.getFunctionType();
  for (Type t : type.getInputs().take_front(contents.inputs.size()))
    e.inputsOutputs += byteSize(cast<ShapedType>(t));
  for (Type t : type.getResults())
    e.inputsOutputs += byteSize(cast<ShapedType>(t));
  // Every tensor.empty left after fusion becomes at most one buffer.
  model.walk([&](tensor::EmptyOp op) { e.intermediates += byteSize(op.getType()); });
  return e;
}

std::string mlir::mlc::formatBytes(uint64_t bytes) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (bytes >= (1ull << 30))
    os << llvm::format("%.2f GiB", bytes / double(1ull << 30));
  else if (bytes >= (1ull << 20))
    os << llvm::format("%.2f MiB", bytes / double(1ull << 20));
  else if (bytes >= 1024)
    os << llvm::format("%.2f KiB", bytes / 1024.0);
  else
    os << bytes << " bytes";
  return s;
}

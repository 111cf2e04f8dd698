// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "BufferUses.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::mlc;

Value mlir::mlc::rootBuffer(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

// Whether |op| writes all of |buffer| without reading it first.
static bool overwrites(Operation *op, Value buffer) {
  auto writes = [&](ValueRange inits) {
    return llvm::any_of(inits, [&](Value v) { return v == buffer; });
  };
  if (auto fill = dyn_cast<linalg::FillOp>(op))
    return writes(fill.getDpsInits());
  auto generic = dyn_cast<linalg::GenericOp>(op);
  return generic && writes(generic.getDpsInits()) &&
         llvm::none_of(generic.getDpsInputs(),
                       [&](Value v) { return rootBuffer(v) == buffer; });
}

std::optional<SmallVector<Operation *>>
mlir::mlc::readersBeforeNextWrite(Operation *writer, Value buffer) {
  if (llvm::any_of(buffer.getUsers(), [&](Operation *user) {
        return user->getBlock() != writer->getBlock();
      }))
    return std::nullopt;
  SmallVector<Operation *> readers;
  for (Operation *op = writer->getNextNode(); op; op = op->getNextNode()) {
    if (isa<ViewLikeOpInterface>(op) ||
        llvm::none_of(op->getOperands(),
                      [&](Value v) { return rootBuffer(v) == buffer; }))
      continue;
    if (isa<memref::DeallocOp>(op) || overwrites(op, buffer))
      break;
    readers.push_back(op);
  }
  return readers;
}

void mlir::mlc::eraseIfOnlyDeallocated(Operation *buffer) {
  if (llvm::any_of(buffer->getUsers(), [](Operation *user) {
        return !isa<memref::DeallocOp>(user);
      }))
    return;
  for (Operation *user : llvm::make_early_inc_range(buffer->getUsers()))
    user->erase();
  buffer->erase();
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Who reads a model buffer between two writes, on the straight-line memref
// code of @main after bufferization (mlc-cpu-ukernel-calls). Views (view-like
// ops: expand/collapse_shape, subview, ...) are not reads; bufferization may
// share one buffer between ops of one shape, and CSE one view.

#ifndef MLC_TARGET_CPU_BUFFERUSES_H
#define MLC_TARGET_CPU_BUFFERUSES_H

#include "mlir/IR/Operation.h"

#include <optional>

namespace mlir::mlc {

// The buffer |v| is a view of (through view ops), or |v|.
Value rootBuffer(Value v);

// The ops after |writer| in its block that read |buffer| (directly or through
// a view) before it is written again (a fill, or a generic that does not
// read it) or deallocated; none when the buffer is used in another block.
std::optional<SmallVector<Operation *>>
readersBeforeNextWrite(Operation *writer, Value buffer);

// Erases the allocation |buffer| when deallocations are its only uses left.
void eraseIfOnlyDeallocated(Operation *buffer);

} // namespace mlir::mlc

#endif // MLC_TARGET_CPU_BUFFERUSES_H

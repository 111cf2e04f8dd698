// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The elementwise op after a matmul (or convolution) microkernel call that
// the kernel can apply as it stores C (ukernels/matmul_f32.c, epilogue_t):
// out = min(max(C + bias, lo), hi), each step optional, the bias a vector
// broadcast along C's rows or columns. Used by mlc-cpu-ukernel-calls.

#ifndef MLC_TARGET_CPU_MATMULEPILOGUE_H
#define MLC_TARGET_CPU_MATMULEPILOGUE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <optional>

namespace mlir::mlc {

struct MatmulEpilogue {
  linalg::GenericOp op;
  // The view of C the generic reads (C itself or an expand_shape of it).
  Value input;
  Value bias;  // null: none
  bool biasPerRow = false;
  double lo = 0, hi = 0;  // +-infinity: no clamp
};

// The epilogue of |kernelOp|, which overwrites the buffer |c| (the zero fill
// before it dropped) reading |reads|, if the kernel can apply it: C is a
// buffer that nothing else reads, and the generic's output is free to be
// written at |kernelOp| and is none of the buffers the kernel reads.
std::optional<MatmulEpilogue> matchMatmulEpilogue(Operation *kernelOp, Value c,
                                                  ValueRange reads);

// The epilogue of a depthwise convolution's |kernelOp| that updates its
// output |out| (NCHW) in place right after it (view ops aside): out =
// min(max(out + bias[channel], lo), hi), applied by the kernel instead. A
// subview giving the bias moves before |kernelOp|.
std::optional<MatmulEpilogue> matchInPlaceEpilogue(Operation *kernelOp,
                                                   Value out);

// Where the kernel stores with |epilogue| (a 2-D view of its output, whose
// allocation moves before |kernelOp|), or |c| without one.
Value epilogueOutput(OpBuilder &b, Operation *kernelOp, Value c,
                     const std::optional<MatmulEpilogue> &epilogue);

// The kernel's epilogue arguments: bias address (0: none), its row and
// column strides, and the clamp bounds.
SmallVector<Value> epilogueArguments(OpBuilder &b, Location loc,
                                     const std::optional<MatmulEpilogue> &e);

// Erases the applied epilogue, and C's buffer (and view) with it when
// nothing else uses them.
void eraseEpilogue(const MatmulEpilogue &epilogue, Value c);

} // namespace mlir::mlc

#endif // MLC_TARGET_CPU_MATMULEPILOGUE_H

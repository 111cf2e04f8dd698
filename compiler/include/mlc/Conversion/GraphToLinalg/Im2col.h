// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_CONVERSION_GRAPHTOLINALG_IM2COL_H
#define MLC_CONVERSION_GRAPHTOLINALG_IM2COL_H

#include "mlir/IR/AffineMap.h"

namespace mlir::mlc {

/// The read map of a batch-1 convolution's im2col copy over (c, kh, kw, y,
/// x): input[0, c, y * s0 + kh * d0, x * s1 + kw * d1]. ConvolutionToLinalg
/// builds the copy with it; mlc-cpu-ukernel-calls recognizes the copy by it.
inline AffineMap im2colReadMap(MLIRContext *ctx, ArrayRef<int64_t> s,
                               ArrayRef<int64_t> d) {
  AffineExpr c, kh, kw, y, x;
  bindDims(ctx, c, kh, kw, y, x);
  return AffineMap::get(5, 0,
                        {getAffineConstantExpr(0, ctx), c, y * s[0] + kh * d[0],
                         x * s[1] + kw * d[1]},
                        ctx);
}

} // namespace mlir::mlc

#endif // MLC_CONVERSION_GRAPHTOLINALG_IM2COL_H

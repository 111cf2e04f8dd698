// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FUSION_PASSES_H
#define MLC_FUSION_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::mlc {

#define GEN_PASS_DECL
#include "mlc/Fusion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mlc/Fusion/Passes.h.inc"

/// Control function of mlc-fuse-elementwise: fuse a single-use producer
/// into an all-parallel linalg.generic consumer only.
bool shouldFuseElementwise(OpOperand *fusedOperand);

/// Returns the single-use contraction (a linalg op with a reduction loop)
/// feeding an input of the all-parallel generic |epilogue|, or null.
linalg::LinalgOp getFusableContraction(linalg::GenericOp epilogue);

/// Tiles |epilogue| (batch dims by 1, rows and columns by the largest
/// divisors of their sizes up to |rowTile| and |colTile|, rows up to
/// |tileElements| / columns per tile if more) and fuses its
/// contraction producer and the producer's fill into the loops. With
/// |parallelLoops| the loops are one scf.forall and, where it can, the
/// contraction computes into the epilogue's output tile, which the epilogue
/// updates in place (no tile buffer shared between iterations).
LogicalResult fuseContractionIntoEpilogue(RewriterBase &rewriter,
                                          linalg::GenericOp epilogue,
                                          int64_t rowTile, int64_t colTile,
                                          int64_t tileElements = 0,
                                          bool parallelLoops = false);

} // namespace mlir::mlc

#endif // MLC_FUSION_PASSES_H

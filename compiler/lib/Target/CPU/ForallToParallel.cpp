// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Bufferized scf.forall loops (fused tile loops) as scf.parallel where their
// iterations share no buffer the loop allocates, else as scf.for.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/SCF/Transforms/Transforms.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_FORALLTOPARALLELPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

namespace {
struct ForallToParallelPass
    : mlc::impl::ForallToParallelPassBase<ForallToParallelPass> {
  void runOnOperation() override {
    SmallVector<scf::ForallOp> loops;
    getOperation()->walk([&](scf::ForallOp loop) { loops.push_back(loop); });
    IRRewriter rewriter(&getContext());
    // Innermost first (walk order), so an outer loop sees converted bodies.
    for (scf::ForallOp loop : loops) {
      bool allocates =
          loop.getNumResults() != 0 ||
          loop->walk([](Operation *op) {
                return isa<memref::AllocOp, memref::AllocaOp>(op)
                           ? WalkResult::interrupt()
                           : WalkResult::advance();
              }).wasInterrupted();
      rewriter.setInsertionPoint(loop);
      if (failed(allocates ? scf::forallToForLoop(rewriter, loop)
                           : scf::forallToParallelLoop(rewriter, loop)))
        return signalPassFailure();
    }
  }
};
} // namespace

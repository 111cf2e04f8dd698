// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// exp, erf and tanh as polynomial approximations built from arith and math
// ops LLVM vectorizes, instead of libm calls that keep loops scalar.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_APPROXIMATEMATHPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

namespace {
struct ApproximateMathPass
    : mlc::impl::ApproximateMathPassBase<ApproximateMathPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<math::ExpOp, math::ErfOp, math::TanhOp>(op) &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF32())
        ops.push_back(op);
    });
    if (ops.empty())
      return;
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    GreedyRewriteConfig config;
    // Only these ops, and the ops their expansions create (erf's uses exp).
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    if (failed(applyOpPatternsAndFold(ops, std::move(patterns), config)))
      return signalPassFailure();
  }
};
} // namespace

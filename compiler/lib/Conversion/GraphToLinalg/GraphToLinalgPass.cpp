// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_CONVERTGRAPHTOLINALGPASS
#include "mlc/Conversion/GraphToLinalg/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

namespace {
struct ConvertGraphToLinalgPass
    : mlc::impl::ConvertGraphToLinalgPassBase<ConvertGraphToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    populateElementwiseToLinalgPatterns(patterns);
    populateContractionToLinalgPatterns(patterns);
    populateConvolutionToLinalgPatterns(patterns);
    populateResizeToLinalgPatterns(patterns);
    populateDataMovementToLinalgPatterns(patterns);
    populateSelectCastToLinalgPatterns(patterns);
    populateReductionToLinalgPatterns(patterns);
    populateIndexingToLinalgPatterns(patterns);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<graph::GraphDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, tensor::TensorDialect>();
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

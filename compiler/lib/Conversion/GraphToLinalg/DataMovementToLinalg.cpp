// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// constant -> arith.constant, transpose -> linalg.transpose, reshape ->
// tensor.collapse_shape to 1-D followed by tensor.expand_shape.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;

namespace {

struct ConstantToArith : OpRewritePattern<ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstantOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct TransposeToLinalg : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    Value init = lowering::createEmpty(rewriter, op.getLoc(), op.getType());
    auto transpose = rewriter.create<linalg::TransposeOp>(
        op.getLoc(), op.getInput(), init, op.getPermutation());
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

// All dims of a rank-|rank| tensor in one reassociation group (none for 0).
SmallVector<ReassociationIndices> allInOneGroup(int64_t rank) {
  if (rank == 0)
    return {};
  return {llvm::to_vector(llvm::seq<int64_t>(0, rank))};
}

struct ReshapeToTensor : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto in = op.getInput().getType();
    auto out = op.getType();
    auto flatType = RankedTensorType::get({in.getNumElements()},
                                          in.getElementType());
    Value flat = op.getInput();
    if (in.getRank() > 1)
      flat = rewriter.create<tensor::CollapseShapeOp>(
          loc, flatType, flat, allInOneGroup(in.getRank()));
    else if (in.getRank() == 0)
      flat = rewriter.create<tensor::ExpandShapeOp>(loc, flatType, flat,
                                                    allInOneGroup(0));
    Value result = flat;
    if (out.getRank() > 1)
      result = rewriter.create<tensor::ExpandShapeOp>(
          loc, out, flat, allInOneGroup(out.getRank()));
    else if (out.getRank() == 0)
      result = rewriter.create<tensor::CollapseShapeOp>(loc, out, flat,
                                                        allInOneGroup(0));
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::mlc::populateDataMovementToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, TransposeToLinalg, ReshapeToTensor>(
      patterns.getContext());
}

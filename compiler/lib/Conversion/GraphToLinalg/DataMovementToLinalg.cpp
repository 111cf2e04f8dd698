// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// constant -> arith.constant, transpose -> linalg.transpose, reshape ->
// tensor.collapse_shape to 1-D followed by tensor.expand_shape (static) or
// tensor.reshape (dynamic sizes), concat -> tensor.insert_slice.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
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
    Value init = lowering::createEmpty(rewriter, op.getLoc(), op.getType(),
                                       lowering::resultDims(rewriter, op));
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
    if (!in.hasStaticShape() || !out.hasStaticShape()) {
      rewriter.replaceOp(op, lowering::reshapeToDims(
                                 rewriter, loc, op.getInput(), out,
                                 lowering::resultDims(rewriter, op)));
      return success();
    }
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

// a + b, folded when both are constants.
OpFoldResult addSizes(OpBuilder &b, Location loc, OpFoldResult x,
                      OpFoldResult y) {
  std::optional<int64_t> cx = getConstantIntValue(x), cy = getConstantIntValue(y);
  if (cx && cy)
    return b.getIndexAttr(*cx + *cy);
  return b
      .create<arith::AddIOp>(loc, getValueOrCreateConstantIndexOp(b, loc, x),
                             getValueOrCreateConstantIndexOp(b, loc, y))
      .getResult();
}

} // namespace

Value lowering::reshapeToDims(OpBuilder &b, Location loc, Value value,
                              RankedTensorType type,
                              ArrayRef<OpFoldResult> dims) {
  SmallVector<Value> sizes;
  for (OpFoldResult d : dims)
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, d));
  Value shape = b.create<tensor::FromElementsOp>(loc, sizes);
  return b.create<tensor::ReshapeOp>(loc, type, value, shape);
}

namespace {
// Each input is inserted into an empty result at its running offset.
struct ConcatToTensor : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t axis = op.getAxis();
    Value result = lowering::createEmpty(rewriter, loc, type,
                                         lowering::resultDims(rewriter, op));
    SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(type.getRank(), rewriter.getIndexAttr(1));
    OpFoldResult offset = rewriter.getIndexAttr(0);
    for (Value input : op.getInputs()) {
      offsets[axis] = offset;
      SmallVector<OpFoldResult> sizes =
          lowering::mixedSizes(rewriter, loc, input);
      result = rewriter.create<tensor::InsertSliceOp>(loc, input, result,
                                                      offsets, sizes, strides);
      offset = addSizes(rewriter, loc, offset, sizes[axis]);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PadToTensor : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    int64_t rank = op.getInput().getType().getRank();
    ArrayRef<int64_t> pads = op.getPads();
    SmallVector<OpFoldResult> low, high;
    for (int64_t i = 0; i < rank; ++i) {
      low.push_back(rewriter.getIndexAttr(pads[i]));
      high.push_back(rewriter.getIndexAttr(pads[rank + i]));
    }
    Value value = rewriter.create<arith::ConstantOp>(op.getLoc(), op.getValueAttr());
    rewriter.replaceOpWithNewOp<tensor::PadOp>(op, op.getType(), op.getInput(),
                                               low, high, value);
    return success();
  }
};

} // namespace

void mlir::mlc::populateDataMovementToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConstantToArith, TransposeToLinalg, ReshapeToTensor,
               ConcatToTensor, PadToTensor>(patterns.getContext());
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// gather, slice, broadcast and trilu -> linalg.generic (gathers read with
// tensor.extract at clamped indices) or tensor.extract_slice.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;

namespace {

Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

// An index read from a tensor, wrapped when negative and clamped to [0, n).
Value normalizeIndex(OpBuilder &b, Location loc, Value raw, OpFoldResult n) {
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), raw);
  Value zero = indexConstant(b, loc, 0);
  std::optional<int64_t> staticN = getConstantIntValue(n);
  Value size = staticN ? indexConstant(b, loc, *staticN) : cast<Value>(n);
  Value negative = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
  i = b.create<arith::SelectOp>(loc, negative,
                                b.create<arith::AddIOp>(loc, i, size), i);
  i = b.create<arith::MaxSIOp>(loc, i, zero);
  Value last = staticN ? indexConstant(b, loc, *staticN - 1)
                       : b.create<arith::SubIOp>(loc, size,
                                                 indexConstant(b, loc, 1));
  return b.create<arith::MinSIOp>(loc, i, last);
}

// A parallel generic over |type| whose body computes each element from the
// loop indices; |inputs| are read with |inputMaps|.
Value indexedGeneric(
    OpBuilder &b, Location loc, RankedTensorType type,
    ArrayRef<OpFoldResult> dims, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> body) {
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> parallel(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, inputs, lowering::createEmpty(b, loc, type, dims), maps,
          parallel,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            SmallVector<Value> ivs;
            for (int64_t d = 0; d < rank; ++d)
              ivs.push_back(nb.create<linalg::IndexOp>(l, d));
            nb.create<linalg::YieldOp>(l, body(nb, l, args.drop_back(), ivs));
          })
      .getResult(0);
}

struct GatherToLinalg : OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GatherOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    Value data = op.getData();
    auto dataType = cast<RankedTensorType>(data.getType());
    int64_t axis = op.getAxis();
    int64_t idxRank = cast<RankedTensorType>(op.getIndices().getType()).getRank();
    OpFoldResult n =
        dataType.isDynamicDim(axis)
            ? OpFoldResult(lowering::mixedSizes(rewriter, op.getLoc(), data)[axis])
            : OpFoldResult(rewriter.getIndexAttr(dataType.getDimSize(axis)));
    SmallVector<AffineExpr> idxExprs;
    for (int64_t d = 0; d < idxRank; ++d)
      idxExprs.push_back(rewriter.getAffineDimExpr(axis + d));
    AffineMap idxMap =
        AffineMap::get(type.getRank(), 0, idxExprs, op.getContext());
    Value result = indexedGeneric(
        rewriter, op.getLoc(), type, lowering::resultDims(rewriter, op),
        op.getIndices(), idxMap,
        [&](OpBuilder &b, Location l, ValueRange args, ValueRange ivs) -> Value {
          SmallVector<Value> at(ivs.begin(), ivs.begin() + axis);
          at.push_back(normalizeIndex(b, l, args[0], n));
          at.append(ivs.begin() + axis + idxRank, ivs.end());
          return b.create<tensor::ExtractOp>(l, data, at);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

// Positive steps: a strided tensor.extract_slice (a view after
// bufferization); otherwise a generic reading start + i * step.
struct SliceToTensor : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
    SmallVector<OpFoldResult> dims = lowering::resultDims(rewriter, op);
    if (llvm::all_of(steps, [](int64_t s) { return s > 0; })) {
      rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
          op, type, op.getInput(),
          getAsIndexOpFoldResult(op.getContext(), starts), dims,
          getAsIndexOpFoldResult(op.getContext(), steps));
      return success();
    }
    Value input = op.getInput();
    Value result = indexedGeneric(
        rewriter, op.getLoc(), type, dims, {}, {},
        [&](OpBuilder &b, Location l, ValueRange, ValueRange ivs) -> Value {
          SmallVector<Value> at;
          // One statement per op: argument evaluation order is unspecified.
          for (auto [d, iv] : llvm::enumerate(ivs)) {
            Value start = indexConstant(b, l, starts[d]);
            Value step = indexConstant(b, l, steps[d]);
            Value offset = b.create<arith::MulIOp>(l, iv, step);
            at.push_back(b.create<arith::AddIOp>(l, start, offset));
          }
          return b.create<tensor::ExtractOp>(l, input, at);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct BroadcastToLinalg : OpRewritePattern<BroadcastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BroadcastOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, lowering::buildElementwise(
                rewriter, op,
                [](OpBuilder &, Location, ValueRange args) { return args[0]; }));
    return success();
  }
};

struct TriluToLinalg : OpRewritePattern<TriluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TriluOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    int64_t rank = type.getRank(), k = op.getK();
    bool upper = op.getUpper();
    Type element = type.getElementType();
    Value result = indexedGeneric(
        rewriter, op.getLoc(), type,
        lowering::mixedSizes(rewriter, op.getLoc(), op.getInput()),
        op.getInput(), rewriter.getMultiDimIdentityMap(rank),
        [&](OpBuilder &b, Location l, ValueRange args, ValueRange ivs) -> Value {
          // Keep where j - i >= k (upper) or j - i <= k (lower).
          Value diff = b.create<arith::SubIOp>(l, ivs[rank - 1], ivs[rank - 2]);
          Value keep = b.create<arith::CmpIOp>(
              l, upper ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sle,
              diff, indexConstant(b, l, k));
          Value zero = b.create<arith::ConstantOp>(l, b.getZeroAttr(element));
          return b.create<arith::SelectOp>(l, keep, args[0], zero);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

// result[i] = start + i * delta.
struct IotaToLinalg : OpRewritePattern<IotaOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IotaOp op,
                                PatternRewriter &rewriter) const override {
    Type element = op.getType().getElementType();
    int64_t start = op.getStart(), delta = op.getDelta();
    Value result = indexedGeneric(
        rewriter, op.getLoc(), op.getType(),
        lowering::resultDims(rewriter, op), {}, {},
        [&](OpBuilder &b, Location l, ValueRange, ValueRange ivs) -> Value {
          Value step = b.create<arith::MulIOp>(l, ivs[0],
                                               indexConstant(b, l, delta));
          Value i = b.create<arith::AddIOp>(l, step,
                                            indexConstant(b, l, start));
          return b.create<arith::IndexCastOp>(l, element, i);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::mlc::populateIndexingToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherToLinalg, SliceToTensor, BroadcastToLinalg, TriluToLinalg,
               IotaToLinalg>(patterns.getContext());
}

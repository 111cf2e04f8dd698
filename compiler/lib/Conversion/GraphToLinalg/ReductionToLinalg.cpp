// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Reductions, layer_norm, rms_norm and cumsum -> linalg.generic: one
// reduction generic per statistic, then one parallel generic that applies it.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;
using lowering::floatConstant;

namespace {

using CombineFn = function_ref<Value(OpBuilder &, Location, Value, Value)>;

// Reduces |input| over the dims marked in |reduced| into a tensor without
// them, starting from |init| (a scalar attribute of the element type).
Value reduceDims(OpBuilder &b, Location loc, Value input,
                 ArrayRef<bool> reduced, TypedAttr init, CombineFn combine) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> exprs;
  SmallVector<utils::IteratorType> iterators;
  SmallVector<OpFoldResult> inDims = lowering::mixedSizes(b, loc, input), dims;
  for (int64_t d = 0; d < rank; ++d) {
    iterators.push_back(reduced[d] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (!reduced[d]) {
      shape.push_back(type.getDimSize(d));
      exprs.push_back(b.getAffineDimExpr(d));
      dims.push_back(inDims[d]);
    }
  }
  auto outType = RankedTensorType::get(shape, type.getElementType());
  Value empty = lowering::createEmpty(b, loc, outType, dims);
  Value filled =
      b.create<linalg::FillOp>(loc, ValueRange{b.create<arith::ConstantOp>(loc, init)},
                               ValueRange{empty})
          .getResult(0);
  SmallVector<AffineMap> maps = {
      b.getMultiDimIdentityMap(rank),
      AffineMap::get(rank, 0, exprs, b.getContext())};
  return b
      .create<linalg::GenericOp>(
          loc, outType, input, filled, maps, iterators,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            nb.create<linalg::YieldOp>(l, combine(nb, l, args[0], args[1]));
          })
      .getResult(0);
}

// Initial value of a max (|isMax|) or min reduction over |type|.
TypedAttr extremeAttr(OpBuilder &b, Type type, bool isMax) {
  if (isa<FloatType>(type))
    return b.getFloatAttr(type, isMax ? -std::numeric_limits<double>::infinity()
                                      : std::numeric_limits<double>::infinity());
  unsigned width = type.getIntOrFloatBitWidth();
  return b.getIntegerAttr(type, isMax ? APInt::getSignedMinValue(width)
                                      : APInt::getSignedMaxValue(width));
}

// fn(x) elementwise over |input|, in a parallel generic of the same type.
Value mapElementwise(OpBuilder &b, Location loc, Value input,
                     function_ref<Value(OpBuilder &, Location, Value)> fn) {
  auto type = cast<RankedTensorType>(input.getType());
  AffineMap id = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<utils::IteratorType> parallel(type.getRank(),
                                            utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, input,
          lowering::createEmpty(b, loc, type,
                                lowering::mixedSizes(b, loc, input)),
          ArrayRef<AffineMap>{id, id}, parallel,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            nb.create<linalg::YieldOp>(l, fn(nb, l, args[0]));
          })
      .getResult(0);
}

enum class ReduceKind { Sum, Mean, Max, Min };

template <typename GraphOp, ReduceKind kind>
struct ReduceToLinalg : OpRewritePattern<GraphOp> {
  using OpRewritePattern<GraphOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(GraphOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inType = op.getInput().getType();
    Type element = inType.getElementType();
    SmallVector<bool> reduced(inType.getRank(), false);
    int64_t count = 1;
    for (int64_t axis : op.getAxes()) {
      reduced[axis] = true;
      count *= inType.getDimSize(axis);
      if (kind == ReduceKind::Mean && inType.isDynamicDim(axis))
        return rewriter.notifyMatchFailure(op, "mean over a dynamic dim");
    }
    if (op.getAxes().empty()) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    bool isFloat = isa<FloatType>(element);
    TypedAttr init;
    CombineFn combine;
    auto add = [&](OpBuilder &b, Location l, Value x, Value acc) -> Value {
      if (isFloat)
        return b.create<arith::AddFOp>(l, x, acc);
      return b.create<arith::AddIOp>(l, x, acc);
    };
    auto max = [&](OpBuilder &b, Location l, Value x, Value acc) -> Value {
      if (isFloat)
        return b.create<arith::MaximumFOp>(l, x, acc);
      return b.create<arith::MaxSIOp>(l, x, acc);
    };
    auto min = [&](OpBuilder &b, Location l, Value x, Value acc) -> Value {
      if (isFloat)
        return b.create<arith::MinimumFOp>(l, x, acc);
      return b.create<arith::MinSIOp>(l, x, acc);
    };
    if constexpr (kind == ReduceKind::Max) {
      init = extremeAttr(rewriter, element, /*isMax=*/true);
      combine = max;
    } else if constexpr (kind == ReduceKind::Min) {
      init = extremeAttr(rewriter, element, /*isMax=*/false);
      combine = min;
    } else {
      init = rewriter.getZeroAttr(element);
      combine = add;
    }
    Value result = reduceDims(rewriter, loc, op.getInput(), reduced, init, combine);
    if constexpr (kind == ReduceKind::Mean) {
      Value scale = floatConstant(rewriter, loc, element, 1.0 / count);
      result = mapElementwise(rewriter, loc, result,
                              [&](OpBuilder &b, Location l, Value x) -> Value {
                                return b.create<arith::MulFOp>(l, x, scale);
                              });
    }
    rewriter.replaceOp(op, expandTo(rewriter, loc, result, op.getType()));
    return success();
  }

  // The reduced tensor reshaped to the keep_dims result type (unit dims).
  static Value expandTo(OpBuilder &b, Location loc, Value value,
                        RankedTensorType type) {
    auto from = cast<RankedTensorType>(value.getType());
    if (from == type)
      return value;
    std::optional<SmallVector<ReassociationIndices>> groups =
        getReassociationIndicesForReshape(from, type);
    return b.create<tensor::ExpandShapeOp>(loc, type, value, *groups);
  }
};

// A parallel generic over |type|'s shape. |inputs| are read through maps
// that drop the dims from |axis| on (per-row statistics, |rowStats| of
// them) or keep only those dims (per-column parameters, broadcast).
Value normalizeRows(OpBuilder &b, Location loc, RankedTensorType type,
                    int64_t axis, Value x, ArrayRef<Value> rowStats,
                    ArrayRef<Value> params, lowering::ElementwiseBodyFn body) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = type.getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
  SmallVector<Value> inputs = {x};
  SmallVector<AffineMap> maps = {id};
  SmallVector<AffineExpr> rowExprs;
  for (int64_t d = 0; d < axis; ++d)
    rowExprs.push_back(getAffineDimExpr(d, ctx));
  for (Value s : rowStats) {
    inputs.push_back(s);
    maps.push_back(AffineMap::get(rank, 0, rowExprs, ctx));
  }
  for (Value p : params) {
    inputs.push_back(p);
    maps.push_back(lowering::getBroadcastMap(
        ctx, cast<RankedTensorType>(p.getType()).getShape(), type.getShape(),
        rank));
  }
  maps.push_back(id);
  SmallVector<utils::IteratorType> parallel(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, inputs,
          lowering::createEmpty(b, loc, type, lowering::mixedSizes(b, loc, x)),
          maps, parallel,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            nb.create<linalg::YieldOp>(l, body(nb, l, args.drop_back()));
          })
      .getResult(0);
}

// Reduces |x| over the dims from |axis| on (one value per row), from 0.
Value rowReduce(OpBuilder &b, Location loc, Value x, int64_t axis,
                CombineFn combine) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<bool> reduced(type.getRank(), false);
  for (int64_t d = axis; d < type.getRank(); ++d)
    reduced[d] = true;
  return reduceDims(b, loc, x, reduced, b.getZeroAttr(type.getElementType()),
                    combine);
}

Value addCombine(OpBuilder &b, Location l, Value v, Value acc) {
  return b.create<arith::AddFOp>(l, v, acc);
}

// Elements per row, or kDynamic.
int64_t rowSize(RankedTensorType type, int64_t axis) {
  int64_t n = 1;
  for (int64_t d = axis; d < type.getRank(); ++d) {
    if (type.isDynamicDim(d))
      return ShapedType::kDynamic;
    n *= type.getDimSize(d);
  }
  return n;
}

// mean, variance (two passes for accuracy), then one normalizing generic.
struct LayerNormToLinalg : OpRewritePattern<LayerNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LayerNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t axis = op.getAxis();
    Type f = type.getElementType();
    if (ShapedType::isDynamic(rowSize(type, axis)))
      return rewriter.notifyMatchFailure(op, "dynamic normalized dims");
    double invN = 1.0 / rowSize(type, axis);
    float eps = op.getEpsilon().convertToFloat();
    Value x = op.getInput();
    Value sum = rowReduce(rewriter, loc, x, axis, addCombine);
    Value mean = mapElementwise(rewriter, loc, sum,
                                [&](OpBuilder &b, Location l, Value s) -> Value {
                                  return b.create<arith::MulFOp>(
                                      l, s, floatConstant(b, l, f, invN));
                                });
    Value squares = normalizeRows(
        rewriter, loc, type, axis, x, {mean}, {},
        [](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value d = b.create<arith::SubFOp>(l, a[0], a[1]);
          return b.create<arith::MulFOp>(l, d, d);
        });
    Value sq = rowReduce(rewriter, loc, squares, axis, addCombine);
    SmallVector<Value> params = {op.getScale()};
    if (op.getBias())
      params.push_back(op.getBias());
    Value result = normalizeRows(
        rewriter, loc, type, axis, x, {mean, sq}, params,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value var = b.create<arith::MulFOp>(l, a[2], floatConstant(b, l, f, invN));
          Value inv = b.create<math::RsqrtOp>(
              l, b.create<arith::AddFOp>(l, var, floatConstant(b, l, f, eps)));
          Value centered = b.create<arith::SubFOp>(l, a[0], a[1]);
          Value y = b.create<arith::MulFOp>(
              l, b.create<arith::MulFOp>(l, centered, inv), a[3]);
          return a.size() > 4 ? b.create<arith::AddFOp>(l, y, a[4]) : y;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct RmsNormToLinalg : OpRewritePattern<RmsNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RmsNormOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t axis = type.getRank() - 1;
    Type f = type.getElementType();
    if (ShapedType::isDynamic(rowSize(type, axis)))
      return rewriter.notifyMatchFailure(op, "dynamic normalized dims");
    double invN = 1.0 / rowSize(type, axis);
    float eps = op.getEpsilon().convertToFloat();
    // The squares are summed inside the reduction, with no buffer of them.
    Value sq = rowReduce(rewriter, loc, op.getInput(), axis,
                         [](OpBuilder &b, Location l, Value v, Value acc) -> Value {
                           return b.create<arith::AddFOp>(
                               l, b.create<arith::MulFOp>(l, v, v), acc);
                         });
    Value result = normalizeRows(
        rewriter, loc, type, axis, op.getInput(), {sq}, {op.getScale()},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value ms = b.create<arith::MulFOp>(l, a[1], floatConstant(b, l, f, invN));
          Value inv = b.create<math::RsqrtOp>(
              l, b.create<arith::AddFOp>(l, ms, floatConstant(b, l, f, eps)));
          return b.create<arith::MulFOp>(
              l, b.create<arith::MulFOp>(l, a[0], inv), a[2]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

// out[..i..] = sum over k of x[..k..] where k is before i (or after it with
// `reverse`), i itself included unless `exclusive`: a generic with an extra
// reduction dim k. Quadratic in the axis size, which is a sequence length.
struct CumSumToLinalg : OpRewritePattern<CumSumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CumSumOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    MLIRContext *ctx = op.getContext();
    int64_t rank = type.getRank(), axis = op.getAxis();
    Type element = type.getElementType();
    SmallVector<AffineExpr> in;
    for (int64_t d = 0; d < rank; ++d)
      in.push_back(getAffineDimExpr(d == axis ? rank : d, ctx));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, in, ctx),
        AffineMap::getMultiDimIdentityMap(rank + 1, ctx).getMajorSubMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value init = rewriter
                     .create<linalg::FillOp>(
                         loc,
                         ValueRange{rewriter.create<arith::ConstantOp>(
                             loc, rewriter.getZeroAttr(element))},
                         ValueRange{lowering::createEmpty(
                             rewriter, loc, type,
                             lowering::mixedSizes(rewriter, loc,
                                                  op.getInput()))})
                     .getResult(0);
    arith::CmpIPredicate pred =
        op.getReverse() ? (op.getExclusive() ? arith::CmpIPredicate::ugt
                                             : arith::CmpIPredicate::uge)
                        : (op.getExclusive() ? arith::CmpIPredicate::ult
                                             : arith::CmpIPredicate::ule);
    bool isFloat = isa<FloatType>(element);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, op.getInput(), init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value i = b.create<linalg::IndexOp>(l, axis);
          Value k = b.create<linalg::IndexOp>(l, rank);
          Value take = b.create<arith::CmpIOp>(l, pred, k, i);
          Value zero = b.create<arith::ConstantOp>(l, b.getZeroAttr(element));
          Value term = b.create<arith::SelectOp>(l, take, args[0], zero);
          Value sum = isFloat ? b.create<arith::AddFOp>(l, term, args[1]).getResult()
                              : b.create<arith::AddIOp>(l, term, args[1]).getResult();
          b.create<linalg::YieldOp>(l, sum);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void mlir::mlc::populateReductionToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReduceToLinalg<ReduceSumOp, ReduceKind::Sum>,
               ReduceToLinalg<ReduceMeanOp, ReduceKind::Mean>,
               ReduceToLinalg<ReduceMaxOp, ReduceKind::Max>,
               ReduceToLinalg<ReduceMinOp, ReduceKind::Min>, LayerNormToLinalg,
               RmsNormToLinalg, CumSumToLinalg>(ctx);
}

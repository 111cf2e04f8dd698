// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Elementwise mlc_graph ops -> linalg.generic with broadcasting indexing maps.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/AffineMap.h"

#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;

Value lowering::createEmpty(OpBuilder &b, Location loc, RankedTensorType type,
                            ArrayRef<OpFoldResult> dims) {
  SmallVector<Value> dynamic;
  for (auto [i, d] : llvm::enumerate(dims))
    if (type.isDynamicDim(i))
      dynamic.push_back(getValueOrCreateConstantIndexOp(b, loc, d));
  return b.create<tensor::EmptyOp>(loc, type, dynamic);
}

Value lowering::createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                             float value, ArrayRef<OpFoldResult> dims) {
  Value init = createEmpty(b, loc, type, dims);
  Value scalar = b.create<arith::ConstantOp>(
      loc, b.getFloatAttr(type.getElementType(), value));
  return b.create<linalg::FillOp>(loc, scalar, init).getResult(0);
}

SmallVector<OpFoldResult> lowering::resultDims(OpBuilder &b, Operation *op) {
  FailureOr<SmallVector<OpFoldResult>> dims = graph::reifyResultDims(b, op);
  return succeeded(dims) ? *dims : SmallVector<OpFoldResult>();
}

SmallVector<OpFoldResult> lowering::mixedSizes(OpBuilder &b, Location loc,
                                               Value v) {
  return tensor::getMixedSizes(b, loc, v);
}

AffineMap lowering::getBroadcastMap(MLIRContext *ctx,
                                  ArrayRef<int64_t> operandShape,
                                  ArrayRef<int64_t> outShape,
                                  unsigned numDims) {
  SmallVector<AffineExpr> exprs;
  size_t offset = outShape.size() - operandShape.size();
  for (auto [i, size] : llvm::enumerate(operandShape)) {
    if (size == 1 && outShape[offset + i] != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(offset + i, ctx));
  }
  return AffineMap::get(numDims, 0, exprs, ctx);
}

Value lowering::buildElementwise(PatternRewriter &rewriter, Operation *op,
                                 ElementwiseBodyFn body) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  MLIRContext *ctx = op->getContext();
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps;
  // Tensor operands only: broadcast's size operands are not read.
  SmallVector<Value> inputs;
  for (Value operand : op->getOperands())
    if (auto t = dyn_cast<RankedTensorType>(operand.getType())) {
      inputs.push_back(operand);
      maps.push_back(
          lowering::getBroadcastMap(ctx, t.getShape(), type.getShape(), rank));
    }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = lowering::createEmpty(rewriter, op->getLoc(), type,
                                     lowering::resultDims(rewriter, op));
  auto generic = rewriter.create<linalg::GenericOp>(
      op->getLoc(), type, inputs, init, maps, iterators,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        b.create<linalg::YieldOp>(loc, body(b, loc, args.drop_back()));
      });
  return generic.getResult(0);
}

Value lowering::floatConstant(OpBuilder &b, Location loc, Type type,
                              double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

namespace {

using lowering::buildElementwise;
using lowering::floatConstant;

// x / y on signless integers, truncating toward zero. Division by zero and
// MIN / -1 would trap on x86: they yield 0 and -x (wrapped) instead.
Value safeIntDiv(OpBuilder &b, Location loc, Value x, Value y) {
  Type type = x.getType();
  Value zero = b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, 0));
  Value one = b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, 1));
  Value minusOne = b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, -1));
  Value isZero = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, y, zero);
  Value isMinusOne =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, y, minusOne);
  Value trapFree = b.create<arith::SelectOp>(
      loc, b.create<arith::OrIOp>(loc, isZero, isMinusOne), one, y);
  Value quotient = b.create<arith::DivSIOp>(loc, x, trapFree);
  Value negated = b.create<arith::SubIOp>(loc, zero, x);
  Value result = b.create<arith::SelectOp>(loc, isMinusOne, negated, quotient);
  return b.create<arith::SelectOp>(loc, isZero, zero, result);
}

template <typename FloatOp, typename IntOp>
Value arithBody(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return b.create<FloatOp>(loc, x, y);
  return b.create<IntOp>(loc, x, y);
}

Value divBody(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return b.create<arith::DivFOp>(loc, x, y);
  return safeIntDiv(b, loc, x, y);
}

Value powBody(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<math::PowFOp>(loc, x, y);
}

using BinaryBodyFn = Value (*)(OpBuilder &, Location, Value, Value);

template <typename GraphOp>
struct BinaryToLinalg : OpRewritePattern<GraphOp> {
  BinaryToLinalg(MLIRContext *ctx, BinaryBodyFn body)
      : OpRewritePattern<GraphOp>(ctx), body(body) {}
  LogicalResult matchAndRewrite(GraphOp op,
                                PatternRewriter &rewriter) const override {
    Value result = buildElementwise(
        rewriter, op, [&](OpBuilder &b, Location loc, ValueRange args) {
          return body(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
  BinaryBodyFn body;
};

// Scalar body of a unary op; |op| supplies attributes.
template <typename GraphOp>
using UnaryBodyFn = Value (*)(GraphOp, OpBuilder &, Location, Value);

template <typename GraphOp>
struct UnaryToLinalg : OpRewritePattern<GraphOp> {
  UnaryToLinalg(MLIRContext *ctx, UnaryBodyFn<GraphOp> body)
      : OpRewritePattern<GraphOp>(ctx), body(body) {}
  LogicalResult matchAndRewrite(GraphOp op,
                                PatternRewriter &rewriter) const override {
    Value result = buildElementwise(
        rewriter, op, [&](OpBuilder &b, Location loc, ValueRange args) {
          return body(op, b, loc, args[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
  UnaryBodyFn<GraphOp> body;
};

Value clamp(OpBuilder &b, Location loc, Value x, double lo, double hi) {
  Value low = b.create<arith::MaximumFOp>(
      loc, x, floatConstant(b, loc, x.getType(), lo));
  return b.create<arith::MinimumFOp>(
      loc, low, floatConstant(b, loc, x.getType(), hi));
}

Value reluBody(ReluOp, OpBuilder &b, Location loc, Value x) {
  return b.create<arith::MaximumFOp>(
      loc, x, floatConstant(b, loc, x.getType(), 0.0));
}

Value clipBody(ClipOp op, OpBuilder &b, Location loc, Value x) {
  return clamp(b, loc, x, op.getMin().convertToFloat(),
               op.getMax().convertToFloat());
}

Value leakyReluBody(LeakyReluOp op, OpBuilder &b, Location loc, Value x) {
  Value zero = floatConstant(b, loc, x.getType(), 0.0);
  Value scaled = b.create<arith::MulFOp>(
      loc, x, floatConstant(b, loc, x.getType(), op.getAlpha().convertToFloat()));
  Value positive = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, x, zero);
  return b.create<arith::SelectOp>(loc, positive, x, scaled);
}

Value hardSigmoidBody(HardSigmoidOp op, OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value alpha = floatConstant(b, loc, t, op.getAlpha().convertToFloat());
  Value beta = floatConstant(b, loc, t, op.getBeta().convertToFloat());
  Value linear = b.create<arith::AddFOp>(
      loc, b.create<arith::MulFOp>(loc, x, alpha), beta);
  return clamp(b, loc, linear, 0.0, 1.0);
}

Value sigmoidBody(SigmoidOp, OpBuilder &b, Location loc, Value x) {
  Value one = floatConstant(b, loc, x.getType(), 1.0);
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  return b.create<arith::DivFOp>(loc, one, b.create<arith::AddFOp>(loc, one, e));
}

template <typename MathOp, typename GraphOp>
Value mathBody(GraphOp, OpBuilder &b, Location loc, Value x) {
  return b.create<MathOp>(loc, x);
}

Value reciprocalBody(ReciprocalOp, OpBuilder &b, Location loc, Value x) {
  return b.create<arith::DivFOp>(loc, floatConstant(b, loc, x.getType(), 1.0),
                                 x);
}

// softmax(x) = exp(x - max) / sum(exp(x - max)) along |axis|: four generics,
// two of them reductions into tensors without the axis.
struct SoftmaxToLinalg : OpRewritePattern<SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t rank = type.getRank(), axis = op.getAxis();
    if (rank == 0)
      return rewriter.notifyMatchFailure(op, "rank-0 softmax");
    MLIRContext *ctx = op.getContext();
    SmallVector<int64_t> reducedShape(type.getShape());
    reducedShape.erase(reducedShape.begin() + axis);
    auto reducedType = RankedTensorType::get(reducedShape, type.getElementType());
    SmallVector<OpFoldResult> dims =
        lowering::mixedSizes(rewriter, loc, op.getInput());
    SmallVector<OpFoldResult> reducedDims(dims);
    reducedDims.erase(reducedDims.begin() + axis);
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap dropAxis = id.dropResult(axis);
    SmallVector<utils::IteratorType> parallel(rank,
                                              utils::IteratorType::parallel);
    SmallVector<utils::IteratorType> reduce = parallel;
    reduce[axis] = utils::IteratorType::reduction;

    auto reduction = [&](Value in, float init, auto combine) {
      Value acc =
          lowering::createFilled(rewriter, loc, reducedType, init, reducedDims);
      return rewriter
          .create<linalg::GenericOp>(
              loc, reducedType, in, acc, ArrayRef<AffineMap>{id, dropAxis},
              reduce,
              [&](OpBuilder &b, Location l, ValueRange args) {
                b.create<linalg::YieldOp>(l, combine(b, l, args[0], args[1]));
              })
          .getResult(0);
    };
    auto pointwise = [&](Value a, Value b, auto fn) {
      return rewriter
          .create<linalg::GenericOp>(
              loc, type, ValueRange{a, b},
              lowering::createEmpty(rewriter, loc, type, dims),
              ArrayRef<AffineMap>{id, dropAxis, id}, parallel,
              [&](OpBuilder &bb, Location l, ValueRange args) {
                bb.create<linalg::YieldOp>(l, fn(bb, l, args[0], args[1]));
              })
          .getResult(0);
    };

    Value max = reduction(op.getInput(), -std::numeric_limits<float>::infinity(),
                          [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
                            return b.create<arith::MaximumFOp>(l, x, acc);
                          });
    Value exps = pointwise(op.getInput(), max,
                           [](OpBuilder &b, Location l, Value x, Value m) -> Value {
                             return b.create<math::ExpOp>(
                                 l, b.create<arith::SubFOp>(l, x, m));
                           });
    Value sum = reduction(exps, 0.0f,
                          [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
                            return b.create<arith::AddFOp>(l, x, acc);
                          });
    Value result = pointwise(exps, sum,
                             [](OpBuilder &b, Location l, Value e, Value s) -> Value {
                               return b.create<arith::DivFOp>(l, e, s);
                             });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::mlc::populateElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<SoftmaxToLinalg>(ctx);
  patterns.add<BinaryToLinalg<AddOp>>(ctx, arithBody<arith::AddFOp, arith::AddIOp>);
  patterns.add<BinaryToLinalg<SubOp>>(ctx, arithBody<arith::SubFOp, arith::SubIOp>);
  patterns.add<BinaryToLinalg<MulOp>>(ctx, arithBody<arith::MulFOp, arith::MulIOp>);
  patterns.add<BinaryToLinalg<DivOp>>(ctx, divBody);
  patterns.add<UnaryToLinalg<ReluOp>>(ctx, reluBody);
  patterns.add<UnaryToLinalg<SigmoidOp>>(ctx, sigmoidBody);
  patterns.add<BinaryToLinalg<MaxOp>>(ctx, arithBody<arith::MaximumFOp, arith::MaxSIOp>);
  patterns.add<BinaryToLinalg<MinOp>>(ctx, arithBody<arith::MinimumFOp, arith::MinSIOp>);
  patterns.add<BinaryToLinalg<PowOp>>(ctx, powBody);
  patterns.add<BinaryToLinalg<AndOp>>(ctx, arithBody<arith::AndIOp, arith::AndIOp>);
  patterns.add<BinaryToLinalg<OrOp>>(ctx, arithBody<arith::OrIOp, arith::OrIOp>);
  patterns.add<BinaryToLinalg<XorOp>>(ctx, arithBody<arith::XOrIOp, arith::XOrIOp>);
  patterns.add<UnaryToLinalg<TanhOp>>(ctx, mathBody<math::TanhOp, TanhOp>);
  patterns.add<UnaryToLinalg<ExpOp>>(ctx, mathBody<math::ExpOp, ExpOp>);
  patterns.add<UnaryToLinalg<LogOp>>(ctx, mathBody<math::LogOp, LogOp>);
  patterns.add<UnaryToLinalg<SqrtOp>>(ctx, mathBody<math::SqrtOp, SqrtOp>);
  patterns.add<UnaryToLinalg<NegOp>>(ctx, mathBody<arith::NegFOp, NegOp>);
  patterns.add<UnaryToLinalg<AbsOp>>(ctx, mathBody<math::AbsFOp, AbsOp>);
  patterns.add<UnaryToLinalg<ErfOp>>(ctx, mathBody<math::ErfOp, ErfOp>);
  patterns.add<UnaryToLinalg<SinOp>>(ctx, mathBody<math::SinOp, SinOp>);
  patterns.add<UnaryToLinalg<CosOp>>(ctx, mathBody<math::CosOp, CosOp>);
  patterns.add<UnaryToLinalg<ReciprocalOp>>(ctx, reciprocalBody);
  patterns.add<UnaryToLinalg<ClipOp>>(ctx, clipBody);
  patterns.add<UnaryToLinalg<LeakyReluOp>>(ctx, leakyReluBody);
  patterns.add<UnaryToLinalg<HardSigmoidOp>>(ctx, hardSigmoidBody);
}

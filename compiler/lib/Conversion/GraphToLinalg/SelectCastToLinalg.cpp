// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// gelu, comparisons, logical not, where and cast -> elementwise
// linalg.generic ops with numpy broadcasting.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;
using lowering::buildElementwise;
using lowering::floatConstant;

namespace {

// 0.5 * x * (1 + erf(x / sqrt(2))), or the tanh approximation.
struct GeluToLinalg : OpRewritePattern<GeluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GeluOp op,
                                PatternRewriter &rewriter) const override {
    bool useTanh = op.getApproximate() == "tanh";
    Value result = buildElementwise(
        rewriter, op, [&](OpBuilder &b, Location loc, ValueRange args) {
          Value x = args[0];
          Type t = x.getType();
          auto c = [&](double v) { return floatConstant(b, loc, t, v); };
          Value inner;
          if (useTanh) {
            Value cube = b.create<arith::MulFOp>(
                loc, x, b.create<arith::MulFOp>(loc, x, x));
            Value poly = b.create<arith::AddFOp>(
                loc, x, b.create<arith::MulFOp>(loc, cube, c(0.044715)));
            inner = b.create<math::TanhOp>(
                loc, b.create<arith::MulFOp>(loc, poly,
                                             c(std::sqrt(2.0 / M_PI))));
          } else {
            inner = b.create<math::ErfOp>(
                loc, b.create<arith::MulFOp>(loc, x, c(M_SQRT1_2)));
          }
          Value half = b.create<arith::MulFOp>(loc, x, c(0.5));
          return b.create<arith::MulFOp>(
              loc, half, b.create<arith::AddFOp>(loc, inner, c(1.0)));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

arith::CmpIPredicate unsignedOf(arith::CmpIPredicate p) {
  switch (p) {
  case arith::CmpIPredicate::slt: return arith::CmpIPredicate::ult;
  case arith::CmpIPredicate::sle: return arith::CmpIPredicate::ule;
  case arith::CmpIPredicate::sgt: return arith::CmpIPredicate::ugt;
  case arith::CmpIPredicate::sge: return arith::CmpIPredicate::uge;
  default: return p;
  }
}

template <typename GraphOp>
struct CompareToLinalg : OpRewritePattern<GraphOp> {
  CompareToLinalg(MLIRContext *ctx, arith::CmpFPredicate fpred,
                  arith::CmpIPredicate ipred)
      : OpRewritePattern<GraphOp>(ctx), fpred(fpred), ipred(ipred) {}
  LogicalResult matchAndRewrite(GraphOp op,
                                PatternRewriter &rewriter) const override {
    Value result = buildElementwise(
        rewriter, op, [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          if (isa<FloatType>(args[0].getType()))
            return b.create<arith::CmpFOp>(loc, fpred, args[0], args[1]);
          // Booleans order false < true: compare i1 unsigned.
          bool isBool = args[0].getType().isInteger(1);
          return b.create<arith::CmpIOp>(loc, isBool ? unsignedOf(ipred) : ipred,
                                         args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
  arith::CmpFPredicate fpred;
  arith::CmpIPredicate ipred;
};

// An elementwise op whose scalar body |body| computes from the op (for
// attributes) and the broadcast operands.
template <typename GraphOp>
struct MapToLinalg : OpRewritePattern<GraphOp> {
  using BodyFn = Value (*)(GraphOp, OpBuilder &, Location, ValueRange);
  MapToLinalg(MLIRContext *ctx, BodyFn body)
      : OpRewritePattern<GraphOp>(ctx), body(body) {}
  LogicalResult matchAndRewrite(GraphOp op,
                                PatternRewriter &rewriter) const override {
    Value result = buildElementwise(
        rewriter, op, [&](OpBuilder &b, Location loc, ValueRange args) {
          return body(op, b, loc, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
  BodyFn body;
};

Value notBody(NotOp, OpBuilder &b, Location loc, ValueRange args) {
  Value one = b.create<arith::ConstantOp>(loc, b.getBoolAttr(true));
  return b.create<arith::XOrIOp>(loc, args[0], one);
}

Value whereBody(WhereOp, OpBuilder &b, Location loc, ValueRange args) {
  return b.create<arith::SelectOp>(loc, args[0], args[1], args[2]);
}

// float -> integer: truncate toward zero, saturating (fptosi of an
// out-of-range value is poison in LLVM); NaN becomes 0.
Value floatToInt(OpBuilder &b, Location loc, Value x, IntegerType to) {
  unsigned width = to.getWidth();
  double hi = std::ldexp(1.0, width - 1);
  Type f = x.getType();
  Value clamped = b.create<arith::MaximumFOp>(loc, x, floatConstant(b, loc, f, -hi));
  // The largest float below 2^(width-1): 2^(width-1) itself overflows.
  double below = std::nextafter(static_cast<float>(hi), 0.0f);
  clamped = b.create<arith::MinimumFOp>(loc, clamped, floatConstant(b, loc, f, below));
  Value isNan = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, x, x);
  Value zero = floatConstant(b, loc, f, 0.0);
  clamped = b.create<arith::SelectOp>(loc, isNan, zero, clamped);
  return b.create<arith::FPToSIOp>(loc, to, clamped);
}

Value castScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  if (to.isInteger(1)) {
    if (isa<FloatType>(from))
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, x,
                                     floatConstant(b, loc, from, 0.0));
    Value zero = b.create<arith::ConstantOp>(loc, b.getIntegerAttr(from, 0));
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, x, zero);
  }
  if (isa<FloatType>(to))
    return from.isInteger(1) ? b.create<arith::UIToFPOp>(loc, to, x).getResult()
                             : b.create<arith::SIToFPOp>(loc, to, x).getResult();
  auto toInt = cast<IntegerType>(to);
  if (isa<FloatType>(from))
    return floatToInt(b, loc, x, toInt);
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  if (fromWidth > toInt.getWidth())
    return b.create<arith::TruncIOp>(loc, to, x);
  if (fromWidth == 1)
    return b.create<arith::ExtUIOp>(loc, to, x);
  return b.create<arith::ExtSIOp>(loc, to, x);
}

Value castBody(CastOp op, OpBuilder &b, Location loc, ValueRange args) {
  return castScalar(b, loc, args[0], op.getType().getElementType());
}

} // namespace

void mlir::mlc::populateSelectCastToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  using F = arith::CmpFPredicate;
  using I = arith::CmpIPredicate;
  patterns.add<GeluToLinalg>(ctx);
  patterns.add<MapToLinalg<NotOp>>(ctx, notBody);
  patterns.add<MapToLinalg<WhereOp>>(ctx, whereBody);
  patterns.add<MapToLinalg<CastOp>>(ctx, castBody);
  patterns.add<CompareToLinalg<EqualOp>>(ctx, F::OEQ, I::eq);
  patterns.add<CompareToLinalg<LessOp>>(ctx, F::OLT, I::slt);
  patterns.add<CompareToLinalg<LessEqualOp>>(ctx, F::OLE, I::sle);
  patterns.add<CompareToLinalg<GreaterOp>>(ctx, F::OGT, I::sgt);
  patterns.add<CompareToLinalg<GreaterEqualOp>>(ctx, F::OGE, I::sge);
}

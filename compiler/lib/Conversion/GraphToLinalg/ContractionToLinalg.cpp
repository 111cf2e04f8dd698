// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// matmul/gemm -> a contraction linalg.generic into a zero-filled init; gemm's
// alpha/beta/C become an elementwise epilogue generic that later fusion folds
// into the contraction's loop nest.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;

namespace {

// sum_k lhs[lhsMap] * rhs[rhsMap] into a zero-filled tensor of |type|. The
// iteration space is the result dims followed by k.
Value buildContraction(PatternRewriter &rewriter, Location loc,
                       RankedTensorType type, Value lhs, Value rhs,
                       AffineMap lhsMap, AffineMap rhsMap,
                       ArrayRef<OpFoldResult> dims = {}) {
  unsigned rank = type.getRank();
  MLIRContext *ctx = rewriter.getContext();
  AffineMap outMap = AffineMap::getMultiDimIdentityMap(rank + 1, ctx)
                         .getSubMap(llvm::to_vector(llvm::seq<unsigned>(0, rank)));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  Value init = lowering::createFilled(rewriter, loc, type, 0.0f, dims);
  return rewriter
      .create<linalg::GenericOp>(
          loc, type, ValueRange{lhs, rhs}, init,
          ArrayRef<AffineMap>{lhsMap, rhsMap, outMap}, iterators,
          [](OpBuilder &b, Location l, ValueRange args) {
            Value mul = b.create<arith::MulFOp>(l, args[0], args[1]);
            Value sum = b.create<arith::AddFOp>(l, args[2], mul);
            b.create<linalg::YieldOp>(l, sum);
          })
      .getResult(0);
}

// Operand map of a matmul: broadcast batch dims, then the two matrix dims.
AffineMap matmulOperandMap(MLIRContext *ctx, ArrayRef<int64_t> shape,
                           ArrayRef<int64_t> outBatch, AffineExpr row,
                           AffineExpr col) {
  unsigned numDims = outBatch.size() + 3;
  AffineMap batch =
      lowering::getBroadcastMap(ctx, shape.drop_back(2), outBatch, numDims);
  SmallVector<AffineExpr> exprs(batch.getResults());
  exprs.append({row, col});
  return AffineMap::get(numDims, 0, exprs, ctx);
}

// Reassociation keeping the last |keep| dims and grouping the rest.
SmallVector<ReassociationIndices> groupLeading(int64_t rank, int64_t keep) {
  SmallVector<ReassociationIndices> groups(1);
  for (int64_t d = 0; d < rank; ++d) {
    if (d > rank - keep - 1)
      groups.emplace_back();
    groups.back().push_back(d);
  }
  return groups;
}

// |v| with its leading dims collapsed so that |keep| + 1 dims remain.
Value collapseLeading(OpBuilder &b, Location loc, Value v, int64_t keep) {
  int64_t rank = cast<RankedTensorType>(v.getType()).getRank();
  if (rank == keep + 1)
    return v;
  return b.create<tensor::CollapseShapeOp>(loc, v, groupLeading(rank, keep));
}

// A linalg matmul-family op (a microkernel call on CPU) into a zero-filled
// result whose dims are those of |out| with the leading ones collapsed.
template <typename NamedOp>
Value namedContraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                       int64_t nDim) {
  SmallVector<OpFoldResult> dims = lowering::mixedSizes(b, loc, lhs);
  dims.back() = lowering::mixedSizes(b, loc, rhs)[nDim];
  SmallVector<int64_t> shape;
  for (OpFoldResult d : dims)
    shape.push_back(getConstantIntValue(d).value_or(ShapedType::kDynamic));
  auto type = RankedTensorType::get(shape, b.getF32Type());
  Value init = lowering::createFilled(b, loc, type, 0.0f, dims);
  return b.create<NamedOp>(loc, ValueRange{lhs, rhs}, ValueRange{init})
      ->getResult(0);
}

// matmul as linalg.matmul (rhs without batch dims: the lhs batch dims fold
// into its rows) or linalg.batch_matmul (equal batch dims on both sides);
// failure for other broadcasts.
FailureOr<Value> namedMatmul(PatternRewriter &rewriter, MatMulOp op) {
  Location loc = op.getLoc();
  auto l = op.getLhs().getType(), r = op.getRhs().getType();
  int64_t lr = l.getRank(), rr = r.getRank();
  Value product;
  if (rr == 2) {
    product = namedContraction<linalg::MatmulOp>(
        rewriter, loc, collapseLeading(rewriter, loc, op.getLhs(), 1),
        op.getRhs(), 1);
  } else if (lr == rr &&
             l.getShape().drop_back(2) == r.getShape().drop_back(2)) {
    product = namedContraction<linalg::BatchMatmulOp>(
        rewriter, loc, collapseLeading(rewriter, loc, op.getLhs(), 2),
        collapseLeading(rewriter, loc, op.getRhs(), 2), 2);
  } else {
    return failure();
  }
  auto type = op.getType();
  if (cast<RankedTensorType>(product.getType()).getRank() == type.getRank())
    return product;
  SmallVector<OpFoldResult> dims = lowering::resultDims(rewriter, op);
  int64_t batchDims = type.getRank() - (rr == 2 ? 1 : 2);
  if (llvm::count_if(type.getShape().take_front(batchDims),
                     ShapedType::isDynamic) > 1) {
    // One expand group with several dynamic dims: MLIR 19 cannot bufferize
    // that tensor.expand_shape, so reshape to the run-time dims instead.
    return lowering::reshapeToDims(rewriter, loc, product, type, dims);
  }
  return rewriter
      .create<tensor::ExpandShapeOp>(
          loc, type, product, groupLeading(type.getRank(), rr == 2 ? 1 : 2),
          dims)
      .getResult();
}

struct MatMulToLinalg : OpRewritePattern<MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatMulOp op,
                                PatternRewriter &rewriter) const override {
    if (FailureOr<Value> named = namedMatmul(rewriter, op);
        succeeded(named)) {
      rewriter.replaceOp(op, *named);
      return success();
    }
    auto type = op.getType();
    unsigned rank = type.getRank();
    MLIRContext *ctx = op.getContext();
    ArrayRef<int64_t> outBatch = type.getShape().drop_back(2);
    AffineExpr m = getAffineDimExpr(rank - 2, ctx);
    AffineExpr n = getAffineDimExpr(rank - 1, ctx);
    AffineExpr k = getAffineDimExpr(rank, ctx);
    AffineMap lhsMap = matmulOperandMap(
        ctx, op.getLhs().getType().getShape(), outBatch, m, k);
    AffineMap rhsMap = matmulOperandMap(
        ctx, op.getRhs().getType().getShape(), outBatch, k, n);
    rewriter.replaceOp(op, buildContraction(rewriter, op.getLoc(), type,
                                            op.getLhs(), op.getRhs(), lhsMap,
                                            rhsMap,
                                            lowering::resultDims(rewriter, op)));
    return success();
  }
};

struct GemmToLinalg : OpRewritePattern<GemmOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GemmOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto type = op.getType();
    AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
               k = getAffineDimExpr(2, ctx);
    auto map = [&](AffineExpr a, AffineExpr b) {
      return AffineMap::get(3, 0, {a, b}, ctx);
    };
    AffineMap aMap = op.getTransA() ? map(k, m) : map(m, k);
    AffineMap bMap = op.getTransB() ? map(n, k) : map(k, n);
    Value product =
        op.getTransA()
            ? buildContraction(rewriter, loc, type, op.getA(), op.getB(), aMap,
                               bMap)
        : op.getTransB()
            ? namedContraction<linalg::MatmulTransposeBOp>(
                  rewriter, loc, op.getA(), op.getB(), 0)
            : namedContraction<linalg::MatmulOp>(rewriter, loc, op.getA(),
                                                 op.getB(), 1);
    float alpha = op.getAlpha().convertToFloat();
    float beta = op.getBeta().convertToFloat();
    Value c = op.getC();
    if (!c || beta == 0.0f) {
      if (alpha != 1.0f)
        product = scale(rewriter, loc, product, alpha);
      rewriter.replaceOp(op, product);
      return success();
    }
    rewriter.replaceOp(op, epilogue(rewriter, loc, product, c, alpha, beta));
    return success();
  }

  static Value scale(PatternRewriter &rewriter, Location loc, Value x,
                     float factor) {
    auto type = cast<RankedTensorType>(x.getType());
    AffineMap id = rewriter.getMultiDimIdentityMap(2);
    return rewriter
        .create<linalg::GenericOp>(
            loc, type, x, lowering::createEmpty(rewriter, loc, type),
            ArrayRef<AffineMap>{id, id},
            SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value f = b.create<arith::ConstantOp>(l, b.getF32FloatAttr(factor));
              b.create<linalg::YieldOp>(
                  l, b.create<arith::MulFOp>(l, args[0], f).getResult());
            })
        .getResult(0);
  }

  // alpha * product + beta * C, with C broadcast to the product's shape.
  static Value epilogue(PatternRewriter &rewriter, Location loc, Value product,
                        Value c, float alpha, float beta) {
    auto type = cast<RankedTensorType>(product.getType());
    MLIRContext *ctx = rewriter.getContext();
    AffineMap id = rewriter.getMultiDimIdentityMap(2);
    AffineMap cMap = lowering::getBroadcastMap(
        ctx, cast<ShapedType>(c.getType()).getShape(), type.getShape(), 2);
    return rewriter
        .create<linalg::GenericOp>(
            loc, type, ValueRange{product, c},
            lowering::createEmpty(rewriter, loc, type),
            ArrayRef<AffineMap>{id, cMap, id},
            SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value p = args[0], bias = args[1];
              if (alpha != 1.0f)
                p = b.create<arith::MulFOp>(
                    l, p, b.create<arith::ConstantOp>(l, b.getF32FloatAttr(alpha)));
              if (beta != 1.0f)
                bias = b.create<arith::MulFOp>(
                    l, bias, b.create<arith::ConstantOp>(l, b.getF32FloatAttr(beta)));
              b.create<linalg::YieldOp>(
                  l, b.create<arith::AddFOp>(l, p, bias).getResult());
            })
        .getResult(0);
  }
};

} // namespace

void mlir::mlc::populateContractionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<MatMulToLinalg, GemmToLinalg>(patterns.getContext());
}

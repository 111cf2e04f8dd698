// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// conv2d and 2-D pooling -> tensor.pad + linalg named convolution/pooling
// ops (NCHW), or, for dense batch-1 convolutions, an im2col generic and a
// linalg.matmul. Bias and the average's divisor become elementwise epilogues
// that fusion folds into the convolution's loops.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Conversion/GraphToLinalg/Im2col.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/AffineMap.h"

#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;

namespace {

// Pads dims 2 and 3 of an NCHW tensor by |pads| ([top, left, bottom, right])
// plus |extraEnd| ([bottom, right]) with |value|.
Value padSpatial(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> pads,
                 ArrayRef<int64_t> extraEnd, float value) {
  SmallVector<int64_t> low = {0, 0, pads[0], pads[1]};
  SmallVector<int64_t> high = {0, 0, pads[2] + extraEnd[0], pads[3] + extraEnd[1]};
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape(type.getShape());
  for (int i = 2; i < 4; ++i)
    shape[i] += low[i] + high[i];
  Value pad = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(value));
  SmallVector<OpFoldResult> lowOfr, highOfr;
  for (int i = 0; i < 4; ++i) {
    lowOfr.push_back(b.getIndexAttr(low[i]));
    highOfr.push_back(b.getIndexAttr(high[i]));
  }
  return b.create<tensor::PadOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), input, lowOfr,
      highOfr, pad);
}

// Rows/columns a window op reads past the explicit end padding (ceil_mode).
SmallVector<int64_t> overhang(ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                              ArrayRef<int64_t> kernel,
                              ArrayRef<int64_t> strides,
                              ArrayRef<int64_t> dilations,
                              ArrayRef<int64_t> pads) {
  SmallVector<int64_t> extra;
  for (int i = 0; i < 2; ++i) {
    int64_t needed = (out[2 + i] - 1) * strides[i] +
                     (kernel[i] - 1) * dilations[i] + 1;
    int64_t have = in[2 + i] + pads[i] + pads[2 + i];
    extra.push_back(std::max<int64_t>(0, needed - have));
  }
  return extra;
}

// result[n, c, h, w] = x[n, c, h, w] <op> y[...] where y is read through
// |yMap| (a per-channel bias or a per-position divisor).
Value applyBroadcast(OpBuilder &b, Location loc, Value x, Value y,
                     AffineMap yMap, bool divide) {
  auto type = cast<RankedTensorType>(x.getType());
  AffineMap id = b.getMultiDimIdentityMap(4);
  return b
      .create<linalg::GenericOp>(
          loc, type, ValueRange{x, y}, lowering::createEmpty(b, loc, type),
          ArrayRef<AffineMap>{id, yMap, id},
          SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
          [&](OpBuilder &bb, Location l, ValueRange args) {
            Value r = divide ? bb.create<arith::DivFOp>(l, args[0], args[1])
                                   .getResult()
                             : bb.create<arith::AddFOp>(l, args[0], args[1])
                                   .getResult();
            bb.create<linalg::YieldOp>(l, r);
          })
      .getResult(0);
}

DenseIntElementsAttr pairAttr(OpBuilder &b, ArrayRef<int64_t> v) {
  return b.getI64TensorAttr(v);
}

struct Conv2DToLinalg : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = padSpatial(rewriter, loc, op.getInput(), op.getPads(),
                             {0, 0}, 0.0f);
    Value result = convolve(rewriter, op, input);
    if (Value bias = op.getBias()) {
      MLIRContext *ctx = op.getContext();
      AffineMap channel = AffineMap::get(4, 0, {getAffineDimExpr(1, ctx)}, ctx);
      result = applyBroadcast(rewriter, loc, result, bias, channel, false);
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  // Dense, depthwise or grouped convolution of the padded input.
  static Value convolve(PatternRewriter &b, Conv2DOp op, Value input) {
    Location loc = op.getLoc();
    auto type = op.getType();
    auto strides = pairAttr(b, op.getStrides());
    auto dilations = pairAttr(b, op.getDilations());
    int64_t groups = op.getGroups();
    ArrayRef<int64_t> filterShape = op.getFilter().getType().getShape();
    int64_t channels = op.getInput().getType().getDimSize(1);
    if (groups == 1 && type.getDimSize(0) == 1)
      return convolveAsMatmul(b, op, input);
    if (groups == 1) {
      Value init = lowering::createFilled(b, loc, type, 0.0f);
      return b.create<linalg::Conv2DNchwFchwOp>(
                  loc, type, ValueRange{input, op.getFilter()}, init, strides,
                  dilations)
          .getResult(0);
    }
    if (groups == channels && filterShape[0] == channels) {
      // [C, 1, KH, KW] -> [C, KH, KW]
      auto filterType = RankedTensorType::get(
          {channels, filterShape[2], filterShape[3]}, b.getF32Type());
      Value filter = b.create<tensor::CollapseShapeOp>(
          loc, filterType, op.getFilter(),
          SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}});
      Value init = lowering::createFilled(b, loc, type, 0.0f);
      return b.create<linalg::DepthwiseConv2DNchwChwOp>(
                  loc, type, ValueRange{input, filter}, init, strides,
                  dilations)
          .getResult(0);
    }
    return groupedConvolve(b, op, input, strides, dilations);
  }

  // Batch 1: out[F, OH*OW] = filter[F, C*KH*KW] x col[C*KH*KW, OH*OW], a
  // linalg.matmul (the microkernel on CPU). col is the padded input itself
  // for a 1x1 stride-1 convolution, else its windows copied by a generic
  // (im2col).
  static Value convolveAsMatmul(PatternRewriter &b, Conv2DOp op, Value input) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto type = op.getType();
    ArrayRef<int64_t> f = op.getFilter().getType().getShape();
    ArrayRef<int64_t> in = cast<RankedTensorType>(input.getType()).getShape();
    int64_t oh = type.getDimSize(2), ow = type.getDimSize(3);
    ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations();
    Type f32 = b.getF32Type();
    Value col;
    if (f[2] == 1 && f[3] == 1 && in[2] == oh && in[3] == ow &&
        llvm::all_of(s, [](int64_t v) { return v == 1; })) {
      col = b.create<tensor::CollapseShapeOp>(
          loc, input, SmallVector<ReassociationIndices>{{0, 1}, {2, 3}});
    } else {
      // col5[c, kh, kw, y, x] = input[0, c, y * s0 + kh * d0, x * s1 + kw * d1]
      AffineMap read = im2colReadMap(ctx, s, d);
      auto colType = RankedTensorType::get({f[1], f[2], f[3], oh, ow}, f32);
      Value col5 =
          b.create<linalg::GenericOp>(
               loc, colType, input, lowering::createEmpty(b, loc, colType),
               ArrayRef<AffineMap>{read, b.getMultiDimIdentityMap(5)},
               SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
               [](OpBuilder &nb, Location l, ValueRange args) {
                 nb.create<linalg::YieldOp>(l, args[0]);
               })
              .getResult(0);
      col = b.create<tensor::CollapseShapeOp>(
          loc, col5, SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4}});
    }
    Value filter = b.create<tensor::CollapseShapeOp>(
        loc, op.getFilter(), SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
    auto productType = RankedTensorType::get({f[0], oh * ow}, f32);
    Value init = lowering::createFilled(b, loc, productType, 0.0f);
    Value product = b.create<linalg::MatmulOp>(loc, ValueRange{filter, col},
                                               ValueRange{init})
                        ->getResult(0);
    return b.create<tensor::ExpandShapeOp>(
        loc, type, product, SmallVector<ReassociationIndices>{{0, 1}, {2, 3}});
  }

  // [N, G*Cg, H, W] x [G*Fg, Cg, KH, KW] through 5-D grouped views.
  static Value groupedConvolve(PatternRewriter &b, Conv2DOp op, Value input,
                               DenseIntElementsAttr strides,
                               DenseIntElementsAttr dilations) {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t g = op.getGroups();
    auto inType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> in = inType.getShape();
    ArrayRef<int64_t> f = op.getFilter().getType().getShape();
    ArrayRef<int64_t> out = type.getShape();
    Type f32 = b.getF32Type();
    SmallVector<ReassociationIndices> split = {{0}, {1, 2}, {3}, {4}};
    SmallVector<ReassociationIndices> splitFilter = {{0, 1}, {2}, {3}, {4}};
    Value input5 = b.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get({in[0], g, in[1] / g, in[2], in[3]}, f32),
        input, split);
    Value filter5 = b.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get({g, f[0] / g, f[1], f[2], f[3]}, f32),
        op.getFilter(), splitFilter);
    auto out5 = RankedTensorType::get({out[0], g, out[1] / g, out[2], out[3]}, f32);
    Value init = lowering::createFilled(b, loc, out5, 0.0f);
    Value conv = b.create<linalg::Conv2DNgchwGfchwOp>(
                      loc, out5, ValueRange{input5, filter5}, init, strides,
                      dilations)
                     .getResult(0);
    return b.create<tensor::CollapseShapeOp>(loc, type, conv, split);
  }
};

struct MaxPool2DToLinalg : OpRewritePattern<MaxPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    float lowest = -std::numeric_limits<float>::infinity();
    SmallVector<int64_t> extra =
        overhang(op.getInput().getType().getShape(), type.getShape(),
                 op.getKernel(), op.getStrides(), op.getDilations(),
                 op.getPads());
    Value input = padSpatial(rewriter, loc, op.getInput(), op.getPads(), extra,
                             lowest);
    Value window = rewriter.create<tensor::EmptyOp>(loc, op.getKernel(),
                                                    rewriter.getF32Type());
    Value init = lowering::createFilled(rewriter, loc, type, lowest);
    rewriter.replaceOp(op, rewriter.create<linalg::PoolingNchwMaxOp>(
                               loc, type, ValueRange{input, window}, init,
                               pairAttr(rewriter, op.getStrides()),
                               pairAttr(rewriter, op.getDilations())));
    return success();
  }
};

// Number of elements each output position of an average pool divides by,
// following onnxruntime: with count_include_pad the explicit pads count but
// not a ceil_mode overhang.
SmallVector<float> averageDivisors(AvgPool2DOp op) {
  ArrayRef<int64_t> in = op.getInput().getType().getShape();
  ArrayRef<int64_t> out = op.getType().getShape();
  ArrayRef<int64_t> k = op.getKernel(), s = op.getStrides(),
                    d = op.getDilations(), p = op.getPads();
  auto counts = [&](int dim, int64_t o) {
    int64_t n = 0, lo = op.getCountIncludePad() ? -p[dim] : 0;
    int64_t hi = in[2 + dim] + (op.getCountIncludePad() ? p[2 + dim] : 0);
    for (int64_t i = 0; i < k[dim]; ++i) {
      int64_t pos = o * s[dim] - p[dim] + i * d[dim];
      n += pos >= lo && pos < hi;
    }
    return n;
  };
  SmallVector<float> divisors;
  for (int64_t h = 0; h < out[2]; ++h)
    for (int64_t w = 0; w < out[3]; ++w)
      divisors.push_back(std::max<int64_t>(1, counts(0, h) * counts(1, w)));
  return divisors;
}

struct AvgPool2DToLinalg : OpRewritePattern<AvgPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    SmallVector<int64_t> extra =
        overhang(op.getInput().getType().getShape(), type.getShape(),
                 op.getKernel(), op.getStrides(), op.getDilations(),
                 op.getPads());
    Value input =
        padSpatial(rewriter, loc, op.getInput(), op.getPads(), extra, 0.0f);
    Value window = rewriter.create<tensor::EmptyOp>(loc, op.getKernel(),
                                                    rewriter.getF32Type());
    Value init = lowering::createFilled(rewriter, loc, type, 0.0f);
    Value sum = rewriter
                    .create<linalg::PoolingNchwSumOp>(
                        loc, type, ValueRange{input, window}, init,
                        pairAttr(rewriter, op.getStrides()),
                        pairAttr(rewriter, op.getDilations()))
                    .getResult(0);
    auto divType = RankedTensorType::get(type.getShape().drop_front(2),
                                         rewriter.getF32Type());
    Value divisors = rewriter.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(divType, ArrayRef<float>(averageDivisors(op))));
    MLIRContext *ctx = op.getContext();
    AffineMap spatial = AffineMap::get(
        4, 0, {getAffineDimExpr(2, ctx), getAffineDimExpr(3, ctx)}, ctx);
    rewriter.replaceOp(op, applyBroadcast(rewriter, loc, sum, divisors,
                                          spatial, true));
    return success();
  }
};

} // namespace

void mlir::mlc::populateConvolutionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<Conv2DToLinalg, MaxPool2DToLinalg, AvgPool2DToLinalg>(
      patterns.getContext());
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Dialect/Graph/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mlc::graph {
#define GEN_PASS_DEF_FOLDCONVAFFINEPASS
#include "mlc/Dialect/Graph/Transforms/Passes.h.inc"
} // namespace mlir::mlc::graph

using namespace mlir;
using namespace mlir::mlc::graph;

namespace {

// Per-output-channel values of |v| when it is a constant broadcasting only
// along dim 1 of the NCHW |result| (shape [F,1,1], [1,F,1,1], ...).
std::optional<SmallVector<float>> perChannel(Value v, RankedTensorType result) {
  auto type = cast<RankedTensorType>(v.getType());
  int64_t rank = result.getRank(), offset = rank - type.getRank();
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.getDimSize(i) != (offset + i == 1 ? result.getDimSize(1) : 1))
      return std::nullopt;
  if (offset > 1)
    return std::nullopt;
  return getConstantFloats(v);
}

// The constant bias of |conv| (zeros when it has none).
std::optional<SmallVector<float>> biasOf(Conv2DOp conv) {
  if (!conv.getBias())
    return SmallVector<float>(conv.getType().getDimSize(1), 0.0f);
  return getConstantFloats(conv.getBias());
}

// The conv2d operand of a binary op (either side) and its other operand.
template <typename OpTy>
std::pair<Conv2DOp, Value> convOperand(OpTy op) {
  for (int i = 0; i < 2; ++i)
    if (auto conv = op->getOperand(i).template getDefiningOp<Conv2DOp>())
      if (conv->hasOneUse() && conv.getType() == op.getType())
        return {conv, op->getOperand(1 - i)};
  return {};
}

Value constant(PatternRewriter &rewriter, Location loc, RankedTensorType type,
               ArrayRef<float> values, StringRef name) {
  return rewriter.create<ConstantOp>(
      loc, makeFloatConstant(type, values, name));
}

// Replaces |op| by |conv| with a new filter (when given) and bias.
void replaceConv(PatternRewriter &rewriter, Operation *op, Conv2DOp conv,
                 std::optional<ArrayRef<float>> filter, ArrayRef<float> bias) {
  Location loc = conv.getLoc();
  Value w = conv.getFilter();
  if (filter)
    w = constant(rewriter, loc, conv.getFilter().getType(), *filter,
                 "conv_filter");
  auto biasType = RankedTensorType::get({static_cast<int64_t>(bias.size())},
                                        rewriter.getF32Type());
  Value b = constant(rewriter, loc, biasType, bias, "conv_bias");
  rewriter.replaceOpWithNewOp<Conv2DOp>(
      op, conv.getType(), conv.getInput(), w, b, conv.getStridesAttr(),
      conv.getDilationsAttr(), conv.getPadsAttr(), conv.getGroupsAttr());
}

// mul(conv2d(x, W, b), A) = conv2d(x, W * A, b * A)
struct FoldScale : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    auto [conv, other] = convOperand(op);
    if (!conv)
      return failure();
    std::optional<SmallVector<float>> scale = perChannel(other, conv.getType());
    std::optional<SmallVector<float>> w = getConstantFloats(conv.getFilter());
    std::optional<SmallVector<float>> b = biasOf(conv);
    if (!scale || !w || !b)
      return failure();
    int64_t perFilter = w->size() / scale->size();
    for (size_t i = 0; i < w->size(); ++i)
      (*w)[i] *= (*scale)[i / perFilter];
    for (size_t f = 0; f < b->size(); ++f)
      (*b)[f] *= (*scale)[f];
    replaceConv(rewriter, op, conv, *w, *b);
    return success();
  }
};

// add(conv2d(x, W, b), B) = conv2d(x, W, b + B)
struct FoldShift : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    auto [conv, other] = convOperand(op);
    if (!conv)
      return failure();
    std::optional<SmallVector<float>> shift = perChannel(other, conv.getType());
    std::optional<SmallVector<float>> b = biasOf(conv);
    if (!shift || !b)
      return failure();
    for (size_t f = 0; f < b->size(); ++f)
      (*b)[f] += (*shift)[f];
    replaceConv(rewriter, op, conv, std::nullopt, *b);
    return success();
  }
};

} // namespace

namespace {
struct FoldConvAffinePass
    : mlc::graph::impl::FoldConvAffinePassBase<FoldConvAffinePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldScale, FoldShift>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Decomposed layer / RMS normalization -> layer_norm / rms_norm.

#include "mlc/Dialect/Graph/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::mlc::graph {
#define GEN_PASS_DEF_FUSENORMALIZATIONPASS
#include "mlc/Dialect/Graph/Transforms/Passes.h.inc"
} // namespace mlir::mlc::graph

using namespace mlir;
using namespace mlir::mlc::graph;

namespace {

// The single value of a one-element f32 constant.
std::optional<float> scalarConstant(Value v) {
  std::optional<SmallVector<float>> values = getConstantFloats(v);
  if (!values || values->size() != 1)
    return std::nullopt;
  return (*values)[0];
}

// Whether |v| is `pow(d, 2)` or `mul(d, d)`; sets |d|.
bool matchSquare(Value v, Value &d) {
  if (auto pow = v.getDefiningOp<PowOp>()) {
    std::optional<float> e = scalarConstant(pow.getRhs());
    d = pow.getLhs();
    return e && *e == 2.0f && pow.getType() == d.getType();
  }
  auto mul = v.getDefiningOp<MulOp>();
  d = mul ? mul.getLhs() : Value();
  return mul && mul.getLhs() == mul.getRhs();
}

// The first normalized dim when |mean| is reduce_mean(|x|) with keep_dims
// over all dims from some axis on.
std::optional<int64_t> meanAxis(Value mean, Value x) {
  auto op = mean.getDefiningOp<ReduceMeanOp>();
  if (!op || op.getInput() != x || !op.getKeepDims() || op.getAxes().empty())
    return std::nullopt;
  int64_t rank = op.getInput().getType().getRank();
  ArrayRef<int64_t> axes = op.getAxes();
  if (axes.back() != rank - 1 ||
      axes.front() != rank - static_cast<int64_t>(axes.size()))
    return std::nullopt;
  return axes.front();
}

struct Normalized {
  Value centered; // x - mean(x) (layer norm) or x (RMS norm)
  Value variance; // mean(centered^2)
  float epsilon;
};

// y = centered / sqrt(variance + eps) or centered * (1 / sqrt(...)).
std::optional<Normalized> matchNormalized(Operation *op) {
  Value centered, root;
  if (auto div = dyn_cast<DivOp>(op)) {
    centered = div.getLhs();
    root = div.getRhs();
  } else if (auto mul = dyn_cast<MulOp>(op)) {
    for (auto [a, b] : {std::pair(mul.getLhs(), mul.getRhs()),
                        std::pair(mul.getRhs(), mul.getLhs())}) {
      auto inv = b.getDefiningOp<DivOp>();
      if (inv && scalarConstant(inv.getLhs()) == 1.0f) {
        centered = a;
        root = inv.getRhs();
      } else if (auto rec = b.getDefiningOp<ReciprocalOp>()) {
        centered = a;
        root = rec.getInput();
      }
    }
  }
  auto sqrt = root ? root.getDefiningOp<SqrtOp>() : SqrtOp();
  auto add = sqrt ? sqrt.getInput().getDefiningOp<AddOp>() : AddOp();
  if (!add)
    return std::nullopt;
  for (auto [v, e] : {std::pair(add.getLhs(), add.getRhs()),
                      std::pair(add.getRhs(), add.getLhs())})
    if (std::optional<float> eps = scalarConstant(e))
      if (op->getResult(0).getType() == centered.getType())
        return Normalized{centered, v, *eps};
  return std::nullopt;
}

// A splat-1 scale over the normalized dims of |type| from |axis| on.
Value unitScale(PatternRewriter &rewriter, Location loc, RankedTensorType type,
                int64_t axis) {
  auto scaleType = RankedTensorType::get(type.getShape().drop_front(axis),
                                         type.getElementType());
  return rewriter.create<ConstantOp>(
      loc, DenseElementsAttr::get(scaleType, rewriter.getF32FloatAttr(1.0f)));
}

struct FuseDecomposedNorm : RewritePattern {
  FuseDecomposedNorm(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<DivOp, MulOp>(op))
      return failure();
    std::optional<Normalized> n = matchNormalized(op);
    if (!n)
      return failure();
    Value d;
    auto varOp = n->variance.getDefiningOp<ReduceMeanOp>();
    if (!varOp || !matchSquare(varOp.getInput(), d) || d != n->centered)
      return failure();
    std::optional<int64_t> axis = meanAxis(n->variance, varOp.getInput());
    if (!axis)
      return failure();
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    Location loc = op->getLoc();
    auto epsilon = rewriter.getF32FloatAttr(n->epsilon);
    if (auto sub = d.getDefiningOp<SubOp>()) {
      Value x = sub.getLhs();
      if (x.getType() == type && meanAxis(sub.getRhs(), x) == axis) {
        rewriter.replaceOpWithNewOp<LayerNormOp>(
            op, type, x, unitScale(rewriter, loc, type, *axis), Value(),
            rewriter.getI64IntegerAttr(*axis), epsilon);
        return success();
      }
    }
    if (*axis != type.getRank() - 1 || d.getType() != type)
      return failure();
    rewriter.replaceOpWithNewOp<RmsNormOp>(
        op, type, d, unitScale(rewriter, loc, type, *axis), epsilon);
    return success();
  }
};

bool isUnitSplat(Value v) {
  std::optional<SmallVector<float>> values = getConstantFloats(v);
  return values && llvm::all_of(*values, [](float f) { return f == 1.0f; });
}

// Whether |param| broadcasts to the normalized dims of |type| from |axis| on
// (and so does not vary along the other dims).
bool coversNormalizedDims(Value param, RankedTensorType type, int64_t axis) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(param.getType()).getShape();
  ArrayRef<int64_t> dims = type.getShape().drop_front(axis);
  if (shape.size() > dims.size())
    return false;
  return llvm::all_of(llvm::enumerate(shape), [&](auto e) {
    int64_t d = dims[dims.size() - shape.size() + e.index()];
    return e.value() == d || e.value() == 1;
  });
}

// mul(norm(x, 1), g) -> norm(x, g); add(layer_norm(x, g), b) ->
// layer_norm(x, g, b).
template <typename BinOp>
struct AbsorbAffine : OpRewritePattern<BinOp> {
  using OpRewritePattern<BinOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(BinOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [norm, param] : {std::pair(op.getLhs(), op.getRhs()),
                               std::pair(op.getRhs(), op.getLhs())}) {
      if (!norm.hasOneUse() || op.getType() != norm.getType())
        continue;
      if (auto ln = norm.template getDefiningOp<LayerNormOp>()) {
        if (!coversNormalizedDims(param, op.getType(), ln.getAxis()))
          continue;
        bool isMul = std::is_same_v<BinOp, MulOp>;
        if (isMul ? (!isUnitSplat(ln.getScale()) || ln.getBias()) : !!ln.getBias())
          continue;
        rewriter.replaceOpWithNewOp<LayerNormOp>(
            op, op.getType(), ln.getInput(), isMul ? param : ln.getScale(),
            isMul ? Value() : param, ln.getAxisAttr(), ln.getEpsilonAttr());
        return success();
      }
      auto rms = norm.template getDefiningOp<RmsNormOp>();
      if (std::is_same_v<BinOp, MulOp> && rms && isUnitSplat(rms.getScale()) &&
          coversNormalizedDims(param, op.getType(), op.getType().getRank() - 1)) {
        rewriter.replaceOpWithNewOp<RmsNormOp>(op, op.getType(), rms.getInput(),
                                               param, rms.getEpsilonAttr());
        return success();
      }
    }
    return failure();
  }
};

struct FuseNormalizationPass
    : mlc::graph::impl::FuseNormalizationPassBase<FuseNormalizationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseDecomposedNorm, AbsorbAffine<MulOp>, AbsorbAffine<AddOp>>(
        &getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

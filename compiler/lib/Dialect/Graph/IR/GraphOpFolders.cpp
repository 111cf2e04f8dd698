// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Constant folding and canonicalization of mlc_graph ops. Only `dense<>`
// constants fold; weights (`dense_resource<>`) stay untouched so that folding
// never copies model weights into the IR.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "FoldUtils.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mlc::graph;
using namespace mlir::mlc::graph::fold;

bool fold::isFoldable(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  return shaped && shaped.hasStaticShape() &&
         shaped.getNumElements() <= kMaxFoldedElements;
}

std::optional<SmallVector<float>> fold::getFloats(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseFPElementsAttr>(attr);
  if (!dense || !dense.getElementType().isF32())
    return std::nullopt;
  auto values = dense.getValues<float>();
  return SmallVector<float>(values.begin(), values.end());
}

std::optional<SmallVector<int64_t>> fold::getInts(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseIntElementsAttr>(attr);
  if (!dense || !dense.getElementType().isSignlessInteger())
    return std::nullopt;
  bool isBool = dense.getElementType().isInteger(1);
  SmallVector<int64_t> values;
  for (const APInt &v : dense.getValues<APInt>())
    values.push_back(isBool ? v.getZExtValue() : v.getSExtValue());
  return values;
}

DenseElementsAttr fold::makeInts(ShapedType type, ArrayRef<int64_t> values) {
  unsigned width = type.getElementType().getIntOrFloatBitWidth();
  SmallVector<APInt> bits;
  for (int64_t v : values)
    bits.push_back(APInt(64, v, /*isSigned=*/true).trunc(width));
  return DenseElementsAttr::get(type, bits);
}

SmallVector<int64_t> fold::stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

int64_t fold::broadcastIndex(int64_t flat, ArrayRef<int64_t> outShape,
                             ArrayRef<int64_t> shape) {
  int64_t index = 0, stride = 1;
  size_t offset = outShape.size() - shape.size();
  for (int64_t d = static_cast<int64_t>(outShape.size()) - 1;
       d >= static_cast<int64_t>(offset); --d) {
    int64_t coord = flat % outShape[d];
    flat /= outShape[d];
    int64_t size = shape[d - offset];
    index += (size == 1 ? 0 : coord) * stride;
    stride *= size;
  }
  return index;
}

template <typename Fn>
static Attribute foldUnary(Operation *op, ArrayRef<Attribute> operands, Fn fn) {
  auto type = cast<ShapedType>(op->getResult(0).getType());
  std::optional<SmallVector<float>> in = getFloats(operands[0]);
  if (!isFoldable(type) || !in)
    return {};
  for (float &v : *in)
    v = fn(v);
  return DenseElementsAttr::get(type, ArrayRef<float>(*in));
}

static std::optional<int64_t> wrapping(int64_t x, int64_t y, char op) {
  uint64_t a = x, b = y;
  switch (op) {
  case '+':
    return static_cast<int64_t>(a + b);
  case '-':
    return static_cast<int64_t>(a - b);
  default:
    return static_cast<int64_t>(a * b);
  }
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult AddOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return x + y; },
      [](int64_t x, int64_t y) { return wrapping(x, y, '+'); });
}
OpFoldResult SubOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return x - y; },
      [](int64_t x, int64_t y) { return wrapping(x, y, '-'); });
}
OpFoldResult MulOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return x * y; },
      [](int64_t x, int64_t y) { return wrapping(x, y, '*'); });
}
// Integer division truncates toward zero; x / 0 and MIN / -1 are left to the
// generated code, which defines them.
OpFoldResult DivOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return x / y; },
      [](int64_t x, int64_t y) -> std::optional<int64_t> {
        if (y == 0 || y == -1)
          return std::nullopt;
        return x / y;
      });
}
OpFoldResult ReluOp::fold(FoldAdaptor a) {
  return foldUnary(*this, a.getOperands(),
                   [](float x) { return x > 0.0f ? x : 0.0f; });
}
OpFoldResult SigmoidOp::fold(FoldAdaptor a) {
  return foldUnary(*this, a.getOperands(),
                   [](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}
OpFoldResult TanhOp::fold(FoldAdaptor a) {
  return foldUnary(*this, a.getOperands(), [](float x) { return std::tanh(x); });
}

OpFoldResult MaxOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return std::isnan(x) || std::isnan(y) ? NAN : std::max(x, y); },
      [](int64_t x, int64_t y) { return std::optional(std::max(x, y)); });
}
OpFoldResult MinOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return std::isnan(x) || std::isnan(y) ? NAN : std::min(x, y); },
      [](int64_t x, int64_t y) { return std::optional(std::min(x, y)); });
}
OpFoldResult PowOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float y) { return std::pow(x, y); },
      [](int64_t, int64_t) { return std::optional<int64_t>(); });
}
OpFoldResult AndOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float) { return x; },
      [](int64_t x, int64_t y) { return std::optional<int64_t>(x & y); });
}
OpFoldResult OrOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float) { return x; },
      [](int64_t x, int64_t y) { return std::optional<int64_t>(x | y); });
}
OpFoldResult XorOp::fold(FoldAdaptor a) {
  return foldBinary(
      *this, a.getOperands(), [](float x, float) { return x; },
      [](int64_t x, int64_t y) { return std::optional<int64_t>(x ^ y); });
}

#define MLC_UNARY_FOLD(OP, EXPR)                                               \
  OpFoldResult OP::fold(FoldAdaptor a) {                                       \
    return foldUnary(*this, a.getOperands(), [](float x) { return EXPR; });    \
  }
MLC_UNARY_FOLD(ExpOp, std::exp(x))
MLC_UNARY_FOLD(LogOp, std::log(x))
MLC_UNARY_FOLD(SqrtOp, std::sqrt(x))
MLC_UNARY_FOLD(NegOp, -x)
MLC_UNARY_FOLD(AbsOp, std::fabs(x))
MLC_UNARY_FOLD(ErfOp, std::erf(x))
MLC_UNARY_FOLD(SinOp, std::sin(x))
MLC_UNARY_FOLD(CosOp, std::cos(x))
MLC_UNARY_FOLD(ReciprocalOp, 1.0f / x)
#undef MLC_UNARY_FOLD

//===----------------------------------------------------------------------===//
// Reshape
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType() && getType().hasStaticShape())
    return getInput();
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    return dense.reshape(getType());
  return {};
}

namespace {
// reshape(reshape(x)) = reshape(x)
struct ComposeReshapes : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<ReshapeOp>();
    if (!producer)
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(),
                                           producer.getInput(), op.getSizes());
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ComposeReshapes>(context);
}

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

static bool isIdentityPermutation(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (p != static_cast<int64_t>(i))
      return false;
  return true;
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  if (isIdentityPermutation(getPermutation()))
    return getInput();
  auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!dense || dense.getNumElements() > kMaxFoldedElements)
    return {};
  if (dense.isSplat())
    return dense.reshape(getType());
  SmallVector<Attribute> in(dense.getValues<Attribute>());
  ArrayRef<int64_t> outShape = getType().getShape();
  SmallVector<int64_t> inStrides = stridesOf(getInput().getType().getShape());
  SmallVector<Attribute> out(in.size());
  for (int64_t flat = 0, e = out.size(); flat < e; ++flat) {
    int64_t rem = flat, src = 0;
    for (int64_t d = static_cast<int64_t>(outShape.size()) - 1; d >= 0; --d) {
      src += (rem % outShape[d]) * inStrides[getPermutation()[d]];
      rem /= outShape[d];
    }
    out[flat] = in[src];
  }
  return DenseElementsAttr::get(getType(), out);
}

namespace {
// transpose(transpose(x, p1), p2) = transpose(x, p1[p2])
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto producer = op.getInput().getDefiningOp<TransposeOp>();
    if (!producer)
      return failure();
    SmallVector<int64_t> perm;
    for (int64_t p : op.getPermutation())
      perm.push_back(producer.getPermutation()[p]);
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getType(),
                                             producer.getInput(), perm);
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ComposeTransposes>(context);
}

//===----------------------------------------------------------------------===//
// Concat
//===----------------------------------------------------------------------===//

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  auto type = getType();
  if (!type.hasStaticShape() || type.getNumElements() > kMaxFoldedElements)
    return {};
  SmallVector<SmallVector<Attribute>> parts;
  for (Attribute input : adaptor.getInputs()) {
    auto dense = dyn_cast_if_present<DenseElementsAttr>(input);
    if (!dense)
      return {};
    parts.emplace_back(dense.getValues<Attribute>());
  }
  // Row-major: for each index before the axis, each input contributes one
  // contiguous chunk of (its axis size) x (elements after the axis).
  int64_t axis = getAxis(), outer = 1, inner = 1;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (i != axis)
      (i < axis ? outer : inner) *= type.getDimSize(i);
  SmallVector<Attribute> out;
  for (int64_t o = 0; o < outer; ++o)
    for (auto [input, values] : llvm::zip(getInputs(), parts)) {
      int64_t chunk = cast<ShapedType>(input.getType()).getDimSize(axis) * inner;
      out.append(values.begin() + o * chunk, values.begin() + (o + 1) * chunk);
    }
  return DenseElementsAttr::get(type, out);
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Constant folding and canonicalization of mlc_graph ops. Only `dense<>`
// constants fold; weights (`dense_resource<>`) stay untouched so that folding
// never copies model weights into the IR.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mlc::graph;

// Larger results are left to the generated code instead of the IR.
static constexpr int64_t kMaxFoldedElements = 1 << 16;

static std::optional<SmallVector<float>> getFloats(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseFPElementsAttr>(attr);
  if (!dense || !dense.getElementType().isF32())
    return std::nullopt;
  auto values = dense.getValues<float>();
  return SmallVector<float>(values.begin(), values.end());
}

static SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

// Index into a row-major |shape| broadcast to |outShape| for the flat output
// position |flat|.
static int64_t broadcastIndex(int64_t flat, ArrayRef<int64_t> outShape,
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
static Attribute foldBinary(Operation *op, ArrayRef<Attribute> operands,
                            Fn fn) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (!type.hasStaticShape() || type.getNumElements() > kMaxFoldedElements)
    return {};
  std::optional<SmallVector<float>> lhs = getFloats(operands[0]);
  std::optional<SmallVector<float>> rhs = getFloats(operands[1]);
  if (!lhs || !rhs)
    return {};
  auto lShape = cast<ShapedType>(op->getOperand(0).getType()).getShape();
  auto rShape = cast<ShapedType>(op->getOperand(1).getType()).getShape();
  SmallVector<float> out(type.getNumElements());
  for (int64_t i = 0, e = out.size(); i < e; ++i)
    out[i] = fn((*lhs)[broadcastIndex(i, type.getShape(), lShape)],
                (*rhs)[broadcastIndex(i, type.getShape(), rShape)]);
  return DenseElementsAttr::get(type, ArrayRef<float>(out));
}

template <typename Fn>
static Attribute foldUnary(Operation *op, ArrayRef<Attribute> operands, Fn fn) {
  auto type = cast<ShapedType>(op->getResult(0).getType());
  if (!type.hasStaticShape() || type.getNumElements() > kMaxFoldedElements)
    return {};
  std::optional<SmallVector<float>> in = getFloats(operands[0]);
  if (!in)
    return {};
  for (float &v : *in)
    v = fn(v);
  return DenseElementsAttr::get(type, ArrayRef<float>(*in));
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult AddOp::fold(FoldAdaptor a) {
  return foldBinary(*this, a.getOperands(), [](float x, float y) { return x + y; });
}
OpFoldResult SubOp::fold(FoldAdaptor a) {
  return foldBinary(*this, a.getOperands(), [](float x, float y) { return x - y; });
}
OpFoldResult MulOp::fold(FoldAdaptor a) {
  return foldBinary(*this, a.getOperands(), [](float x, float y) { return x * y; });
}
OpFoldResult DivOp::fold(FoldAdaptor a) {
  return foldBinary(*this, a.getOperands(), [](float x, float y) { return x / y; });
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

//===----------------------------------------------------------------------===//
// Reshape
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
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
                                           producer.getInput());
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

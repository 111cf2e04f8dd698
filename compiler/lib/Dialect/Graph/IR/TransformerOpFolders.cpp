// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Constant folding of comparisons, selection, casts and indexing ops: with
// static shapes the shape subgraphs of exported transformers (Shape, Gather,
// Equal, Where, Cast, Slice, Expand on constants) fold away completely.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "FoldUtils.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mlc::graph;
using namespace mlir::mlc::graph::fold;

template <typename Pred>
static Attribute foldCompare(Operation *op, ArrayRef<Attribute> operands,
                             Pred pred) {
  return foldBinary(
      op, operands, [&](float x, float y) -> int64_t { return pred(x, y); },
      [&](int64_t x, int64_t y) { return std::optional<int64_t>(pred(x, y)); });
}

#define MLC_COMPARE_FOLD(OP, EXPR)                                             \
  OpFoldResult OP::fold(FoldAdaptor a) {                                       \
    return foldCompare(*this, a.getOperands(),                                 \
                       [](auto x, auto y) { return EXPR; });                   \
  }
MLC_COMPARE_FOLD(EqualOp, x == y)
MLC_COMPARE_FOLD(LessOp, x < y)
MLC_COMPARE_FOLD(LessEqualOp, x <= y)
MLC_COMPARE_FOLD(GreaterOp, x > y)
MLC_COMPARE_FOLD(GreaterEqualOp, x >= y)
#undef MLC_COMPARE_FOLD

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> in = getInts(adaptor.getInput());
  if (!in || !isFoldable(getType()))
    return {};
  for (int64_t &v : *in)
    v = !v;
  return makeInts(getType(), *in);
}

OpFoldResult WhereOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> cond = getInts(adaptor.getCondition());
  auto x = dyn_cast_if_present<DenseElementsAttr>(adaptor.getTrueValue());
  auto y = dyn_cast_if_present<DenseElementsAttr>(adaptor.getFalseValue());
  auto type = getType();
  if (!cond || !x || !y || !isFoldable(type))
    return {};
  SmallVector<Attribute> xs(x.getValues<Attribute>());
  SmallVector<Attribute> ys(y.getValues<Attribute>());
  ArrayRef<int64_t> out = type.getShape();
  SmallVector<Attribute> result;
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i) {
    bool c = (*cond)[broadcastIndex(
        i, out, getCondition().getType().getShape())];
    result.push_back(
        c ? xs[broadcastIndex(i, out, getTrueValue().getType().getShape())]
          : ys[broadcastIndex(i, out, getFalseValue().getType().getShape())]);
  }
  return DenseElementsAttr::get(type, result);
}

// float -> int as the generated code does it: NaN becomes 0, values
// saturate at the largest floats inside the range, then truncate toward 0;
// -> i1 is `!= 0` (NaN included).
static int64_t floatToInt(float x, unsigned width) {
  if (width == 1)
    return x != 0.0f;
  if (std::isnan(x))
    return 0;
  float hi = std::ldexp(1.0f, width - 1);
  float clamped = std::min(std::max(x, -hi), std::nextafter(hi, 0.0f));
  return static_cast<int64_t>(std::trunc(clamped));
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  auto type = getType();
  if (getInput().getType() == type)
    return getInput();
  if (!isFoldable(type))
    return {};
  Type to = type.getElementType();
  if (auto floats = getFloats(adaptor.getInput())) {
    if (to.isF32())
      return DenseElementsAttr::get(type, ArrayRef<float>(*floats));
    SmallVector<int64_t> ints;
    for (float f : *floats)
      ints.push_back(floatToInt(f, to.getIntOrFloatBitWidth()));
    return makeInts(type, ints);
  }
  std::optional<SmallVector<int64_t>> ints = getInts(adaptor.getInput());
  if (!ints)
    return {};
  if (to.isF32())
    return DenseElementsAttr::get(
        type, ArrayRef<float>(SmallVector<float>(ints->begin(), ints->end())));
  if (to.isInteger(1))
    for (int64_t &v : *ints)
      v = v != 0;
  return makeInts(type, *ints);
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto type = getType();
  if (getInput().getType() == type && type.hasStaticShape() &&
      llvm::all_of(getStarts(), [](int64_t s) { return s == 0; }) &&
      llvm::all_of(getSteps(), [](int64_t s) { return s == 1; }))
    return getInput();
  ArrayRef<int64_t> out = type.getShape();
  SmallVector<int64_t> inStrides =
      stridesOf(getInput().getType().getShape());
  return foldGather(*this, adaptor.getInput(), [&](int64_t flat) {
    int64_t src = 0;
    for (int64_t d = static_cast<int64_t>(out.size()) - 1; d >= 0; --d) {
      src += (getStarts()[d] + (flat % out[d]) * getSteps()[d]) * inStrides[d];
      flat /= out[d];
    }
    return src;
  });
}

OpFoldResult BroadcastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  ArrayRef<int64_t> in = getInput().getType().getShape();
  ArrayRef<int64_t> out = getType().getShape();
  return foldGather(*this, adaptor.getInput(), [&](int64_t flat) {
    return broadcastIndex(flat, out, in);
  });
}

OpFoldResult TriluOp::fold(FoldAdaptor adaptor) {
  auto type = getType();
  Type element = type.getElementType();
  Attribute zero = element.isF32()
                       ? Attribute(FloatAttr::get(element, 0.0))
                       : Attribute(IntegerAttr::get(element, 0));
  int64_t rows = type.getDimSize(type.getRank() - 2);
  int64_t cols = type.getDimSize(type.getRank() - 1);
  int64_t k = getK(); // I64Attr getters return unsigned values.
  bool upper = getUpper();
  return foldGather(
      *this, adaptor.getInput(),
      [&](int64_t flat) -> int64_t {
        int64_t j = flat % cols, i = (flat / cols) % rows;
        bool keep = upper ? j - i >= k : j - i <= k;
        return keep ? flat : -1;
      },
      zero);
}

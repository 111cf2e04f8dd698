// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Helpers of the mlc_graph constant folders (private to the dialect library).
// Only `dense<>` constants fold, and only up to kMaxFoldedElements results:
// weights (`dense_resource<>`) never get copied into the IR.

#ifndef MLC_LIB_DIALECT_GRAPH_IR_FOLDUTILS_H
#define MLC_LIB_DIALECT_GRAPH_IR_FOLDUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

#include <optional>

namespace mlir::mlc::graph::fold {

// Larger results are left to the generated code instead of the IR.
inline constexpr int64_t kMaxFoldedElements = 1 << 16;

/// True when |type| is static and small enough to fold into.
bool isFoldable(Type type);
/// Values of a dense f32 attribute.
std::optional<SmallVector<float>> getFloats(Attribute attr);
/// Values of a dense signless-integer attribute (i1 reads as 0 or 1).
std::optional<SmallVector<int64_t>> getInts(Attribute attr);
/// Dense attribute of integer |type| from |values| (truncated to the width).
DenseElementsAttr makeInts(ShapedType type, ArrayRef<int64_t> values);
/// Row-major strides of |shape|.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape);
/// Flat index into |shape| broadcast to |outShape| for output position |flat|.
int64_t broadcastIndex(int64_t flat, ArrayRef<int64_t> outShape,
                       ArrayRef<int64_t> shape);

/// Folds a binary elementwise op with broadcasting: |floatFn| on f32
/// operands, |intFn| (returning nullopt to give up) on integer ones. The
/// result element type is the op's.
template <typename FloatFn, typename IntFn>
Attribute foldBinary(Operation *op, ArrayRef<Attribute> operands,
                     FloatFn floatFn, IntFn intFn) {
  auto type = cast<ShapedType>(op->getResult(0).getType());
  if (!isFoldable(type) || operands.size() != 2)
    return {};
  auto lShape = cast<ShapedType>(op->getOperand(0).getType()).getShape();
  auto rShape = cast<ShapedType>(op->getOperand(1).getType()).getShape();
  int64_t n = type.getNumElements();
  auto at = [&](auto &values, ArrayRef<int64_t> shape, int64_t i) {
    return values[broadcastIndex(i, type.getShape(), shape)];
  };
  auto lf = getFloats(operands[0]), rf = getFloats(operands[1]);
  if (lf && rf) {
    SmallVector<decltype(floatFn(0.0f, 0.0f))> out;
    for (int64_t i = 0; i < n; ++i)
      out.push_back(floatFn(at(*lf, lShape, i), at(*rf, rShape, i)));
    if constexpr (std::is_same_v<decltype(floatFn(0.0f, 0.0f)), float>)
      return DenseElementsAttr::get(type, ArrayRef<float>(out));
    else
      return makeInts(type, SmallVector<int64_t>(out.begin(), out.end()));
  }
  auto li = getInts(operands[0]), ri = getInts(operands[1]);
  if (!li || !ri)
    return {};
  SmallVector<int64_t> out;
  for (int64_t i = 0; i < n; ++i) {
    std::optional<int64_t> v = intFn(at(*li, lShape, i), at(*ri, rShape, i));
    if (!v)
      return {};
    out.push_back(*v);
  }
  return makeInts(type, out);
}

/// Folds a data-movement op: output element i is input element |source(i)|
/// (or |fill| when source returns -1).
template <typename SourceFn>
Attribute foldGather(Operation *op, Attribute input, SourceFn source,
                     Attribute fill = {}) {
  auto type = cast<ShapedType>(op->getResult(0).getType());
  auto dense = dyn_cast_if_present<DenseElementsAttr>(input);
  if (!dense || !isFoldable(type))
    return {};
  SmallVector<Attribute> in(dense.getValues<Attribute>());
  SmallVector<Attribute> out;
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i) {
    int64_t src = source(i);
    out.push_back(src < 0 ? fill : in[src]);
  }
  return DenseElementsAttr::get(type, out);
}

} // namespace mlir::mlc::graph::fold

#endif // MLC_LIB_DIALECT_GRAPH_IR_FOLDUTILS_H

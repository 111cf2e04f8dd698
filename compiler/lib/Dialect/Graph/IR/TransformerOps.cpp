// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Shape inference and verifiers of the transformer-related mlc_graph ops.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace mlir::mlc::graph;

//===----------------------------------------------------------------------===//
// Comparisons, selection, casts
//===----------------------------------------------------------------------===//

template <typename Adaptor>
static LogicalResult inferCompare(MLIRContext *ctx, std::optional<Location> loc,
                                  Adaptor adaptor,
                                  SmallVectorImpl<Type> &types) {
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(
      cast<RankedTensorType>(adaptor.getLhs().getType()).getShape(),
      cast<RankedTensorType>(adaptor.getRhs().getType()).getShape(), loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, IntegerType::get(ctx, 1)));
  return success();
}

#define MLC_COMPARE_INFER(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *c,                           \
                                     std::optional<Location> l, Adaptor a,     \
                                     SmallVectorImpl<Type> &t) {               \
    return inferCompare(c, l, a, t);                                           \
  }
MLC_COMPARE_INFER(EqualOp)
MLC_COMPARE_INFER(LessOp)
MLC_COMPARE_INFER(LessEqualOp)
MLC_COMPARE_INFER(GreaterOp)
MLC_COMPARE_INFER(GreaterEqualOp)
#undef MLC_COMPARE_INFER

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto shapeOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  };
  FailureOr<SmallVector<int64_t>> values = broadcastShapes(
      shapeOf(adaptor.getTrueValue()), shapeOf(adaptor.getFalseValue()), loc);
  if (failed(values))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(shapeOf(adaptor.getCondition()), *values, loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(
      *shape, getElementTypeOrSelf(adaptor.getTrueValue())));
  return success();
}

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\", got \"")
           << getApproximate() << "\"";
  return success();
}

LogicalResult CastOp::verify() {
  if (getInput().getType().getShape() != getType().getShape())
    return emitOpError("result shape ")
           << shapeString(getType().getShape()) << " differs from input shape "
           << shapeString(getInput().getType().getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions and normalizations
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>>
mlir::mlc::graph::inferReduceShape(ArrayRef<int64_t> shape,
                                   ArrayRef<int64_t> axes, bool keepDims,
                                   std::optional<Location> loc) {
  int64_t rank = shape.size();
  for (auto [i, axis] : llvm::enumerate(axes))
    if (axis < 0 || axis >= rank || (i > 0 && axis <= axes[i - 1]))
      return emitOptionalError(loc, "reduction axes ", shapeString(axes),
                               " must be sorted, distinct and in [0, ", rank,
                               ")");
  SmallVector<int64_t> result;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(axes, d);
    if (!reduced)
      result.push_back(shape[d]);
    else if (keepDims)
      result.push_back(1);
  }
  return result;
}

#define MLC_REDUCE_INFER(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc, Adaptor a,   \
                                     SmallVectorImpl<Type> &types) {           \
    auto in = cast<RankedTensorType>(a.getInput().getType());                  \
    FailureOr<SmallVector<int64_t>> shape =                                    \
        inferReduceShape(in.getShape(), a.getAxes(), a.getKeepDims(), loc);    \
    if (failed(shape))                                                         \
      return failure();                                                        \
    types.push_back(RankedTensorType::get(*shape, in.getElementType()));       \
    return success();                                                          \
  }
MLC_REDUCE_INFER(ReduceSumOp)
MLC_REDUCE_INFER(ReduceMeanOp)
MLC_REDUCE_INFER(ReduceMaxOp)
MLC_REDUCE_INFER(ReduceMinOp)
#undef MLC_REDUCE_INFER

// |param| (named |what|) must broadcast to the normalized dims |dims|.
static LogicalResult verifyNormParam(Operation *op, Value param,
                                     ArrayRef<int64_t> dims, StringRef what) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(param.getType()).getShape();
  SmallVector<int64_t> out;
  if (shape.size() > dims.size() ||
      !OpTrait::util::getBroadcastedShape(shape, dims, out) || out != dims)
    return op->emitOpError() << what << " of shape " << shapeString(shape)
                             << " does not broadcast to the normalized dims "
                             << shapeString(dims);
  return success();
}

// |axis| must name a dim of a rank-|rank| tensor.
static LogicalResult verifyAxis(Operation *op, int64_t axis, int64_t rank) {
  if (axis < 0 || axis >= rank)
    return op->emitOpError("axis ") << axis << " is out of range for rank "
                                    << rank;
  return success();
}

LogicalResult LayerNormOp::verify() {
  ArrayRef<int64_t> shape = getInput().getType().getShape();
  int64_t axis = getAxis();
  if (failed(verifyAxis(*this, axis, shape.size())))
    return failure();
  ArrayRef<int64_t> dims = shape.drop_front(axis);
  if (failed(verifyNormParam(*this, getScale(), dims, "scale")))
    return failure();
  if (getBias() && failed(verifyNormParam(*this, getBias(), dims, "bias")))
    return failure();
  return success();
}

LogicalResult RmsNormOp::verify() {
  ArrayRef<int64_t> shape = getInput().getType().getShape();
  if (shape.empty())
    return emitOpError("input must have rank >= 1");
  return verifyNormParam(*this, getScale(), shape.take_back(), "scale");
}

LogicalResult CumSumOp::verify() {
  return verifyAxis(*this, getAxis(), getType().getRank());
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>>
mlir::mlc::graph::inferGatherShape(ArrayRef<int64_t> data,
                                   ArrayRef<int64_t> indices, int64_t axis,
                                   std::optional<Location> loc) {
  int64_t rank = data.size();
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "gather axis ", axis,
                             " is out of range for rank ", rank);
  SmallVector<int64_t> shape(data.begin(), data.begin() + axis);
  llvm::append_range(shape, indices);
  shape.append(data.begin() + axis + 1, data.end());
  return shape;
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto data = cast<RankedTensorType>(adaptor.getData().getType());
  FailureOr<SmallVector<int64_t>> shape = inferGatherShape(
      data.getShape(),
      cast<RankedTensorType>(adaptor.getIndices().getType()).getShape(),
      adaptor.getAxis(), loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, data.getElementType()));
  return success();
}

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> in = getInput().getType().getShape();
  ArrayRef<int64_t> out = getType().getShape();
  size_t rank = in.size();
  if (out.size() != rank || getStarts().size() != rank ||
      getSteps().size() != rank)
    return emitOpError("input, result, starts and steps must all have rank ")
           << rank;
  if (failed(verifySizeOperands(*this, getType(), getSizes())))
    return failure();
  for (size_t d = 0; d < rank; ++d) {
    int64_t start = getStarts()[d], step = getSteps()[d];
    if (step == 0)
      return emitOpError("step of dim ") << d << " is 0";
    if (ShapedType::isDynamic(in[d]) || ShapedType::isDynamic(out[d]))
      continue;
    int64_t last = 0;
    bool overflow = __builtin_mul_overflow(out[d] - 1, step, &last) ||
                    __builtin_add_overflow(last, start, &last);
    if (out[d] > 0 &&
        (overflow || start < 0 || start >= in[d] || last < 0 || last >= in[d]))
      return emitOpError("dim ") << d << " reads indices " << start << ".."
                                 << last << " outside [0, " << in[d] << ")";
  }
  return success();
}

LogicalResult BroadcastOp::verify() {
  if (failed(verifySizeOperands(*this, getType(), getSizes())))
    return failure();
  ArrayRef<int64_t> in = getInput().getType().getShape();
  ArrayRef<int64_t> out = getType().getShape();
  SmallVector<int64_t> shape;
  if (in.size() > out.size() ||
      !OpTrait::util::getBroadcastedShape(in, out, shape) || shape != out)
    return emitOpError("cannot broadcast ")
           << shapeString(in) << " to " << shapeString(out);
  return success();
}

LogicalResult IotaOp::verify() {
  if (getType().getRank() != 1)
    return emitOpError("result must have rank 1");
  return verifySizeOperands(*this, getType(), getSizes());
}

LogicalResult TriluOp::verify() {
  if (getType().getRank() < 2)
    return emitOpError("input must have rank >= 2");
  return success();
}

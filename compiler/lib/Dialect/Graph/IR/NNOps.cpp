// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Shape rules and verifiers of convolution, pooling, concat and pad.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc::graph;

FailureOr<int64_t> mlir::mlc::graph::windowOutputSize(
    int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
    int64_t padBegin, int64_t padEnd, bool ceilMode,
    std::optional<Location> loc) {
  if (kernel <= 0 || stride <= 0 || dilation <= 0 || padBegin < 0 || padEnd < 0)
    return emitOptionalError(loc, "kernel, stride and dilation must be "
                                  "positive and pads non-negative");
  int64_t extent = (kernel - 1) * dilation + 1;
  int64_t span = in + padBegin + padEnd - extent;
  if (span < 0)
    return emitOptionalError(loc, "window of extent ", extent,
                             " does not fit the padded input of size ",
                             in + padBegin + padEnd);
  int64_t out = (ceilMode ? span + stride - 1 : span) / stride + 1;
  // A last window starting in the end padding is dropped.
  if (ceilMode && (out - 1) * stride >= in + padBegin)
    --out;
  return out;
}

static LogicalResult checkWindowAttrs(ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations,
                                      ArrayRef<int64_t> pads,
                                      std::optional<Location> loc) {
  if (strides.size() != 2 || dilations.size() != 2 || pads.size() != 4)
    return emitOptionalError(loc, "expected 2 strides, 2 dilations and 4 pads, "
                                  "got ", strides.size(), ", ",
                             dilations.size(), " and ", pads.size());
  return success();
}

// Spatial output dims for a window op over [.., .., H, W].
static FailureOr<SmallVector<int64_t>>
spatialShape(ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
             ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
             ArrayRef<int64_t> pads, bool ceilMode,
             std::optional<Location> loc) {
  SmallVector<int64_t> out;
  for (int i = 0; i < 2; ++i) {
    FailureOr<int64_t> size =
        windowOutputSize(input[2 + i], kernel[i], strides[i], dilations[i],
                         pads[i], pads[2 + i], ceilMode, loc);
    if (failed(size))
      return failure();
    out.push_back(*size);
  }
  return out;
}

FailureOr<SmallVector<int64_t>> mlir::mlc::graph::inferConv2DShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> filter,
    std::optional<ArrayRef<int64_t>> bias, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads, int64_t groups,
    std::optional<Location> loc) {
  if (input.size() != 4 || filter.size() != 4)
    return emitOptionalError(loc, "conv2d expects rank-4 input and filter, "
                                  "got ranks ", input.size(), " and ",
                             filter.size());
  if (failed(checkWindowAttrs(strides, dilations, pads, loc)))
    return failure();
  int64_t channels = input[1], features = filter[0];
  if (groups <= 0 || channels % groups != 0 || features % groups != 0 ||
      filter[1] * groups != channels)
    return emitOptionalError(loc, "filter ", shapeString(filter),
                             " with ", groups, " groups does not match ",
                             channels, " input channels");
  if (bias && (bias->size() != 1 || (*bias)[0] != features))
    return emitOptionalError(loc, "bias of shape ", shapeString(*bias),
                             " does not match ", features, " filters");
  FailureOr<SmallVector<int64_t>> spatial = spatialShape(
      input, filter.drop_front(2), strides, dilations, pads, false, loc);
  if (failed(spatial))
    return failure();
  return SmallVector<int64_t>{input[0], features, (*spatial)[0], (*spatial)[1]};
}

FailureOr<SmallVector<int64_t>> mlir::mlc::graph::inferPool2DShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
    ArrayRef<int64_t> pads, bool ceilMode, std::optional<Location> loc) {
  if (input.size() != 4)
    return emitOptionalError(loc, "2-D pooling expects a rank-4 input, got "
                                  "rank ", input.size());
  if (kernel.size() != 2)
    return emitOptionalError(loc, "expected a 2-D kernel, got ",
                             kernel.size(), " dims");
  if (failed(checkWindowAttrs(strides, dilations, pads, loc)))
    return failure();
  FailureOr<SmallVector<int64_t>> spatial =
      spatialShape(input, kernel, strides, dilations, pads, ceilMode, loc);
  if (failed(spatial))
    return failure();
  return SmallVector<int64_t>{input[0], input[1], (*spatial)[0], (*spatial)[1]};
}

static LogicalResult checkResult(Operation *op,
                                 FailureOr<SmallVector<int64_t>> expected) {
  if (failed(expected))
    return failure();
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  if (type.getShape() != ArrayRef<int64_t>(*expected))
    return op->emitOpError("result shape ")
           << shapeString(type.getShape()) << " should be "
           << shapeString(*expected);
  return success();
}

LogicalResult Conv2DOp::verify() {
  std::optional<ArrayRef<int64_t>> bias;
  if (getBias())
    bias = getBias().getType().getShape();
  return checkResult(*this, inferConv2DShape(
                                getInput().getType().getShape(),
                                getFilter().getType().getShape(), bias,
                                getStrides(), getDilations(), getPads(),
                                static_cast<int64_t>(getGroups()), getLoc()));
}

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  return checkResult(op, inferPool2DShape(op.getInput().getType().getShape(),
                                          op.getKernel(), op.getStrides(),
                                          op.getDilations(), op.getPads(),
                                          op.getCeilMode(), op.getLoc()));
}

LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2DOp::verify() { return verifyPool(*this); }

FailureOr<SmallVector<int64_t>>
mlir::mlc::graph::inferConcatShape(ArrayRef<ArrayRef<int64_t>> inputs,
                                   int64_t axis, std::optional<Location> loc) {
  if (inputs.empty())
    return emitOptionalError(loc, "concat needs at least one input");
  SmallVector<int64_t> shape(inputs.front());
  int64_t rank = shape.size();
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "axis ", axis, " is out of range for rank ",
                             rank);
  for (ArrayRef<int64_t> in : inputs.drop_front()) {
    bool same = static_cast<int64_t>(in.size()) == rank;
    for (int64_t d = 0; same && d < rank; ++d)
      same = d == axis || dimsCompatible(in[d], shape[d]);
    if (!same)
      return emitOptionalError(loc, "cannot concatenate ", shapeString(in),
                               " with ", shapeString(inputs.front()),
                               " along axis ", axis);
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && ShapedType::isDynamic(shape[d]))
        shape[d] = in[d];
    shape[axis] = ShapedType::isDynamic(shape[axis]) ||
                          ShapedType::isDynamic(in[axis])
                      ? ShapedType::kDynamic
                      : shape[axis] + in[axis];
  }
  return shape;
}

LogicalResult ConcatOp::verify() {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value v : getInputs()) {
    if (getElementTypeOrSelf(v) != getElementTypeOrSelf(getType()))
      return emitOpError("inputs and result must have one element type");
    shapes.push_back(cast<RankedTensorType>(v.getType()).getShape());
  }
  return checkResult(*this, inferConcatShape(
                                shapes, static_cast<int64_t>(getAxis()),
                                getLoc()));
}

LogicalResult PadOp::verify() {
  ArrayRef<int64_t> in = getInput().getType().getShape();
  ArrayRef<int64_t> pads = getPads();
  if (pads.size() != 2 * in.size() || llvm::any_of(pads, [](int64_t p) {
        return p < 0;
      }))
    return emitOpError("expected ") << 2 * in.size()
                                    << " non-negative pads, got "
                                    << shapeString(pads);
  SmallVector<int64_t> expected(in);
  for (size_t i = 0; i < in.size(); ++i)
    expected[i] += pads[i] + pads[in.size() + i];
  return checkResult(*this, expected);
}

LogicalResult ResizeOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (getType().getRank() != rank || static_cast<int64_t>(getScales().size()) != rank)
    return emitOpError("expected rank ")
           << rank << " result and " << rank << " scales, got rank "
           << getType().getRank() << " and " << getScales().size() << " scales";
  if (!llvm::is_contained({"nearest", "linear"}, getMode()))
    return emitOpError("unsupported mode '") << getMode() << "'";
  if (!llvm::is_contained({"half_pixel", "pytorch_half_pixel", "align_corners",
                           "asymmetric", "half_pixel_symmetric"},
                          getCoordinateMode()))
    return emitOpError("unsupported coordinate mode '")
           << getCoordinateMode() << "'";
  if (!llvm::is_contained({"round_prefer_floor", "round_prefer_ceil", "floor",
                           "ceil"},
                          getNearestMode()))
    return emitOpError("unsupported nearest mode '") << getNearestMode() << "'";
  for (float scale : getScales())
    if (!(scale > 0.0f))
      return emitOpError("scales must be positive");
  if (getType().getNumElements() != 0 && getInput().getType().getNumElements() == 0)
    return emitOpError("cannot resize an empty tensor");
  return success();
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Convolution, pooling, batch normalization and activations with attributes.

#include "OnnxOps.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/Verifier.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {

// Window attributes of Conv/MaxPool/AveragePool resolved for two spatial
// dims: pads as [top, left, bottom, right].
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

// Fills |w| from |node|'s attributes; |kernel| comes from the caller (the
// filter shape for Conv, kernel_shape for pooling).
LogicalResult resolveWindow(GraphImporter &im, const onnx::NodeProto &node,
                            ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
                            Window &w) {
  w.kernel.assign(kernel.begin(), kernel.end());
  w.strides = getIntsAttr(node, "strides").value_or(SmallVector<int64_t>{1, 1});
  w.dilations =
      getIntsAttr(node, "dilations").value_or(SmallVector<int64_t>{1, 1});
  w.pads = getIntsAttr(node, "pads").value_or(SmallVector<int64_t>{0, 0, 0, 0});
  if (w.kernel.size() != 2 || w.strides.size() != 2 || w.dilations.size() != 2 ||
      w.pads.size() != 4)
    return im.nodeError(node) << "expected 2-D kernel, strides and dilations "
                                 "and 4 pads";
  const onnx::AttributeProto *autoPad = findAttr(node, "auto_pad");
  std::string mode = autoPad ? autoPad->s() : "NOTSET";
  if (mode == "NOTSET")
    return success();
  if (mode == "VALID") {
    w.pads.assign(4, 0);
    return success();
  }
  if (mode != "SAME_UPPER" && mode != "SAME_LOWER")
    return im.nodeError(node) << "unknown auto_pad '" << mode << "'";
  for (int i = 0; i < 2; ++i) {
    if (w.strides[i] <= 0 || w.dilations[i] <= 0)
      return im.nodeError(node) << "strides and dilations must be positive";
    int64_t out = (input[2 + i] + w.strides[i] - 1) / w.strides[i];
    int64_t extent = (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t total =
        std::max<int64_t>(0, (out - 1) * w.strides[i] + extent - input[2 + i]);
    int64_t small = total / 2, large = total - small;
    w.pads[i] = mode == "SAME_UPPER" ? small : large;
    w.pads[2 + i] = mode == "SAME_UPPER" ? large : small;
  }
  return success();
}

// 1-D ops run as 2-D with a unit height: [N, C, L] -> [N, C, 1, L].
SmallVector<int64_t> to2D(ArrayRef<int64_t> shape) {
  return {shape[0], shape[1], 1, shape[2]};
}

// Window attributes of a 1-D op, widened to 2-D.
void widenAttr(SmallVector<int64_t> &v, int64_t unit) {
  if (v.size() == 1)
    v.insert(v.begin(), unit);
  else if (v.size() == 2)
    v = {0, v[0], 0, v[1]};
}

LogicalResult convertConv(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  FailureOr<Value> filter = im.getFloatInput(node, 1);
  FailureOr<Value> bias = im.getOptionalFloatInput(node, 2);
  if (failed(x) || failed(filter) || failed(bias))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x), fs = shapeOf(*filter);
  if (in.size() != fs.size() || (in.size() != 3 && in.size() != 4))
    return im.nodeError(node) << "expected 1-D or 2-D convolution (input and "
                                 "weights of rank 3 or 4), got ranks "
                              << in.size() << " and " << fs.size();
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  bool oneD = in.size() == 3;
  SmallVector<int64_t> in4 = oneD ? to2D(in) : SmallVector<int64_t>(in);
  SmallVector<int64_t> fs4 = oneD ? to2D(fs) : SmallVector<int64_t>(fs);
  Window w;
  if (oneD) {
    // Resolve 1-D attributes on the widened shapes.
    onnx::NodeProto widened = node;
    for (onnx::AttributeProto &attr : *widened.mutable_attribute()) {
      SmallVector<int64_t> v(attr.ints().begin(), attr.ints().end());
      widenAttr(v, attr.name() == "pads" ? 0 : 1);
      attr.clear_ints();
      for (int64_t i : v)
        attr.add_ints(i);
    }
    if (failed(resolveWindow(im, widened, in4, {fs4[2], fs4[3]}, w)))
      return failure();
  } else if (failed(resolveWindow(im, node, in4, {fs4[2], fs4[3]}, w))) {
    return failure();
  }
  int64_t groups = getIntAttr(node, "group", 1);
  std::optional<ArrayRef<int64_t>> biasShape;
  if (*bias)
    biasShape = shapeOf(*bias);
  FailureOr<SmallVector<int64_t>> shape = graph::inferConv2DShape(
      in4, fs4, biasShape, w.strides, w.dilations, w.pads, groups, loc);
  if (failed(shape))
    return failure();
  auto type = RankedTensorType::get(*shape, b.getF32Type());
  Value conv = b.create<graph::Conv2DOp>(
      loc, type, reshapeTo(b, loc, *x, in4), reshapeTo(b, loc, *filter, fs4),
      *bias, b.getDenseI64ArrayAttr(w.strides),
      b.getDenseI64ArrayAttr(w.dilations), b.getDenseI64ArrayAttr(w.pads),
      b.getI64IntegerAttr(groups));
  if (oneD)
    conv = reshapeTo(b, loc, conv, {(*shape)[0], (*shape)[1], (*shape)[3]});
  im.setOutput(node, 0, conv);
  return success();
}

template <typename PoolOp>
LogicalResult convertPool(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  if (node.output_size() > 1 && !node.output(1).empty())
    return im.nodeError(node) << "the Indices output is not supported";
  ArrayRef<int64_t> in = shapeOf(*x);
  if (in.size() != 4)
    return im.nodeError(node) << "only 2-D pooling (rank-4 input) is "
                                 "supported, got rank "
                              << in.size();
  SmallVector<int64_t> kernel =
      getIntsAttr(node, "kernel_shape").value_or(SmallVector<int64_t>{});
  Window w;
  if (failed(resolveWindow(im, node, in, kernel, w)))
    return failure();
  bool ceilMode = getIntAttr(node, "ceil_mode", 0) != 0;
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> shape = graph::inferPool2DShape(
      in, w.kernel, w.strides, w.dilations, w.pads, ceilMode, loc);
  if (failed(shape))
    return failure();
  OpBuilder &b = im.getBuilder();
  auto op = b.create<PoolOp>(
      loc, RankedTensorType::get(*shape, b.getF32Type()), *x,
      b.getDenseI64ArrayAttr(w.kernel), b.getDenseI64ArrayAttr(w.strides),
      b.getDenseI64ArrayAttr(w.dilations), b.getDenseI64ArrayAttr(w.pads),
      b.getBoolAttr(ceilMode));
  if constexpr (std::is_same_v<PoolOp, graph::AvgPool2DOp>)
    op.setCountIncludePad(getIntAttr(node, "count_include_pad", 0) != 0);
  im.setOutput(node, 0, op);
  return success();
}

template <typename PoolOp>
LogicalResult convertGlobalPool(GraphImporter &im,
                                const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x);
  if (in.size() != 4)
    return im.nodeError(node) << "only rank-4 inputs are supported, got rank "
                              << in.size();
  OpBuilder &b = im.getBuilder();
  auto type = RankedTensorType::get({in[0], in[1], 1, 1}, b.getF32Type());
  im.setOutput(node, 0,
               b.create<PoolOp>(im.nodeLoc(node), type, *x,
                                b.getDenseI64ArrayAttr({in[2], in[3]}),
                                b.getDenseI64ArrayAttr({1, 1}),
                                b.getDenseI64ArrayAttr({1, 1}),
                                b.getDenseI64ArrayAttr({0, 0, 0, 0}),
                                b.getBoolAttr(false)));
  return success();
}

// y = x * a + b per channel, with a = scale / sqrt(var + eps) and
// b = bias - mean * a computed at compile time.
LogicalResult convertBatchNorm(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  if (getIntAttr(node, "training_mode", 0) != 0 ||
      (node.output_size() > 1 &&
       llvm::any_of(llvm::drop_begin(node.output()),
                    [](const std::string &o) { return !o.empty(); })))
    return im.nodeError(node) << "training mode is not supported";
  ArrayRef<int64_t> in = shapeOf(*x);
  if (in.size() < 2)
    return im.nodeError(node) << "input must have rank >= 2";
  int64_t channels = in[1];
  SmallVector<SmallVector<float>> params;
  for (int i = 1; i <= 4; ++i) {
    FailureOr<Value> p = im.getFloatInput(node, i);
    if (failed(p))
      return failure();
    std::optional<SmallVector<float>> values = graph::getConstantFloats(*p);
    if (!values || static_cast<int64_t>(values->size()) != channels)
      return im.nodeError(node) << "input '" << node.input(i) << "' must be a "
                                << "constant of " << channels << " floats";
    params.push_back(std::move(*values));
  }
  float eps = getFloatAttr(node, "epsilon", 1e-5f);
  SmallVector<float> scale(channels), shift(channels);
  for (int64_t c = 0; c < channels; ++c) {
    scale[c] = params[0][c] / std::sqrt(params[3][c] + eps);
    shift[c] = params[1][c] - params[2][c] * scale[c];
  }
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  SmallVector<int64_t> perChannel(in.size() - 1, 1);
  perChannel[0] = channels;
  auto type = RankedTensorType::get(perChannel, b.getF32Type());
  Value a = b.create<graph::ConstantOp>(
      loc, DenseElementsAttr::get(type, ArrayRef<float>(scale)));
  Value c = b.create<graph::ConstantOp>(
      loc, DenseElementsAttr::get(type, ArrayRef<float>(shift)));
  Value scaled = b.create<graph::MulOp>(loc, x->getType(), *x, a);
  im.setOutput(node, 0, b.create<graph::AddOp>(loc, x->getType(), scaled, c));
  return success();
}

// Clip bounds: attributes before opset 11, optional constant inputs after.
LogicalResult convertClip(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  float bounds[2] = {std::numeric_limits<float>::lowest(),
                     std::numeric_limits<float>::max()};
  for (int i = 0; i < 2; ++i) {
    if (im.getOpset() < 11) {
      bounds[i] = getFloatAttr(node, i ? "max" : "min", bounds[i]);
      continue;
    }
    FailureOr<Value> bound = im.getOptionalInput(node, i + 1);
    if (failed(bound))
      return failure();
    if (!*bound)
      continue;
    std::optional<SmallVector<float>> v = graph::getConstantFloats(*bound);
    if (!v || v->size() != 1)
      return im.nodeError(node) << "input '" << node.input(i + 1)
                                << "' must be a constant float scalar";
    bounds[i] = (*v)[0];
  }
  OpBuilder &b = im.getBuilder();
  im.setOutput(node, 0,
               b.create<graph::ClipOp>(im.nodeLoc(node), *x,
                                       b.getF32FloatAttr(bounds[0]),
                                       b.getF32FloatAttr(bounds[1])));
  return success();
}

LogicalResult convertLeakyRelu(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  OpBuilder &b = im.getBuilder();
  im.setOutput(node, 0,
               b.create<graph::LeakyReluOp>(
                   im.nodeLoc(node), *x,
                   b.getF32FloatAttr(getFloatAttr(node, "alpha", 0.01f))));
  return success();
}

Value hardSigmoid(OpBuilder &b, Location loc, Value x, float alpha,
                  float beta) {
  return b.create<graph::HardSigmoidOp>(loc, x, b.getF32FloatAttr(alpha),
                                        b.getF32FloatAttr(beta));
}

LogicalResult convertHardSigmoid(GraphImporter &im,
                                 const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  im.setOutput(node, 0,
               hardSigmoid(im.getBuilder(), im.nodeLoc(node), *x,
                           getFloatAttr(node, "alpha", 0.2f),
                           getFloatAttr(node, "beta", 0.5f)));
  return success();
}

// HardSwish(x) = x * HardSigmoid(x) with alpha 1/6, beta 1/2.
LogicalResult convertHardSwish(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  Value gate = hardSigmoid(b, loc, *x, 1.0f / 6.0f, 0.5f);
  im.setOutput(node, 0, b.create<graph::MulOp>(loc, x->getType(), *x, gate));
  return success();
}

// Output shape and per-dim scales of Resize from its constant scales or
// sizes input (opset >= 11: X, roi, scales, sizes; opset 10: X, scales).
LogicalResult resizeTarget(GraphImporter &im, const onnx::NodeProto &node,
                           ArrayRef<int64_t> in, SmallVector<int64_t> &shape,
                           SmallVector<float> &scales) {
  int scalesIndex = im.getOpset() < 11 ? 1 : 2;
  FailureOr<Value> scalesInput = im.getOptionalInput(node, scalesIndex);
  FailureOr<Value> sizesInput = im.getOptionalInput(node, scalesIndex + 1);
  if (failed(scalesInput) || failed(sizesInput))
    return failure();
  SmallVector<int64_t> axes = getIntsAttr(node, "axes").value_or(
      llvm::to_vector(llvm::seq<int64_t>(0, in.size())));
  for (int64_t &a : axes)
    if ((a += a < 0 ? in.size() : 0) < 0 || a >= (int64_t)in.size())
      return im.nodeError(node) << "axes are out of range";
  shape.assign(in.begin(), in.end());
  scales.assign(in.size(), 1.0f);
  std::optional<SmallVector<float>> s;
  std::optional<SmallVector<int64_t>> z;
  if (*scalesInput && (s = graph::getConstantFloats(*scalesInput)) && !s->empty()) {
    if (s->size() != axes.size())
      return im.nodeError(node) << "expected " << axes.size() << " scales";
    for (auto [a, v] : llvm::zip(axes, *s)) {
      scales[a] = v;
      shape[a] = static_cast<int64_t>(std::floor(in[a] * v));
    }
    return success();
  }
  if (*sizesInput && (z = im.getConstantInts(*sizesInput))) {
    if (z->size() != axes.size())
      return im.nodeError(node) << "expected " << axes.size() << " sizes";
    for (auto [a, v] : llvm::zip(axes, *z)) {
      shape[a] = v;
      scales[a] = in[a] ? static_cast<float>(v) / in[a] : 1.0f;
    }
    return success();
  }
  return im.nodeError(node) << "needs constant scales or sizes";
}

LogicalResult convertResize(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  auto attr = [&](llvm::StringRef name, llvm::StringRef fallback) {
    const onnx::AttributeProto *a = findAttr(node, name);
    return a ? a->s() : fallback.str();
  };
  bool legacy = im.getOpset() < 11;
  std::string mode = attr("mode", "nearest");
  std::string coord = legacy ? "asymmetric"
                             : attr("coordinate_transformation_mode", "half_pixel");
  std::string nearest = legacy ? "floor" : attr("nearest_mode", "round_prefer_floor");
  if (getIntAttr(node, "antialias", 0) != 0 ||
      attr("keep_aspect_ratio_policy", "stretch") != "stretch")
    return im.nodeError(node) << "antialias and keep_aspect_ratio_policy are "
                                 "not supported";
  SmallVector<int64_t> shape;
  SmallVector<float> scales;
  if (failed(resizeTarget(im, node, shapeOf(*x), shape, scales)))
    return failure();
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  auto type = RankedTensorType::get(shape, b.getF32Type());
  if (failed(im.checkSize(type, loc, "Resize output")))
    return failure();
  auto op = b.create<graph::ResizeOp>(loc, type, *x, b.getStringAttr(mode),
                                      b.getStringAttr(coord),
                                      b.getStringAttr(nearest),
                                      b.getDenseF32ArrayAttr(scales));
  if (failed(verify(op)))
    return failure();
  im.setOutput(node, 0, op);
  return success();
}

} // namespace

void onnx_import::addNNConverters(ConverterMap &map) {
  map["Resize"] = convertResize;
  map["Conv"] = convertConv;
  map["MaxPool"] = convertPool<graph::MaxPool2DOp>;
  map["AveragePool"] = convertPool<graph::AvgPool2DOp>;
  map["GlobalAveragePool"] = convertGlobalPool<graph::AvgPool2DOp>;
  map["GlobalMaxPool"] = convertGlobalPool<graph::MaxPool2DOp>;
  map["BatchNormalization"] = convertBatchNorm;
  map["Clip"] = convertClip;
  map["LeakyRelu"] = convertLeakyRelu;
  map["HardSigmoid"] = convertHardSigmoid;
  map["HardSwish"] = convertHardSwish;
}

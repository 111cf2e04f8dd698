// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Shape manipulation: Concat, Pad, Squeeze, Unsqueeze, and the shape
// subgraph ops (Shape, Gather on constants) that fold away when shapes are
// static.

#include "OnnxOps.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

FailureOr<int64_t> onnx_import::normalizeAxis(GraphImporter &im, const onnx::NodeProto &node,
                                 int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return im.nodeError(node) << "axis " << axis << " is out of range for rank "
                              << rank,
           failure();
  return axis < 0 ? axis + rank : axis;
}

FailureOr<std::optional<SmallVector<int64_t>>>
onnx_import::getAxes(GraphImporter &im, const onnx::NodeProto &node, int64_t inputSince) {
  if (im.getOpset() < inputSince)
    return getIntsAttr(node, "axes");
  FailureOr<Value> axes = im.getOptionalInput(node, 1);
  if (failed(axes))
    return failure();
  if (!*axes)
    return std::optional<SmallVector<int64_t>>();
  std::optional<SmallVector<int64_t>> values = im.getConstantInts(*axes);
  if (!values)
    return im.nodeError(node) << "axes input '" << node.input(1)
                              << "' must be a constant int64 tensor",
           failure();
  return values;
}

namespace {

LogicalResult convertConcat(GraphImporter &im, const onnx::NodeProto &node) {
  SmallVector<Value> inputs;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (int i = 0; i < node.input_size(); ++i) {
    FailureOr<Value> v = im.getInput(node, i);
    if (failed(v))
      return failure();
    if (getElementTypeOrSelf(*v) != getElementTypeOrSelf(inputs.empty() ? *v : inputs[0]))
      return im.nodeError(node) << "inputs have different element types";
    inputs.push_back(*v);
    shapes.push_back(shapeOf(*v));
  }
  if (inputs.empty())
    return im.nodeError(node) << "needs at least one input";
  FailureOr<int64_t> axis = normalizeAxis(im, node, getIntAttr(node, "axis", 0),
                                          shapes[0].size());
  if (failed(axis))
    return failure();
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> shape =
      graph::inferConcatShape(shapes, *axis, loc);
  if (failed(shape))
    return failure();
  OpBuilder &b = im.getBuilder();
  auto type = RankedTensorType::get(*shape, getElementTypeOrSelf(inputs[0]));
  im.setOutput(node, 0, b.createOrFold<graph::ConcatOp>(
                            loc, type, inputs, b.getI64IntegerAttr(*axis)));
  return success();
}

LogicalResult convertPad(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  const onnx::AttributeProto *mode = findAttr(node, "mode");
  if (mode && mode->s() != "constant")
    return im.nodeError(node) << "mode '" << mode->s()
                              << "' is not supported (only constant)";
  int64_t rank = shapeOf(*x).size();
  std::optional<SmallVector<int64_t>> pads = getIntsAttr(node, "pads");
  float value = getFloatAttr(node, "value", 0.0f);
  if (im.getOpset() >= 11) {
    FailureOr<Value> p = im.getInput(node, 1);
    FailureOr<Value> v = im.getOptionalInput(node, 2);
    if (failed(p) || failed(v))
      return failure();
    pads = im.getConstantInts(*p);
    std::optional<SmallVector<float>> c;
    if (*v && (!(c = graph::getConstantFloats(*v)) || c->size() != 1))
      return im.nodeError(node) << "constant_value must be a constant float scalar";
    if (c)
      value = (*c)[0];
    if (node.input_size() > 3 && !node.input(3).empty())
      return im.nodeError(node) << "the axes input is not supported";
  }
  if (!pads || static_cast<int64_t>(pads->size()) != 2 * rank ||
      llvm::any_of(*pads, [](int64_t p) { return p < 0; }))
    return im.nodeError(node) << "pads must be a constant of " << 2 * rank
                              << " non-negative values";
  SmallVector<int64_t> shape(shapeOf(*x));
  for (int64_t i = 0; i < rank; ++i)
    shape[i] += (*pads)[i] + (*pads)[rank + i];
  OpBuilder &b = im.getBuilder();
  im.setOutput(node, 0,
               b.create<graph::PadOp>(im.nodeLoc(node),
                                      RankedTensorType::get(shape, b.getF32Type()),
                                      *x, b.getDenseI64ArrayAttr(*pads),
                                      b.getF32FloatAttr(value)));
  return success();
}

LogicalResult convertSqueeze(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  FailureOr<std::optional<SmallVector<int64_t>>> axes = getAxes(im, node, 13);
  if (failed(x) || failed(axes))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x);
  SmallVector<bool> drop(in.size(), false);
  for (int64_t a : axes->value_or(SmallVector<int64_t>{})) {
    FailureOr<int64_t> axis = normalizeAxis(im, node, a, in.size());
    if (failed(axis))
      return failure();
    if (in[*axis] != 1)
      return im.nodeError(node) << "cannot squeeze dim " << *axis << " of size "
                                << in[*axis];
    drop[*axis] = true;
  }
  SmallVector<int64_t> shape;
  for (auto [i, d] : llvm::enumerate(in))
    if (!(*axes ? drop[i] : d == 1))
      shape.push_back(d);
  im.setOutput(node, 0, reshapeTo(im.getBuilder(), im.nodeLoc(node), *x, shape));
  return success();
}

LogicalResult convertUnsqueeze(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  FailureOr<std::optional<SmallVector<int64_t>>> axes = getAxes(im, node, 13);
  if (failed(x) || failed(axes))
    return failure();
  if (!*axes)
    return im.nodeError(node) << "axes are required";
  ArrayRef<int64_t> in = shapeOf(*x);
  int64_t rank = in.size() + (*axes)->size();
  SmallVector<bool> inserted(rank, false);
  for (int64_t a : **axes) {
    FailureOr<int64_t> axis = normalizeAxis(im, node, a, rank);
    if (failed(axis))
      return failure();
    if (inserted[*axis])
      return im.nodeError(node) << "axis " << a << " is repeated";
    inserted[*axis] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0, next = 0; i < rank; ++i)
    shape.push_back(inserted[i] ? 1 : in[next++]);
  im.setOutput(node, 0, reshapeTo(im.getBuilder(), im.nodeLoc(node), *x, shape));
  return success();
}

// Shape of a static tensor is a constant (start/end since opset 15).
LogicalResult convertShape(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x);
  int64_t rank = in.size();
  int64_t start = getIntAttr(node, "start", 0), end = getIntAttr(node, "end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
  SmallVector<int64_t> dims(in.begin() + start, in.begin() + std::max(start, end));
  OpBuilder &b = im.getBuilder();
  auto type = RankedTensorType::get({(int64_t)dims.size()}, b.getI64Type());
  im.setOutput(node, 0, b.create<graph::ConstantOp>(
                            im.nodeLoc(node),
                            DenseElementsAttr::get(type, ArrayRef<int64_t>(dims))));
  return success();
}

// Folds a Gather whose data and indices are constants (shape subgraphs,
// small tables) when the result has at most |kMaxFoldedGather| elements.
constexpr int64_t kMaxFoldedGather = 4096;

std::optional<Value> foldGather(GraphImporter &im, const onnx::NodeProto &node,
                                Value data, Value indices, int64_t axis) {
  DenseElementsAttr values = im.getConstant(data);
  std::optional<SmallVector<int64_t>> idx = im.getConstantInts(indices);
  if (!values || !idx)
    return std::nullopt;
  ArrayRef<int64_t> in = values.getType().getShape();
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < (int64_t)in.size(); ++i)
    if (i != axis)
      (i < axis ? outer : inner) *= in[i];
  if (outer * inner * static_cast<int64_t>(idx->size()) > kMaxFoldedGather ||
      llvm::any_of(*idx, [&](int64_t j) { return j < -in[axis] || j >= in[axis]; }))
    return std::nullopt;
  SmallVector<Attribute> all(values.getValues<Attribute>());
  SmallVector<Attribute> out;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j : *idx) {
      j = j < 0 ? j + in[axis] : j;
      for (int64_t k = 0; k < inner; ++k)
        out.push_back(all[(o * in[axis] + j) * inner + k]);
    }
  SmallVector<int64_t> shape(in.begin(), in.begin() + axis);
  llvm::append_range(shape, shapeOf(indices));
  shape.append(in.begin() + axis + 1, in.end());
  auto type = RankedTensorType::get(shape, values.getElementType());
  return im.getBuilder()
      .create<graph::ConstantOp>(im.nodeLoc(node), DenseElementsAttr::get(type, out))
      .getResult();
}

// Gather at run time (embeddings), or folded when everything is constant.
LogicalResult convertGather(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> data = im.getAnyInput(node, 0);
  if (failed(data))
    return failure();
  FailureOr<Value> indices = im.getNumericInput(node, 1);
  if (failed(indices))
    return failure();
  if (!getElementTypeOrSelf(*indices).isSignlessInteger())
    return im.nodeError(node) << "indices must be integers";
  FailureOr<int64_t> axis = normalizeAxis(im, node, getIntAttr(node, "axis", 0),
                                          shapeOf(*data).size());
  if (failed(axis))
    return failure();
  int64_t n = shapeOf(*data)[*axis];
  if (auto idx = im.getConstantInts(*indices))
    for (int64_t j : *idx)
      if (j < -n || j >= n)
        return im.nodeError(node) << "index " << j << " is out of range for "
                                  << n << " entries";
  if (std::optional<Value> folded = foldGather(im, node, *data, *indices, *axis)) {
    im.setOutput(node, 0, *folded);
    return success();
  }
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> shape =
      graph::inferGatherShape(shapeOf(*data), shapeOf(*indices), *axis, loc);
  if (failed(shape))
    return failure();
  OpBuilder &b = im.getBuilder();
  auto type = RankedTensorType::get(*shape, getElementTypeOrSelf(*data));
  im.setOutput(node, 0, b.create<graph::GatherOp>(loc, type, *data, *indices,
                                                  b.getI64IntegerAttr(*axis)));
  return success();
}

} // namespace

void onnx_import::addShapeConverters(ConverterMap &map) {
  map["Concat"] = convertConcat;
  map["Pad"] = convertPad;
  map["Squeeze"] = convertSqueeze;
  map["Unsqueeze"] = convertUnsqueeze;
  map["Shape"] = convertShape;
  map["Gather"] = convertGather;
}

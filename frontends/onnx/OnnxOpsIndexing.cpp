// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Slice, Split, Expand, Range, ConstantOfShape and Trilu. Their shape
// operands must be constants (static shapes); constant data folds.

#include "OnnxOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cstdio>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {

// Constant integer input |index|, or an error naming |what|.
FailureOr<SmallVector<int64_t>> constantInts(GraphImporter &im,
                                             const onnx::NodeProto &node,
                                             int index, StringRef what) {
  FailureOr<Value> v = im.getInput(node, index);
  if (failed(v))
    return failure();
  std::optional<SmallVector<int64_t>> ints = im.getConstantInts(*v);
  if (!ints)
    return im.nodeError(node) << what << " input '" << node.input(index)
                              << "' must be a constant integer tensor",
           failure();
  return *ints;
}

// Optional constant integer input, |fallback| when absent.
FailureOr<SmallVector<int64_t>>
optionalInts(GraphImporter &im, const onnx::NodeProto &node, int index,
             StringRef what, SmallVector<int64_t> fallback) {
  if (index >= node.input_size() || node.input(index).empty())
    return fallback;
  return constantInts(im, node, index, what);
}

struct DimSlice {
  int64_t start, size, step;
};

// ONNX Slice semantics for one dim of size |n|: negative bounds count from
// the end, then clamp (to [0, n] going forward, [-1, n-1] backward).
DimSlice sliceDim(int64_t n, int64_t start, int64_t end, int64_t step) {
  // A step longer than the dim reads one element; clamping avoids overflow.
  step = std::clamp<int64_t>(step, -std::max<int64_t>(n, 1), std::max<int64_t>(n, 1));
  if (start < 0)
    start = start < -n ? 0 : start + n;
  if (end < 0)
    end = end < -n ? -1 : end + n;
  if (step > 0) {
    start = std::min(start, n);
    end = std::clamp<int64_t>(end, 0, n);
    int64_t size = end > start ? (end - start + step - 1) / step : 0;
    return {start, size, step};
  }
  start = std::min(start, n - 1);
  end = std::min(end, n - 1);
  int64_t size = start > end ? (start - end - step - 1) / -step : 0;
  return {start, size, step};
}

// Slice of |x| by |dims|; a dynamic size keeps the whole (dynamic) dim.
Value buildSlice(GraphImporter &im, Location loc, Value x,
                 ArrayRef<DimSlice> dims) {
  SmallVector<int64_t> shape, starts, steps;
  SmallVector<Value> sizes;
  OpBuilder &b = im.getBuilder();
  for (auto [i, d] : llvm::enumerate(dims)) {
    shape.push_back(d.size);
    starts.push_back(d.size ? d.start : 0);
    steps.push_back(d.step);
    if (ShapedType::isDynamic(d.size))
      sizes.push_back(b.create<tensor::DimOp>(loc, x, i));
  }
  auto type = RankedTensorType::get(shape, getElementTypeOrSelf(x));
  return b.createOrFold<graph::SliceOp>(loc, type, x, sizes,
                                        b.getDenseI64ArrayAttr(starts),
                                        b.getDenseI64ArrayAttr(steps));
}

// Whether one of inputs |first|..|last| is present but not a constant.
bool hasNonConstantInput(GraphImporter &im, const onnx::NodeProto &node,
                         int first, int last) {
  for (int i = first; i <= last && i < node.input_size(); ++i) {
    if (node.input(i).empty())
      continue;
    FailureOr<Value> v = im.getInput(node, i);
    if (succeeded(v) && !im.getConstant(*v))
      return true;
  }
  return false;
}

bool isStatic(Value v) {
  return cast<RankedTensorType>(v.getType()).hasStaticShape();
}

LogicalResult convertSlice(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getAnyInput(node, 0);
  if (failed(x))
    return failure();
  if (im.getOpset() >= 10 &&
      (!isStatic(*x) || hasNonConstantInput(im, node, 1, 4)))
    return convertDynamicSlice(im, node, *x);
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  FailureOr<SmallVector<int64_t>> starts = failure(), ends = failure(),
                                  axes = failure(), steps = failure();
  bool fromAttrs = im.getOpset() < 10;
  starts = fromAttrs ? getIntsAttr(node, "starts").value_or(SmallVector<int64_t>{})
                     : constantInts(im, node, 1, "starts");
  ends = fromAttrs ? getIntsAttr(node, "ends").value_or(SmallVector<int64_t>{})
                   : constantInts(im, node, 2, "ends");
  if (failed(starts) || failed(ends))
    return failure();
  // Axes default to 0..n-1 and steps to 1 for the n given starts.
  SmallVector<int64_t> defaultAxes =
      llvm::to_vector(llvm::seq<int64_t>(0, starts->size()));
  SmallVector<int64_t> unitSteps(starts->size(), 1);
  axes = fromAttrs ? getIntsAttr(node, "axes").value_or(defaultAxes)
                   : optionalInts(im, node, 3, "axes", defaultAxes);
  steps = fromAttrs ? FailureOr<SmallVector<int64_t>>(unitSteps)
                    : optionalInts(im, node, 4, "steps", unitSteps);
  if (failed(axes) || failed(steps))
    return failure();
  size_t count = starts->size();
  if (ends->size() != count || steps->size() != count || axes->size() != count)
    return im.nodeError(node) << "starts, ends, axes and steps have different "
                                 "lengths";
  SmallVector<DimSlice> dims;
  for (int64_t n : shape)
    dims.push_back({0, n, 1});
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < count; ++i) {
    FailureOr<int64_t> axis = normalizeAxis(im, node, (*axes)[i], rank);
    if (failed(axis))
      return failure();
    if (seen[*axis])
      return im.nodeError(node) << "axis " << (*axes)[i] << " is repeated";
    seen[*axis] = true;
    if ((*steps)[i] == 0)
      return im.nodeError(node) << "step of axis " << (*axes)[i] << " is 0";
    dims[*axis] = sliceDim(shape[*axis], (*starts)[i], (*ends)[i], (*steps)[i]);
    if (dims[*axis].size == 0)
      return im.nodeError(node) << "slice of axis " << (*axes)[i]
                                << " is empty; empty tensors are not supported";
  }
  im.setOutput(node, 0, buildSlice(im, im.nodeLoc(node), *x, dims));
  return success();
}

// Split into the given sizes, or into num_outputs (or one per output)
// near-equal parts.
LogicalResult convertSplit(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getAnyInput(node, 0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  FailureOr<int64_t> axis =
      normalizeAxis(im, node, getIntAttr(node, "axis", 0), shape.size());
  if (failed(axis))
    return failure();
  int64_t n = shape[*axis], parts = node.output_size();
  if (ShapedType::isDynamic(n))
    return im.nodeError(node) << "cannot split a dynamic dim";
  FailureOr<SmallVector<int64_t>> sizes = SmallVector<int64_t>{};
  if (im.getOpset() < 13)
    sizes = getIntsAttr(node, "split").value_or(SmallVector<int64_t>{});
  else
    sizes = optionalInts(im, node, 1, "split", {});
  if (failed(sizes))
    return failure();
  if (sizes->empty()) {
    int64_t chunk = (n + parts - 1) / std::max<int64_t>(parts, 1);
    for (int64_t at = 0; at < n; at += chunk)
      sizes->push_back(std::min(chunk, n - at));
  }
  int64_t total = 0;
  for (int64_t s : *sizes)
    total += s > 0 ? s : n + 1;
  if (static_cast<int64_t>(sizes->size()) != parts || total != n)
    return im.nodeError(node) << "cannot split dim of size " << n << " into "
                              << parts << " outputs of sizes "
                              << graph::shapeString(*sizes);
  SmallVector<DimSlice> dims;
  for (int64_t d : shape)
    dims.push_back({0, d, 1});
  int64_t offset = 0;
  for (auto [i, size] : llvm::enumerate(*sizes)) {
    dims[*axis] = {offset, size, 1};
    im.setOutput(node, i, buildSlice(im, im.nodeLoc(node), *x, dims));
    offset += size;
  }
  return success();
}

LogicalResult convertExpand(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getAnyInput(node, 0);
  FailureOr<Value> shapeValue = im.getInput(node, 1);
  if (failed(x) || failed(shapeValue))
    return failure();
  std::optional<SymDims> symbolic = im.getSymbolicInts(*shapeValue);
  if (symbolic && (!isStatic(*x) || !im.getConstant(*shapeValue)))
    return convertDynamicExpand(im, node, *x, *symbolic);
  FailureOr<SmallVector<int64_t>> target = constantInts(im, node, 1, "shape");
  if (failed(target))
    return failure();
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> shape =
      graph::broadcastShapes(shapeOf(*x), *target, loc);
  if (failed(shape))
    return failure();
  auto type = RankedTensorType::get(*shape, getElementTypeOrSelf(*x));
  if (failed(im.checkSize(type, loc, "result")))
    return failure();
  im.setOutput(node, 0,
               im.getBuilder().createOrFold<graph::BroadcastOp>(loc, type, *x));
  return success();
}

// A constant scalar input as a double (int or float).
FailureOr<double> scalarInput(GraphImporter &im, const onnx::NodeProto &node,
                              int index) {
  FailureOr<Value> v = im.getNumericInput(node, index);
  if (failed(v))
    return failure();
  if (auto ints = im.getConstantInts(*v); ints && ints->size() == 1)
    return static_cast<double>((*ints)[0]);
  if (auto floats = graph::getConstantFloats(*v); floats && floats->size() == 1)
    return static_cast<double>((*floats)[0]);
  return im.nodeError(node) << "input '" << node.input(index)
                            << "' must be a constant scalar (the output size "
                               "must be static)",
         failure();
}

std::string formatNumber(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", v);
  return buffer;
}

LogicalResult convertRange(GraphImporter &im, const onnx::NodeProto &node) {
  if (hasNonConstantInput(im, node, 0, 2))
    return convertDynamicRange(im, node);
  FailureOr<double> start = scalarInput(im, node, 0);
  FailureOr<double> limit = scalarInput(im, node, 1);
  FailureOr<double> delta = scalarInput(im, node, 2);
  if (failed(start) || failed(limit) || failed(delta))
    return failure();
  if (*delta == 0)
    return im.nodeError(node) << "delta is 0";
  double count = std::ceil((*limit - *start) / *delta);
  if (!(count >= 1) || count > (1 << 24))
    return im.nodeError(node) << "range from " << formatNumber(*start)
                              << " to " << formatNumber(*limit) << " by "
                              << formatNumber(*delta) << " has "
                              << (count >= 1 ? "more than 2^24" : "no")
                              << " elements; only 1 to 2^24 are supported";
  Type element = getElementTypeOrSelf(*im.getInput(node, 0));
  auto type = RankedTensorType::get({static_cast<int64_t>(count)}, element);
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < type.getDimSize(0); ++i) {
    double v = *start + i * *delta;
    values.push_back(element.isF32() ? Attribute(FloatAttr::get(element, v))
                                     : Attribute(IntegerAttr::get(
                                           element, static_cast<int64_t>(v))));
  }
  im.setOutput(node, 0, im.getBuilder().create<graph::ConstantOp>(
                            im.nodeLoc(node), DenseElementsAttr::get(type, values)));
  return success();
}

LogicalResult convertConstantOfShape(GraphImporter &im,
                                     const onnx::NodeProto &node) {
  FailureOr<Value> shapeValue = im.getInput(node, 0);
  if (failed(shapeValue))
    return failure();
  std::optional<SymDims> symbolic = im.getSymbolicInts(*shapeValue);
  bool dynamic = symbolic && !im.getConstant(*shapeValue);
  FailureOr<SmallVector<int64_t>> shape =
      dynamic ? SmallVector<int64_t>{} : constantInts(im, node, 0, "shape");
  if (failed(shape))
    return failure();
  Location loc = im.nodeLoc(node);
  OpBuilder &b = im.getBuilder();
  Attribute value = b.getF32FloatAttr(0.0f);
  if (const onnx::AttributeProto *attr = findAttr(node, "value")) {
    FailureOr<ElementsAttr> tensor = im.importTensor(attr->t(), loc);
    if (failed(tensor))
      return failure();
    auto dense = dyn_cast<DenseElementsAttr>(*tensor);
    if (!dense || dense.getNumElements() != 1)
      return im.nodeError(node) << "value must hold one element";
    value = *dense.value_begin<Attribute>();
  }
  if (dynamic)
    return convertDynamicConstantOfShape(im, node, *symbolic,
                                         cast<TypedAttr>(value));
  if (llvm::any_of(*shape, [](int64_t d) { return d <= 0; }))
    return im.nodeError(node) << "shape " << graph::shapeString(*shape)
                              << " has non-positive dims";
  auto type = RankedTensorType::get(*shape, cast<TypedAttr>(value).getType());
  if (failed(im.checkSize(type, loc, "result")))
    return failure();
  im.setOutput(node, 0, b.create<graph::ConstantOp>(
                            loc, DenseElementsAttr::get(type, value)));
  return success();
}

LogicalResult convertTrilu(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getAnyInput(node, 0);
  FailureOr<SmallVector<int64_t>> k = optionalInts(im, node, 1, "k", {0});
  if (failed(x) || failed(k))
    return failure();
  if (shapeOf(*x).size() < 2 || k->size() != 1)
    return im.nodeError(node) << "needs an input of rank >= 2 and a scalar k";
  OpBuilder &b = im.getBuilder();
  im.setOutput(node, 0, b.createOrFold<graph::TriluOp>(
                            im.nodeLoc(node), *x,
                            b.getBoolAttr(getIntAttr(node, "upper", 1) != 0),
                            b.getI64IntegerAttr((*k)[0])));
  return success();
}

} // namespace

void onnx_import::addIndexingConverters(ConverterMap &map) {
  map["Slice"] = convertSlice;
  map["Split"] = convertSplit;
  map["Expand"] = convertExpand;
  map["Range"] = convertRange;
  map["ConstantOfShape"] = convertConstantOfShape;
  map["Trilu"] = convertTrilu;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Reshape, Expand, ConstantOfShape, Range and Slice whose shapes are
// symbolic: the result's dims are expressions over the symbols, its dynamic
// sizes index values computed from the inputs' dims at run time.

#include "OnnxOps.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {
// Result of |node| with |dims|, recorded for later nodes.
void setDynamicOutput(GraphImporter &im, const onnx::NodeProto &node,
                      Value v, ArrayRef<AffineExpr> dims) {
  im.getSymbols().setDims(v, dims);
  im.setOutput(node, 0, v);
}

RankedTensorType typeOf(ArrayRef<AffineExpr> dims, Type element) {
  return RankedTensorType::get(staticShape(dims), element);
}
} // namespace

LogicalResult onnx_import::convertDynamicReshape(GraphImporter &im,
                                                 const onnx::NodeProto &node,
                                                 Value x,
                                                 ArrayRef<AffineExpr> requested,
                                                 bool allowZero) {
  FailureOr<SymDims> in = im.getDims(node, x);
  if (failed(in))
    return failure();
  SymbolicShapes &s = im.getSymbols();
  SymDims out;
  int inferred = -1;
  for (auto [i, e] : llvm::enumerate(requested)) {
    std::optional<int64_t> c = constantOf(e);
    if (c == 0 && !allowZero && i < in->size()) {
      out.push_back((*in)[i]);
    } else if (c == -1 && inferred < 0) {
      inferred = i;
      out.push_back(s.constant(1));
    } else if (c && *c <= 0) {
      return im.nodeError(node) << "cannot reshape " << s.str(*in) << " to "
                                << s.str(requested);
    } else {
      out.push_back(e);
    }
  }
  if (inferred >= 0) {
    SymDims others(out);
    others.erase(others.begin() + inferred);
    std::optional<AffineExpr> q = product(*in, others);
    if (!q)
      return im.nodeError(node) << "cannot infer the -1 dim of "
                                << s.str(requested) << " from "
                                << s.str(*in);
    out[inferred] = *q;
  } else if (!product(*in) || product(*in) != product(out)) {
    return im.nodeError(node) << "cannot prove that reshaping "
                              << s.str(*in) << " to " << s.str(out)
                              << " keeps the number of elements";
  }
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  Value r = b.create<graph::ReshapeOp>(
      loc, typeOf(out, getElementTypeOrSelf(x)), x, im.dynamicSizes(loc, out));
  setDynamicOutput(im, node, r, out);
  return success();
}

LogicalResult onnx_import::convertDynamicExpand(GraphImporter &im,
                                                const onnx::NodeProto &node,
                                                Value x,
                                                ArrayRef<AffineExpr> target) {
  FailureOr<SymDims> in = im.getDims(node, x);
  if (failed(in))
    return failure();
  SymbolicShapes &s = im.getSymbols();
  AffineExpr one = s.constant(1);
  size_t rank = std::max(in->size(), target.size());
  SymDims out;
  for (size_t i = 0; i < rank; ++i) {
    AffineExpr a = i + in->size() >= rank ? (*in)[i + in->size() - rank] : one;
    AffineExpr t = i + target.size() >= rank ? target[i + target.size() - rank]
                                             : one;
    if (a != one && t != one && a != t)
      return im.nodeError(node) << "cannot expand " << s.str(*in) << " to "
                                << s.str(target);
    out.push_back(a == one ? t : a);
  }
  Location loc = im.nodeLoc(node);
  Value r = im.getBuilder().create<graph::BroadcastOp>(
      loc, typeOf(out, getElementTypeOrSelf(x)), x, im.dynamicSizes(loc, out));
  setDynamicOutput(im, node, r, out);
  return success();
}

LogicalResult onnx_import::convertDynamicConstantOfShape(
    GraphImporter &im, const onnx::NodeProto &node,
    ArrayRef<AffineExpr> target, TypedAttr value) {
  for (AffineExpr e : target)
    if (constantOf(e).value_or(1) <= 0)
      return im.nodeError(node) << "shape " << im.getSymbols().str(target)
                                << " has non-positive dims";
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  auto scalar = RankedTensorType::get({}, value.getType());
  Value c = b.create<graph::ConstantOp>(loc,
                                        DenseElementsAttr::get(scalar, value));
  Value r = b.create<graph::BroadcastOp>(loc, typeOf(target, value.getType()),
                                         c, im.dynamicSizes(loc, target));
  setDynamicOutput(im, node, r, target);
  return success();
}

LogicalResult onnx_import::convertDynamicRange(GraphImporter &im,
                                               const onnx::NodeProto &node) {
  SmallVector<AffineExpr> args;
  for (int i = 0; i < 3; ++i) {
    FailureOr<Value> v = im.getNumericInput(node, i);
    if (failed(v))
      return failure();
    std::optional<SymDims> c = im.getSymbolicInts(*v);
    if (!c || c->size() != 1)
      return im.nodeError(node) << "input '" << node.input(i)
                                << "' must be a constant or a symbolic "
                                   "integer scalar";
    args.push_back((*c)[0]);
  }
  std::optional<int64_t> start = constantOf(args[0]), delta = constantOf(args[2]);
  if (!start || !delta || *delta <= 0)
    return im.nodeError(node) << "needs constant start and a constant "
                                 "positive delta with a symbolic limit";
  SymDims size = {(args[1] - *start).ceilDiv(*delta)};
  Type element = getElementTypeOrSelf(*im.getInput(node, 0));
  if (!element.isInteger(64) && !element.isInteger(32))
    return im.nodeError(node) << "a symbolic range must be int32 or int64";
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  Value r = b.create<graph::IotaOp>(loc, typeOf(size, element),
                                    im.dynamicSizes(loc, size),
                                    b.getI64IntegerAttr(*start),
                                    b.getI64IntegerAttr(*delta));
  setDynamicOutput(im, node, r, size);
  return success();
}

namespace {
struct SymSlice {
  int64_t start = 0, step = 1;
  AffineExpr size;
};

// One axis of a slice with symbolic bounds or dim |dim| (step 1): the start
// must be a constant and the end provably within the dim.
FailureOr<SymSlice> sliceAxis(GraphImporter &im, const onnx::NodeProto &node,
                              AffineExpr dim, AffineExpr start,
                              AffineExpr end) {
  SymbolicShapes &s = im.getSymbols();
  auto normalize = [&](AffineExpr e) {
    std::optional<int64_t> c = constantOf(e);
    if (c && *c < 0)
      return dim + *c;
    if (c && *c >= (int64_t(1) << 40))
      return dim;
    return e;
  };
  start = normalize(start), end = normalize(end);
  std::optional<int64_t> first = constantOf(start);
  std::optional<int64_t> endConst = constantOf(end), dimConst = constantOf(dim);
  if (endConst && dimConst)
    end = s.constant(std::min(*endConst, *dimConst));
  bool inRange = end == dim || (dimConst && succeeded(s.requireAtMost(end, *dimConst))) ||
                 (endConst && *endConst <= 1);
  AffineExpr size = end - start;
  if (!first || *first < 0 || !inRange || constantOf(size).value_or(1) <= 0)
    return im.nodeError(node) << "cannot prove that slicing "
                              << s.str(start) << ".." << s.str(end)
                              << " stays inside a dim of size "
                              << s.str(dim) << " and is not empty",
           failure();
  return SymSlice{*first, 1, size};
}

// Starts, ends, axes and steps (inputs 1..4) as expressions.
FailureOr<SmallVector<SymDims>> sliceParams(GraphImporter &im,
                                            const onnx::NodeProto &node,
                                            int64_t rank) {
  SmallVector<SymDims> params;
  for (int i = 1; i <= 4; ++i) {
    if (i >= node.input_size() || node.input(i).empty()) {
      params.push_back({});
      continue;
    }
    FailureOr<Value> v = im.getInput(node, i);
    std::optional<SymDims> c =
        succeeded(v) ? im.getSymbolicInts(*v) : std::nullopt;
    static const char *const what[] = {"starts", "ends", "axes", "steps"};
    if (!c)
      return im.nodeError(node) << what[i - 1] << " input '" << node.input(i)
                                << "' must be a constant or symbolic shape",
             failure();
    params.push_back(*c);
  }
  SymbolicShapes &s = im.getSymbols();
  size_t n = params[0].size();
  if (params[2].empty())
    for (size_t i = 0; i < n; ++i)
      params[2].push_back(s.constant(i));
  if (params[3].empty())
    params[3].assign(n, s.constant(1));
  if (params[1].size() != n || params[2].size() != n || params[3].size() != n)
    return im.nodeError(node) << "starts, ends, axes and steps have "
                                 "different lengths",
           failure();
  return params;
}
} // namespace

LogicalResult onnx_import::convertDynamicSlice(GraphImporter &im,
                                               const onnx::NodeProto &node,
                                               Value x) {
  FailureOr<SymDims> in = im.getDims(node, x);
  if (failed(in))
    return failure();
  int64_t rank = in->size();
  FailureOr<SmallVector<SymDims>> params = sliceParams(im, node, rank);
  if (failed(params))
    return failure();
  SmallVector<SymSlice> slices;
  for (AffineExpr d : *in)
    slices.push_back({0, 1, d});
  for (size_t i = 0; i < (*params)[0].size(); ++i) {
    std::optional<int64_t> axis = constantOf((*params)[2][i]);
    std::optional<int64_t> step = constantOf((*params)[3][i]);
    if (!axis || step != 1)
      return im.nodeError(node) << "symbolic slices need constant axes and "
                                   "steps of 1";
    FailureOr<int64_t> a = normalizeAxis(im, node, *axis, rank);
    if (failed(a))
      return failure();
    FailureOr<SymSlice> slice = sliceAxis(im, node, (*in)[*a],
                                          (*params)[0][i], (*params)[1][i]);
    if (failed(slice))
      return failure();
    slices[*a] = *slice;
  }
  SmallVector<int64_t> starts, steps;
  SymDims out;
  for (const SymSlice &sl : slices) {
    starts.push_back(sl.start);
    steps.push_back(sl.step);
    out.push_back(sl.size);
  }
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  Value r = b.create<graph::SliceOp>(
      loc, typeOf(out, getElementTypeOrSelf(x)), x, im.dynamicSizes(loc, out),
      b.getDenseI64ArrayAttr(starts), b.getDenseI64ArrayAttr(steps));
  setDynamicOutput(im, node, r, out);
  return success();
}

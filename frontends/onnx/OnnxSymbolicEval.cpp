// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Shape-tensor arithmetic on symbolic contents: the Shape -> Gather ->
// Unsqueeze -> Concat -> Reshape chains that exporters emit for dynamic
// axes evaluate at import time into expressions over the symbols.

#include "OnnxOps.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {

struct Operand {
  SymDims values;
  ArrayRef<int64_t> shape;
};

LogicalResult evalShape(GraphImporter &im, const onnx::NodeProto &node,
                        Value x) {
  FailureOr<SymDims> dims = im.getDims(node, x);
  if (failed(dims))
    return failure();
  int64_t rank = dims->size();
  int64_t start = getIntAttr(node, "start", 0), end = getIntAttr(node, "end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, start, rank);
  SymDims out(dims->begin() + start, dims->begin() + end);
  im.setSymbolicOutput(node, 0, out, {(int64_t)out.size()},
                       im.getBuilder().getI64Type());
  return success();
}

// Equal on dims, which are >= 1: decided when the difference is a constant
// or one side is a constant < 1.
FailureOr<bool> decideEqual(AffineExpr a, AffineExpr b) {
  if (a == b)
    return true;
  if (constantOf(a - b))
    return false;
  std::optional<int64_t> ca = constantOf(a), cb = constantOf(b);
  if ((ca && *ca < 1) || (cb && *cb < 1))
    return false;
  return failure();
}

FailureOr<AffineExpr> binary(GraphImporter &im, const onnx::NodeProto &node,
                             StringRef op, AffineExpr a, AffineExpr b) {
  if (op == "Add")
    return a + b;
  if (op == "Sub")
    return a - b;
  if (op == "Mul")
    return a * b;
  if (op == "Div") {
    std::optional<int64_t> c = constantOf(b);
    if (c && *c > 0)
      return a.floorDiv(*c);
    if (std::optional<AffineExpr> q = product({a}, {b}))
      return *q;
  }
  if (op == "Equal") {
    FailureOr<bool> eq = decideEqual(a, b);
    if (succeeded(eq))
      return im.getSymbols().constant(*eq);
  }
  SymbolicShapes &s = im.getSymbols();
  return im.nodeError(node) << "cannot evaluate " << s.str(a) << " " << op
                            << " " << s.str(b) << " on symbolic dims",
         failure();
}

// Elementwise ops on (broadcast) vectors.
LogicalResult evalElementwise(GraphImporter &im, const onnx::NodeProto &node,
                              ArrayRef<Operand> in, Type element) {
  size_t n = 1;
  ArrayRef<int64_t> shape;
  for (const Operand &o : in) {
    n = std::max(n, o.values.size());
    if (o.shape.size() > shape.size() || o.values.size() > 1)
      shape = o.shape;
  }
  SymDims out;
  for (size_t i = 0; i < n; ++i) {
    auto at = [&](const Operand &o) {
      return o.values[o.values.size() == 1 ? 0 : i];
    };
    if (node.op_type() == "Where") {
      std::optional<int64_t> c = constantOf(at(in[0]));
      if (!c)
        return im.nodeError(node) << "condition is not a constant";
      out.push_back(*c ? at(in[1]) : at(in[2]));
      continue;
    }
    FailureOr<AffineExpr> e =
        binary(im, node, node.op_type(), at(in[0]), at(in[1]));
    if (failed(e))
      return failure();
    out.push_back(*e);
  }
  if (node.op_type() == "Equal")
    element = im.getBuilder().getI1Type();
  im.setSymbolicOutput(node, 0, out, shape, element);
  return success();
}

LogicalResult evalGather(GraphImporter &im, const onnx::NodeProto &node,
                         ArrayRef<Operand> in, Type element) {
  SymDims out;
  int64_t n = in[0].values.size();
  for (AffineExpr e : in[1].values) {
    std::optional<int64_t> j = constantOf(e);
    if (!j || *j < -n || *j >= n || in[0].shape.size() != 1)
      return im.nodeError(node) << "index is not a constant in range";
    out.push_back(in[0].values[*j < 0 ? *j + n : *j]);
  }
  im.setSymbolicOutput(node, 0, out, in[1].shape, element);
  return success();
}

LogicalResult evalSlice(GraphImporter &im, const onnx::NodeProto &node,
                        ArrayRef<Operand> in, Type element) {
  int64_t n = in[0].values.size();
  auto constant = [&](size_t i, int64_t fallback) -> std::optional<int64_t> {
    if (i >= in.size() || in[i].values.empty())
      return fallback;
    return in[i].values.size() == 1 ? constantOf(in[i].values[0])
                                    : std::nullopt;
  };
  std::optional<int64_t> start = constant(1, 0), end = constant(2, n),
                         step = constant(4, 1);
  if (!start || !end || step != 1 || in[0].shape.size() != 1)
    return im.nodeError(node) << "slices a shape with non-constant bounds";
  int64_t s = std::clamp<int64_t>(*start < 0 ? *start + n : *start, 0, n);
  int64_t e = std::clamp<int64_t>(*end < 0 ? *end + n : *end, s, n);
  SymDims out(in[0].values.begin() + s, in[0].values.begin() + e);
  im.setSymbolicOutput(node, 0, out, {e - s}, element);
  return success();
}

// Shape of Unsqueeze/Squeeze/Reshape on a shape tensor of |in| elements.
FailureOr<SmallVector<int64_t>> reshapedShape(GraphImporter &im,
                                              const onnx::NodeProto &node,
                                              ArrayRef<Operand> in) {
  StringRef op = node.op_type();
  SmallVector<int64_t> shape(in[0].shape);
  int64_t n = in[0].values.size();
  if (op == "Reshape") {
    // A shape tensor keeps its n elements: rank 1, or rank 0 when n is 1.
    size_t rank = in[1].values.size();
    if (rank > 1 || (rank == 0 && n != 1))
      return im.nodeError(node) << "reshapes a shape tensor of " << n
                                << " elements to rank " << rank,
             failure();
    return rank ? SmallVector<int64_t>{n} : SmallVector<int64_t>{};
  }
  if (op != "Unsqueeze" && op != "Squeeze")
    return shape;
  FailureOr<std::optional<SmallVector<int64_t>>> axes = getAxes(im, node, 13);
  if (failed(axes))
    return failure();
  SmallVector<int64_t> list = axes->value_or(SmallVector<int64_t>{});
  if (op == "Squeeze")
    return SmallVector<int64_t>(n == 1 || shape.empty() ? 0 : 1, n);
  int64_t rank = shape.size() + list.size();
  for (int64_t a : list) {
    FailureOr<int64_t> axis = normalizeAxis(im, node, a, rank);
    if (failed(axis))
      return failure();
    shape.insert(shape.begin() + std::min<int64_t>(*axis, shape.size()), 1);
  }
  return shape;
}

// Unsqueeze, Squeeze, Reshape, Identity, Cast: same contents, new shape.
LogicalResult evalReshape(GraphImporter &im, const onnx::NodeProto &node,
                          ArrayRef<Operand> in, Type element) {
  FailureOr<SmallVector<int64_t>> shape = reshapedShape(im, node, in);
  if (failed(shape))
    return failure();
  if (node.op_type() == "Cast") {
    element = convertElementType(im.getContext(), getIntAttr(node, "to", 0));
    if (!element || !element.isSignlessInteger() || element.isInteger(1))
      return im.nodeError(node) << "casts a symbolic shape to a non-integer";
  }
  im.setSymbolicOutput(node, 0, in[0].values, *shape, element);
  return success();
}

LogicalResult evalConcat(GraphImporter &im, const onnx::NodeProto &node,
                         ArrayRef<Operand> in, Type element) {
  SymDims out;
  for (const Operand &o : in) {
    if (o.shape.size() != 1)
      return im.nodeError(node) << "concatenates shapes of rank != 1";
    llvm::append_range(out, o.values);
  }
  im.setSymbolicOutput(node, 0, out, {(int64_t)out.size()}, element);
  return success();
}

using EvalFn = LogicalResult (*)(GraphImporter &, const onnx::NodeProto &,
                                 ArrayRef<Operand>, Type);

EvalFn lookupEval(StringRef op) {
  return llvm::StringSwitch<EvalFn>(op)
      .Cases("Add", "Sub", "Mul", "Div", evalElementwise)
      .Cases("Equal", "Where", evalElementwise)
      .Case("Gather", evalGather)
      .Case("Slice", evalSlice)
      .Cases("Unsqueeze", "Squeeze", "Reshape", "Identity", "Cast", evalReshape)
      .Case("Concat", evalConcat)
      .Default(nullptr);
}

} // namespace

FailureOr<bool> onnx_import::evaluateSymbolic(GraphImporter &im,
                                              const onnx::NodeProto &node) {
  if (node.op_type() == "Shape") {
    FailureOr<Value> x = im.getInput(node, 0);
    if (failed(x))
      return failure();
    if (cast<RankedTensorType>(x->getType()).hasStaticShape())
      return false;
    if (failed(evalShape(im, node, *x)))
      return failure();
    return true;
  }
  EvalFn eval = lookupEval(node.op_type());
  if (!eval || node.input_size() == 0)
    return false;
  SmallVector<Operand> operands;
  bool symbolic = false;
  // Only the data input of Reshape, (Un)squeeze, Slice and Gather counts:
  // their other inputs are shapes, axes or bounds.
  int data = llvm::is_contained({"Reshape", "Squeeze", "Unsqueeze", "Slice",
                                 "Gather"},
                                node.op_type())
                 ? 1
                 : node.input_size();
  for (int i = 0; i < node.input_size(); ++i) {
    if (node.input(i).empty()) {
      operands.push_back({});
      continue;
    }
    FailureOr<Value> v = im.getInput(node, i);
    if (failed(v))
      return failure();
    std::optional<SymDims> values = im.getSymbolicInts(*v);
    if (!values)
      return false;
    symbolic |= i < data && llvm::any_of(*values, [](AffineExpr e) {
                  return !constantOf(e);
                });
    operands.push_back({*values, cast<RankedTensorType>(v->getType()).getShape()});
  }
  if (!symbolic)
    return false;
  Type element = getElementTypeOrSelf(*im.getInput(node, 0));
  if (node.op_type() == "Where")
    element = getElementTypeOrSelf(*im.getInput(node, 1));
  if (failed(eval(im, node, operands, element)))
    return failure();
  return true;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "OnnxOps.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {

RankedTensorType f32Tensor(OpBuilder &b, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, b.getF32Type());
}

template <typename OpTy>
LogicalResult convertBinary(GraphImporter &im, const onnx::NodeProto &node) {
  if (im.getOpset() < 7 && findAttr(node, "axis"))
    return im.nodeError(node) << "axis-aligned broadcasting (opset < 7) is "
                                 "not supported";
  FailureOr<Value> lhs = im.getNumericInput(node, 0);
  FailureOr<Value> rhs = succeeded(lhs) ? im.getNumericInput(node, 1) : FailureOr<Value>(failure());
  FailureOr<Value> result = buildBroadcastOp<OpTy>(im, node, lhs, rhs);
  if (failed(result))
    return failure();
  im.setOutput(node, 0, *result);
  return success();
}

// Max and Min take one or more inputs.
template <typename OpTy>
LogicalResult convertVariadic(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> acc = im.getNumericInput(node, 0);
  for (int i = 1; i < node.input_size() && succeeded(acc); ++i)
    acc = buildBroadcastOp<OpTy>(im, node, acc, im.getNumericInput(node, i));
  if (failed(acc))
    return failure();
  im.setOutput(node, 0, *acc);
  return success();
}

// Pow with a float base; an integer exponent is converted to float.
LogicalResult convertPow(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> base = im.getFloatInput(node, 0);
  FailureOr<Value> exponent = im.getNumericInput(node, 1);
  if (failed(base) || failed(exponent))
    return failure();
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  if (!getElementTypeOrSelf(*exponent).isF32())
    exponent = b.createOrFold<graph::CastOp>(
        loc, RankedTensorType::get(shapeOf(*exponent), b.getF32Type()),
        *exponent);
  FailureOr<Value> result = buildBroadcastOp<graph::PowOp>(im, node, base, exponent);
  if (failed(result))
    return failure();
  im.setOutput(node, 0, *result);
  return success();
}

template <typename OpTy>
LogicalResult convertUnary(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  im.setOutput(node, 0,
               im.getBuilder().createOrFold<OpTy>(im.nodeLoc(node), *x));
  return success();
}

LogicalResult convertGelu(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  const onnx::AttributeProto *approx = findAttr(node, "approximate");
  std::string mode = approx ? approx->s() : "none";
  if (mode != "none" && mode != "tanh")
    return im.nodeError(node) << "approximate must be 'none' or 'tanh', got '"
                              << mode << "'";
  OpBuilder &b = im.getBuilder();
  im.setOutput(node, 0, b.create<graph::GeluOp>(im.nodeLoc(node), *x,
                                                b.getStringAttr(mode)));
  return success();
}

// Softmax before opset 13 normalizes over all dims from |axis| on (the input
// is coerced to 2-D); from 13 over the single dim |axis|.
LogicalResult convertSoftmax(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  if (failed(x))
    return failure();
  Location loc = im.nodeLoc(node);
  OpBuilder &b = im.getBuilder();
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  bool legacy = im.getOpset() < 13;
  int64_t axis = getIntAttr(node, "axis", legacy ? 1 : -1);
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1))
    return im.nodeError(node) << "axis " << axis << " is out of range for rank "
                              << rank;
  if (rank == 0)
    return im.nodeError(node) << "input must have rank >= 1";
  axis = axis < 0 ? axis + rank : axis;
  if (!legacy) {
    im.setOutput(node, 0,
                 b.create<graph::SoftmaxOp>(loc, *x, b.getI64IntegerAttr(axis)));
    return success();
  }
  if (!cast<RankedTensorType>(x->getType()).hasStaticShape())
    return im.nodeError(node) << "opset < 13 Softmax needs static shapes";
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= shape[i];
  Value flat = reshapeTo(b, loc, *x, {outer, inner});
  Value soft = b.create<graph::SoftmaxOp>(loc, flat, b.getI64IntegerAttr(1));
  im.setOutput(node, 0, reshapeTo(b, loc, soft, shape));
  return success();
}

// The contraction dims of a matmul must be the same expression.
LogicalResult checkContraction(GraphImporter &im, const onnx::NodeProto &node,
                               Value lhs, Value rhs) {
  FailureOr<SymDims> l = im.getDims(node, lhs), r = im.getDims(node, rhs);
  if (failed(l) || failed(r))
    return failure();
  AffineExpr k = l->back(), k2 = (*r)[r->size() - 2];
  if (k == k2)
    return success();
  SymbolicShapes &s = im.getSymbols();
  return im.nodeError(node) << "contraction dims differ: " << s.str(*l)
                            << " x " << s.str(*r);
}

// numpy matmul; rank-1 operands get a unit dim that is dropped afterwards.
LogicalResult convertMatMul(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> lhs = im.getFloatInput(node, 0);
  FailureOr<Value> rhs = im.getFloatInput(node, 1);
  if (failed(lhs) || failed(rhs))
    return failure();
  Location loc = im.nodeLoc(node);
  OpBuilder &b = im.getBuilder();
  SmallVector<int64_t> l(shapeOf(*lhs)), r(shapeOf(*rhs));
  if (l.empty() || r.empty())
    return im.nodeError(node) << "operands must have rank >= 1";
  bool vecL = l.size() == 1, vecR = r.size() == 1;
  if (vecL)
    l.insert(l.begin(), 1);
  if (vecR)
    r.push_back(1);
  FailureOr<SmallVector<int64_t>> shape = graph::inferMatMulShape(l, r, loc);
  if (failed(shape))
    return failure();
  Value lhs2 = reshapeTo(b, loc, *lhs, l), rhs2 = reshapeTo(b, loc, *rhs, r);
  if (failed(im.checkBroadcast(node, {lhs2, rhs2}, 2)) ||
      failed(checkContraction(im, node, lhs2, rhs2)))
    return failure();
  Value product = b.create<graph::MatMulOp>(
      loc, f32Tensor(b, *shape), lhs2, rhs2);
  SmallVector<int64_t> outShape(*shape);
  if (vecR)
    outShape.pop_back();
  if (vecL)
    outShape.erase(outShape.end() - (vecR ? 1 : 2));
  im.setOutput(node, 0, reshapeTo(b, loc, product, outShape));
  return success();
}

LogicalResult convertGemm(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> a = im.getFloatInput(node, 0);
  FailureOr<Value> bv = im.getFloatInput(node, 1);
  if (failed(a) || failed(bv))
    return failure();
  FailureOr<Value> cInput = im.getOptionalFloatInput(node, 2);
  if (failed(cInput))
    return failure();
  Value c = *cInput;
  Location loc = im.nodeLoc(node);
  bool transA = getIntAttr(node, "transA", 0) != 0;
  bool transB = getIntAttr(node, "transB", 0) != 0;
  std::optional<ArrayRef<int64_t>> cShape;
  if (c)
    cShape = shapeOf(c);
  FailureOr<SmallVector<int64_t>> shape = graph::inferGemmShape(
      shapeOf(*a), shapeOf(*bv), cShape, transA, transB, loc);
  if (failed(shape))
    return failure();
  OpBuilder &b = im.getBuilder();
  auto op = b.create<graph::GemmOp>(
      loc, f32Tensor(b, *shape), *a, *bv, c,
      b.getF32FloatAttr(getFloatAttr(node, "alpha", 1.0f)),
      b.getF32FloatAttr(getFloatAttr(node, "beta", 1.0f)),
      b.getBoolAttr(transA), b.getBoolAttr(transB));
  im.setOutput(node, 0, op);
  return success();
}

} // namespace

void onnx_import::addMathConverters(ConverterMap &map) {
  map["Add"] = convertBinary<graph::AddOp>;
  map["Sub"] = convertBinary<graph::SubOp>;
  map["Mul"] = convertBinary<graph::MulOp>;
  map["Div"] = convertBinary<graph::DivOp>;
  map["Relu"] = convertUnary<graph::ReluOp>;
  map["Sigmoid"] = convertUnary<graph::SigmoidOp>;
  map["Tanh"] = convertUnary<graph::TanhOp>;
  map["Exp"] = convertUnary<graph::ExpOp>;
  map["Log"] = convertUnary<graph::LogOp>;
  map["Sqrt"] = convertUnary<graph::SqrtOp>;
  map["Neg"] = convertUnary<graph::NegOp>;
  map["Abs"] = convertUnary<graph::AbsOp>;
  map["Erf"] = convertUnary<graph::ErfOp>;
  map["Sin"] = convertUnary<graph::SinOp>;
  map["Cos"] = convertUnary<graph::CosOp>;
  map["Reciprocal"] = convertUnary<graph::ReciprocalOp>;
  map["Gelu"] = convertGelu;
  map["Pow"] = convertPow;
  map["Max"] = convertVariadic<graph::MaxOp>;
  map["Min"] = convertVariadic<graph::MinOp>;
  map["Softmax"] = convertSoftmax;
  map["MatMul"] = convertMatMul;
  map["Gemm"] = convertGemm;
}

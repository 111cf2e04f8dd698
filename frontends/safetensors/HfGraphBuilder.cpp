// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "HfGraphBuilder.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::hf;
using ::mlc::safetensors::DType;
using ::mlc::safetensors::dtypeName;
using ::mlc::safetensors::TensorRef;

static RankedTensorType f32(OpBuilder &b, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, b.getF32Type());
}

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

bool GraphBuilder::hasWeight(const Twine &name) const {
  return weights->lookup(name.str()).file != nullptr;
}

FailureOr<Value> GraphBuilder::optionalWeight(const Twine &name,
                                              ArrayRef<int64_t> shape) {
  if (!hasWeight(name))
    return Value();
  return weight(name, shape);
}

// F32 tensors aligned in the mapping become blobs that point into it (the
// index stays alive with them); F16/BF16/F64 are converted once.
FailureOr<Value> GraphBuilder::weight(const Twine &nameTwine,
                                      ArrayRef<int64_t> shape) {
  std::string name = nameTwine.str();
  TensorRef ref = weights->lookup(name);
  if (!ref.file)
    return error() << "tensor '" << name << "' is missing from the checkpoint",
           failure();
  ArrayRef<int64_t> actual = ref.info->shape;
  if (actual != shape)
    return error() << "tensor '" << name << "' has shape "
                   << graph::shapeString(actual) << " but the config implies "
                   << graph::shapeString(shape),
           failure();
  DType dtype = ref.info->dtype;
  if (dtype != DType::F32 && dtype != DType::F16 && dtype != DType::BF16 &&
      dtype != DType::F64)
    return error() << "tensor '" << name << "' has dtype "
                   << dtypeName(dtype).str() << "; F32, F16, BF16 and F64 are supported",
           failure();
  std::string key = "w_" + name;
  for (char &c : key)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  auto type = f32(b, shape);
  ArrayRef<char> bytes = ref.data();
  AsmResourceBlob blob;
  if (dtype == DType::F32 && reinterpret_cast<uintptr_t>(bytes.data()) % 4 == 0) {
    std::shared_ptr<SafeTensorsIndex> keep = weights;
    blob = UnmanagedAsmResourceBlob::allocateWithAlign(
        bytes, alignof(float), [keep](void *, size_t, size_t) {});
  } else {
    std::vector<float> values(ref.info->numElements);
    if (llvm::Error err = ::mlc::safetensors::convertToF32(dtype, bytes, values))
      return error() << "tensor '" << name << "': " << llvm::toString(std::move(err)),
             failure();
    blob = HeapAsmResourceBlob::allocateAndCopyInferAlign(ArrayRef<float>(values));
  }
  auto attr = DenseResourceElementsAttr::get(type, key, std::move(blob));
  return b.create<graph::ConstantOp>(NameLoc::get(b.getStringAttr(name), loc), attr)
      .getResult();
}

Value GraphBuilder::reshape(Value x, ArrayRef<int64_t> shape) {
  if (shapeOf(x) == shape)
    return x;
  return b.create<graph::ReshapeOp>(loc, f32(b, shape), x);
}

Value GraphBuilder::transpose(Value x, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(shapeOf(x)[p]);
  return b.create<graph::TransposeOp>(loc, f32(b, shape), x,
                                      b.getDenseI64ArrayAttr(perm));
}

Value GraphBuilder::matmul(Value lhs, Value rhs) {
  SmallVector<int64_t> shape =
      *graph::inferMatMulShape(shapeOf(lhs), shapeOf(rhs), std::nullopt);
  return b.create<graph::MatMulOp>(loc, f32(b, shape), lhs, rhs);
}

Value GraphBuilder::scalar(float v) {
  return b.create<graph::ConstantOp>(
      loc, DenseElementsAttr::get(f32(b, {}), b.getF32FloatAttr(v)));
}

template <typename OpTy> Value GraphBuilder::binary(Value lhs, Value rhs) {
  SmallVector<int64_t> shape =
      *graph::broadcastShapes(shapeOf(lhs), shapeOf(rhs), std::nullopt);
  return b.create<OpTy>(loc, f32(b, shape), lhs, rhs);
}
template Value GraphBuilder::binary<graph::AddOp>(Value, Value);
template Value GraphBuilder::binary<graph::SubOp>(Value, Value);
template Value GraphBuilder::binary<graph::MulOp>(Value, Value);

Value GraphBuilder::linear(Value x, Value w, Value bias, bool transposed) {
  ArrayRef<int64_t> in = shapeOf(x);
  int64_t k = in.back(), rows = 1;
  for (int64_t d : in.drop_back())
    rows *= d;
  int64_t out = shapeOf(w)[transposed ? 0 : 1];
  Value flat = reshape(x, {rows, k});
  Value y = b.create<graph::GemmOp>(loc, f32(b, {rows, out}), flat, w, bias,
                                    b.getF32FloatAttr(1.0f),
                                    b.getF32FloatAttr(1.0f), b.getBoolAttr(false),
                                    b.getBoolAttr(transposed));
  SmallVector<int64_t> shape(in.drop_back());
  shape.push_back(out);
  return reshape(y, shape);
}

FailureOr<Value> GraphBuilder::linear(Value x, const Twine &prefix, int64_t in,
                                      int64_t out, bool withBias,
                                      bool transposed) {
  SmallVector<int64_t> wShape = transposed ? SmallVector<int64_t>{out, in}
                                           : SmallVector<int64_t>{in, out};
  FailureOr<Value> w = weight(prefix + ".weight", wShape);
  if (failed(w))
    return failure();
  FailureOr<Value> bias = withBias ? weight(prefix + ".bias", {out})
                                   : optionalWeight(prefix + ".bias", {out});
  if (failed(bias))
    return failure();
  return linear(x, *w, *bias, transposed);
}

FailureOr<Value> GraphBuilder::layerNorm(Value x, const Twine &prefix,
                                         double eps) {
  int64_t n = shapeOf(x).back();
  FailureOr<Value> gamma = weight(prefix + ".weight", {n});
  FailureOr<Value> beta = weight(prefix + ".bias", {n});
  if (failed(gamma) || failed(beta))
    return failure();
  return b.create<graph::LayerNormOp>(
                 loc, x.getType(), x, *gamma, *beta,
                 b.getI64IntegerAttr(shapeOf(x).size() - 1),
                 b.getF32FloatAttr(eps))
      .getResult();
}

FailureOr<Value> GraphBuilder::rmsNorm(Value x, const Twine &prefix,
                                       double eps) {
  FailureOr<Value> gamma = weight(prefix + ".weight", {shapeOf(x).back()});
  if (failed(gamma))
    return failure();
  return b.create<graph::RmsNormOp>(loc, x.getType(), x, *gamma,
                                    b.getF32FloatAttr(eps))
      .getResult();
}

Value GraphBuilder::splitHeads(Value x, int64_t heads, int64_t dim) {
  ArrayRef<int64_t> s = shapeOf(x);
  return transpose(reshape(x, {s[0], s[1], heads, dim}), {0, 2, 1, 3});
}

Value GraphBuilder::mergeHeads(Value x) {
  Value t = transpose(x, {0, 2, 1, 3});
  ArrayRef<int64_t> s = shapeOf(t);
  return reshape(t, {s[0], s[1], s[2] * s[3]});
}

Value GraphBuilder::attention(Value q, Value k, Value v, Value mask,
                              std::optional<double> scale) {
  double factor = scale.value_or(
      1.0 / std::sqrt(static_cast<double>(shapeOf(q).back())));
  Value scores = binary<graph::MulOp>(matmul(q, transpose(k, {0, 1, 3, 2})),
                                      scalar(factor));
  if (mask)
    scores = binary<graph::AddOp>(scores, mask);
  Value probs = b.create<graph::SoftmaxOp>(
      loc, scores, b.getI64IntegerAttr(shapeOf(scores).size() - 1));
  return matmul(probs, v);
}

Value GraphBuilder::causalMask(int64_t seq, std::optional<int64_t> window) {
  SmallVector<float> values(seq * seq, 0.0f);
  for (int64_t i = 0; i < seq; ++i)
    for (int64_t j = 0; j < seq; ++j)
      if (j > i || (window && j <= i - *window))
        values[i * seq + j] = std::numeric_limits<float>::lowest();
  auto type = f32(b, {seq, seq});
  return b.create<graph::ConstantOp>(
      loc, graph::makeFloatConstant(type, values, "causal_mask"));
}

FailureOr<Value> GraphBuilder::activation(Value x, StringRef name) {
  if (name == "gelu")
    return b.create<graph::GeluOp>(loc, x, b.getStringAttr("none")).getResult();
  if (name == "gelu_new" || name == "gelu_pytorch_tanh" || name == "gelu_fast")
    return b.create<graph::GeluOp>(loc, x, b.getStringAttr("tanh")).getResult();
  if (name == "relu")
    return b.create<graph::ReluOp>(loc, x).getResult();
  if (name == "silu" || name == "swish")
    return binary<graph::MulOp>(x, b.create<graph::SigmoidOp>(loc, x));
  return error() << "activation '" << name << "' is not supported (gelu, "
                    "gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu)",
         failure();
}

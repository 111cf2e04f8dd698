// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Dialect registration, shape inference and verifiers of mlc_graph ops.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::mlc::graph;

#include "mlc/Dialect/Graph/IR/GraphDialect.cpp.inc"

void GraphDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mlc/Dialect/Graph/IR/GraphOps.cpp.inc"
      >();
}

Operation *GraphDialect::materializeConstant(OpBuilder &builder,
                                             Attribute value, Type type,
                                             Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, elements);
}

std::string mlir::mlc::graph::shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? "," : "") +
         (ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d));
  return s + "]";
}

FailureOr<SmallVector<int64_t>>
mlir::mlc::graph::broadcastShapes(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs,
                                  std::optional<Location> loc) {
  SmallVector<int64_t> result;
  if (OpTrait::util::getBroadcastedShape(lhs, rhs, result))
    return result;
  return emitOptionalError(loc, "shapes ", shapeString(lhs), " and ",
                           shapeString(rhs), " are not broadcast-compatible");
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

template <typename Adaptor>
static LogicalResult inferBinary(std::optional<Location> loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &types) {
  auto lhs = cast<RankedTensorType>(adaptor.getLhs().getType());
  auto rhs = cast<RankedTensorType>(adaptor.getRhs().getType());
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(lhs.getShape(), rhs.getShape(), loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, lhs.getElementType()));
  return success();
}

#define MLC_BINARY_INFER(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> l, \
                                     Adaptor a, SmallVectorImpl<Type> &t) {    \
    return inferBinary(l, a, t);                                               \
  }
MLC_BINARY_INFER(AddOp)
MLC_BINARY_INFER(SubOp)
MLC_BINARY_INFER(MulOp)
MLC_BINARY_INFER(DivOp)
MLC_BINARY_INFER(MaxOp)
MLC_BINARY_INFER(MinOp)
MLC_BINARY_INFER(PowOp)
MLC_BINARY_INFER(AndOp)
MLC_BINARY_INFER(OrOp)
MLC_BINARY_INFER(XorOp)
#undef MLC_BINARY_INFER

LogicalResult SoftmaxOp::verify() {
  int64_t rank = getInput().getType().getRank();
  auto axis = static_cast<int64_t>(getAxis());
  if (axis < 0 || axis >= std::max<int64_t>(rank, 1))
    return emitOpError("axis ") << axis << " is out of range for rank "
                                << rank;
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>>
mlir::mlc::graph::inferMatMulShape(ArrayRef<int64_t> l, ArrayRef<int64_t> r,
                                   std::optional<Location> loc) {
  if (l.size() < 2 || r.size() < 2)
    return emitOptionalError(loc, "matmul operands must have rank >= 2, got ",
                             l.size(), " and ", r.size());
  if (!dimsCompatible(l.back(), r[r.size() - 2]))
    return emitOptionalError(loc, "matmul contraction dims differ: ",
                             shapeString(l), " x ", shapeString(r));
  FailureOr<SmallVector<int64_t>> shape =
      broadcastShapes(l.drop_back(2), r.drop_back(2), loc);
  if (failed(shape))
    return failure();
  shape->append({l[l.size() - 2], r.back()});
  return shape;
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto lhs = cast<RankedTensorType>(adaptor.getLhs().getType());
  auto rhs = cast<RankedTensorType>(adaptor.getRhs().getType());
  FailureOr<SmallVector<int64_t>> shape =
      inferMatMulShape(lhs.getShape(), rhs.getShape(), loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, lhs.getElementType()));
  return success();
}

FailureOr<SmallVector<int64_t>> mlir::mlc::graph::inferGemmShape(
    ArrayRef<int64_t> a, ArrayRef<int64_t> b,
    std::optional<ArrayRef<int64_t>> c, bool transA, bool transB,
    std::optional<Location> loc) {
  if (a.size() != 2 || b.size() != 2)
    return emitOptionalError(loc, "gemm operands A and B must have rank 2, got ",
                             a.size(), " and ", b.size());
  int64_t m = a[transA ? 1 : 0], ka = a[transA ? 0 : 1];
  int64_t kb = b[transB ? 1 : 0], n = b[transB ? 0 : 1];
  if (!dimsCompatible(ka, kb))
    return emitOptionalError(loc, "gemm contraction dims differ: op(A) is ",
                             shapeString({m, ka}), ", op(B) is ",
                             shapeString({kb, n}));
  SmallVector<int64_t> result = {m, n};
  if (c) {
    FailureOr<SmallVector<int64_t>> shape = broadcastShapes(result, *c, loc);
    if (failed(shape))
      return failure();
    if (*shape != result)
      return emitOptionalError(loc, "gemm C of shape ", shapeString(*c),
                               " does not broadcast to ", shapeString(result));
  }
  return result;
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  auto a = cast<RankedTensorType>(adaptor.getA().getType());
  auto b = cast<RankedTensorType>(adaptor.getB().getType());
  std::optional<ArrayRef<int64_t>> c;
  if (Value cValue = adaptor.getC())
    c = cast<RankedTensorType>(cValue.getType()).getShape();
  FailureOr<SmallVector<int64_t>> shape =
      inferGemmShape(a.getShape(), b.getShape(), c, adaptor.getTransA(),
                     adaptor.getTransB(), loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, a.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult mlir::mlc::graph::verifySizeOperands(Operation *op,
                                                   ShapedType type,
                                                   ValueRange sizes) {
  if (static_cast<int64_t>(sizes.size()) == type.getNumDynamicDims())
    return success();
  return op->emitOpError("has ")
         << sizes.size() << " size operands for "
         << type.getNumDynamicDims() << " dynamic result dims";
}

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType(), out = getResult().getType();
  if (failed(verifySizeOperands(*this, out, getSizes())))
    return failure();
  if (!in.hasStaticShape() || !out.hasStaticShape())
    return success();
  if (in.getNumElements() != out.getNumElements())
    return emitOpError("cannot reshape ")
           << shapeString(in.getShape()) << " (" << in.getNumElements()
           << " elements) to " << shapeString(out.getShape()) << " ("
           << out.getNumElements() << " elements)";
  return success();
}

FailureOr<SmallVector<int64_t>>
mlir::mlc::graph::inferTransposeShape(ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> perm,
                                      std::optional<Location> loc) {
  int64_t rank = shape.size();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOptionalError(loc, "permutation has ", perm.size(),
                             " entries for rank ", rank);
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> result;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return emitOptionalError(loc, "permutation ", shapeString(perm),
                               " is not a permutation of 0..", rank - 1);
    seen[p] = true;
    result.push_back(shape[p]);
  }
  return result;
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto in = cast<RankedTensorType>(adaptor.getInput().getType());
  FailureOr<SmallVector<int64_t>> shape =
      inferTransposeShape(in.getShape(), adaptor.getPermutation(), loc);
  if (failed(shape))
    return failure();
  types.push_back(RankedTensorType::get(*shape, in.getElementType()));
  return success();
}

#define GET_OP_CLASSES
#include "mlc/Dialect/Graph/IR/GraphOps.cpp.inc"

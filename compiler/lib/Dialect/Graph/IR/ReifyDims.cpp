// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Result dims of mlc_graph ops in terms of their operands: the one rule per
// op that both the ONNX importer (symbolic dims) and the lowering to linalg
// (sizes of dynamic `tensor.empty`) use.

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::mlc::graph;

namespace {
using Dims = SmallVector<OpFoldResult>;

OpFoldResult dimOf(OpBuilder &b, Location loc, Value v, int64_t d) {
  int64_t size = cast<RankedTensorType>(v.getType()).getDimSize(d);
  if (!ShapedType::isDynamic(size))
    return b.getIndexAttr(size);
  return b.create<tensor::DimOp>(loc, v, d).getResult();
}

// Dims of |type| taken, right-aligned, from the first of |operands| with a
// dynamic dim at each dynamic position (numpy broadcasting never stretches a
// dynamic dim).
FailureOr<Dims> broadcastDims(OpBuilder &b, Location loc,
                              ArrayRef<int64_t> shape, ValueRange operands) {
  Dims dims;
  int64_t rank = shape.size();
  for (int64_t i = 0; i < rank; ++i) {
    if (!ShapedType::isDynamic(shape[i])) {
      dims.push_back(b.getIndexAttr(shape[i]));
      continue;
    }
    Value source;
    int64_t sourceDim = 0;
    for (Value v : operands) {
      auto t = dyn_cast<RankedTensorType>(v.getType());
      int64_t d = t ? i - (rank - t.getRank()) : -1;
      if (d >= 0 && t.isDynamicDim(d)) {
        source = v, sourceDim = d;
        break;
      }
    }
    if (!source)
      return failure();
    dims.push_back(b.create<tensor::DimOp>(loc, source, sourceDim).getResult());
  }
  return dims;
}

// Static dims from |type| and the dynamic ones from |sizes|, in order.
Dims fromSizes(OpBuilder &b, ShapedType type, ValueRange sizes) {
  Dims dims;
  auto next = sizes.begin();
  for (int64_t d : type.getShape())
    dims.push_back(ShapedType::isDynamic(d) ? OpFoldResult(*next++)
                                            : OpFoldResult(b.getIndexAttr(d)));
  return dims;
}

FailureOr<Dims> matmulDims(OpBuilder &b, MatMulOp op) {
  Location loc = op.getLoc();
  Value lhs = op.getLhs(), rhs = op.getRhs();
  int64_t rank = op.getType().getRank();
  auto l = cast<RankedTensorType>(lhs.getType());
  auto r = cast<RankedTensorType>(rhs.getType());
  Dims dims;
  for (int64_t i = 0; i < rank - 2; ++i) {
    int64_t li = i - (rank - l.getRank()), ri = i - (rank - r.getRank());
    bool lDyn = li >= 0 && l.isDynamicDim(li), rDyn = ri >= 0 && r.isDynamicDim(ri);
    if (!op.getType().isDynamicDim(i))
      dims.push_back(b.getIndexAttr(op.getType().getDimSize(i)));
    else if (lDyn || rDyn)
      dims.push_back(dimOf(b, loc, lDyn ? lhs : rhs, lDyn ? li : ri));
    else
      return failure();
  }
  dims.push_back(dimOf(b, loc, lhs, l.getRank() - 2));
  dims.push_back(dimOf(b, loc, rhs, r.getRank() - 1));
  return dims;
}

template <typename ReduceOp>
Dims reduceDims(OpBuilder &b, ReduceOp op) {
  Dims dims;
  ArrayRef<int64_t> axes = op.getAxes();
  for (int64_t d = 0, e = op.getInput().getType().getRank(); d < e; ++d) {
    if (!llvm::is_contained(axes, d))
      dims.push_back(dimOf(b, op.getLoc(), op.getInput(), d));
    else if (op.getKeepDims())
      dims.push_back(b.getIndexAttr(1));
  }
  return dims;
}

Dims gatherDims(OpBuilder &b, GatherOp op) {
  Dims dims;
  Location loc = op.getLoc();
  int64_t axis = op.getAxis(), rank = op.getData().getType().getRank();
  for (int64_t d = 0; d < axis; ++d)
    dims.push_back(dimOf(b, loc, op.getData(), d));
  for (int64_t d = 0, e = op.getIndices().getType().getRank(); d < e; ++d)
    dims.push_back(dimOf(b, loc, op.getIndices(), d));
  for (int64_t d = axis + 1; d < rank; ++d)
    dims.push_back(dimOf(b, loc, op.getData(), d));
  return dims;
}

FailureOr<Dims> concatDims(OpBuilder &b, ConcatOp op) {
  Location loc = op.getLoc();
  int64_t axis = op.getAxis();
  FailureOr<Dims> dims =
      broadcastDims(b, loc, op.getType().getShape(), op.getInputs());
  if (failed(dims) || !op.getType().isDynamicDim(axis))
    return dims;
  Value sum = b.create<arith::ConstantIndexOp>(loc, 0);
  for (Value v : op.getInputs())
    sum = b.create<arith::AddIOp>(
        loc, sum,
        getValueOrCreateConstantIndexOp(b, loc, dimOf(b, loc, v, axis)));
  (*dims)[axis] = sum;
  return dims;
}

Dims transposeDims(OpBuilder &b, TransposeOp op) {
  Dims dims;
  for (int64_t p : op.getPermutation())
    dims.push_back(dimOf(b, op.getLoc(), op.getInput(), p));
  return dims;
}
} // namespace

FailureOr<SmallVector<OpFoldResult>>
mlir::mlc::graph::reifyResultDims(OpBuilder &b, Operation *op) {
  if (op->getNumResults() != 1)
    return failure();
  auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type)
    return failure();
  if (type.hasStaticShape())
    return Dims(llvm::map_range(type.getShape(), [&](int64_t d) {
      return OpFoldResult(b.getIndexAttr(d));
    }));
  return TypeSwitch<Operation *, FailureOr<Dims>>(op)
      .Case<ReshapeOp, SliceOp, BroadcastOp, IotaOp>([&](auto o) {
        return fromSizes(b, type, o.getSizes());
      })
      .Case([&](MatMulOp o) { return matmulDims(b, o); })
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp>(
          [&](auto o) { return reduceDims(b, o); })
      .Case([&](GatherOp o) { return gatherDims(b, o); })
      .Case([&](ConcatOp o) { return concatDims(b, o); })
      .Case([&](TransposeOp o) { return transposeDims(b, o); })
      .Case<Conv2DOp, MaxPool2DOp, AvgPool2DOp, PadOp, ResizeOp, GemmOp>(
          [](auto) { return failure(); })
      .Default([&](Operation *o) {
        return broadcastDims(b, o->getLoc(), type.getShape(),
                             o->getOperands());
      });
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_UKERNELCALLSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

static constexpr llvm::StringLiteral kMatmulUkernel = "mlc_uk_matmul_f32";
static constexpr llvm::StringLiteral kDepthwiseUkernel =
    "mlc_uk_depthwise_conv2d_f32";

MemRefType mlir::mlc::ukernelViewType(MLIRContext *ctx, int64_t rank) {
  int64_t d = ShapedType::kDynamic;
  return MemRefType::get(SmallVector<int64_t>(rank, d), Float32Type::get(ctx),
                         StridedLayoutAttr::get(ctx, d,
                                                SmallVector<int64_t>(rank, d)));
}

namespace {

bool allF32Buffers(linalg::LinalgOp op) {
  return op.hasPureBufferSemantics() &&
         llvm::all_of(op->getOperands(), [](Value v) {
           auto t = dyn_cast<MemRefType>(v.getType());
           return t && t.getElementType().isF32();
         });
}

bool isUkernelMatmul(linalg::LinalgOp op) {
  return isa<linalg::MatmulOp, linalg::MatmulTransposeBOp,
             linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(op) &&
         allF32Buffers(op);
}

// Index |i| of the leading (batch) dim of |v| as a 2-D view.
Value batchSlice(OpBuilder &b, Location loc, Value v, Value i) {
  auto type = cast<MemRefType>(v.getType());
  SmallVector<OpFoldResult> offsets = {i, b.getIndexAttr(0), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1)};
  for (int64_t d = 1; d < 3; ++d)
    sizes.push_back(type.isDynamicDim(d)
                        ? OpFoldResult(b.create<memref::DimOp>(loc, v, d).getResult())
                        : OpFoldResult(b.getIndexAttr(type.getDimSize(d))));
  SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
  auto sliceType = memref::SubViewOp::inferRankReducedResultType(
      type.getShape().drop_front(), type, offsets, sizes, strides);
  return b.create<memref::SubViewOp>(loc, cast<MemRefType>(sliceType), v,
                                     offsets, sizes, strides);
}

// The zero fill of |out| right before |op|, which a microkernel makes
// redundant by overwriting instead of accumulating.
linalg::FillOp zeroFillBefore(Operation *op, Value out) {
  auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
  if (!fill || fill.getDpsInits()[0] != out)
    return {};
  auto zero = fill.getDpsInputs()[0].getDefiningOp<arith::ConstantOp>();
  auto value = zero ? dyn_cast<FloatAttr>(zero.getValue()) : nullptr;
  return value && value.getValue().isPosZero() ? fill : linalg::FillOp();
}

// 0 (overwrite) when |op|'s output was just zero-filled (the fill is
// erased), else 1 (accumulate).
Value accumulateFlag(OpBuilder &b, Location loc, linalg::LinalgOp op) {
  linalg::FillOp fill = zeroFillBefore(op, op.getDpsInits()[0]);
  Value flag = b.create<arith::ConstantIndexOp>(loc, fill ? 0 : 1);
  if (fill)
    fill->erase();
  return flag;
}

// |operands| cast to the microkernel's strided views, then |scalars|.
void callUkernel(OpBuilder &b, Location loc, func::FuncOp callee,
                 ValueRange operands, ValueRange scalars) {
  SmallVector<Value> args;
  for (Value v : operands) {
    int64_t rank = cast<MemRefType>(v.getType()).getRank();
    args.push_back(
        b.create<memref::CastOp>(loc, ukernelViewType(b.getContext(), rank), v));
  }
  llvm::append_range(args, scalars);
  b.create<func::CallOp>(loc, callee, args);
}

struct UkernelCallsPass
    : mlc::impl::UkernelCallsPassBase<UkernelCallsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::LinalgOp> matmuls;
    SmallVector<linalg::DepthwiseConv2DNchwChwOp> depthwise;
    module.walk([&](linalg::LinalgOp op) {
      if (isUkernelMatmul(op))
        matmuls.push_back(op);
      else if (auto d = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(*op);
               d && allF32Buffers(op))
        depthwise.push_back(d);
    });
    if (!matmuls.empty()) {
      func::FuncOp callee = declare(module, kMatmulUkernel, {2, 2, 2}, 1);
      for (linalg::LinalgOp op : matmuls)
        rewriteMatmul(op, callee);
    }
    if (!depthwise.empty()) {
      func::FuncOp callee = declare(module, kDepthwiseUkernel, {4, 3, 4}, 5);
      for (linalg::DepthwiseConv2DNchwChwOp op : depthwise)
        rewriteDepthwise(op, callee);
    }
  }

  // func.func private @|name|(views of |ranks|, |scalars| x index).
  func::FuncOp declare(ModuleOp module, StringRef name,
                       ArrayRef<int64_t> ranks, int scalars) {
    if (auto f = module.lookupSymbol<func::FuncOp>(name))
      return f;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    SmallVector<Type> types;
    for (int64_t rank : ranks)
      types.push_back(ukernelViewType(&getContext(), rank));
    types.append(scalars, b.getIndexType());
    auto f = b.create<func::FuncOp>(module.getLoc(), name,
                                    b.getFunctionType(types, {}));
    f.setPrivate();
    return f;
  }

  // C (+)= A * B on 2-D views (B transposed first for the _transpose_b ops).
  static void callMatmul(OpBuilder &b, Location loc, func::FuncOp callee,
                         Value a, Value bm, Value c, bool transposeB,
                         Value accumulate) {
    if (transposeB) {
      AffineMap swap =
          AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, b.getContext());
      bm = b.create<memref::TransposeOp>(loc, bm, AffineMapAttr::get(swap));
    }
    callUkernel(b, loc, callee, {a, bm, c}, accumulate);
  }

  static void rewriteMatmul(linalg::LinalgOp op, func::FuncOp callee) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value a = op.getDpsInputs()[0], bm = op.getDpsInputs()[1];
    Value c = op.getDpsInits()[0];
    bool transposeB =
        isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op);
    Value accumulate = accumulateFlag(b, loc, op);
    if (!isa<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(op)) {
      callMatmul(b, loc, callee, a, bm, c, transposeB, accumulate);
      op->erase();
      return;
    }
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value batch = b.create<memref::DimOp>(loc, c, 0);
    auto loop = b.create<scf::ForOp>(loc, zero, batch, one);
    b.setInsertionPointToStart(loop.getBody());
    Value i = loop.getInductionVar();
    // One statement per slice: argument evaluation order is unspecified.
    Value aSlice = batchSlice(b, loc, a, i);
    Value bSlice = batchSlice(b, loc, bm, i);
    Value cSlice = batchSlice(b, loc, c, i);
    callMatmul(b, loc, callee, aSlice, bSlice, cSlice, transposeB, accumulate);
    op->erase();
  }

  static void rewriteDepthwise(linalg::DepthwiseConv2DNchwChwOp op,
                               func::FuncOp callee) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    // First, while the fill (if any) is still right before the op.
    Value accumulate =
        accumulateFlag(b, loc, cast<linalg::LinalgOp>(op.getOperation()));
    SmallVector<Value> scalars;
    for (DenseIntElementsAttr attr : {op.getStrides(), op.getDilations()})
      for (const APInt &v : attr.getValues<APInt>())
        scalars.push_back(
            b.create<arith::ConstantIndexOp>(loc, v.getSExtValue()));
    scalars.push_back(accumulate);
    callUkernel(b, loc, callee,
                {op.getDpsInputs()[0], op.getDpsInputs()[1],
                 op.getDpsInits()[0]},
                scalars);
    op->erase();
  }
};
} // namespace

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_MATMULTOUKERNELPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

static constexpr llvm::StringLiteral kMatmulUkernel = "mlc_uk_matmul_f32";

namespace {
// memref<?x?xf32, strided<[?, ?], offset: ?>>: the microkernel's operands.
MemRefType viewType(MLIRContext *ctx) {
  int64_t d = ShapedType::kDynamic;
  return MemRefType::get({d, d}, Float32Type::get(ctx),
                         StridedLayoutAttr::get(ctx, d, {d, d}));
}

bool isUkernelMatmul(linalg::LinalgOp op) {
  if (!isa<linalg::MatmulOp, linalg::MatmulTransposeBOp, linalg::BatchMatmulOp,
           linalg::BatchMatmulTransposeBOp>(op) ||
      !op.hasPureBufferSemantics())
    return false;
  return llvm::all_of(op->getOperands(), [](Value v) {
    auto t = dyn_cast<MemRefType>(v.getType());
    return t && t.getElementType().isF32();
  });
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

struct MatmulToUkernelPass
    : mlc::impl::MatmulToUkernelPassBase<MatmulToUkernelPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<linalg::LinalgOp> ops;
    module.walk([&](linalg::LinalgOp op) {
      if (isUkernelMatmul(op))
        ops.push_back(op);
    });
    if (ops.empty())
      return;
    func::FuncOp callee = declare(module);
    for (linalg::LinalgOp op : ops)
      rewrite(op, callee);
  }

  func::FuncOp declare(ModuleOp module) {
    if (auto f = module.lookupSymbol<func::FuncOp>(kMatmulUkernel))
      return f;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    MemRefType view = viewType(&getContext());
    auto f = b.create<func::FuncOp>(
        module.getLoc(), kMatmulUkernel,
        b.getFunctionType({view, view, view, b.getIndexType()}, {}));
    f.setPrivate();
    return f;
  }

  // C += A * B on 2-D views (B transposed first for the _transpose_b ops).
  static void call(OpBuilder &b, Location loc, func::FuncOp callee, Value a,
                   Value bm, Value c, bool transposeB, Value accumulate) {
    if (transposeB) {
      AffineMap swap =
          AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, b.getContext());
      bm = b.create<memref::TransposeOp>(loc, bm, AffineMapAttr::get(swap));
    }
    MemRefType view = viewType(b.getContext());
    SmallVector<Value> args;
    for (Value v : {a, bm, c})
      args.push_back(b.create<memref::CastOp>(loc, view, v));
    args.push_back(accumulate);
    b.create<func::CallOp>(loc, callee, args);
  }

  // The zero fill of |c| right before |op|, which the microkernel makes
  // redundant by overwriting instead of accumulating.
  static linalg::FillOp zeroFillBefore(linalg::LinalgOp op, Value c) {
    auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
    if (!fill || fill.getDpsInits()[0] != c)
      return {};
    auto zero = fill.getDpsInputs()[0].getDefiningOp<arith::ConstantOp>();
    auto value = zero ? dyn_cast<FloatAttr>(zero.getValue()) : nullptr;
    return value && value.getValue().isPosZero() ? fill : linalg::FillOp();
  }

  static void rewrite(linalg::LinalgOp op, func::FuncOp callee) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value a = op.getDpsInputs()[0], bm = op.getDpsInputs()[1];
    Value c = op.getDpsInits()[0];
    bool transposeB =
        isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op);
    linalg::FillOp fill = zeroFillBefore(op, c);
    Value accumulate = b.create<arith::ConstantIndexOp>(loc, fill ? 0 : 1);
    if (fill)
      fill->erase();
    if (!isa<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(op)) {
      call(b, loc, callee, a, bm, c, transposeB, accumulate);
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
    call(b, loc, callee, aSlice, bSlice, cSlice, transposeB, accumulate);
    op->erase();
  }
};
} // namespace

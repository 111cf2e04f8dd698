// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

#include "BufferUses.h"
#include "MatmulEpilogue.h"
#include "mlc/Conversion/GraphToLinalg/Im2col.h"
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
static constexpr llvm::StringLiteral kConvUkernel = "mlc_uk_conv2d_f32";

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

// Batches of at least this many matrices (attention heads) are shared out
// among the threads a matrix at a time, each multiplied on one thread,
// rather than one after another, each split among all threads.
constexpr int64_t kMinParallelBatch = 8;

bool isParallelBatch(Value c) {
  auto type = cast<MemRefType>(c.getType());
  return !type.isDynamicDim(0) && type.getDimSize(0) >= kMinParallelBatch;
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

// The im2col copy a convolution's matmul reads as B (ConvolutionToLinalg):
// col = collapse_shape [[0, 1, 2], [3, 4]] of a buffer, written last before
// the matmul by col5[c, i, j, y, x] = input[0, c, y * s0 + i * d0,
// x * s1 + j * d1] and read by nothing else before its next write. (Convs
// of one shape may share the buffer.)
struct Im2col {
  linalg::GenericOp copy;
  memref::CollapseShapeOp view;
  int64_t strides[2], dilations[2];
};

bool isCopyBody(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  return body.getOperations().size() == 1 && yield.getValues().size() == 1 &&
         yield.getValues()[0] == body.getArgument(0);
}

bool isIm2colCopy(linalg::GenericOp op) {
  return op.getNumDpsInputs() == 1 && op.getNumDpsInits() == 1 &&
         isCopyBody(op) && op.getNumParallelLoops() == 5 &&
         cast<MemRefType>(op.getDpsInputs()[0].getType()).getRank() == 4 &&
         op.getIndexingMapsArray()[1].isIdentity();
}

// The generic writing |buffer| last before |op| in its block, if any.
linalg::GenericOp lastWriter(Value buffer, Operation *op) {
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode())
    if (auto generic = dyn_cast<linalg::GenericOp>(prev);
        generic && llvm::is_contained(generic.getDpsInits(), buffer))
      return generic;
  return {};
}

std::optional<Im2col> matchIm2col(Value col, Operation *matmul) {
  auto view = col.getDefiningOp<memref::CollapseShapeOp>();
  if (!view || view.getSrcType().getRank() != 5 ||
      view.getReassociationIndices() !=
          SmallVector<ReassociationIndices>{{0, 1, 2}, {3, 4}} ||
      !view.getSrc().getDefiningOp<memref::AllocOp>())
    return std::nullopt;
  linalg::GenericOp copy = lastWriter(view.getSrc(), matmul);
  if (!copy || !isIm2colCopy(copy))
    return std::nullopt;
  std::optional<SmallVector<Operation *>> readers =
      readersBeforeNextWrite(copy, view.getSrc());
  if (!readers || *readers != ArrayRef<Operation *>(matmul))
    return std::nullopt;
  // Strides and dilations: the read map's rows 2 and 3 at unit points.
  AffineMap read = copy.getIndexingMapsArray()[0];
  auto at = [&](unsigned dim, unsigned row) {
    SmallVector<int64_t> point(5, 0);
    point[dim] = 1;
    return read.compose(point)[row];
  };
  Im2col m = {copy, view, {at(3, 2), at(4, 3)}, {at(1, 2), at(2, 3)}};
  if (read != im2colReadMap(copy.getContext(), m.strides, m.dilations))
    return std::nullopt;
  return m;
}

// Whether the ops strictly between |from| and |to| (in one block) leave
// memory as it is, or only create buffers and fill or write |out|.
bool nothingWrittenBetween(Operation *from, Operation *to, Value out) {
  if (from->getBlock() != to->getBlock() || !from->isBeforeInBlock(to))
    return false;
  for (Operation *op = from->getNextNode(); op != to; op = op->getNextNode()) {
    if (isMemoryEffectFree(op) || isa<memref::AllocOp>(op))
      continue;
    auto fill = dyn_cast<linalg::FillOp>(op);
    if (!fill || fill.getDpsInits()[0] != out)
      return false;
  }
  return true;
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
    SmallVector<std::pair<linalg::MatmulOp, Im2col>> convolutions;
    SmallVector<linalg::DepthwiseConv2DNchwChwOp> depthwise;
    module.walk([&](linalg::LinalgOp op) {
      if (std::optional<Im2col> col = matchConvolution(op))
        convolutions.emplace_back(cast<linalg::MatmulOp>(*op), *col);
      else if (isUkernelMatmul(op))
        matmuls.push_back(op);
      else if (auto d = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(*op);
               d && allF32Buffers(op))
        depthwise.push_back(d);
    });
    if (!matmuls.empty()) {
      func::FuncOp callee =
          declare(module, kMatmulUkernel, {2, 2, 2}, outputScalars());
      for (linalg::LinalgOp op : matmuls)
        rewriteMatmul(op, callee);
    }
    if (!convolutions.empty()) {
      SmallVector<Type> scalars = outputScalars();
      scalars.append(7, IndexType::get(&getContext()));
      func::FuncOp callee = declare(module, kConvUkernel, {2, 4, 2}, scalars);
      for (auto [op, col] : convolutions)
        rewriteConvolution(op, col, callee);
    }
    if (!depthwise.empty()) {
      func::FuncOp callee =
          declare(module, kDepthwiseUkernel, {4, 3, 4}, depthwiseScalars());
      for (linalg::DepthwiseConv2DNchwChwOp op : depthwise)
        rewriteDepthwise(op, callee);
    }
  }

  // The depthwise kernel's scalars: strides, dilations, accumulate, then
  // the epilogue's as for the matmul kernel.
  SmallVector<Type> depthwiseScalars() {
    SmallVector<Type> types(5, IndexType::get(&getContext()));
    llvm::append_range(types, ArrayRef<Type>(outputScalars()).drop_front());
    return types;
  }

  // The matmul kernel's scalars after C: accumulate, then the epilogue's
  // bias address and strides (index) and clamp bounds (f32).
  SmallVector<Type> outputScalars() {
    SmallVector<Type> types(4, IndexType::get(&getContext()));
    types.append(2, Float32Type::get(&getContext()));
    return types;
  }

  // func.func private @|name|(views of |ranks|, |scalars|).
  func::FuncOp declare(ModuleOp module, StringRef name,
                       ArrayRef<int64_t> ranks, ArrayRef<Type> scalars) {
    if (auto f = module.lookupSymbol<func::FuncOp>(name))
      return f;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    SmallVector<Type> types;
    for (int64_t rank : ranks)
      types.push_back(ukernelViewType(&getContext(), rank));
    llvm::append_range(types, scalars);
    auto f = b.create<func::FuncOp>(module.getLoc(), name,
                                    b.getFunctionType(types, {}));
    f.setPrivate();
    return f;
  }

  // The epilogue the kernel applies for |op| writing |c|: only when it
  // overwrites C (a zero fill right before it).
  static std::optional<MatmulEpilogue> epilogueOf(Operation *op, Value c,
                                                  ValueRange reads) {
    if (!zeroFillBefore(op, c))
      return std::nullopt;
    return matchMatmulEpilogue(op, c, reads);
  }

  // C (+)= A * B on 2-D views (B transposed first for the _transpose_b ops),
  // then |epilogue|.
  static void callMatmul(OpBuilder &b, Location loc, func::FuncOp callee,
                         Value a, Value bm, Value c, bool transposeB,
                         Value accumulate,
                         const std::optional<MatmulEpilogue> &epilogue) {
    if (transposeB) {
      AffineMap swap =
          AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, b.getContext());
      bm = b.create<memref::TransposeOp>(loc, bm, AffineMapAttr::get(swap));
    }
    SmallVector<Value> scalars = {accumulate};
    llvm::append_range(scalars, epilogueArguments(b, loc, epilogue));
    callUkernel(b, loc, callee, {a, bm, c}, scalars);
  }

  static void rewriteMatmul(linalg::LinalgOp op, func::FuncOp callee) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value a = op.getDpsInputs()[0], bm = op.getDpsInputs()[1];
    Value c = op.getDpsInits()[0];
    bool transposeB =
        isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op);
    if (!isa<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(op)) {
      std::optional<MatmulEpilogue> epilogue = epilogueOf(op, c, {a, bm});
      Value accumulate = accumulateFlag(b, loc, op);
      Value out = epilogueOutput(b, op, c, epilogue);
      callMatmul(b, loc, callee, a, bm, out, transposeB, accumulate, epilogue);
      op->erase();
      if (epilogue)
        eraseEpilogue(*epilogue, c);
      return;
    }
    Value accumulate = accumulateFlag(b, loc, op);
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value batch = b.create<memref::DimOp>(loc, c, 0);
    Value i;
    if (isParallelBatch(c)) {
      auto loop = b.create<scf::ParallelOp>(loc, zero, batch, one);
      b.setInsertionPointToStart(loop.getBody());
      i = loop.getInductionVars()[0];
    } else {
      auto loop = b.create<scf::ForOp>(loc, zero, batch, one);
      b.setInsertionPointToStart(loop.getBody());
      i = loop.getInductionVar();
    }
    // One statement per slice: argument evaluation order is unspecified.
    Value aSlice = batchSlice(b, loc, a, i);
    Value bSlice = batchSlice(b, loc, bm, i);
    Value cSlice = batchSlice(b, loc, c, i);
    callMatmul(b, loc, callee, aSlice, bSlice, cSlice, transposeB, accumulate,
               std::nullopt);
    op->erase();
  }

  // A matmul whose B is an im2col copy that can be read from the copy's
  // input at the matmul instead.
  static std::optional<Im2col> matchConvolution(linalg::LinalgOp op) {
    if (!isa<linalg::MatmulOp>(op) || !allF32Buffers(op))
      return std::nullopt;
    std::optional<Im2col> col = matchIm2col(op.getDpsInputs()[1], op);
    if (!col || !col->view.getSrcType().hasStaticShape() ||
        !nothingWrittenBetween(col->copy, op, op.getDpsInits()[0]))
      return std::nullopt;
    return col;
  }

  // The convolution kernel on the im2col copy's input instead of the copy,
  // which goes.
  static void rewriteConvolution(linalg::MatmulOp op, Im2col col,
                                 func::FuncOp callee) {
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value c = op.getDpsInits()[0];
    std::optional<MatmulEpilogue> epilogue = epilogueOf(
        op, c, {op.getDpsInputs()[0], col.copy.getDpsInputs()[0]});
    SmallVector<Value> scalars = {
        accumulateFlag(b, loc, cast<linalg::LinalgOp>(op.getOperation()))};
    llvm::append_range(scalars, epilogueArguments(b, loc, epilogue));
    ArrayRef<int64_t> shape = col.view.getSrcType().getShape();
    for (int64_t v : {shape[1], shape[2], shape[4], col.strides[0],
                      col.strides[1], col.dilations[0], col.dilations[1]})
      scalars.push_back(b.create<arith::ConstantIndexOp>(loc, v));
    callUkernel(b, loc, callee,
                {op.getDpsInputs()[0], col.copy.getDpsInputs()[0],
                 epilogueOutput(b, op, c, epilogue)},
                scalars);
    Operation *buffer = col.view.getSrc().getDefiningOp();
    op->erase();
    if (epilogue)
      eraseEpilogue(*epilogue, c);
    if (col.view->use_empty())
      col.view->erase();
    col.copy->erase();
    eraseIfOnlyDeallocated(buffer);
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
    std::optional<MatmulEpilogue> epilogue =
        matchInPlaceEpilogue(op, op.getDpsInits()[0]);
    llvm::append_range(scalars, epilogueArguments(b, loc, epilogue));
    callUkernel(b, loc, callee,
                {op.getDpsInputs()[0], op.getDpsInputs()[1],
                 op.getDpsInits()[0]},
                scalars);
    op->erase();
    if (epilogue)
      epilogue->op->erase();
  }
};
} // namespace

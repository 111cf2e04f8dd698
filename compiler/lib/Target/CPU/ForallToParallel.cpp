// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Bufferized scf.forall loops (fused tile loops) as scf.parallel where their
// iterations share no buffer the loop allocates, else as scf.for. Small
// static tile buffers become stack allocations scoped to one iteration, so
// the loops that use them stay parallel.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_FORALLTOPARALLELPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

namespace {
// Largest tile buffer, in bytes, that one iteration keeps on its stack.
constexpr int64_t kMaxIterationStackBytes = 64 * 1024;

// The buffers |loop|'s body allocates, or failure if one of them cannot live
// on the stack of one iteration (dynamic, or all together too large) or the
// body already has stack allocations, whose scope this pass does not know.
FailureOr<SmallVector<memref::AllocOp>> stackAllocs(scf::ForallOp loop) {
  SmallVector<memref::AllocOp> allocs;
  int64_t bytes = 0;
  WalkResult walk = loop->walk([&](Operation *op) {
    if (isa<memref::AllocaOp>(op))
      return WalkResult::interrupt();
    auto alloc = dyn_cast<memref::AllocOp>(op);
    if (!alloc)
      return WalkResult::advance();
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat())
      return WalkResult::interrupt();
    bytes += type.getNumElements() *
             llvm::divideCeil(type.getElementTypeBitWidth(), 8);
    allocs.push_back(alloc);
    return bytes > kMaxIterationStackBytes ? WalkResult::interrupt()
                                           : WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return allocs;
}

// Wraps the body of |loop| in a memref.alloca_scope, so that its stack
// buffers are released at the end of every iteration.
void scopeIteration(RewriterBase &rewriter, scf::ParallelOp loop) {
  Block *body = loop.getBody();
  rewriter.setInsertionPointToStart(body);
  auto scope =
      rewriter.create<memref::AllocaScopeOp>(loop.getLoc(), TypeRange{});
  Block *inner = rewriter.createBlock(&scope.getBodyRegion());
  inner->getOperations().splice(inner->end(), body->getOperations(),
                                std::next(scope->getIterator()),
                                std::prev(body->end()));
  rewriter.setInsertionPointToEnd(inner);
  rewriter.create<memref::AllocaScopeReturnOp>(loop.getLoc(), ValueRange{});
}

LogicalResult convert(RewriterBase &rewriter, scf::ForallOp loop) {
  FailureOr<SmallVector<memref::AllocOp>> allocs = stackAllocs(loop);
  rewriter.setInsertionPoint(loop);
  if (loop.getNumResults() != 0 || failed(allocs))
    return scf::forallToForLoop(rewriter, loop);
  for (memref::AllocOp alloc : *allocs) {
    rewriter.setInsertionPoint(alloc);
    rewriter.replaceOpWithNewOp<memref::AllocaOp>(alloc, alloc.getType(),
                                                  alloc.getAlignmentAttr());
  }
  rewriter.setInsertionPoint(loop);
  scf::ParallelOp parallel;
  if (failed(scf::forallToParallelLoop(rewriter, loop, &parallel)))
    return failure();
  if (!allocs->empty())
    scopeIteration(rewriter, parallel);
  return success();
}

struct ForallToParallelPass
    : mlc::impl::ForallToParallelPassBase<ForallToParallelPass> {
  void runOnOperation() override {
    SmallVector<scf::ForallOp> loops;
    getOperation()->walk([&](scf::ForallOp loop) { loops.push_back(loop); });
    IRRewriter rewriter(&getContext());
    // Innermost first (walk order), so an outer loop sees converted bodies.
    for (scf::ForallOp loop : loops)
      if (failed(convert(rewriter, loop)))
        return signalPassFailure();
  }
};
} // namespace

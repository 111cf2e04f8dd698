// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CUDA/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_PREPAREKERNELSPASS
#include "mlc/Target/CUDA/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

bool mlc::isCudaMatmul(linalg::LinalgOp op) {
  return isa<linalg::MatmulOp, linalg::MatmulTransposeBOp,
             linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(op) &&
         op.hasPureBufferSemantics() &&
         llvm::all_of(op->getOperandTypes(), [](Type t) {
           return cast<MemRefType>(t).getElementType().isF32();
         });
}

// linalg.map as the equivalent generic (generalizeNamedOp leaves it alone):
// identity maps, and the map's body with the output's block argument added.
static void mapToGeneric(IRRewriter &rewriter, linalg::MapOp map) {
  rewriter.setInsertionPoint(map);
  auto type = cast<ShapedType>(map.getInit().getType());
  SmallVector<AffineMap> maps(map.getInputs().size() + 1,
                              rewriter.getMultiDimIdentityMap(type.getRank()));
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = rewriter.create<linalg::GenericOp>(
      map.getLoc(), TypeRange(), map.getInputs(), ValueRange{map.getInit()},
      maps, iterators);
  rewriter.inlineRegionBefore(map.getMapper(), generic.getRegion(),
                              generic.getRegion().begin());
  generic.getRegion().front().addArgument(type.getElementType(), map.getLoc());
  rewriter.eraseOp(map);
}

namespace {
struct PrepareKernelsPass
    : mlc::impl::PrepareKernelsPassBase<PrepareKernelsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](memref::CopyOp copy) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    });
    SmallVector<linalg::MapOp> maps;
    getOperation().walk([&](linalg::MapOp map) { maps.push_back(map); });
    for (linalg::MapOp map : maps)
      mapToGeneric(rewriter, map);
    SmallVector<linalg::LinalgOp> named;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::GenericOp>(op) && !mlc::isCudaMatmul(op))
        named.push_back(op);
    });
    // An op that does not generalize stays as it is; the emitter then
    // reports it by name.
    for (linalg::LinalgOp op : named) {
      rewriter.setInsertionPoint(op);
      (void)linalg::generalizeNamedOp(rewriter, op);
    }
  }
};
} // namespace

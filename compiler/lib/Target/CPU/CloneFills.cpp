// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_CLONEFILLSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

namespace {
struct CloneFillsPass : mlc::impl::CloneFillsPassBase<CloneFillsPass> {
  void runOnOperation() override {
    OpBuilder b(&getContext());
    getOperation().walk([&](linalg::FillOp fill) {
      if (!fill.hasPureTensorSemantics())
        return;
      // Every use but the first (in program order) gets a clone placed right
      // before it.
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : fill->getUses())
        uses.push_back(&use);
      llvm::sort(uses, [](OpOperand *a, OpOperand *b) {
        Operation *x = a->getOwner(), *y = b->getOwner();
        if (x->getBlock() != y->getBlock())
          return x->getBlock() < y->getBlock();
        return x != y && x->isBeforeInBlock(y);
      });
      for (OpOperand *use : llvm::drop_begin(uses)) {
        b.setInsertionPoint(use->getOwner());
        use->set(b.clone(*fill)->getResult(0));
      }
    });
  }
};
} // namespace

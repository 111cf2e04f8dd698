// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_COPYFORWARDEDRESULTSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

namespace {
struct CopyForwardedResultsPass
    : mlc::impl::CopyForwardedResultsPassBase<CopyForwardedResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      OpBuilder b(ret);
      llvm::SmallPtrSet<Value, 8> seen;
      for (OpOperand &operand : ret->getOpOperands()) {
        auto type = dyn_cast<RankedTensorType>(operand.get().getType());
        bool repeated = !seen.insert(operand.get()).second;
        if (!type || (!isa<BlockArgument>(operand.get()) && !repeated))
          continue;
        Value init = b.create<tensor::EmptyOp>(ret.getLoc(), type.getShape(),
                                               type.getElementType());
        operand.set(b.create<linalg::CopyOp>(ret.getLoc(), operand.get(), init)
                        .getResult(0));
      }
    });
  }
};
} // namespace

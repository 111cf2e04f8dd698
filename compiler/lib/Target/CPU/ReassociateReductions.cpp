// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// fastmath<reassoc> on the combiners of float reductions, so that LLVM
// vectorizes them with one partial result per lane.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_REASSOCIATEREDUCTIONSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;

namespace {
bool isCombiner(Operation *op) {
  return isa<arith::AddFOp, arith::MulFOp, arith::MaximumFOp,
             arith::MinimumFOp, arith::MaxNumFOp, arith::MinNumFOp>(op);
}

// Marks the combiners in |generic|'s body: the float ops that take an
// accumulator (the block argument of an init operand).
void reassociate(linalg::GenericOp generic) {
  if (generic.getNumReductionLoops() == 0)
    return;
  Block *body = generic.getBody();
  for (OpOperand &init : generic.getDpsInitsMutable()) {
    BlockArgument acc = body->getArgument(init.getOperandNumber());
    for (Operation *user : acc.getUsers()) {
      auto fm = dyn_cast<arith::ArithFastMathInterface>(user);
      if (!fm || !isCombiner(user))
        continue;
      arith::FastMathFlags flags =
          fm.getFastMathFlagsAttr().getValue() | arith::FastMathFlags::reassoc;
      user->setAttr(fm.getFastMathAttrName(),
                    arith::FastMathFlagsAttr::get(user->getContext(), flags));
    }
  }
}

struct ReassociateReductionsPass
    : mlc::impl::ReassociateReductionsPassBase<ReassociateReductionsPass> {
  void runOnOperation() override {
    getOperation()->walk(reassociate);
  }
};
} // namespace

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Dialect/Graph/Transforms/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace mlir::mlc::graph {
#define GEN_PASS_DEF_OUTLINEWEIGHTSPASS
#include "mlc/Dialect/Graph/Transforms/Passes.h.inc"
} // namespace mlir::mlc::graph

using namespace mlir;
using namespace mlir::mlc::graph;

namespace {
struct OutlineWeightsPass
    : mlc::graph::impl::OutlineWeightsPassBase<OutlineWeightsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<Attribute> names;
    SmallVector<ConstantOp> weights;
    func.walk([&](ConstantOp op) {
      if (isa<DenseResourceElementsAttr>(op.getValue()))
        weights.push_back(op);
    });
    int64_t numInputs = func.getNumArguments();
    for (ConstantOp op : weights) {
      auto value = cast<DenseResourceElementsAttr>(op.getValue());
      unsigned index = func.getNumArguments();
      func.insertArgument(index, op.getType(), {}, op.getLoc());
      op.replaceAllUsesWith(func.getArgument(index));
      op.erase();
      names.push_back(StringAttr::get(&getContext(),
                                      value.getRawHandle().getKey()));
    }
    Builder b(&getContext());
    func->setAttr(kNumInputsAttr, b.getI64IntegerAttr(numInputs));
    func->setAttr(kWeightsAttr, b.getArrayAttr(names));
  }
};
} // namespace

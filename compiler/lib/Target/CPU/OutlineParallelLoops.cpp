// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Moves the model's large parallel loops into functions over a sub-range of
// one dimension, which mlc-cpu-launch-parallel-calls then shares out among
// the session's threads.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

namespace {
// Trip count assumed for a loop with dynamic bounds.
constexpr int64_t kDynamicTrips = 64;
constexpr int64_t kWorkCap = int64_t(1) << 40;

int64_t saturatingMul(int64_t a, int64_t b) {
  return a > kWorkCap / std::max<int64_t>(b, 1) ? kWorkCap : a * b;
}

int64_t tripCount(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = getConstantIntValue(lb), u = getConstantIntValue(ub),
                         s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0)
    return kDynamicTrips;
  return std::max<int64_t>(0, (*u - *l + *s - 1) / *s);
}

int64_t regionWork(Region &region);

// A call's work: the elements of the buffers it is passed (a microkernel on
// a tile touches each about once), seen through casts to dynamic shapes.
int64_t callWork(func::CallOp call) {
  int64_t work = 1;
  for (Value v : call.getOperands()) {
    if (auto cast = v.getDefiningOp<memref::CastOp>())
      v = cast.getSource();
    auto type = dyn_cast<MemRefType>(v.getType());
    if (type && type.hasStaticShape())
      work = std::min(kWorkCap, work + type.getNumElements());
  }
  return work;
}

// Operations executed by |op| (loops count their bodies once per trip).
int64_t opWork(Operation *op) {
  if (auto call = dyn_cast<func::CallOp>(op))
    return callWork(call);
  if (auto loop = dyn_cast<scf::ForOp>(op))
    return saturatingMul(tripCount(loop.getLowerBound(), loop.getUpperBound(),
                                   loop.getStep()),
                         regionWork(loop.getRegion()));
  if (auto loop = dyn_cast<scf::ParallelOp>(op)) {
    int64_t trips = 1;
    for (auto [lb, ub, step] : llvm::zip(loop.getLowerBound(),
                                         loop.getUpperBound(), loop.getStep()))
      trips = saturatingMul(trips, tripCount(lb, ub, step));
    return saturatingMul(trips, regionWork(loop.getRegion()));
  }
  int64_t work = 1;
  for (Region &region : op->getRegions())
    work = std::min(kWorkCap, work + regionWork(region));
  return work;
}

int64_t regionWork(Region &region) {
  int64_t work = 0;
  for (Block &block : region)
    for (Operation &op : block)
      work = std::min(kWorkCap, work + opWork(&op));
  return work;
}

// The dimension of |loop| to split among threads: the first with unit step
// and more than one trip, if any.
std::optional<unsigned> splitDim(scf::ParallelOp loop) {
  for (unsigned d = 0; d < loop.getNumLoops(); ++d) {
    if (getConstantIntValue(loop.getStep()[d]) != 1)
      continue;
    if (tripCount(loop.getLowerBound()[d], loop.getUpperBound()[d],
                  loop.getStep()[d]) > 1)
      return d;
  }
  return std::nullopt;
}

struct OutlineParallelLoopsPass
    : mlc::impl::OutlineParallelLoopsPassBase<OutlineParallelLoopsPass> {
  using OutlineParallelLoopsPassBase::OutlineParallelLoopsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto model = module.lookupSymbol<func::FuncOp>(kModelFunctionName);
    if (!model || model.isExternal())
      return;
    SmallVector<std::pair<scf::ParallelOp, unsigned>> loops;
    model.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
      std::optional<unsigned> dim = splitDim(loop);
      if (loop->getNumResults() != 0 || !dim || opWork(loop) < minWork)
        return WalkResult::advance();
      loops.push_back({loop, *dim});
      return WalkResult::skip();
    });
    for (auto [i, entry] : llvm::enumerate(loops))
      outline(module, entry.first, entry.second, i);
  }

  // Replaces |loop| by a call of a new function that runs it over
  // [lo, hi) of dimension |dim|, given the values it uses as arguments
  // (constants are cloned instead).
  static void outline(ModuleOp module, scf::ParallelOp loop, unsigned dim,
                      size_t index) {
    llvm::SetVector<Value> used;
    getUsedValuesDefinedAbove(loop.getRegion(), used);
    used.insert(loop->getOperands().begin(), loop->getOperands().end());
    SmallVector<Value> captures;
    SmallVector<Operation *> constants;
    for (Value v : used) {
      Operation *def = v.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>())
        constants.push_back(def);
      else
        captures.push_back(v);
    }
    OpBuilder b(module.getBodyRegion());
    b.setInsertionPointToEnd(module.getBody());
    Type indexType = b.getIndexType();
    SmallVector<Type> types = {indexType, indexType};
    for (Value v : captures)
      types.push_back(v.getType());
    std::string name = (kParallelBodyPrefix + Twine(index)).str();
    auto body = b.create<func::FuncOp>(loop.getLoc(), name,
                                       b.getFunctionType(types, {}));
    body.setPrivate();
    Block *entry = body.addEntryBlock();
    b.setInsertionPointToStart(entry);
    IRMapping map;
    for (Operation *c : constants)
      b.clone(*c, map);
    for (auto [v, arg] : llvm::zip(captures, entry->getArguments().drop_front(2)))
      map.map(v, arg);
    auto clone = cast<scf::ParallelOp>(b.clone(*loop, map));
    clone.getLowerBoundMutable()[dim].assign(entry->getArgument(0));
    clone.getUpperBoundMutable()[dim].assign(entry->getArgument(1));
    b.create<func::ReturnOp>(loop.getLoc());

    b.setInsertionPoint(loop);
    SmallVector<Value> args = {loop.getLowerBound()[dim],
                               loop.getUpperBound()[dim]};
    llvm::append_range(args, captures);
    b.create<func::CallOp>(loop.getLoc(), body, args);
    loop->erase();
  }
};
} // namespace

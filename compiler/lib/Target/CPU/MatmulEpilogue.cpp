// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "MatmulEpilogue.h"

#include "BufferUses.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <limits>

using namespace mlir;
using namespace mlir::mlc;

namespace {

// Whether |v| is usable at |point|: a block argument of its block or of an
// enclosing one, or defined before it in its block.
bool availableAt(Value v, Operation *point) {
  Operation *def = v.getDefiningOp();
  Block *block = def ? def->getBlock() : v.getParentBlock();
  Operation *ancestor = block->findAncestorOpInBlock(*point);
  return ancestor && (!def || def->isBeforeInBlock(ancestor));
}

std::optional<double> constantOperand(Value v) {
  auto constant = v.getDefiningOp<arith::ConstantOp>();
  auto value = constant ? dyn_cast<FloatAttr>(constant.getValue()) : nullptr;
  if (!value)
    return std::nullopt;
  return value.getValueAsDouble();
}

// The body v = x; [v = v + bias]; [v = max(v, lo)]; [v = min(v, hi)];
// yield v, with commutative operands in either order.
bool matchBody(linalg::GenericOp op, Value x, Value bias, MatmulEpilogue &e) {
  Block &body = op.getRegion().front();
  Value v = x;
  int stage = 0;  // 1: bias added, 2: max taken, 3: min taken
  bool added = false;
  for (Operation &inner : body.without_terminator()) {
    if (inner.getNumOperands() != 2 || !inner.getResult(0).hasOneUse())
      return false;
    Value lhs = inner.getOperand(0), rhs = inner.getOperand(1);
    Value other = lhs == v ? rhs : rhs == v ? lhs : Value();
    if (!other)
      return false;
    std::optional<double> bound = constantOperand(other);
    if (isa<arith::AddFOp>(inner) && stage < 1 && bias && other == bias)
      stage = 1, added = true;
    else if (isa<arith::MaximumFOp>(inner) && stage < 2 && bound)
      stage = 2, e.lo = *bound;
    else if (isa<arith::MinimumFOp>(inner) && stage < 3 && bound)
      stage = 3, e.hi = *bound;
    else
      return false;
    v = inner.getResult(0);
  }
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  return stage > 0 && added == static_cast<bool>(bias) &&
         yield.getValues().size() == 1 && yield.getValues()[0] == v;
}

// matchBody() on |e|'s generic, with its bias argument (if any) and no
// clamp until one matches.
bool matchEpilogueBody(MatmulEpilogue &e) {
  Block &body = e.op.getRegion().front();
  e.lo = -std::numeric_limits<double>::infinity();
  e.hi = std::numeric_limits<double>::infinity();
  return matchBody(e.op, body.getArgument(0),
                   e.bias ? body.getArgument(1) : Value(), e);
}

// Whether the bias input (indexing |map|) is a vector along C's rows (or
// columns) of the generic's input |input| = C or expand_shape(C).
std::optional<bool> biasAlongRows(Value input, AffineMap map) {
  if (map.getNumResults() != 1 || !isa<AffineDimExpr>(map.getResult(0)))
    return std::nullopt;
  unsigned dim = cast<AffineDimExpr>(map.getResult(0)).getPosition();
  auto expand = input.getDefiningOp<memref::ExpandShapeOp>();
  if (!expand)
    return dim == 0;
  ArrayRef<int64_t> shape = expand.getResultType().getShape();
  for (auto [group, dims] : llvm::enumerate(expand.getReassociationIndices())) {
    if (!llvm::is_contained(dims, dim))
      continue;
    if (llvm::any_of(dims, [&](int64_t d) {
          return d != static_cast<int64_t>(dim) && shape[d] != 1;
        }))
      return std::nullopt;
    return group == 0;
  }
  return std::nullopt;
}

// Whether no op strictly between |from| and |to| uses the buffer of |a| or
// |b|, or a view of either (views themselves aside).
bool untouchedBetween(Operation *from, Operation *to, Value a, Value b) {
  Value rootA = rootBuffer(a), rootB = rootBuffer(b);
  for (Operation *op = from->getNextNode(); op && op != to;
       op = op->getNextNode()) {
    if (isa<ViewLikeOpInterface>(op))
      continue;
    for (Value v : op->getOperands()) {
      Value root = rootBuffer(v);
      if (root == rootA || root == rootB)
        return false;
    }
  }
  return true;
}

// The only op that reads what |kernelOp| writes to |c| before C is written
// again, and the value it reads: C or an expand_shape of it.
Operation *onlyReader(Operation *kernelOp, Value c, Value &input) {
  std::optional<SmallVector<Operation *>> readers =
      readersBeforeNextWrite(kernelOp, c);
  if (!readers || readers->size() != 1)
    return nullptr;
  Operation *reader = readers->front();
  for (Value v : reader->getOperands()) {
    auto expand = v.getDefiningOp<memref::ExpandShapeOp>();
    if (v == c || (expand && expand.getSrc() == c)) {
      input = v;
      return reader;
    }
  }
  return nullptr;
}

} // namespace

std::optional<MatmulEpilogue>
mlir::mlc::matchMatmulEpilogue(Operation *kernelOp, Value c,
                               ValueRange reads) {
  if (!c.getDefiningOp<memref::AllocOp>())
    return std::nullopt;
  MatmulEpilogue e;
  e.op = dyn_cast_or_null<linalg::GenericOp>(onlyReader(kernelOp, c, e.input));
  if (!e.op || e.op->getBlock() != kernelOp->getBlock() ||
      !kernelOp->isBeforeInBlock(e.op) || e.op.getNumDpsInits() != 1 ||
      e.op.getNumReductionLoops() != 0 || e.op.getNumDpsInputs() > 2 ||
      e.op.getDpsInputs()[0] != e.input)
    return std::nullopt;
  Value out = e.op.getDpsInits()[0];
  auto outType = cast<MemRefType>(out.getType());
  SmallVector<AffineMap> maps = e.op.getIndexingMapsArray();
  if (!outType.getLayout().isIdentity() || !maps[0].isIdentity() ||
      !maps.back().isIdentity() || outType != e.input.getType() ||
      !e.op.getRegionOutputArgs()[0].use_empty() ||
      !untouchedBetween(kernelOp, e.op, e.input, out) ||
      llvm::any_of(reads, [&](Value v) {
        return rootBuffer(v) == rootBuffer(out);
      }))
    return std::nullopt;
  auto alloc = out.getDefiningOp<memref::AllocOp>();
  if (!(alloc && alloc->getNumOperands() == 0) && !availableAt(out, kernelOp))
    return std::nullopt;
  if (e.op.getNumDpsInputs() == 2) {
    e.bias = e.op.getDpsInputs()[1];
    std::optional<bool> rows = biasAlongRows(e.input, maps[1]);
    auto biasType = dyn_cast<MemRefType>(e.bias.getType());
    if (!rows || !biasType || biasType.getRank() != 1 ||
        !availableAt(e.bias, kernelOp))
      return std::nullopt;
    e.biasPerRow = *rows;
  }
  if (!matchEpilogueBody(e))
    return std::nullopt;
  return e;
}

// The bias |v| of an epilogue applied at |kernelOp|: available there, or a
// subview of a buffer that is, which then moves before it.
static bool hoistBias(Value v, Operation *kernelOp) {
  if (availableAt(v, kernelOp))
    return true;
  auto view = v.getDefiningOp<memref::SubViewOp>();
  if (!view || view->getBlock() != kernelOp->getBlock() ||
      !llvm::all_of(view->getOperands(),
                    [&](Value x) { return availableAt(x, kernelOp); }))
    return false;
  view->moveBefore(kernelOp);
  return true;
}

std::optional<MatmulEpilogue>
mlir::mlc::matchInPlaceEpilogue(Operation *kernelOp, Value out) {
  Operation *next = kernelOp->getNextNode();
  while (isa_and_nonnull<memref::SubViewOp>(next))
    next = next->getNextNode();
  MatmulEpilogue e;
  e.op = dyn_cast_or_null<linalg::GenericOp>(next);
  auto type = cast<MemRefType>(out.getType());
  if (!e.op || e.op.getNumDpsInits() != 1 || e.op.getDpsInits()[0] != out ||
      e.op.getNumDpsInputs() > 2 || e.op.getDpsInputs()[0] != out ||
      e.op.getNumReductionLoops() != 0 || type.getRank() != 4 ||
      !e.op.getRegionOutputArgs()[0].use_empty())
    return std::nullopt;
  SmallVector<AffineMap> maps = e.op.getIndexingMapsArray();
  if (!maps[0].isIdentity() || !maps.back().isIdentity())
    return std::nullopt;
  e.input = out;
  if (e.op.getNumDpsInputs() == 2) {
    e.bias = e.op.getDpsInputs()[1];
    auto biasType = dyn_cast<MemRefType>(e.bias.getType());
    if (!biasType || biasType.getRank() != 1 ||
        maps[1] != AffineMap::get(4, 0, getAffineDimExpr(1, e.op.getContext())))
      return std::nullopt;
    e.biasPerRow = true;  // one per channel
  }
  if (!matchEpilogueBody(e) || (e.bias && !hoistBias(e.bias, kernelOp)))
    return std::nullopt;
  return e;
}

Value mlir::mlc::epilogueOutput(OpBuilder &b, Operation *kernelOp, Value c,
                                const std::optional<MatmulEpilogue> &e) {
  if (!e)
    return c;
  linalg::GenericOp op = e->op;
  Value out = op.getDpsInits()[0];
  if (auto alloc = out.getDefiningOp<memref::AllocOp>();
      alloc && !availableAt(out, kernelOp))
    alloc->moveBefore(kernelOp);
  auto expand = e->input.getDefiningOp<memref::ExpandShapeOp>();
  if (!expand)
    return out;
  return b.create<memref::CollapseShapeOp>(kernelOp->getLoc(), out,
                                           expand.getReassociationIndices());
}

SmallVector<Value>
mlir::mlc::epilogueArguments(OpBuilder &b, Location loc,
                             const std::optional<MatmulEpilogue> &e) {
  auto index = [&](int64_t v) -> Value {
    return b.create<arith::ConstantIndexOp>(loc, v);
  };
  auto bound = [&](double v) -> Value {
    return b.create<arith::ConstantOp>(loc,
                                       b.getF32FloatAttr(static_cast<float>(v)));
  };
  double inf = std::numeric_limits<double>::infinity();
  if (!e)
    return {index(0), index(0), index(0), bound(-inf), bound(inf)};
  if (!e->bias)
    return {index(0), index(0), index(0), bound(e->lo), bound(e->hi)};
  auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, e->bias);
  Value base = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, e->bias);
  Value offsetBytes = b.create<arith::MulIOp>(loc, meta.getOffset(), index(4));
  Value address = b.create<arith::AddIOp>(loc, base, offsetBytes);
  Value stride = meta.getStrides()[0];
  return {address, e->biasPerRow ? stride : index(0),
          e->biasPerRow ? index(0) : stride, bound(e->lo), bound(e->hi)};
}

void mlir::mlc::eraseEpilogue(const MatmulEpilogue &e, Value c) {
  Operation *expand = e.input.getDefiningOp<memref::ExpandShapeOp>();
  linalg::GenericOp op = e.op;
  op->erase();
  if (expand && expand->use_empty())
    expand->erase();
  eraseIfOnlyDeallocated(c.getDefiningOp());
}

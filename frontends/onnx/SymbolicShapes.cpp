// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "SymbolicShapes.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

std::optional<int64_t> onnx_import::constantOf(AffineExpr e) {
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return c.getValue();
  return std::nullopt;
}

namespace {
// coefficient * product of symbols (positions sorted).
struct Monomial {
  int64_t coefficient = 1;
  SmallVector<unsigned> symbols;
};

std::optional<Monomial> toMonomial(AffineExpr e) {
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return Monomial{c.getValue(), {}};
  if (auto s = dyn_cast<AffineSymbolExpr>(e))
    return Monomial{1, {s.getPosition()}};
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin || bin.getKind() != AffineExprKind::Mul)
    return std::nullopt;
  std::optional<Monomial> l = toMonomial(bin.getLHS());
  std::optional<Monomial> r = toMonomial(bin.getRHS());
  if (!l || !r)
    return std::nullopt;
  l->coefficient *= r->coefficient;
  llvm::append_range(l->symbols, r->symbols);
  llvm::sort(l->symbols);
  return l;
}

AffineExpr fromMonomial(const Monomial &m, MLIRContext *ctx) {
  AffineExpr e = getAffineConstantExpr(m.coefficient, ctx);
  for (unsigned s : m.symbols)
    e = e * getAffineSymbolExpr(s, ctx);
  return e;
}
} // namespace

std::optional<AffineExpr> onnx_import::product(ArrayRef<AffineExpr> exprs,
                                               ArrayRef<AffineExpr> divisor) {
  if (exprs.empty())
    return std::nullopt;
  MLIRContext *ctx = exprs.front().getContext();
  Monomial num, den;
  for (auto [list, into] : {std::pair(exprs, &num), std::pair(divisor, &den)})
    for (AffineExpr e : list) {
      std::optional<Monomial> m = toMonomial(e);
      if (!m)
        return std::nullopt;
      into->coefficient *= m->coefficient;
      llvm::append_range(into->symbols, m->symbols);
    }
  if (den.coefficient == 0 || num.coefficient % den.coefficient)
    return std::nullopt;
  num.coefficient /= den.coefficient;
  for (unsigned s : den.symbols) {
    auto *it = llvm::find(num.symbols, s);
    if (it == num.symbols.end())
      return std::nullopt;
    num.symbols.erase(it);
  }
  llvm::sort(num.symbols);
  return fromMonomial(num, ctx);
}

AffineExpr SymbolicShapes::getOrAddSymbol(StringRef name,
                                          function_ref<Value()> value) {
  auto *it = llvm::find(names, name);
  unsigned pos = it - names.begin();
  if (it == names.end()) {
    names.push_back(name.str());
    values.push_back(value());
    bounds.push_back(0);
  }
  AffineExpr s = getAffineSymbolExpr(pos, ctx);
  materialized[s] = values[pos];
  valueExprs[values[pos]] = s;
  return s;
}

LogicalResult SymbolicShapes::requireAtMost(AffineExpr e, int64_t limit) {
  if (std::optional<int64_t> c = constantOf(e))
    return success(*c <= limit);
  int64_t offset = 0;
  if (auto bin = dyn_cast<AffineBinaryOpExpr>(e);
      bin && bin.getKind() == AffineExprKind::Add && constantOf(bin.getRHS())) {
    offset = *constantOf(bin.getRHS());
    e = bin.getLHS();
  }
  auto s = dyn_cast<AffineSymbolExpr>(e);
  if (!s || limit - offset < 1)
    return failure();
  int64_t &bound = bounds[s.getPosition()];
  bound = bound ? std::min(bound, limit - offset) : limit - offset;
  return success();
}

FailureOr<SymDims> SymbolicShapes::dims(OpBuilder &b, Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  if (auto it = dimMap.find(v); it != dimMap.end())
    return it->second;
  SymDims out;
  if (type.hasStaticShape()) {
    for (int64_t d : type.getShape())
      out.push_back(constant(d));
    return out;
  }
  Operation *op = v.getDefiningOp();
  if (!op)
    return failure();
  FailureOr<SmallVector<OpFoldResult>> reified =
      graph::reifyResultDims(b, op);
  if (failed(reified))
    return failure();
  for (OpFoldResult d : *reified) {
    if (auto attr = dyn_cast<Attribute>(d)) {
      out.push_back(constant(cast<IntegerAttr>(attr).getInt()));
      continue;
    }
    FailureOr<AffineExpr> e = exprOf(b, cast<Value>(d));
    if (failed(e))
      return failure();
    out.push_back(*e);
  }
  dimMap[v] = out;
  return out;
}

std::optional<SymDims> SymbolicShapes::contents(Value v) const {
  if (auto it = contentMap.find(v); it != contentMap.end())
    return it->second;
  return std::nullopt;
}

Value SymbolicShapes::materialize(OpBuilder &b, Location loc, AffineExpr e) {
  if (Value v = materialized.lookup(e))
    return v;
  Value v;
  if (std::optional<int64_t> c = constantOf(e)) {
    v = b.create<arith::ConstantIndexOp>(loc, *c);
  } else {
    auto bin = cast<AffineBinaryOpExpr>(e);
    Value l = materialize(b, loc, bin.getLHS());
    Value r = materialize(b, loc, bin.getRHS());
    switch (e.getKind()) {
    case AffineExprKind::Add: v = b.create<arith::AddIOp>(loc, l, r); break;
    case AffineExprKind::Mul: v = b.create<arith::MulIOp>(loc, l, r); break;
    case AffineExprKind::FloorDiv:
      v = b.create<arith::FloorDivSIOp>(loc, l, r);
      break;
    case AffineExprKind::CeilDiv:
      v = b.create<arith::CeilDivSIOp>(loc, l, r);
      break;
    default: v = b.create<arith::RemSIOp>(loc, l, r); break;
    }
  }
  materialized[e] = v;
  valueExprs[v] = e;
  return v;
}

FailureOr<AffineExpr> SymbolicShapes::exprOf(OpBuilder &b, Value index) {
  if (auto it = valueExprs.find(index); it != valueExprs.end())
    return it->second;
  Operation *op = index.getDefiningOp();
  if (auto dim = dyn_cast_or_null<tensor::DimOp>(op)) {
    std::optional<int64_t> k = dim.getConstantIndex();
    FailureOr<SymDims> d = dims(b, dim.getSource());
    if (!k || failed(d))
      return failure();
    return (*d)[*k];
  }
  if (auto c = dyn_cast_or_null<arith::ConstantIndexOp>(op))
    return constant(c.value());
  if (isa_and_nonnull<arith::AddIOp, arith::MulIOp>(op)) {
    FailureOr<AffineExpr> l = exprOf(b, op->getOperand(0));
    FailureOr<AffineExpr> r = exprOf(b, op->getOperand(1));
    if (failed(l) || failed(r))
      return failure();
    return isa<arith::AddIOp>(op) ? *l + *r : *l * *r;
  }
  return failure();
}

std::string SymbolicShapes::str(AffineExpr e) const {
  if (std::optional<int64_t> c = constantOf(e))
    return std::to_string(*c);
  if (auto s = dyn_cast<AffineSymbolExpr>(e))
    return "'" + names[s.getPosition()] + "'";
  auto bin = cast<AffineBinaryOpExpr>(e);
  const char *op = e.getKind() == AffineExprKind::Add   ? " + "
                   : e.getKind() == AffineExprKind::Mul ? " * "
                   : e.getKind() == AffineExprKind::Mod ? " mod "
                                                        : " / ";
  return "(" + str(bin.getLHS()) + op + str(bin.getRHS()) + ")";
}

std::string SymbolicShapes::str(ArrayRef<AffineExpr> dims) const {
  std::string s = "[";
  for (auto [i, e] : llvm::enumerate(dims))
    s += (i ? "," : "") + str(e);
  return s + "]";
}

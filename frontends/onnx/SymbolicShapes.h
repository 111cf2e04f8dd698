// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Symbolic dims of the ONNX importer: every dynamic dim of a graph value is
// an expression over the symbols (the inputs' dim_params), and small int64
// shape tensors (Shape, Gather, Concat... chains) have symbolic contents.
// This lets Reshape/Expand/Slice/Range with run-time shapes import once
// for every size, and decides broadcasting at compile time.

#ifndef MLC_FRONTENDS_ONNX_SYMBOLICSHAPES_H
#define MLC_FRONTENDS_ONNX_SYMBOLICSHAPES_H

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <string>

namespace mlir::mlc::onnx_import {

using SymDims = SmallVector<AffineExpr>;

class SymbolicShapes {
public:
  explicit SymbolicShapes(MLIRContext *ctx) : ctx(ctx) {}

  /// Symbol named |name| (a dim_param); |value| (index) is its run-time size,
  /// used the first time the name is seen.
  AffineExpr getOrAddSymbol(StringRef name, function_ref<Value()> value);
  ArrayRef<std::string> getNames() const { return names; }
  /// Upper bounds of the symbols (0: none).
  ArrayRef<int64_t> getBounds() const { return bounds; }
  /// Requires |e| <= |limit| at run time, as a bound on the symbol |e| is
  /// (symbol + constant); fails when |e| has another form.
  LogicalResult requireAtMost(AffineExpr e, int64_t limit);

  /// Dims of the ranked tensor |v|; dynamic dims of op results follow
  /// graph::reifyResultDims. Fails when a dynamic dim has no known rule.
  FailureOr<SymDims> dims(OpBuilder &b, Value v);
  void setDims(Value v, ArrayRef<AffineExpr> dims) { dimMap[v] = SymDims(dims); }

  /// Known contents of a small int tensor (constants included).
  std::optional<SymDims> contents(Value v) const;
  void setContents(Value v, ArrayRef<AffineExpr> c) {
    contentMap[v] = SymDims(c);
  }

  /// Index value of |e| built with |b| (reused when built before).
  Value materialize(OpBuilder &b, Location loc, AffineExpr e);
  /// Expression of an index value: materialized, tensor.dim, constant, add.
  FailureOr<AffineExpr> exprOf(OpBuilder &b, Value index);

  /// |e| with symbol names, for diagnostics ("seq * 4").
  std::string str(AffineExpr e) const;
  std::string str(ArrayRef<AffineExpr> dims) const;

  AffineExpr constant(int64_t c) { return getAffineConstantExpr(c, ctx); }

private:
  MLIRContext *ctx;
  SmallVector<std::string> names;
  SmallVector<Value> values;
  SmallVector<int64_t> bounds;
  llvm::DenseMap<Value, SymDims> dimMap, contentMap;
  llvm::DenseMap<AffineExpr, Value> materialized;
  llvm::DenseMap<Value, AffineExpr> valueExprs;
};

/// |e| as a constant, if it is one.
std::optional<int64_t> constantOf(AffineExpr e);

/// Product of |exprs|; with |divisor|, the product divided by it when both
/// are products of symbols and constants and the division is exact.
std::optional<AffineExpr> product(ArrayRef<AffineExpr> exprs,
                                  ArrayRef<AffineExpr> divisor = {});

} // namespace mlir::mlc::onnx_import

#endif // MLC_FRONTENDS_ONNX_SYMBOLICSHAPES_H

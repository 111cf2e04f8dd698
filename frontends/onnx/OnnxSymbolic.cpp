// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Symbolic dims in the importer: the symbols of the graph inputs, the
// checks that broadcasting is decided at compile time, and the evaluation of
// shape-tensor arithmetic on symbolic contents.

#include "OnnxOps.h"

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"
#include "mlc/runtime/artifact_format.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

LogicalResult GraphImporter::addInputSymbols(const onnx::ValueInfoProto &input,
                                             BlockArgument arg) {
  auto type = cast<RankedTensorType>(arg.getType());
  if (type.hasStaticShape())
    return success();
  const auto &declared = input.type().tensor_type().shape().dim();
  SymDims dims;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d)) {
      dims.push_back(symbols.constant(type.getDimSize(d)));
      continue;
    }
    std::string name = declared[d].has_dim_param()
                           ? declared[d].dim_param()
                           : input.name() + ":" + std::to_string(d);
    dims.push_back(symbols.getOrAddSymbol(name, [&] {
      return builder.create<tensor::DimOp>(fileLoc(), arg, d).getResult();
    }));
  }
  if (symbols.getNames().size() > MLC_ARTIFACT_MAX_SYMBOLS)
    return emitError(fileLoc()) << "more than " << MLC_ARTIFACT_MAX_SYMBOLS
                                << " symbolic dims";
  symbols.setDims(arg, dims);
  return success();
}

// Encoded dims (MLC_ARTIFACT_SYMBOL_DIM) of a graph input or output.
static FailureOr<SmallVector<int64_t>> encodeDims(SymbolicShapes &symbols,
                                                  OpBuilder &b, Value v) {
  FailureOr<SymDims> dims = symbols.dims(b, v);
  if (failed(dims))
    return failure();
  SmallVector<int64_t> codes;
  for (AffineExpr e : *dims) {
    if (std::optional<int64_t> c = constantOf(e))
      codes.push_back(*c);
    else if (auto s = dyn_cast<AffineSymbolExpr>(e))
      codes.push_back(MLC_ARTIFACT_SYMBOL_DIM(s.getPosition()));
    else
      return failure();
  }
  return codes;
}

LogicalResult GraphImporter::annotateSymbols(func::FuncOp func) {
  if (symbols.getNames().empty())
    return success();
  for (BlockArgument arg : func.getArguments()) {
    FailureOr<SmallVector<int64_t>> codes = encodeDims(symbols, builder, arg);
    if (succeeded(codes) &&
        !cast<RankedTensorType>(arg.getType()).hasStaticShape())
      func.setArgAttr(arg.getArgNumber(), kDimsAttr,
                      builder.getDenseI64ArrayAttr(*codes));
  }
  auto names = cast<ArrayAttr>(func->getAttr(kOutputNamesAttr));
  for (auto [i, v] :
       llvm::enumerate(func.front().getTerminator()->getOperands())) {
    if (cast<RankedTensorType>(v.getType()).hasStaticShape())
      continue;
    FailureOr<SmallVector<int64_t>> codes = encodeDims(symbols, builder, v);
    if (failed(codes))
      return emitError(fileLoc())
             << "graph output '" << cast<StringAttr>(names[i]).getValue()
             << "' has dims " << symbols.str(*symbols.dims(builder, v))
             << "; only dims equal to an input's dim are supported";
    func.setResultAttr(i, kDimsAttr, builder.getDenseI64ArrayAttr(*codes));
  }
  SmallVector<Attribute> symbolNames;
  for (const std::string &name : symbols.getNames())
    symbolNames.push_back(builder.getStringAttr(name));
  func->setAttr(kSymbolsAttr, builder.getArrayAttr(symbolNames));
  func->setAttr(kSymbolBoundsAttr,
                builder.getDenseI64ArrayAttr(symbols.getBounds()));
  return success();
}

FailureOr<SymDims> GraphImporter::getDims(const onnx::NodeProto &node,
                                          Value v) {
  FailureOr<SymDims> dims = symbols.dims(builder, v);
  if (failed(dims))
    return nodeError(node) << "cannot determine the dynamic dims of "
                           << v.getType(),
           failure();
  return dims;
}

std::optional<SymDims> GraphImporter::getSymbolicInts(Value v) {
  if (std::optional<SmallVector<int64_t>> ints = getConstantInts(v)) {
    SymDims out;
    for (int64_t i : *ints)
      out.push_back(symbols.constant(i));
    return out;
  }
  return symbols.contents(v);
}

void GraphImporter::setSymbolicOutput(const onnx::NodeProto &node, int index,
                                      ArrayRef<AffineExpr> contents,
                                      ArrayRef<int64_t> shape, Type element) {
  Location loc = nodeLoc(node);
  auto type = RankedTensorType::get(shape, element);
  SmallVector<int64_t> ints;
  for (AffineExpr e : contents)
    if (std::optional<int64_t> c = constantOf(e))
      ints.push_back(*c);
  Value v;
  if (ints.size() == contents.size()) {
    SmallVector<Attribute> attrs;
    for (int64_t i : ints)
      attrs.push_back(IntegerAttr::get(element, i));
    v = builder.create<graph::ConstantOp>(loc,
                                          DenseElementsAttr::get(type, attrs));
  } else {
    SmallVector<Value> elements;
    for (AffineExpr e : contents)
      elements.push_back(builder.create<arith::IndexCastOp>(
          loc, element, symbols.materialize(builder, loc, e)));
    v = builder.create<tensor::FromElementsOp>(loc, type, elements);
  }
  symbols.setContents(v, contents);
  setOutput(node, index, v);
}

LogicalResult GraphImporter::checkBroadcast(const onnx::NodeProto &node,
                                            ArrayRef<Value> operands,
                                            unsigned trailing) {
  if (llvm::all_of(operands, [](Value v) {
        return cast<RankedTensorType>(v.getType()).hasStaticShape();
      }))
    return success();
  SmallVector<SymDims> all;
  size_t rank = 0;
  for (Value v : operands) {
    FailureOr<SymDims> d = getDims(node, v);
    if (failed(d))
      return failure();
    all.push_back(SymDims(ArrayRef<AffineExpr>(*d).drop_back(trailing)));
    rank = std::max(rank, all.back().size());
  }
  AffineExpr one = symbols.constant(1);
  for (size_t i = 0; i < rank; ++i) {
    AffineExpr seen;
    for (const SymDims &d : all) {
      AffineExpr e = i + d.size() >= rank ? d[i + d.size() - rank] : one;
      if (e == one || e == seen)
        continue;
      if (seen)
        return nodeError(node)
               << "cannot broadcast dim " << symbols.str(seen) << " with "
               << symbols.str(e) << " (shapes " << symbols.str(all[0])
               << " and " << symbols.str(all.back()) << ")";
      seen = e;
    }
  }
  return success();
}

SmallVector<Value> GraphImporter::dynamicSizes(Location loc,
                                               ArrayRef<AffineExpr> dims) {
  SmallVector<Value> sizes;
  for (AffineExpr e : dims)
    if (!constantOf(e))
      sizes.push_back(symbols.materialize(builder, loc, e));
  return sizes;
}

SmallVector<int64_t> onnx_import::staticShape(ArrayRef<AffineExpr> dims) {
  return llvm::to_vector(llvm::map_range(dims, [](AffineExpr e) {
    return constantOf(e).value_or(ShapedType::kDynamic);
  }));
}

bool onnx_import::acceptsDynamicDims(llvm::StringRef opType) {
  static const llvm::StringSet<> ops = {
      "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sqrt", "Exp", "Log",
      "Neg", "Abs", "Erf", "Tanh", "Sigmoid", "Relu", "Sin", "Cos",
      "Reciprocal", "Gelu", "Softmax", "LayerNormalization", "MatMul",
      "Transpose", "Gather", "Reshape", "Squeeze", "Unsqueeze", "Shape",
      "Concat", "Slice", "Split", "Where", "Equal", "Less", "LessOrEqual",
      "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor", "Cast", "Expand",
      "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "Trilu", "Identity",
      "ConstantOfShape", "Range"};
  return ops.contains(opType);
}

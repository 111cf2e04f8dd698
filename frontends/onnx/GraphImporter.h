// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Internal state of the ONNX importer, shared by the op converters.

#ifndef MLC_FRONTENDS_ONNX_GRAPHIMPORTER_H
#define MLC_FRONTENDS_ONNX_GRAPHIMPORTER_H

#include "SymbolicShapes.h"
#include "mlc/Frontends/Onnx/Importer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/onnx_pb.h"

namespace mlir::mlc::onnx_import {

class GraphImporter;

/// Converts one ONNX node; reports errors through GraphImporter::nodeError.
using ConvertFn = LogicalResult (*)(GraphImporter &, const onnx::NodeProto &);

/// Converter of |opType| in the default domain, or null when unsupported.
ConvertFn lookupConverter(llvm::StringRef opType);

/// Decodes |tensor| (inline or external data, resolved against |modelDir|)
/// into an elements attribute; weights above |maxInline| elements become
/// dense_resource blobs. |where| names the tensor in errors.
FailureOr<ElementsAttr> importTensor(MLIRContext *ctx,
                                     const onnx::TensorProto &tensor,
                                     llvm::StringRef modelDir,
                                     int64_t maxInline, Location where);

/// "UINT16" etc. for an ONNX TensorProto data type, for diagnostics.
std::string dataTypeName(int32_t onnxType);

/// MLIR element type of an ONNX TensorProto data type, or null.
Type convertElementType(MLIRContext *ctx, int32_t onnxType);

class GraphImporter {
public:
  GraphImporter(MLIRContext *ctx, llvm::StringRef path,
                const OnnxImportOptions &options)
      : ctx(ctx), builder(ctx), path(path.str()), options(options),
        symbols(ctx) {}

  FailureOr<OwningOpRef<ModuleOp>> run(const onnx::ModelProto &model);

  OpBuilder &getBuilder() { return builder; }
  MLIRContext *getContext() { return ctx; }
  /// Opset of the default ONNX domain.
  int64_t getOpset() const { return opset; }

  /// Location of |node|: its name (or op type and index) within the file.
  Location nodeLoc(const onnx::NodeProto &node);
  /// Error at |node|'s location, prefixed with the node's op type.
  InFlightDiagnostic nodeError(const onnx::NodeProto &node);

  /// Value of input |index| of |node|; fails (with an error) when missing.
  FailureOr<Value> getInput(const onnx::NodeProto &node, int index);
  /// Value of an optional input: null when absent or named "", failure
  /// (with an error) when named but undefined.
  FailureOr<Value> getOptionalInput(const onnx::NodeProto &node, int index);
  /// Fails with an error naming |what| when |type|'s byte size overflows.
  LogicalResult checkSize(Type type, Location loc, const llvm::Twine &what);
  /// Element types an input may have.
  enum class InputKind { Float, Numeric, Bool, Any };
  /// Value of a float32 input, failing when missing or of another dtype.
  FailureOr<Value> getFloatInput(const onnx::NodeProto &node, int index) {
    return getTypedInput(node, index, InputKind::Float);
  }
  /// Value of a float32 or signed integer input.
  FailureOr<Value> getNumericInput(const onnx::NodeProto &node, int index) {
    return getTypedInput(node, index, InputKind::Numeric);
  }
  /// Value of an optional float32 input: null when absent.
  FailureOr<Value> getOptionalFloatInput(const onnx::NodeProto &node,
                                         int index) {
    FailureOr<Value> v = getOptionalInput(node, index);
    if (failed(v) || !*v)
      return v;
    return getFloatInput(node, index);
  }
  /// Value of a bool input.
  FailureOr<Value> getBoolInput(const onnx::NodeProto &node, int index) {
    return getTypedInput(node, index, InputKind::Bool);
  }
  /// Value of a float32, bool or signed integer input.
  FailureOr<Value> getAnyInput(const onnx::NodeProto &node, int index) {
    return getTypedInput(node, index, InputKind::Any);
  }
  /// Binds output |index| of |node| to |value|.
  void setOutput(const onnx::NodeProto &node, int index, Value value);

  /// Dense value of |value| when it is a compile-time constant.
  DenseElementsAttr getConstant(Value value);
  /// Values (flattened) of a constant signed-integer tensor, if |value| is
  /// one.
  std::optional<SmallVector<int64_t>> getConstantInts(Value value);
  /// Symbolic dims and shape-tensor contents.
  SymbolicShapes &getSymbols() { return symbols; }
  /// Symbolic dims of |v|; fails with an error on |node| when unknown.
  FailureOr<SymDims> getDims(const onnx::NodeProto &node, Value v);
  /// Contents of a constant or symbolic int tensor.
  std::optional<SymDims> getSymbolicInts(Value v);
  /// Binds output |index| of |node| to an int tensor of |shape| (rank <= 1)
  /// holding |contents|: a constant when they are all constants.
  void setSymbolicOutput(const onnx::NodeProto &node, int index,
                         ArrayRef<AffineExpr> contents,
                         ArrayRef<int64_t> shape, Type element);
  /// Fails with an error unless the dims of |operands| broadcast: dims other
  /// than 1 at one position must be the same expression.
  LogicalResult checkBroadcast(const onnx::NodeProto &node,
                               ArrayRef<Value> operands, unsigned trailing = 0);
  /// Index values of the dynamic dims of |dims|, in order.
  SmallVector<Value> dynamicSizes(Location loc, ArrayRef<AffineExpr> dims);

  /// Imports a TensorProto attribute or initializer.
  FailureOr<ElementsAttr> importTensor(const onnx::TensorProto &tensor,
                                       Location where);

private:
  FailureOr<Value> getTypedInput(const onnx::NodeProto &node, int index,
                                 InputKind kind);
  LogicalResult collectPinnedDims(const onnx::GraphProto &graph);
  LogicalResult checkOpset(const onnx::ModelProto &model);
  LogicalResult checkSupported(const onnx::GraphProto &graph);
  LogicalResult importInitializers(const onnx::GraphProto &graph);
  LogicalResult importNodes(const onnx::GraphProto &graph);
  LogicalResult importNode(const onnx::NodeProto &node);
  LogicalResult addInputSymbols(const onnx::ValueInfoProto &input,
                                BlockArgument arg);
  LogicalResult annotateSymbols(func::FuncOp func);
  LogicalResult importOutputs(const onnx::GraphProto &graph,
                              func::FuncOp func);
  LogicalResult checkNotEmpty(RankedTensorType type, const llvm::Twine &what);
  LogicalResult checkDeclaredOutput(const onnx::ValueInfoProto &output,
                                    RankedTensorType actual);
  FailureOr<Type> importValueType(const onnx::ValueInfoProto &info,
                                  llvm::StringRef kind);
  Location fileLoc();

  MLIRContext *ctx;
  OpBuilder builder;
  std::string path;
  OnnxImportOptions options;
  int64_t opset = 0;
  llvm::StringMap<Value> values;
  /// Sizes of symbolic dims, from the shapes pinned in the options.
  llvm::StringMap<int64_t> pinnedDims;
  llvm::DenseMap<const onnx::NodeProto *, int> nodeIndex;
  SymbolicShapes symbols;
};

/// Shape-tensor arithmetic (Shape, Gather, Concat, Unsqueeze, Add, ...) on
/// symbolic contents: true when |node| was evaluated that way.
FailureOr<bool> evaluateSymbolic(GraphImporter &im, const onnx::NodeProto &node);
/// Whether |opType| handles inputs with dynamic dims.
bool acceptsDynamicDims(llvm::StringRef opType);

/// Integer attribute |name| of |node|, or |fallback|.
int64_t getIntAttr(const onnx::NodeProto &node, llvm::StringRef name,
                   int64_t fallback);
/// Float attribute |name| of |node|, or |fallback|.
float getFloatAttr(const onnx::NodeProto &node, llvm::StringRef name,
                   float fallback);
/// Integer-list attribute |name| of |node|, if present.
std::optional<SmallVector<int64_t>> getIntsAttr(const onnx::NodeProto &node,
                                                llvm::StringRef name);
/// Attribute |name| of |node|, or null.
const onnx::AttributeProto *findAttr(const onnx::NodeProto &node,
                                     llvm::StringRef name);

} // namespace mlir::mlc::onnx_import

#endif // MLC_FRONTENDS_ONNX_GRAPHIMPORTER_H

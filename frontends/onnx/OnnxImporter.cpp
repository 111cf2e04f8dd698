// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// ModelProto -> func.func @main of mlc_graph ops.

#include "GraphImporter.h"

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"
#include "mlir/IR/Verifier.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

static bool isDefaultDomain(const std::string &domain) {
  return domain.empty() || domain == "ai.onnx";
}

Location GraphImporter::fileLoc() {
  return FileLineColLoc::get(ctx, path, 0, 0);
}

Location GraphImporter::nodeLoc(const onnx::NodeProto &node) {
  std::string name = node.name();
  if (name.empty())
    name = node.op_type() + "#" + std::to_string(nodeIndex.lookup(&node));
  return NameLoc::get(StringAttr::get(ctx, name), fileLoc());
}

InFlightDiagnostic GraphImporter::nodeError(const onnx::NodeProto &node) {
  return emitError(nodeLoc(node)) << node.op_type() << ": ";
}

FailureOr<Value> GraphImporter::getInput(const onnx::NodeProto &node,
                                         int index) {
  if (index >= node.input_size() || node.input(index).empty())
    return nodeError(node) << "missing input " << index, failure();
  Value v = values.lookup(node.input(index));
  if (!v)
    return nodeError(node) << "input '" << node.input(index)
                           << "' is not defined before use",
           failure();
  return v;
}

FailureOr<Value> GraphImporter::getOptionalInput(const onnx::NodeProto &node,
                                                 int index) {
  if (index >= node.input_size() || node.input(index).empty())
    return Value();
  return getInput(node, index);
}

LogicalResult GraphImporter::checkSize(Type type, Location loc,
                                       const llvm::Twine &what) {
  auto tensor = cast<RankedTensorType>(type);
  uint64_t bytes = std::max(1u, tensor.getElementTypeBitWidth() / 8);
  for (int64_t d : tensor.getShape())
    if (ShapedType::isDynamic(d))
      continue;
    else if (__builtin_mul_overflow(bytes, static_cast<uint64_t>(d), &bytes) ||
        bytes > static_cast<uint64_t>(INT64_MAX))
      return emitError(loc) << what << " of shape "
                            << graph::shapeString(tensor.getShape())
                            << " is too large (its byte size overflows)";
  return success();
}

FailureOr<Value> GraphImporter::getTypedInput(const onnx::NodeProto &node,
                                              int index, InputKind kind) {
  FailureOr<Value> v = getInput(node, index);
  if (failed(v))
    return failure();
  Type element = cast<RankedTensorType>(v->getType()).getElementType();
  bool isInt = element.isSignlessInteger() && element.getIntOrFloatBitWidth() >= 8;
  bool isBool = element.isInteger(1);
  bool ok = element.isF32();
  const char *expected = "float32 is";
  switch (kind) {
  case InputKind::Float:
    break;
  case InputKind::Numeric:
    ok |= isInt;
    expected = "float32 and signed integers are";
    break;
  case InputKind::Bool:
    ok = isBool;
    expected = "bool is";
    break;
  case InputKind::Any:
    ok |= isInt || isBool;
    expected = "float32, bool and signed integers are";
    break;
  }
  if (ok)
    return v;
  return nodeError(node) << "input '" << node.input(index)
                         << "' has element type " << element << "; only "
                         << expected << " supported",
         failure();
}

void GraphImporter::setOutput(const onnx::NodeProto &node, int index,
                              Value value) {
  if (index < node.output_size() && !node.output(index).empty())
    values[node.output(index)] = value;
}

DenseElementsAttr GraphImporter::getConstant(Value value) {
  auto op = value.getDefiningOp<graph::ConstantOp>();
  if (!op)
    return nullptr;
  if (auto dense = dyn_cast<DenseElementsAttr>(op.getValue()))
    return dense;
  // A weight blob read for import-time folding (e.g. Gather on a table).
  auto resource = dyn_cast<DenseResourceElementsAttr>(op.getValue());
  AsmResourceBlob *blob = resource ? resource.getRawHandle().getBlob() : nullptr;
  bool detectedSplat = false;
  if (!blob || op.getType().getElementType().isInteger(1) ||
      !DenseElementsAttr::isValidRawBuffer(op.getType(), blob->getData(),
                                           detectedSplat))
    return nullptr;
  return DenseElementsAttr::getFromRawBuffer(op.getType(), blob->getData());
}

std::optional<SmallVector<int64_t>> GraphImporter::getConstantInts(Value value) {
  DenseElementsAttr dense = getConstant(value);
  if (!dense || !dense.getElementType().isSignlessInteger() ||
      dense.getElementType().isInteger(1))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &v : dense.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

FailureOr<ElementsAttr>
GraphImporter::importTensor(const onnx::TensorProto &tensor, Location where) {
  return onnx_import::importTensor(ctx, tensor,
                                   llvm::sys::path::parent_path(path),
                                   options.maxInlineConstantElements, where);
}

LogicalResult GraphImporter::checkOpset(const onnx::ModelProto &model) {
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (isDefaultDomain(set.domain()))
      opset = set.version();
  if (opset <= 0)
    return emitError(fileLoc()) << "model imports no ONNX operator set";
  return success();
}

LogicalResult GraphImporter::checkSupported(const onnx::GraphProto &graph) {
  std::string unsupported;
  int count = 0;
  for (const onnx::NodeProto &node : graph.node()) {
    if (isDefaultDomain(node.domain()) && lookupConverter(node.op_type()))
      continue;
    std::string domain = node.domain().empty() ? "ai.onnx" : node.domain();
    unsupported += "\n  " + node.op_type() + " (node '" + node.name() +
                   "', domain " + domain + ", opset " +
                   std::to_string(opset) + ")";
    ++count;
  }
  if (count == 0)
    return success();
  return emitError(fileLoc()) << count << " unsupported operator"
                              << (count == 1 ? "" : "s") << ":"
                              << unsupported;
}

// Checks each pinned shape against its input's declared dims and records
// the sizes of its symbolic dims.
LogicalResult GraphImporter::collectPinnedDims(const onnx::GraphProto &graph) {
  llvm::StringSet<> seen;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    auto it = options.inputShapes.find(input.name());
    if (it == options.inputShapes.end())
      continue;
    seen.insert(input.name());
    ArrayRef<int64_t> pinned = it->second;
    if (!input.type().tensor_type().has_shape())
      continue; // unknown rank: the pinned shape is the whole shape
    const auto &dims = input.type().tensor_type().shape().dim();
    if (static_cast<size_t>(dims.size()) != pinned.size())
      return emitError(fileLoc()) << "--shape " << input.name() << " has rank "
                                  << pinned.size() << " but the input has rank "
                                  << dims.size();
    for (auto [i, dim] : llvm::enumerate(dims)) {
      if (pinned[i] <= 0 || (dim.has_dim_value() && dim.dim_value() != pinned[i]))
        return emitError(fileLoc())
               << "--shape " << input.name() << " gives dimension " << i
               << " size " << pinned[i] << " but the input declares "
               << (dim.has_dim_value() ? std::to_string(dim.dim_value())
                                       : "a positive size");
      if (!dim.has_dim_param())
        continue;
      auto [entry, inserted] = pinnedDims.try_emplace(dim.dim_param(), pinned[i]);
      if (!inserted && entry->second != pinned[i])
        return emitError(fileLoc()) << "--shape pins symbol '" << dim.dim_param()
                                    << "' to both " << entry->second << " and "
                                    << pinned[i];
    }
  }
  for (const auto &entry : options.inputShapes)
    if (!seen.contains(entry.getKey()))
      return emitError(fileLoc()) << "--shape names '" << entry.getKey()
                                  << "', which is not a graph input";
  return success();
}

FailureOr<Type>
GraphImporter::importValueType(const onnx::ValueInfoProto &info,
                               llvm::StringRef kind) {
  if (!info.type().has_tensor_type())
    return emitError(fileLoc()) << kind << " '" << info.name()
                                << "' is not a tensor",
           failure();
  const onnx::TypeProto::Tensor &t = info.type().tensor_type();
  Type element = convertElementType(ctx, t.elem_type());
  if (!element)
    return emitError(fileLoc()) << kind << " '" << info.name()
                                << "' has unsupported type "
                                << dataTypeName(t.elem_type()),
           failure();
  SmallVector<int64_t> shape;
  auto pinned = options.inputShapes.find(info.name());
  if (pinned == options.inputShapes.end() && !t.has_shape())
    return emitError(fileLoc()) << kind << " '" << info.name()
                                << "' has no shape; give it with --shape "
                                << info.name() << "=DxDx...",
           failure();
  if (pinned != options.inputShapes.end() && !t.has_shape())
    shape.assign(pinned->second.begin(), pinned->second.end());
  for (auto [i, dim] : llvm::enumerate(t.shape().dim())) {
    if (pinned != options.inputShapes.end()) {
      shape.push_back(pinned->second[i]);
      continue;
    }
    if (dim.has_dim_param() && pinnedDims.count(dim.dim_param())) {
      shape.push_back(pinnedDims.lookup(dim.dim_param()));
      continue;
    }
    if (!dim.has_dim_value() || dim.dim_value() < 0) {
      shape.push_back(ShapedType::kDynamic);
      continue;
    }
    shape.push_back(dim.dim_value());
  }
  auto type = RankedTensorType::get(shape, element);
  if (failed(checkSize(type, fileLoc(),
                       llvm::Twine(kind) + " '" + info.name() + "'")) ||
      failed(checkNotEmpty(type, llvm::Twine(kind) + " '" + info.name() + "'")))
    return failure();
  return type;
}

LogicalResult GraphImporter::importInitializers(const onnx::GraphProto &graph) {
  for (const onnx::TensorProto &tensor : graph.initializer()) {
    Location loc = NameLoc::get(StringAttr::get(ctx, tensor.name()), fileLoc());
    if (values.count(tensor.name()))
      return emitError(loc) << "initializer '" << tensor.name()
                            << "' is defined twice";
    FailureOr<ElementsAttr> attr = importTensor(tensor, loc);
    if (failed(attr))
      return failure();
    values[tensor.name()] = builder.create<graph::ConstantOp>(loc, *attr);
  }
  return success();
}

LogicalResult GraphImporter::importNodes(const onnx::GraphProto &graph) {
  for (const onnx::NodeProto &node : graph.node()) {
    for (const std::string &output : node.output())
      if (!output.empty() && values.count(output))
        return nodeError(node) << "output '" << output
                               << "' is already defined (the graph is not in "
                                  "SSA form)";
    if (failed(importNode(node)))
      return failure();
    for (const std::string &output : node.output()) {
      if (output.empty())
        continue;
      Value v = values.lookup(output);
      if (!v)
        return nodeError(node) << "produces no value for output '" << output
                               << "'";
      if (failed(checkSize(v.getType(), nodeLoc(node),
                           node.op_type() + ": output '" + output + "'")) ||
          failed(getDims(node, v)))
        return failure();
    }
  }
  return success();
}

// Shape-tensor arithmetic on symbolic values first, then the converter,
// which must handle dynamic dims when an input has them.
LogicalResult GraphImporter::importNode(const onnx::NodeProto &node) {
  FailureOr<bool> symbolic = evaluateSymbolic(*this, node);
  if (failed(symbolic) || *symbolic)
    return failure(failed(symbolic));
  for (const std::string &input : node.input()) {
    Value v = input.empty() ? Value() : values.lookup(input);
    auto type = v ? dyn_cast<RankedTensorType>(v.getType()) : nullptr;
    if (type && !type.hasStaticShape() && !acceptsDynamicDims(node.op_type()))
      return nodeError(node) << "input '" << input << "' has dynamic dims "
                             << graph::shapeString(type.getShape())
                             << ", which " << node.op_type()
                             << " does not support yet; pin them with "
                                "--shape";
  }
  return lookupConverter(node.op_type())(*this, node);
}

LogicalResult GraphImporter::checkNotEmpty(RankedTensorType type,
                                           const llvm::Twine &what) {
  if (llvm::none_of(type.getShape(), [](int64_t d) { return d == 0; }))
    return success();
  return emitError(fileLoc()) << what << " of shape "
                              << graph::shapeString(type.getShape())
                              << " is empty; empty tensors are not supported yet";
}

// Compares the declared element type, rank and static dims of a graph
// output (where the model states them) with what the graph computes.
LogicalResult GraphImporter::checkDeclaredOutput(
    const onnx::ValueInfoProto &output, RankedTensorType actual) {
  if (!output.type().has_tensor_type())
    return success();
  const onnx::TypeProto::Tensor &t = output.type().tensor_type();
  bool mismatch = t.elem_type() != 0 &&
                  convertElementType(ctx, t.elem_type()) != actual.getElementType();
  if (t.has_shape()) {
    mismatch |= t.shape().dim_size() != actual.getRank();
    for (auto [i, dim] : llvm::enumerate(t.shape().dim()))
      mismatch |= i < static_cast<size_t>(actual.getRank()) &&
                  dim.has_dim_value() && dim.dim_value() != actual.getDimSize(i);
  }
  if (!mismatch)
    return success();
  std::string declared = dataTypeName(t.elem_type());
  if (t.has_shape()) {
    declared += "[";
    for (auto [i, dim] : llvm::enumerate(t.shape().dim()))
      declared += (i ? "," : "") + (dim.has_dim_value()
                                        ? std::to_string(dim.dim_value())
                                        : "?");
    declared += "]";
  }
  return emitError(fileLoc()) << "graph output '" << output.name()
                              << "' is declared as " << declared
                              << " but computes " << actual;
}

LogicalResult GraphImporter::importOutputs(const onnx::GraphProto &graph,
                                           func::FuncOp func) {
  SmallVector<Value> results;
  SmallVector<Attribute> names;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Value v = values.lookup(output.name());
    if (!v)
      return emitError(fileLoc()) << "graph output '" << output.name()
                                  << "' is not produced by any node";
    if (llvm::is_contained(names, builder.getStringAttr(output.name())))
      return emitError(fileLoc()) << "graph output '" << output.name()
                                  << "' is listed twice";
    auto type = cast<RankedTensorType>(v.getType());
    if (failed(checkDeclaredOutput(output, type)) ||
        failed(checkNotEmpty(type, "graph output '" + output.name() + "'")))
      return failure();
    results.push_back(v);
    names.push_back(builder.getStringAttr(output.name()));
  }
  builder.create<func::ReturnOp>(fileLoc(), results);
  func.setFunctionType(builder.getFunctionType(func.front().getArgumentTypes(),
                                               ValueRange(results).getTypes()));
  func->setAttr(kOutputNamesAttr, builder.getArrayAttr(names));
  return annotateSymbols(func);
}

FailureOr<OwningOpRef<ModuleOp>>
GraphImporter::run(const onnx::ModelProto &model) {
  const onnx::GraphProto &graph = model.graph();
  for (const onnx::NodeProto &node : graph.node())
    nodeIndex[&node] = nodeIndex.size();
  if (failed(checkOpset(model)) || failed(checkSupported(graph)) ||
      failed(collectPinnedDims(graph)))
    return failure();
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  builder.setInsertionPointToEnd(module->getBody());
  auto func = builder.create<func::FuncOp>(fileLoc(), "main",
                                           builder.getFunctionType({}, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  if (failed(importInitializers(graph)))
    return failure();
  SmallVector<Attribute> inputNames;
  llvm::StringSet<> initializers;
  for (const onnx::TensorProto &tensor : graph.initializer())
    initializers.insert(tensor.name());
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (initializers.contains(input.name()))
      continue; // an initializer listed as input (IR version < 4)
    if (values.count(input.name()))
      return emitError(fileLoc()) << "graph input '" << input.name()
                                  << "' is listed twice";
    FailureOr<Type> type = importValueType(input, "input");
    if (failed(type))
      return failure();
    values[input.name()] = entry->addArgument(*type, fileLoc());
    if (failed(addInputSymbols(input, entry->getArguments().back())))
      return failure();
    inputNames.push_back(builder.getStringAttr(input.name()));
  }
  func->setAttr(kInputNamesAttr, builder.getArrayAttr(inputNames));
  builder.setInsertionPointToEnd(entry);
  if (failed(importNodes(graph)) || failed(importOutputs(graph, func)))
    return failure();
  if (failed(verify(*module)))
    return failure();
  return module;
}

FailureOr<OwningOpRef<ModuleOp>>
mlir::mlc::importOnnxModel(MLIRContext *context, llvm::StringRef path,
                           const OnnxImportOptions &options) {
  context->loadDialect<graph::GraphDialect, func::FuncDialect>();
  Location loc = FileLineColLoc::get(context, path, 0, 0);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return emitError(loc) << "cannot read model: "
                          << buffer.getError().message(),
           failure();
  google::protobuf::io::ArrayInputStream stream((*buffer)->getBufferStart(),
                                                (*buffer)->getBufferSize());
  google::protobuf::io::CodedInputStream coded(&stream);
  coded.SetTotalBytesLimit(INT32_MAX);
  onnx::ModelProto model;
  if ((*buffer)->getBufferSize() == 0 || !model.ParseFromCodedStream(&coded) ||
      !coded.ConsumedEntireMessage())
    return emitError(loc) << "not a valid ONNX model (protobuf parse failed; "
                             "the file may be truncated or of another format)",
           failure();
  if (!model.has_graph())
    return emitError(loc) << "ONNX model has no graph", failure();
  return GraphImporter(context, path, options).run(model);
}

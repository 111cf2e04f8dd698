// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Artifact/ByteWriter.h"

#include "mlc/Dialect/Graph/Transforms/Passes.h"
#include "mlc/runtime/artifact_format.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir;
using namespace mlir::mlc;

static uint32_t dtypeOf(Type type) {
  if (type.isF32()) return MLC_DTYPE_F32;
  if (type.isF64()) return MLC_DTYPE_F64;
  if (type.isF16()) return MLC_DTYPE_F16;
  if (type.isBF16()) return MLC_DTYPE_BF16;
  if (type.isInteger(1)) return MLC_DTYPE_BOOL;
  if (type.isUnsignedInteger(8)) return MLC_DTYPE_U8;
  if (type.isInteger(8)) return MLC_DTYPE_I8;
  if (type.isInteger(16)) return MLC_DTYPE_I16;
  if (type.isInteger(32)) return MLC_DTYPE_I32;
  if (type.isInteger(64)) return MLC_DTYPE_I64;
  return MLC_DTYPE_INVALID;
}

// Dims of an entry-point tensor: static, or from its kDimsAttr (symbols).
static std::optional<SmallVector<int64_t>>
encodedDims(RankedTensorType tensor, DictionaryAttr attrs) {
  if (tensor.hasStaticShape())
    return SmallVector<int64_t>(tensor.getShape());
  auto dims = attrs ? attrs.getAs<DenseI64ArrayAttr>(kDimsAttr) : nullptr;
  if (!dims || dims.size() != tensor.getRank())
    return std::nullopt;
  return SmallVector<int64_t>(dims.asArrayRef());
}

static LogicalResult describe(func::FuncOp model, TypeRange types,
                              ArrayRef<DictionaryAttr> attrs, ArrayAttr names,
                              llvm::StringRef kind,
                              std::vector<TensorDescriptor> &out) {
  for (auto [i, type] : llvm::enumerate(types)) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    TensorDescriptor desc;
    desc.name = names && i < names.size()
                    ? cast<StringAttr>(names[i]).str()
                    : (kind + std::to_string(i)).str();
    std::optional<SmallVector<int64_t>> dims =
        tensor ? encodedDims(tensor, i < attrs.size() ? attrs[i] : nullptr)
               : std::nullopt;
    if (!dims)
      return model.emitError() << kind << " '" << desc.name
                               << "' needs a static shape or symbolic dims, "
                                  "got "
                               << type;
    desc.dtype = dtypeOf(tensor.getElementType());
    if (desc.dtype == MLC_DTYPE_INVALID)
      return model.emitError() << kind << " '" << desc.name
                               << "' has unsupported element type "
                               << tensor.getElementType();
    desc.dims = std::move(*dims);
    out.push_back(std::move(desc));
  }
  return success();
}

// The bytes of the weight resources |names| into |contents|.
static LogicalResult loadWeights(Operation *op, ArrayAttr names,
                                 ArtifactContents &contents) {
  auto &blobs = DenseResourceElementsHandle::getManagerInterface(
                    op->getContext())
                    .getBlobManager();
  contents.weights.clear();
  for (Attribute name : names) {
    auto *entry = blobs.lookup(cast<StringAttr>(name).getValue());
    if (!entry || !entry->getBlob())
      return op->emitError("weight '")
             << cast<StringAttr>(name).getValue() << "' has no data";
    contents.weights.push_back(entry->getBlob()->getData());
  }
  return success();
}

LogicalResult mlc::collectInterface(func::FuncOp model,
                                    ArtifactContents &contents) {
  auto numInputs = model->getAttrOfType<IntegerAttr>(graph::kNumInputsAttr);
  auto weights = model->getAttrOfType<ArrayAttr>(graph::kWeightsAttr);
  if (!numInputs || !weights)
    return model.emitError("model function was not processed by "
                           "mlc-outline-weights");
  TypeRange args = model.getArgumentTypes();
  auto inputNames = model->getAttrOfType<ArrayAttr>(kInputNamesAttr);
  auto outputNames = model->getAttrOfType<ArrayAttr>(kOutputNamesAttr);
  SmallVector<DictionaryAttr> argAttrs, resultAttrs;
  model.getAllArgAttrs(argAttrs);
  model.getAllResultAttrs(resultAttrs);
  if (failed(describe(model, args.take_front(numInputs.getInt()), argAttrs,
                      inputNames, "input", contents.inputs)) ||
      failed(describe(model, model.getResultTypes(), resultAttrs, outputNames,
                      "output", contents.outputs)))
    return failure();
  if (auto symbols = model->getAttrOfType<ArrayAttr>(kSymbolsAttr)) {
    auto bounds = model->getAttrOfType<DenseI64ArrayAttr>(kSymbolBoundsAttr);
    for (auto [i, name] : llvm::enumerate(symbols)) {
      contents.symbols.push_back(cast<StringAttr>(name).str());
      contents.symbolBounds.push_back(
          bounds && static_cast<int64_t>(i) < bounds.size() ? bounds[i] : 0);
    }
  }
  return loadWeights(model, weights, contents);
}

LogicalResult mlc::updateWeights(ModuleOp module, ArtifactContents &contents) {
  auto weights = module->getAttrOfType<ArrayAttr>(graph::kWeightsAttr);
  if (!weights)
    return success();
  if (weights.size() != contents.weights.size())
    return module.emitError("the module's ")
           << graph::kWeightsAttr << " lists " << weights.size()
           << " weights, the model has " << contents.weights.size();
  return loadWeights(module, weights, contents);
}

namespace {
// The metadata encoder.
struct MetaWriter : ByteWriter {
  void putTensor(const TensorDescriptor &t) {
    putString(t.name);
    put<uint32_t>(t.dtype);
    put<uint32_t>(t.dims.size());
    for (int64_t d : t.dims)
      put<int64_t>(d);
  }
};

uint64_t alignTo(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }
} // namespace

static std::string encodeMetadata(const ArtifactContents &c,
                                  std::vector<uint64_t> &weightOffsets,
                                  uint64_t &weightsSize) {
  MetaWriter meta;
  meta.putString(c.entrySymbol);
  meta.put<uint32_t>(c.inputs.size());
  meta.put<uint32_t>(c.outputs.size());
  meta.put<uint32_t>(c.weights.size());
  meta.put<uint32_t>(c.symbols.size());
  for (auto [name, max] : llvm::zip(c.symbols, c.symbolBounds)) {
    meta.putString(name);
    meta.put<int64_t>(max);
  }
  for (const TensorDescriptor &t : c.inputs)
    meta.putTensor(t);
  for (const TensorDescriptor &t : c.outputs)
    meta.putTensor(t);
  weightsSize = 0;
  for (llvm::ArrayRef<char> w : c.weights) {
    weightOffsets.push_back(weightsSize);
    meta.put<uint64_t>(weightsSize);
    meta.put<uint64_t>(w.size());
    weightsSize = alignTo(weightsSize + w.size(), MLC_ARTIFACT_WEIGHT_ALIGNMENT);
  }
  return meta.bytes;
}

LogicalResult mlc::writeArtifact(const ArtifactContents &c,
                                 llvm::StringRef path, std::string &error) {
  std::vector<uint64_t> weightOffsets;
  uint64_t weightsSize = 0;
  std::string meta = encodeMetadata(c, weightOffsets, weightsSize);
  mlc_artifact_header_t header;
  std::memset(&header, 0, sizeof(header));
  std::memcpy(header.magic, MLC_ARTIFACT_MAGIC, MLC_ARTIFACT_MAGIC_SIZE);
  header.version = MLC_ARTIFACT_VERSION;
  header.header_size = MLC_ARTIFACT_HEADER_SIZE;
  header.target = c.target;
  header.meta_offset = MLC_ARTIFACT_HEADER_SIZE;
  header.meta_size = meta.size();
  header.code_offset = alignTo(header.meta_offset + meta.size(), 64);
  header.code_size = c.code.size();
  header.weights_offset = alignTo(header.code_offset + c.code.size(),
                                  MLC_ARTIFACT_WEIGHTS_ALIGNMENT);
  header.weights_size = weightsSize;
  header.file_size = header.weights_offset + weightsSize;

  std::string prefix(header.weights_offset, '\0');
  std::memcpy(&prefix[header.meta_offset], meta.data(), meta.size());
  std::memcpy(&prefix[header.code_offset], c.code.data(), c.code.size());
  std::memcpy(&prefix[0], &header, sizeof(header));
  header.checksum = mlc_artifact_checksum(
      reinterpret_cast<const uint8_t *>(prefix.data()), header.weights_offset);
  std::memcpy(&prefix[0], &header, sizeof(header));

  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    error = "cannot write '" + path.str() + "': " + ec.message();
    return failure();
  }
  os << prefix;
  for (auto [w, offset] : llvm::zip(c.weights, weightOffsets)) {
    os.write_zeros(header.weights_offset + offset - os.tell());
    os.write(w.data(), w.size());
  }
  os.write_zeros(header.file_size - os.tell());
  os.close();
  if (os.has_error()) {
    error = "cannot write '" + path.str() + "': " + os.error().message();
    os.clear_error();
    return failure();
  }
  return success();
}

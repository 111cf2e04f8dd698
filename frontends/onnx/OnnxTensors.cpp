// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// TensorProto -> ElementsAttr: inline typed fields, raw_data, and external
// data files (mapped, not copied, and confined to the model's directory).

#include "GraphImporter.h"

#include "mlc/Frontends/PathConfinement.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

std::string onnx_import::dataTypeName(int32_t t) {
  if (!onnx::TensorProto_DataType_IsValid(t))
    return "data type " + std::to_string(t);
  return onnx::TensorProto_DataType_Name(
      static_cast<onnx::TensorProto_DataType>(t));
}

Type onnx_import::convertElementType(MLIRContext *ctx, int32_t t) {
  using TP = onnx::TensorProto;
  Builder b(ctx);
  switch (t) {
  case TP::FLOAT: return b.getF32Type();
  case TP::DOUBLE: return b.getF64Type();
  case TP::FLOAT16: return b.getF16Type();
  case TP::BFLOAT16: return b.getBF16Type();
  case TP::INT8: return b.getIntegerType(8);
  case TP::INT16: return b.getIntegerType(16);
  case TP::INT32: return b.getIntegerType(32);
  case TP::INT64: return b.getIntegerType(64);
  case TP::UINT8: return b.getIntegerType(8, /*isSigned=*/false);
  case TP::BOOL: return b.getI1Type();
  default: return {};
  }
}

namespace {

// Bytes of one tensor plus whatever keeps them alive.
struct TensorBytes {
  ArrayRef<char> data;
  std::unique_ptr<llvm::MemoryBuffer> mapped; // set for external data
  std::vector<char> owned;                    // set for typed fields
};

template <typename T, typename Field>
void copyField(const Field &field, std::vector<char> &out) {
  out.resize(field.size() * sizeof(T));
  for (int i = 0, e = field.size(); i < e; ++i) {
    T v = static_cast<T>(field.Get(i));
    std::memcpy(out.data() + i * sizeof(T), &v, sizeof(T));
  }
}

// Little-endian bytes of the typed repeated field matching the data type.
LogicalResult typedFieldBytes(const onnx::TensorProto &t, Location where,
                              std::vector<char> &out) {
  using TP = onnx::TensorProto;
  switch (t.data_type()) {
  case TP::FLOAT: copyField<float>(t.float_data(), out); break;
  case TP::DOUBLE: copyField<double>(t.double_data(), out); break;
  case TP::INT64: copyField<int64_t>(t.int64_data(), out); break;
  case TP::INT32: copyField<int32_t>(t.int32_data(), out); break;
  case TP::INT16: copyField<int16_t>(t.int32_data(), out); break;
  case TP::INT8: copyField<int8_t>(t.int32_data(), out); break;
  case TP::UINT8: case TP::BOOL: copyField<uint8_t>(t.int32_data(), out); break;
  case TP::FLOAT16: case TP::BFLOAT16: copyField<uint16_t>(t.int32_data(), out); break;
  default:
    return emitError(where) << "tensor '" << t.name()
                            << "' has unsupported type " << dataTypeName(t.data_type());
  }
  return success();
}

LogicalResult externalBytes(const onnx::TensorProto &t, llvm::StringRef dir,
                            uint64_t expected, Location where,
                            TensorBytes &out) {
  std::string location;
  uint64_t offset = 0, length = expected;
  for (const onnx::StringStringEntryProto &kv : t.external_data()) {
    bool bad = false;
    if (kv.key() == "location")
      location = kv.value();
    else if (kv.key() == "offset")
      bad = llvm::StringRef(kv.value()).getAsInteger(10, offset);
    else if (kv.key() == "length")
      bad = llvm::StringRef(kv.value()).getAsInteger(10, length);
    if (bad)
      return emitError(where) << "tensor '" << t.name() << "': external data "
                              << kv.key() << " '" << kv.value()
                              << "' is not a number";
  }
  llvm::Expected<std::string> path = resolveInsideDirectory(
      dir, location, "tensor '" + t.name() + "': external data location '" +
                         location + "'");
  if (!path)
    return emitError(where) << llvm::toString(path.takeError());
  uint64_t fileSize = 0;
  if (llvm::sys::fs::file_size(*path, fileSize) || length != expected ||
      offset > fileSize || fileSize - offset < length)
    return emitError(where) << "tensor '" << t.name() << "': external data ["
                            << offset << ", +" << length << ") of '"
                            << location << "' (" << fileSize
                            << " bytes) does not hold the " << expected
                            << " bytes the tensor needs";
  auto buffer = llvm::MemoryBuffer::getFileSlice(*path, length, offset);
  if (!buffer)
    return emitError(where) << "tensor '" << t.name() << "': cannot read '"
                            << location << "': " << buffer.getError().message();
  out.mapped = std::move(*buffer);
  out.data = ArrayRef<char>(out.mapped->getBufferStart(), length);
  return success();
}

} // namespace

static FailureOr<uint64_t> elementCount(const onnx::TensorProto &t,
                                        Location where) {
  uint64_t count = 1;
  for (int64_t d : t.dims())
    if (d < 0 || __builtin_mul_overflow(count, static_cast<uint64_t>(d), &count))
      return emitError(where) << "tensor '" << t.name()
                              << "' has an invalid or overflowing shape",
             failure();
  return count;
}

static ElementsAttr makeAttr(RankedTensorType type, llvm::StringRef name,
                             TensorBytes &bytes, bool inlineConstant) {
  if (type.getElementType().isInteger(1)) {
    SmallVector<bool> bits(bytes.data.begin(), bytes.data.end());
    return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
  }
  if (inlineConstant)
    return DenseElementsAttr::getFromRawBuffer(type, bytes.data);
  size_t align = std::max<size_t>(
      1, type.getElementTypeBitWidth() / 8);
  std::string key = "w_" + name.str();
  for (char &c : key)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  if (bytes.mapped &&
      reinterpret_cast<uintptr_t>(bytes.data.data()) % align == 0) {
    std::shared_ptr<llvm::MemoryBuffer> keep = std::move(bytes.mapped);
    return DenseResourceElementsAttr::get(
        type, key,
        UnmanagedAsmResourceBlob::allocateWithAlign(
            bytes.data, align, [keep](void *, size_t, size_t) {}));
  }
  return DenseResourceElementsAttr::get(
      type, key, HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes.data, align));
}

FailureOr<ElementsAttr>
onnx_import::importTensor(MLIRContext *ctx, const onnx::TensorProto &t,
                          llvm::StringRef modelDir, int64_t maxInline,
                          Location where) {
  Type elementType = convertElementType(ctx, t.data_type());
  if (!elementType)
    return emitError(where) << "tensor '" << t.name()
                            << "' has unsupported type " << dataTypeName(t.data_type()),
           failure();
  FailureOr<uint64_t> count = elementCount(t, where);
  if (failed(count))
    return failure();
  uint64_t elemBytes = std::max(1u, elementType.getIntOrFloatBitWidth() / 8);
  uint64_t expected = 0;
  if (__builtin_mul_overflow(*count, elemBytes, &expected) ||
      expected > static_cast<uint64_t>(INT64_MAX))
    return emitError(where) << "tensor '" << t.name()
                            << "' is too large (its byte size overflows)",
           failure();
  TensorBytes bytes;
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    if (failed(externalBytes(t, modelDir, expected, where, bytes)))
      return failure();
  } else if (t.has_raw_data()) {
    bytes.data = ArrayRef<char>(t.raw_data().data(), t.raw_data().size());
  } else {
    if (failed(typedFieldBytes(t, where, bytes.owned)))
      return failure();
    bytes.data = bytes.owned;
  }
  if (bytes.data.size() != expected)
    return emitError(where) << "tensor '" << t.name() << "' holds "
                            << bytes.data.size() << " bytes of data, its shape "
                            << "and type need " << expected,
           failure();
  auto type = RankedTensorType::get(llvm::to_vector(t.dims()), elementType);
  bool inlineConstant = static_cast<int64_t>(*count) <= maxInline;
  return makeAttr(type, t.name(), bytes, inlineConstant);
}

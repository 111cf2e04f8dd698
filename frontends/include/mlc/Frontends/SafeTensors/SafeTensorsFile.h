// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Reader for Hugging Face safetensors checkpoints: one `model.safetensors`
// file, or the shards listed by `model.safetensors.index.json`. Files are
// memory-mapped and every header field is validated before any tensor data is
// handed out, so a malformed or truncated file yields an llvm::Error naming
// the file and tensor instead of an out-of-bounds read.

#ifndef MLC_FRONTENDS_SAFETENSORS_SAFETENSORSFILE_H
#define MLC_FRONTENDS_SAFETENSORS_SAFETENSORSFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlc::safetensors {

/// Element types of the safetensors format.
enum class DType {
  BOOL,
  U8,
  I8,
  U16,
  I16,
  F16,
  BF16,
  U32,
  I32,
  F32,
  U64,
  I64,
  F64,
  F8_E4M3,
  F8_E5M2,
};

/// Parses a header dtype string ("F32", "BF16", ...); std::nullopt if unknown.
std::optional<DType> parseDType(llvm::StringRef name);
/// The header spelling of |type|.
llvm::StringRef dtypeName(DType type);
/// Size of one element of |type| in bytes.
unsigned dtypeSize(DType type);

/// One tensor of a safetensors file, as validated from the header.
struct TensorInfo {
  std::string name;
  DType dtype;
  llvm::SmallVector<int64_t, 4> shape;
  uint64_t numElements = 1;
  /// Byte range [begin, end) relative to the start of the data section.
  uint64_t begin = 0;
  uint64_t end = 0;

  uint64_t byteSize() const { return end - begin; }
};

/// A memory-mapped, validated safetensors file. Immutable after open();
/// thread-safe for concurrent reads.
class SafeTensorsFile {
public:
  /// Maps |path| and validates its header. The error names |path| and, where
  /// one is at fault, the tensor.
  static llvm::Expected<std::unique_ptr<SafeTensorsFile>>
  open(llvm::StringRef path);

  /// Validates a file already in memory; |buffer|'s identifier names it in
  /// errors. For tests and fuzzing: open() never copies the file.
  static llvm::Expected<std::unique_ptr<SafeTensorsFile>>
  fromBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer);

  llvm::StringRef path() const { return filePath; }

  /// The tensor called |name|, or nullptr.
  const TensorInfo *lookup(llvm::StringRef name) const;
  /// The tensor called |name|, or an error naming the file and tensor.
  llvm::Expected<const TensorInfo &> get(llvm::StringRef name) const;

  /// All tensors, sorted by name.
  llvm::ArrayRef<TensorInfo> tensors() const { return tensorList; }
  /// Tensor names, sorted.
  std::vector<llvm::StringRef> names() const;

  /// The `__metadata__` string map (empty when absent).
  const std::map<std::string, std::string> &metadata() const { return meta; }

  /// The bytes of |info| (which must come from this file) inside the mapping.
  /// Valid as long as this object lives; not necessarily aligned.
  llvm::ArrayRef<char> data(const TensorInfo &info) const;

  /// Converts |info| (F32, F16, BF16 or F64) to f32 into |out|, which must
  /// hold exactly info.numElements values.
  llvm::Error readAsF32(const TensorInfo &info,
                        llvm::MutableArrayRef<float> out) const;

  ~SafeTensorsFile();

private:
  SafeTensorsFile() = default;
  llvm::Error parseHeader();
  llvm::Error addEntry(llvm::StringRef name, const llvm::json::Value &v,
                       uint64_t dataSize);
  llvm::Error parseMetadata(const llvm::json::Value &v);
  llvm::Error checkOverlaps() const;
  llvm::Error error(const llvm::Twine &message) const;
  llvm::Error tensorError(llvm::StringRef tensor,
                          const llvm::Twine &message) const;

  std::string filePath;
  std::optional<llvm::sys::fs::mapped_file_region> mapping;
  std::unique_ptr<llvm::MemoryBuffer> ownedBuffer;
  llvm::StringRef bytes;
  uint64_t dataStart = 0;
  std::vector<TensorInfo> tensorList;
  llvm::StringMap<size_t> byName;
  std::map<std::string, std::string> meta;
};

/// Decodes IEEE half and bfloat16 bit patterns.
float halfToFloat(uint16_t bits);
float bfloat16ToFloat(uint16_t bits);

/// Converts little-endian |bytes| of |type| (F32, F16, BF16 or F64) to f32
/// into |out|; |bytes| must hold exactly out.size() elements.
llvm::Error convertToF32(DType type, llvm::ArrayRef<char> bytes,
                         llvm::MutableArrayRef<float> out);

/// A tensor found through a SafeTensorsIndex: its file and header entry.
struct TensorRef {
  const SafeTensorsFile *file = nullptr;
  const TensorInfo *info = nullptr;

  llvm::ArrayRef<char> data() const { return file->data(*info); }
};

/// The tensors of a model directory: a sharded checkpoint described by
/// `model.safetensors.index.json`, or a single `model.safetensors`.
class SafeTensorsIndex {
public:
  /// Opens |indexPath| (a `model.safetensors.index.json`) and every shard its
  /// `weight_map` names, each once. Shards must resolve inside the index's
  /// directory, and every listed tensor must exist in its shard.
  static llvm::Expected<std::unique_ptr<SafeTensorsIndex>>
  openIndex(llvm::StringRef indexPath);

  /// Opens |dir|/model.safetensors.index.json if it exists, otherwise
  /// |dir|/model.safetensors as a single shard.
  static llvm::Expected<std::unique_ptr<SafeTensorsIndex>>
  openModelDirectory(llvm::StringRef dir);

  /// The tensor called |name|; file is null when there is none.
  TensorRef lookup(llvm::StringRef name) const;
  /// The tensor called |name|, or an error naming it.
  llvm::Expected<TensorRef> get(llvm::StringRef name) const;

  /// Tensor names, sorted.
  std::vector<llvm::StringRef> names() const;
  /// The opened shards, in first-use order.
  llvm::ArrayRef<std::unique_ptr<SafeTensorsFile>> shards() const {
    return shardFiles;
  }

private:
  SafeTensorsIndex() = default;
  llvm::Error addShardTensor(llvm::StringRef tensor, llvm::StringRef shard,
                             llvm::StringRef dir);
  llvm::Expected<size_t> openShard(llvm::StringRef shard, llvm::StringRef dir);

  std::string indexPath;
  std::vector<std::unique_ptr<SafeTensorsFile>> shardFiles;
  llvm::StringMap<size_t> shardByRealPath;
  llvm::StringMap<TensorRef> tensorMap;
};

} // namespace mlc::safetensors

#endif // MLC_FRONTENDS_SAFETENSORS_SAFETENSORSFILE_H

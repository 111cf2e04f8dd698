// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// safetensors layout: an 8-byte little-endian header length N, N bytes of
// JSON mapping tensor names to {dtype, shape, data_offsets}, then the data
// section the offsets index. Nothing in the file is trusted: every length and
// offset is checked against the mapping before data() can hand out bytes.

#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace llvm;

namespace mlc::safetensors {

namespace {

struct DTypeEntry {
  DType type;
  StringLiteral name;
  unsigned size;
};

constexpr DTypeEntry kDTypes[] = {
    {DType::BOOL, "BOOL", 1},       {DType::U8, "U8", 1},
    {DType::I8, "I8", 1},           {DType::U16, "U16", 2},
    {DType::I16, "I16", 2},         {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},       {DType::U32, "U32", 4},
    {DType::I32, "I32", 4},         {DType::F32, "F32", 4},
    {DType::U64, "U64", 8},         {DType::I64, "I64", 8},
    {DType::F64, "F64", 8},         {DType::F8_E4M3, "F8_E4M3", 1},
    {DType::F8_E5M2, "F8_E5M2", 1},
};

const DTypeEntry &entryFor(DType type) {
  for (const DTypeEntry &e : kDTypes)
    if (e.type == type)
      return e;
  llvm_unreachable("DType missing from kDTypes");
}

// The reference implementation rejects headers above 100 MB; so do we, which
// also bounds the JSON parser's memory on hostile input.
constexpr uint64_t kMaxHeaderSize = 100'000'000;

// llvm::json keeps one of two equal keys silently; a duplicated tensor name
// would hide an entry from the checks, so scan the (already valid) JSON text
// for a repeated top-level key.
std::optional<std::string> findDuplicateKey(StringRef text) {
  StringSet<> seen;
  int depth = 0;
  for (size_t i = 0, e = text.size(); i < e; ++i) {
    char c = text[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      size_t start = i++;
      for (; i < e && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
      size_t next = text.find_first_not_of(" \t\r\n", i + 1);
      if (depth != 1 || next == StringRef::npos || text[next] != ':')
        continue;
      Expected<json::Value> key = json::parse(text.slice(start, i + 1));
      if (!key) {
        consumeError(key.takeError());
        continue;
      }
      std::string name = key->getAsString()->str();
      if (!seen.insert(name).second)
        return name;
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<DType> parseDType(StringRef name) {
  for (const DTypeEntry &e : kDTypes)
    if (e.name == name)
      return e.type;
  return std::nullopt;
}

StringRef dtypeName(DType type) { return entryFor(type).name; }

unsigned dtypeSize(DType type) { return entryFor(type).size; }

//===----------------------------------------------------------------------===//
// f16 / bf16 conversion
//===----------------------------------------------------------------------===//

float halfToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in f32.
    float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  uint32_t bits = exponent == 0x1f
                      ? sign | 0x7f800000u | (mantissa << 13) // inf / NaN
                      : sign | ((exponent + 112) << 23) | (mantissa << 13);
  return bit_cast<float>(bits);
}

float bfloat16ToFloat(uint16_t bits) {
  return bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

Error convertToF32(DType type, ArrayRef<char> bytes,
                   MutableArrayRef<float> out) {
  unsigned size = dtypeSize(type);
  if (bytes.size() / size != out.size() || bytes.size() % size != 0)
    return createStringError(
        formatv("cannot convert {0} bytes of {1} into {2} f32 values",
                bytes.size(), dtypeName(type), out.size()));
  const char *p = bytes.data();
  using namespace llvm::support::endian;
  switch (type) {
  case DType::F32:
    for (size_t i = 0, e = out.size(); i < e; ++i)
      out[i] = bit_cast<float>(read32le(p + 4 * i));
    return Error::success();
  case DType::F16:
    for (size_t i = 0, e = out.size(); i < e; ++i)
      out[i] = halfToFloat(read16le(p + 2 * i));
    return Error::success();
  case DType::BF16:
    for (size_t i = 0, e = out.size(); i < e; ++i)
      out[i] = bfloat16ToFloat(read16le(p + 2 * i));
    return Error::success();
  case DType::F64:
    for (size_t i = 0, e = out.size(); i < e; ++i)
      out[i] = static_cast<float>(bit_cast<double>(read64le(p + 8 * i)));
    return Error::success();
  default:
    return createStringError(
        formatv("cannot convert {0} to f32", dtypeName(type)));
  }
}

//===----------------------------------------------------------------------===//
// SafeTensorsFile
//===----------------------------------------------------------------------===//

SafeTensorsFile::~SafeTensorsFile() = default;

Error SafeTensorsFile::error(const Twine &message) const {
  return createStringError("'" + filePath + "': " + message.str());
}

Error SafeTensorsFile::tensorError(StringRef tensor,
                                   const Twine &message) const {
  return error("tensor '" + tensor + "': " + message);
}

Expected<std::unique_ptr<SafeTensorsFile>>
SafeTensorsFile::open(StringRef path) {
  std::unique_ptr<SafeTensorsFile> file(new SafeTensorsFile());
  file->filePath = path.str();
  Expected<sys::fs::file_t> fd = sys::fs::openNativeFileForRead(path);
  if (!fd)
    return file->error("cannot open: " + toString(fd.takeError()));
  auto closeFd = make_scope_exit([&] { sys::fs::closeFile(*fd); });
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(*fd, status))
    return file->error("cannot stat: " + ec.message());
  if (status.type() != sys::fs::file_type::regular_file)
    return file->error("not a regular file");
  uint64_t size = status.getSize();
  // mapped_file_region cannot map an empty file; parseHeader() rejects any
  // file shorter than the 8-byte length prefix anyway.
  if (size != 0) {
    std::error_code ec;
    file->mapping.emplace(*fd, sys::fs::mapped_file_region::readonly, size, 0,
                          ec);
    if (ec)
      return file->error("cannot map: " + ec.message());
    file->bytes = StringRef(file->mapping->const_data(), size);
  }
  if (Error err = file->parseHeader())
    return std::move(err);
  return std::move(file);
}

Expected<std::unique_ptr<SafeTensorsFile>>
SafeTensorsFile::fromBuffer(std::unique_ptr<MemoryBuffer> buffer) {
  std::unique_ptr<SafeTensorsFile> file(new SafeTensorsFile());
  file->filePath = buffer->getBufferIdentifier().str();
  file->bytes = buffer->getBuffer();
  file->ownedBuffer = std::move(buffer);
  if (Error err = file->parseHeader())
    return std::move(err);
  return std::move(file);
}

Error SafeTensorsFile::parseHeader() {
  uint64_t fileSize = bytes.size();
  if (fileSize < 8)
    return error(formatv("file is {0} bytes, too short for the 8-byte header "
                         "length",
                         fileSize));
  uint64_t headerSize = support::endian::read64le(bytes.data());
  // Compare against the remaining size, never headerSize + 8 (overflow).
  if (headerSize > fileSize - 8)
    return error(formatv("header length {0} exceeds the {1} bytes after the "
                         "length prefix (file is {2} bytes)",
                         headerSize, fileSize - 8, fileSize));
  if (headerSize > kMaxHeaderSize)
    return error(formatv("header length {0} exceeds the {1}-byte limit",
                         headerSize, kMaxHeaderSize));
  dataStart = 8 + headerSize;
  Expected<json::Value> header = json::parse(bytes.substr(8, headerSize));
  if (!header)
    return error("header is not valid JSON: " + toString(header.takeError()));
  const json::Object *object = header->getAsObject();
  if (!object)
    return error("header is not a JSON object");
  if (std::optional<std::string> name =
          findDuplicateKey(bytes.substr(8, headerSize)))
    return tensorError(*name, "appears twice in the header");
  uint64_t dataSize = fileSize - dataStart;
  for (const auto &[key, value] : *object) {
    Error err = key == "__metadata__" ? parseMetadata(value)
                                      : addEntry(key, value, dataSize);
    if (err)
      return err;
  }
  llvm::sort(tensorList, [](const TensorInfo &a, const TensorInfo &b) {
    return a.name < b.name;
  });
  for (auto [i, info] : llvm::enumerate(tensorList))
    byName[info.name] = i;
  return checkOverlaps();
}

Error SafeTensorsFile::parseMetadata(const json::Value &value) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return error("'__metadata__' is not a JSON object");
  for (const auto &[key, item] : *object) {
    std::optional<StringRef> text = item.getAsString();
    if (!text)
      return error("'__metadata__' entry '" + key.str() + "' is not a string");
    meta[key.str()] = text->str();
  }
  return Error::success();
}

namespace {

// Reads shape: non-negative integers whose product (and byte size) fits u64.
Error parseShape(const json::Value *value, unsigned elementSize,
                 TensorInfo &info) {
  const json::Array *dims = value ? value->getAsArray() : nullptr;
  if (!dims)
    return createStringError("'shape' is missing or not an array");
  for (const json::Value &dim : *dims) {
    std::optional<int64_t> d = dim.getAsInteger();
    if (!d || *d < 0)
      return createStringError("'shape' has a dimension that is not a "
                               "non-negative integer");
    uint64_t count;
    if (__builtin_mul_overflow(info.numElements, static_cast<uint64_t>(*d),
                               &count))
      return createStringError("'shape' element count overflows 64 bits");
    info.shape.push_back(*d);
    info.numElements = count;
  }
  uint64_t bytes;
  if (__builtin_mul_overflow(info.numElements, uint64_t(elementSize), &bytes))
    return createStringError("'shape' byte size overflows 64 bits");
  return Error::success();
}

Error parseOffsets(const json::Value *value, TensorInfo &info) {
  const json::Array *offsets = value ? value->getAsArray() : nullptr;
  if (!offsets || offsets->size() != 2)
    return createStringError("'data_offsets' is missing or not a [begin, end] "
                             "array");
  std::optional<uint64_t> begin = (*offsets)[0].getAsUINT64();
  std::optional<uint64_t> end = (*offsets)[1].getAsUINT64();
  if (!begin || !end)
    return createStringError("'data_offsets' are not non-negative integers");
  if (*begin > *end)
    return createStringError(formatv(
        "'data_offsets' [{0}, {1}] end before they begin", *begin, *end));
  info.begin = *begin;
  info.end = *end;
  return Error::success();
}

} // namespace

Error SafeTensorsFile::addEntry(StringRef name, const json::Value &value,
                                uint64_t dataSize) {
  const json::Object *entry = value.getAsObject();
  if (!entry)
    return tensorError(name, "entry is not a JSON object");
  TensorInfo info;
  info.name = name.str();
  std::optional<StringRef> dtype = entry->getString("dtype");
  if (!dtype)
    return tensorError(name, "'dtype' is missing or not a string");
  std::optional<DType> type = parseDType(*dtype);
  if (!type)
    return tensorError(name, "unknown dtype '" + *dtype + "'");
  info.dtype = *type;
  if (Error err = parseShape(entry->get("shape"), dtypeSize(*type), info))
    return tensorError(name, toString(std::move(err)));
  if (Error err = parseOffsets(entry->get("data_offsets"), info))
    return tensorError(name, toString(std::move(err)));
  if (info.end > dataSize)
    return tensorError(
        name, formatv("data_offsets [{0}, {1}] exceed the {2}-byte data "
                      "section",
                      info.begin, info.end, dataSize));
  uint64_t expected = info.numElements * dtypeSize(*type);
  if (info.byteSize() != expected)
    return tensorError(
        name, formatv("data_offsets [{0}, {1}] hold {2} bytes, but {3} "
                      "elements of {4} need {5}",
                      info.begin, info.end, info.byteSize(), info.numElements,
                      *dtype, expected));
  tensorList.push_back(std::move(info));
  return Error::success();
}

Error SafeTensorsFile::checkOverlaps() const {
  std::vector<const TensorInfo *> byOffset;
  for (const TensorInfo &info : tensorList)
    if (info.byteSize() != 0)
      byOffset.push_back(&info);
  llvm::sort(byOffset, [](const TensorInfo *a, const TensorInfo *b) {
    return std::tie(a->begin, a->end, a->name) <
           std::tie(b->begin, b->end, b->name);
  });
  for (size_t i = 1; i < byOffset.size(); ++i) {
    const TensorInfo &prev = *byOffset[i - 1], &cur = *byOffset[i];
    if (cur.begin < prev.end)
      return tensorError(
          cur.name,
          formatv("data_offsets [{0}, {1}] overlap tensor '{2}' at "
                  "[{3}, {4}]",
                  cur.begin, cur.end, prev.name, prev.begin, prev.end));
  }
  return Error::success();
}

const TensorInfo *SafeTensorsFile::lookup(StringRef name) const {
  auto it = byName.find(name);
  return it == byName.end() ? nullptr : &tensorList[it->second];
}

Expected<const TensorInfo &> SafeTensorsFile::get(StringRef name) const {
  if (const TensorInfo *info = lookup(name))
    return *info;
  return tensorError(name, "not found");
}

std::vector<StringRef> SafeTensorsFile::names() const {
  std::vector<StringRef> result;
  result.reserve(tensorList.size());
  for (const TensorInfo &info : tensorList)
    result.push_back(info.name);
  return result;
}

ArrayRef<char> SafeTensorsFile::data(const TensorInfo &info) const {
  // The header checks guarantee dataStart + info.end <= bytes.size().
  return ArrayRef<char>(bytes.data() + dataStart + info.begin, info.byteSize());
}

Error SafeTensorsFile::readAsF32(const TensorInfo &info,
                                 MutableArrayRef<float> out) const {
  if (out.size() != info.numElements)
    return tensorError(info.name,
                       formatv("has {0} elements, the destination holds {1}",
                               info.numElements, out.size()));
  if (Error err = convertToF32(info.dtype, data(info), out))
    return tensorError(info.name, toString(std::move(err)));
  return Error::success();
}

} // namespace mlc::safetensors

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for model.safetensors.index.json: each input is written
// as the index of a scratch model directory holding two small valid shards
// (shard-1.safetensors, shard-2.safetensors, tensors "a" and "b") and opened,
// which parses the weight map, confines shard paths to the directory and
// checks every listed tensor against its shard.

#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>

using namespace mlc::safetensors;

namespace {

// A safetensors file with one F32 tensor |name| of two elements.
std::string shard(llvm::StringRef name) {
  std::string header = "{\"" + name.str() +
                       "\":{\"dtype\":\"F32\",\"shape\":[2],"
                       "\"data_offsets\":[0,8]}}";
  while (header.size() % 8)
    header += ' ';
  std::string file(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    file[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return file + header + std::string(8, '\0');
}

void writeFile(llvm::StringRef path, llvm::StringRef bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (!ec)
    os << bytes;
}

// The scratch directory, created once per process.
const std::string &scratchDir() {
  static const std::string dir = [] {
    llvm::SmallString<128> path;
    if (llvm::sys::fs::createUniqueDirectory("mlc-index-fuzz", path))
      std::abort();
    writeFile((path + "/shard-1.safetensors").str(), shard("a"));
    writeFile((path + "/shard-2.safetensors").str(), shard("b"));
    return std::string(path);
  }();
  return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string index = scratchDir() + "/model.safetensors.index.json";
  writeFile(index, llvm::StringRef(reinterpret_cast<const char *>(data), size));
  auto opened = SafeTensorsIndex::openIndex(index);
  if (!opened) {
    llvm::consumeError(opened.takeError());
    return 0;
  }
  for (llvm::StringRef name : (*opened)->names())
    (void)(*opened)->lookup(name).data();
  return 0;
}

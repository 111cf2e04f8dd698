// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_ARTIFACT_BYTEWRITER_H
#define MLC_ARTIFACT_BYTEWRITER_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::mlc {

/// Appends the little-endian records of the artifact formats (x86-64 only
/// for now: host order): integers, and strings as u32 length + bytes.
struct ByteWriter {
  std::string bytes;
  template <typename T> void put(T v) {
    bytes.append(reinterpret_cast<const char *>(&v), sizeof(T));
  }
  void putString(llvm::StringRef s) {
    put<uint32_t>(s.size());
    bytes.append(s.data(), s.size());
  }
};

} // namespace mlir::mlc

#endif // MLC_ARTIFACT_BYTEWRITER_H

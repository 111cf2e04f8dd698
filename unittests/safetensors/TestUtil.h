// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Helpers shared by the safetensors tests: a temporary directory and a
// byte-level safetensors file builder.

#ifndef MLC_UNITTESTS_SAFETENSORS_TESTUTIL_H
#define MLC_UNITTESTS_SAFETENSORS_TESTUTIL_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlc::safetensors::test {

/// An 8-byte little-endian length (|headerLength|, default header.size()),
/// then |header|, then |data|.
inline std::string makeSafeTensors(llvm::StringRef header,
                                   llvm::StringRef data = "",
                                   std::optional<uint64_t> headerLength = {}) {
  std::string bytes(8, '\0');
  llvm::support::endian::write64le(bytes.data(),
                                   headerLength.value_or(header.size()));
  bytes += header.str();
  bytes += data.str();
  return bytes;
}

/// Appends |v| as little-endian bytes of its size.
template <typename T> void appendLE(std::string &out, T v) {
  char buf[sizeof(T)];
  llvm::support::endian::write<T, llvm::endianness::little>(buf, v);
  out.append(buf, sizeof(T));
}

/// Consumes |value|'s error and returns its message ("" on success).
template <typename T> std::string errorText(llvm::Expected<T> &value) {
  if (value)
    return "";
  return llvm::toString(value.takeError());
}

/// A fixture owning a fresh temporary directory.
class TempDirTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mlc-safetensors", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  std::string path(llvm::StringRef name) const {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, name);
    return std::string(p);
  }

  std::string write(llvm::StringRef name, llvm::StringRef bytes) const {
    std::string p = path(name);
    std::error_code ec;
    llvm::raw_fd_ostream os(p, ec);
    EXPECT_FALSE(ec) << ec.message();
    os << bytes;
    return p;
  }

  llvm::SmallString<128> dir;
};

} // namespace mlc::safetensors::test

#endif // MLC_UNITTESTS_SAFETENSORS_TESTUTIL_H

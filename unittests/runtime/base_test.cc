// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include <cstdint>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mlc/runtime/api.h"

namespace {

using ::testing::StrEq;

TEST(StatusTest, OkIsNull) {
  EXPECT_EQ(mlc_status_code(MLC_OK), MLC_STATUS_OK);
  EXPECT_THAT(mlc_status_message(MLC_OK), StrEq("OK"));
  mlc_status_free(MLC_OK);
}

TEST(StatusTest, FormatsMessage) {
  mlc_status_t status =
      mlc_make_status(MLC_STATUS_NOT_FOUND, "input '%s' has %d dims", "x", 2);
  ASSERT_NE(status, MLC_OK);
  EXPECT_EQ(mlc_status_code(status), MLC_STATUS_NOT_FOUND);
  EXPECT_THAT(mlc_status_message(status), StrEq("input 'x' has 2 dims"));
  mlc_status_free(status);
}

TEST(StatusTest, LongMessageIsNotTruncated) {
  std::string long_text(10000, 'a');
  mlc_status_t status =
      mlc_make_status(MLC_STATUS_INTERNAL, "%s!", long_text.c_str());
  EXPECT_EQ(std::string(mlc_status_message(status)), long_text + "!");
  mlc_status_free(status);
}

TEST(StatusTest, OkCodeNeverYieldsNull) {
  mlc_status_t status = mlc_make_status(MLC_STATUS_OK, "oops");
  ASSERT_NE(status, MLC_OK);
  EXPECT_EQ(mlc_status_code(status), MLC_STATUS_INTERNAL);
  mlc_status_free(status);
}

TEST(StatusTest, CodeStrings) {
  EXPECT_THAT(mlc_status_code_string(MLC_STATUS_OK), StrEq("OK"));
  EXPECT_THAT(mlc_status_code_string(MLC_STATUS_DATA_LOSS), StrEq("DATA_LOSS"));
  EXPECT_THAT(mlc_status_code_string(MLC_STATUS_UNIMPLEMENTED),
              StrEq("UNIMPLEMENTED"));
  EXPECT_THAT(mlc_status_code_string(static_cast<mlc_status_code_t>(99)),
              StrEq("UNKNOWN"));
}

TEST(DtypeTest, NamesAndSizes) {
  EXPECT_THAT(mlc_dtype_name(MLC_DTYPE_F32), StrEq("float32"));
  EXPECT_THAT(mlc_dtype_name(MLC_DTYPE_BF16), StrEq("bfloat16"));
  EXPECT_THAT(mlc_dtype_name(MLC_DTYPE_BOOL), StrEq("bool"));
  EXPECT_THAT(mlc_dtype_name(static_cast<mlc_dtype_t>(42)), StrEq("invalid"));
  EXPECT_EQ(mlc_dtype_size(MLC_DTYPE_F64), 8u);
  EXPECT_EQ(mlc_dtype_size(MLC_DTYPE_INVALID), 0u);
}

TEST(AllocatorTest, SystemAllocatorIs64ByteAligned) {
  mlc_allocator_t allocator = mlc_allocator_system();
  for (size_t size : {0, 1, 63, 4096, 1 << 20}) {
    void* ptr = allocator.alloc(allocator.self, size);
    ASSERT_NE(ptr, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(ptr) % 64, 0u);
    allocator.free(allocator.self, ptr);
  }
  allocator.free(allocator.self, nullptr);
}

TEST(ChecksumTest, MatchesFnv1a) {
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c.
  EXPECT_EQ(mlc_artifact_checksum_update(MLC_ARTIFACT_CHECKSUM_SEED, "a", 1),
            0xaf63dc4c8601ec8cull);
}

}  // namespace

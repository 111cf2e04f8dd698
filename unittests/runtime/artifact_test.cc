// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Loading valid, truncated, corrupt and malformed artifacts.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "artifact_builder.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::AddModelSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::Bytes;
using ::mlc::testing::EditHeader;
using ::mlc::testing::ReadHeader;
using ::mlc::testing::Status;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Writes |bytes| to model.mlc and loads it; returns the status and the path.
Status Load(const Bytes& bytes, std::string* out_path = nullptr) {
  std::string path = WriteTempFile("model.mlc", bytes);
  if (out_path) *out_path = path;
  mlc_module_t* module = nullptr;
  Status status = Take(
      mlc_module_load_file(path.c_str(), mlc_allocator_system(), &module));
  if (status.code != MLC_STATUS_OK) {
    EXPECT_EQ(module, nullptr);
  }
  mlc_module_release(module);
  return status;
}

// Expects loading |bytes| to fail with |code| and a message that starts with
// the path and contains |text|.
void ExpectLoadError(const Bytes& bytes, mlc_status_code_t code,
                     const std::string& text) {
  std::string path;
  Status status = Load(bytes, &path);
  EXPECT_EQ(status.code, code) << status.message;
  EXPECT_THAT(status.message, AllOf(StartsWith(path + ": "), HasSubstr(text)));
}

// Runs the add model in |bytes| on x = 1..6 and returns the output.
std::vector<float> RunAddModel(const Bytes& bytes) {
  std::string path = WriteTempFile("run.mlc", bytes);
  mlc_module_t* module = nullptr;
  mlc_session_t* session = nullptr;
  EXPECT_EQ(mlc_module_load_file(path.c_str(), mlc_allocator_system(), &module),
            MLC_OK);
  EXPECT_EQ(mlc_session_create(module, mlc_allocator_system(), &session),
            MLC_OK);
  const float x[6] = {1, 2, 3, 4, 5, 6};
  const int64_t dims[2] = {2, 3};
  EXPECT_EQ(mlc_session_bind_input(session, "x", MLC_DTYPE_F32, 2, dims, x,
                                   sizeof(x)),
            MLC_OK);
  EXPECT_EQ(mlc_session_run(session), MLC_OK);
  const void* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(mlc_session_output(session, "out", nullptr, &data, &size), MLC_OK);
  const float* p = static_cast<const float*>(data);
  std::vector<float> result(p, p + size / sizeof(float));
  mlc_session_release(session);
  mlc_module_release(module);
  return result;
}

TEST(ArtifactTest, LoadsValidArtifact) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EXPECT_EQ(ReadHeader(bytes).weights_offset % MLC_ARTIFACT_WEIGHTS_ALIGNMENT, 0u);
  EXPECT_EQ(Load(bytes).code, MLC_STATUS_OK);
  EXPECT_THAT(RunAddModel(bytes), ElementsAre(11, 22, 33, 44, 55, 66));
}

TEST(ArtifactTest, ModulesLoadRepeatedlyAndSideBySide) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  std::string path = WriteTempFile("twice.mlc", bytes);
  for (int round = 0; round < 3; ++round) {
    mlc_module_t* a = nullptr;
    mlc_module_t* b = nullptr;
    ASSERT_EQ(mlc_module_load_file(path.c_str(), mlc_allocator_system(), &a),
              MLC_OK);
    ASSERT_EQ(mlc_module_load_file(path.c_str(), mlc_allocator_system(), &b),
              MLC_OK);
    mlc_module_release(a);
    mlc_module_release(b);
  }
  EXPECT_THAT(RunAddModel(bytes), ElementsAre(11, 22, 33, 44, 55, 66));
}

TEST(ArtifactTest, NonexistentFile) {
  mlc_module_t* module = nullptr;
  Status status = Take(mlc_module_load_file(
      "/nonexistent/model.mlc", mlc_allocator_system(), &module));
  EXPECT_EQ(status.code, MLC_STATUS_NOT_FOUND);
  EXPECT_THAT(status.message, StartsWith("/nonexistent/model.mlc: "));
}

TEST(ArtifactTest, Directory) {
  mlc_module_t* module = nullptr;
  Status status =
      Take(mlc_module_load_file("/", mlc_allocator_system(), &module));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message, HasSubstr("not a regular file"));
}

TEST(ArtifactTest, EmptyFile) {
  ExpectLoadError({}, MLC_STATUS_DATA_LOSS,
                  "truncated: file has 0 bytes, smaller than the 128-byte "
                  "header");
}

TEST(ArtifactTest, Truncated) {
  Bytes full = BuildArtifact(AddModelSpec());
  mlc_artifact_header_t h = ReadHeader(full);
  struct Cut {
    uint64_t size;
    std::string text;
  };
  const Cut cuts[] = {
      {50, "smaller than the 128-byte header"},
      {h.meta_offset + h.meta_size / 2, "truncated: metadata section ["},
      {h.code_offset + h.code_size / 2, "truncated: code section ["},
      {h.weights_offset + 8, "truncated: weights section ["},
      {full.size() - 1, "exceeds file size " + std::to_string(full.size() - 1)},
  };
  for (const Cut& cut : cuts) {
    SCOPED_TRACE(cut.size);
    ExpectLoadError(Bytes(full.begin(), full.begin() + cut.size),
                    MLC_STATUS_DATA_LOSS, cut.text);
  }
}

TEST(ArtifactTest, TruncatedMessageNamesSectionBounds) {
  Bytes full = BuildArtifact(AddModelSpec());
  mlc_artifact_header_t h = ReadHeader(full);
  uint64_t cut = h.code_offset + 10;
  ExpectLoadError(Bytes(full.begin(), full.begin() + cut), MLC_STATUS_DATA_LOSS,
                  "truncated: code section [" + std::to_string(h.code_offset) +
                      ", " + std::to_string(h.code_offset + h.code_size) +
                      ") exceeds file size " + std::to_string(cut));
}

TEST(ArtifactTest, TrailingBytes) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  bytes.push_back(0);
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "but the header records file");
}

TEST(ArtifactTest, BitFlipsBeforeWeightsFailChecksum) {
  Bytes good = BuildArtifact(AddModelSpec());
  mlc_artifact_header_t h = ReadHeader(good);
  const uint64_t offsets[] = {
      offsetof(mlc_artifact_header_t, reserved) + 3,  // header
      h.meta_offset + 2,                              // entry symbol length
      h.meta_offset + h.meta_size - 1,                // last weight record
      h.code_offset + 1,                              // ELF magic
      h.code_offset + h.code_size / 2,                // code body
  };
  for (uint64_t offset : offsets) {
    SCOPED_TRACE(offset);
    Bytes bytes = good;
    bytes[offset] ^= 0x10;
    ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "checksum mismatch");
  }
}

TEST(ArtifactTest, BitFlipInWeightsStillLoads) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  mlc_artifact_header_t h = ReadHeader(bytes);
  float w0 = 0;
  std::memcpy(&w0, &bytes[h.weights_offset], sizeof(w0));
  w0 = 1000;
  std::memcpy(&bytes[h.weights_offset], &w0, sizeof(w0));
  EXPECT_THAT(RunAddModel(bytes), ElementsAre(1001, 22, 33, 44, 55, 66));
}

TEST(ArtifactTest, BitFlipInHeaderFields) {
  Bytes good = BuildArtifact(AddModelSpec());
  Bytes bytes = good;
  bytes[offsetof(mlc_artifact_header_t, checksum)] ^= 1;
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "checksum mismatch");
  bytes = good;
  bytes[offsetof(mlc_artifact_header_t, code_size) + 5] ^= 1;
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "code section");
}

TEST(ArtifactTest, BadMagic) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  bytes[0] = 'X';
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "not an mlc artifact");
}

TEST(ArtifactTest, NewerVersionIsUnimplemented) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EditHeader(bytes, [](mlc_artifact_header_t& h) { h.version = 4; });
  ExpectLoadError(bytes, MLC_STATUS_UNIMPLEMENTED,
                  "artifact version 4 is newer than the runtime's version 3");
}

TEST(ArtifactTest, OlderVersionIsUnimplemented) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EditHeader(bytes, [](mlc_artifact_header_t& h) { h.version = 2; });
  ExpectLoadError(bytes, MLC_STATUS_UNIMPLEMENTED,
                  "artifact version 2 is older than the runtime's version 3 "
                  "and no longer supported; recompile the model");
}

TEST(ArtifactTest, VersionZero) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EditHeader(bytes, [](mlc_artifact_header_t& h) { h.version = 0; });
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "invalid version 0");
}

TEST(ArtifactTest, WrongHeaderSize) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EditHeader(bytes, [](mlc_artifact_header_t& h) { h.header_size = 64; });
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, "header_size is 64");
}

TEST(ArtifactTest, UnknownTargetIsUnimplemented) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EditHeader(bytes, [](mlc_artifact_header_t& h) { h.target = 7; });
  ExpectLoadError(bytes, MLC_STATUS_UNIMPLEMENTED, "unsupported target 7");
}

}  // namespace

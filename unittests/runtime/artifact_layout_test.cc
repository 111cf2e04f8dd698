// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Artifacts with a valid checksum whose layout or metadata is malformed, as a
// buggy or hostile writer would produce them.

#include <cstdint>
#include <cstring>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "artifact_builder.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::AddModelSpec;
using ::mlc::testing::ArtifactSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::Bytes;
using ::mlc::testing::EditHeader;
using ::mlc::testing::EncodeMetadata;
using ::mlc::testing::Status;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

void ExpectLoadError(const Bytes& bytes, mlc_status_code_t code,
                     const std::string& text) {
  std::string path = WriteTempFile("bad.mlc", bytes);
  mlc_module_t* module = nullptr;
  Status status = Take(
      mlc_module_load_file(path.c_str(), mlc_allocator_system(), &module));
  EXPECT_EQ(status.code, code) << status.message;
  EXPECT_THAT(status.message, AllOf(StartsWith(path + ": "), HasSubstr(text)));
  EXPECT_EQ(module, nullptr);
  mlc_module_release(module);
}

void ExpectHeaderError(void (*edit)(mlc_artifact_header_t&),
                       const std::string& text) {
  Bytes bytes = BuildArtifact(AddModelSpec());
  EditHeader(bytes, edit);
  ExpectLoadError(bytes, MLC_STATUS_DATA_LOSS, text);
}

void ExpectSpecError(const ArtifactSpec& spec, const std::string& text) {
  ExpectLoadError(BuildArtifact(spec), MLC_STATUS_DATA_LOSS, text);
}

// Patches the u32 or u64 at |offset| of the add model's encoded metadata.
template <typename T>
Bytes PatchedMetadata(size_t offset, T value) {
  Bytes meta = EncodeMetadata(AddModelSpec());
  std::memcpy(&meta[offset], &value, sizeof(value));
  return meta;
}

// Metadata offsets of the add model ("mlc_test_entry" is 14 bytes).
constexpr size_t kNumInputsOffset = 4 + 14;
constexpr size_t kFirstTensorOffset = kNumInputsOffset + 12;
constexpr size_t kFirstRankOffset = kFirstTensorOffset + 4 + 1 + 4;

TEST(ArtifactLayoutTest, SectionOutOfBounds) {
  ExpectHeaderError([](mlc_artifact_header_t& h) { h.code_size += 1 << 20; },
                    "truncated: code section [");
  ExpectHeaderError([](mlc_artifact_header_t& h) { h.meta_offset = 1ull << 40; },
                    "metadata section [");
  ExpectHeaderError([](mlc_artifact_header_t& h) { h.weights_size += 1; },
                    "weights section [");
}

TEST(ArtifactLayoutTest, SectionOffsetOverflow) {
  ExpectHeaderError(
      [](mlc_artifact_header_t& h) { h.code_offset = UINT64_MAX - 4; },
      "code section offset 18446744073709551611 + size");
}

TEST(ArtifactLayoutTest, SectionsOverlap) {
  ExpectHeaderError(
      [](mlc_artifact_header_t& h) { h.code_offset = h.meta_offset + 4; },
      "overlaps code section");
  ExpectHeaderError([](mlc_artifact_header_t& h) { h.meta_offset = 64; },
                    "must lie between the header and the weights");
}

TEST(ArtifactLayoutTest, CodeAfterWeightsIsNotCoveredByChecksum) {
  ExpectHeaderError(
      [](mlc_artifact_header_t& h) {
        h.code_offset = h.weights_offset;
        h.code_size = h.weights_size;
      },
      "must lie between the header and the weights");
}

TEST(ArtifactLayoutTest, MisalignedWeights) {
  ExpectHeaderError(
      [](mlc_artifact_header_t& h) {
        h.weights_offset -= 64;
        h.weights_size += 64;
      },
      "is not a multiple of 4096");
}

TEST(ArtifactLayoutTest, EmptyCode) {
  ExpectHeaderError([](mlc_artifact_header_t& h) { h.code_size = 0; },
                    "empty code section");
}

TEST(ArtifactLayoutTest, HugeRank) {
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint32_t>(kFirstRankOffset,
                                                          100000)),
                  MLC_STATUS_DATA_LOSS, "has rank 100000, more than the");
}

TEST(ArtifactLayoutTest, DimsOverflow) {
  ArtifactSpec spec = AddModelSpec();
  spec.outputs[0].dims = {1ll << 40, 1ll << 40};
  ExpectSpecError(spec, "tensor 'out' byte size overflows");
  spec.outputs[0].dims = {INT64_MAX};
  ExpectSpecError(spec, "tensor 'out' byte size overflows");
}

TEST(ArtifactLayoutTest, NegativeDim) {
  ArtifactSpec spec = AddModelSpec();
  spec.inputs[0].dims = {2, -3};
  ExpectSpecError(spec, "tensor 'x' has negative dimension -3");
}

TEST(ArtifactLayoutTest, InvalidDtype) {
  ArtifactSpec spec = AddModelSpec();
  spec.inputs[0].dtype = 99;
  ExpectSpecError(spec, "tensor 'x' has invalid dtype 99");
}

TEST(ArtifactLayoutTest, HugeCounts) {
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint32_t>(kNumInputsOffset,
                                                          0xffffffffu)),
                  MLC_STATUS_DATA_LOSS, "4294967295 inputs");
}

TEST(ArtifactLayoutTest, NameTooLong) {
  ArtifactSpec spec = AddModelSpec();
  spec.inputs[0].name = std::string(MLC_ARTIFACT_MAX_NAME + 1, 'n');
  ExpectSpecError(spec, "tensor name has length 4097");
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint32_t>(0, 0x7fffffffu)),
                  MLC_STATUS_DATA_LOSS, "entry symbol has length 2147483647");
}

TEST(ArtifactLayoutTest, BadNames) {
  ArtifactSpec spec = AddModelSpec();
  spec.inputs[0].name = "";
  ExpectSpecError(spec, "tensor name has length 0");
  spec.inputs[0].name = std::string("a\0b", 3);
  ExpectSpecError(spec, "tensor name contains a NUL byte");
  spec = AddModelSpec();
  spec.inputs.push_back(spec.inputs[0]);
  ExpectSpecError(spec, "two inputs are named 'x'");
}

TEST(ArtifactLayoutTest, TruncatedMetadataRecord) {
  Bytes meta = EncodeMetadata(AddModelSpec());
  meta.resize(meta.size() - 3);
  ExpectLoadError(BuildArtifact(AddModelSpec(), meta), MLC_STATUS_DATA_LOSS,
                  "truncated metadata: weight size needs 8 bytes");
}

TEST(ArtifactLayoutTest, TrailingMetadata) {
  Bytes meta = EncodeMetadata(AddModelSpec());
  meta.push_back(0);
  ExpectLoadError(BuildArtifact(AddModelSpec(), meta), MLC_STATUS_DATA_LOSS,
                  "1 unexpected bytes after the last metadata record");
}

TEST(ArtifactLayoutTest, WeightRecordOutOfBounds) {
  size_t record = EncodeMetadata(AddModelSpec()).size() - 16;
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint64_t>(record, 4096)),
                  MLC_STATUS_DATA_LOSS, "exceeds the 64-byte weights section");
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint64_t>(record, 8)),
                  MLC_STATUS_DATA_LOSS, "weight 0 offset 8 is not a multiple");
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint64_t>(record + 8,
                                                          UINT64_MAX)),
                  MLC_STATUS_DATA_LOSS, "exceeds the 64-byte weights section");
}

TEST(ArtifactLayoutTest, MissingEntrySymbol) {
  ArtifactSpec spec = AddModelSpec();
  spec.entry_symbol = "no_such_entry";
  ExpectSpecError(spec, "entry symbol 'no_such_entry' not found");
}

TEST(ArtifactLayoutTest, CodeIsNotAnElfObject) {
  ArtifactSpec spec = AddModelSpec();
  spec.code = Bytes(100, 0x90);
  ExpectSpecError(spec, "code section is not a loadable shared object");
}

}  // namespace

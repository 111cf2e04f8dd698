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
using ::mlc::testing::ScaleModelSpec;
using ::mlc::testing::Status;
using ::mlc::testing::Sym;
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

// Metadata offsets of the add model ("mlc_test_entry" is 14 bytes; the model
// has no symbols).
constexpr size_t kNumInputsOffset = 4 + 14;
constexpr size_t kNumSymbolsOffset = kNumInputsOffset + 12;
constexpr size_t kFirstTensorOffset = kNumInputsOffset + 16;
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

TEST(ArtifactLayoutTest, NegativeDimWithoutSymbols) {
  ArtifactSpec spec = AddModelSpec();
  spec.inputs[0].dims = {2, -3};
  ExpectSpecError(spec,
                  "tensor 'x' dim 1 is -3, which refers to symbol 2, but the "
                  "model declares 0 symbols");
}

TEST(ArtifactLayoutTest, SymbolIndexOutOfRange) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.outputs[0].dims = {Sym(0), Sym(2)};
  ExpectSpecError(spec,
                  "tensor 'y' dim 1 is -3, which refers to symbol 2, but the "
                  "model declares 2 symbols");
  spec = ScaleModelSpec();
  spec.inputs[0].dims = {Sym(0), INT64_MIN};
  ExpectSpecError(spec, "tensor 'x' dim 1 is -9223372036854775808");
  // Would alias symbol 0 if the index were truncated to 32 bits.
  spec.inputs[0].dims = {Sym(0), -1 - (1ll << 32)};
  ExpectSpecError(spec, "refers to symbol 4294967296, but the model declares");
}

TEST(ArtifactLayoutTest, SymbolNotUsedByAnyInput) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.inputs[0].dims = {Sym(0), 3};
  ExpectSpecError(spec,
                  "symbol 'seq' (1) is not used by any input, so binding the "
                  "inputs cannot determine it");
  spec.symbols.push_back("unused");
  spec.inputs[0].dims = {Sym(0), Sym(1)};
  ExpectSpecError(spec, "symbol 'unused' (2) is not used by any input");
}

TEST(ArtifactLayoutTest, TooManySymbols) {
  ArtifactSpec spec = ScaleModelSpec();
  while (spec.symbols.size() <= MLC_ARTIFACT_MAX_SYMBOLS) {
    spec.symbols.push_back("s" + std::to_string(spec.symbols.size()));
  }
  ExpectSpecError(spec, "the model declares 65 symbols, more than the "
                        "maximum 64");
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint32_t>(kNumSymbolsOffset,
                                                          0xffffffffu)),
                  MLC_STATUS_DATA_LOSS, "declares 4294967295 symbols");
  ExpectLoadError(BuildArtifact(AddModelSpec(),
                                PatchedMetadata<uint32_t>(kNumSymbolsOffset,
                                                          60)),
                  MLC_STATUS_DATA_LOSS,
                  "1 inputs, 1 outputs, 1 weights and 60 symbols need at "
                  "least");
}

TEST(ArtifactLayoutTest, MaxSymbolsLoad) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.inputs.clear();
  for (uint32_t k = 0; k < MLC_ARTIFACT_MAX_SYMBOLS; ++k) {
    if (k >= 2) spec.symbols.push_back("s" + std::to_string(k));
    spec.symbols[k].max = 100 + k;
    if (k % MLC_ARTIFACT_MAX_RANK == 0) {
      spec.inputs.push_back({"in" + std::to_string(k), MLC_DTYPE_F32, {}});
    }
    spec.inputs.back().dims.push_back(Sym(k));
  }
  std::string path = WriteTempFile("max_symbols.mlc", BuildArtifact(spec));
  mlc_module_t* module = nullptr;
  EXPECT_EQ(Take(mlc_module_load_file(path.c_str(), mlc_allocator_system(),
                                      &module)).message,
            "OK");
  EXPECT_STREQ(mlc_module_dim_name(module, 0, 3, 15), "s63");
  EXPECT_EQ(mlc_module_dim_max(module, 0, 0, 0), 100);
  EXPECT_EQ(mlc_module_dim_max(module, 0, 3, 15), 163);
  mlc_module_release(module);
}

TEST(ArtifactLayoutTest, BadSymbolNames) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.symbols[1] = "batch";
  ExpectSpecError(spec, "two symbols are named 'batch'");
  spec.symbols[1] = "";
  ExpectSpecError(spec, "symbol name has length 0");
  spec.symbols[1] = std::string("s\0q", 3);
  ExpectSpecError(spec, "symbol name contains a NUL byte");
  spec.symbols[1] = std::string(MLC_ARTIFACT_MAX_NAME + 1, 's');
  ExpectSpecError(spec, "symbol name has length 4097");
}

TEST(ArtifactLayoutTest, NegativeSymbolMax) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.symbols[1].max = -1;
  ExpectSpecError(spec,
                  "symbol 'seq' has maximum -1; it must be >= 1, or 0 for no "
                  "limit");
  spec.symbols[1].max = INT64_MIN;
  ExpectSpecError(spec, "symbol 'seq' has maximum -9223372036854775808");
}

TEST(ArtifactLayoutTest, TruncatedSymbolMax) {
  // Metadata cut 4 bytes into the max of the only symbol, whose long name
  // keeps the minimal-size check on the counts from failing first.
  ArtifactSpec spec = ScaleModelSpec();
  spec.symbols = {{std::string(64, 'n'), 7}};
  spec.inputs = {{"x", MLC_DTYPE_F32, {Sym(0)}}};
  spec.outputs.clear();
  Bytes metadata = EncodeMetadata(spec);
  size_t max_offset = 4 + spec.entry_symbol.size() + 16 + 4 + 64;
  metadata.resize(max_offset + 4);
  ExpectLoadError(BuildArtifact(spec, metadata), MLC_STATUS_DATA_LOSS,
                  "truncated metadata: symbol max needs 8 bytes at metadata "
                  "offset " + std::to_string(max_offset) +
                  " but only 4 remain");
}

TEST(ArtifactLayoutTest, DynamicStaticDimsOverflow) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.outputs[0].dims = {Sym(0), 1ll << 40, 1ll << 40};
  ExpectSpecError(spec, "tensor 'y' byte size overflows");
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

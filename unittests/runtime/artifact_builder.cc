// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "artifact_builder.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <gtest/gtest.h>

namespace mlc::testing {
namespace {

// resize + memcpy rather than vector::insert, which trips GCC 12's
// -Warray-bounds false positive at -O3.
void AppendBytes(Bytes& out, const void* data, size_t size) {
  size_t old_size = out.size();
  out.resize(old_size + size);
  if (size != 0) std::memcpy(out.data() + old_size, data, size);
}

void AppendBytes(Bytes& out, const Bytes& bytes) {
  AppendBytes(out, bytes.data(), bytes.size());
}

template <typename T>
void Append(Bytes& out, T value) {
  AppendBytes(out, &value, sizeof(T));
}

void AppendString(Bytes& out, const std::string& s) {
  Append<uint32_t>(out, static_cast<uint32_t>(s.size()));
  AppendBytes(out, s.data(), s.size());
}

void PadTo(Bytes& out, uint64_t alignment) {
  while (out.size() % alignment != 0) out.push_back(0);
}

std::string TempDirectory() {
  return ::testing::TempDir() + "mlc_runtime_tests." + std::to_string(getpid());
}

// Removes the files WriteTempFile created once all tests ran.
class TempDirectoryCleaner : public ::testing::Environment {
 public:
  void TearDown() override {
    std::string dir = TempDirectory();
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* entry = readdir(d)) {
        if (entry->d_name[0] != '.') unlink((dir + "/" + entry->d_name).c_str());
      }
      closedir(d);
    }
    rmdir(dir.c_str());
  }
};
[[maybe_unused]] ::testing::Environment* const kCleaner =
    ::testing::AddGlobalTestEnvironment(new TempDirectoryCleaner);

uint64_t AlignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

}  // namespace

Bytes EncodeMetadata(const ArtifactSpec& spec) {
  Bytes out;
  AppendString(out, spec.entry_symbol);
  Append<uint32_t>(out, static_cast<uint32_t>(spec.inputs.size()));
  Append<uint32_t>(out, static_cast<uint32_t>(spec.outputs.size()));
  Append<uint32_t>(out, static_cast<uint32_t>(spec.weights.size()));
  Append<uint32_t>(out, static_cast<uint32_t>(spec.symbols.size()));
  for (const SymbolSpec& symbol : spec.symbols) {
    AppendString(out, symbol.name);
    Append<int64_t>(out, symbol.max);
  }
  for (const auto* list : {&spec.inputs, &spec.outputs}) {
    for (const TensorSpec& t : *list) {
      AppendString(out, t.name);
      Append<uint32_t>(out, t.dtype);
      Append<uint32_t>(out, static_cast<uint32_t>(t.dims.size()));
      for (int64_t d : t.dims) Append<int64_t>(out, d);
    }
  }
  uint64_t offset = 0;
  for (const Bytes& w : spec.weights) {
    Append<uint64_t>(out, offset);
    Append<uint64_t>(out, w.size());
    offset = AlignUp(offset + w.size(), MLC_ARTIFACT_WEIGHT_ALIGNMENT);
  }
  return out;
}

Bytes BuildArtifact(const ArtifactSpec& spec, const Bytes& metadata) {
  Bytes meta = metadata.empty() ? EncodeMetadata(spec) : metadata;
  Bytes out(MLC_ARTIFACT_HEADER_SIZE, 0);
  mlc_artifact_header_t header;
  std::memset(&header, 0, sizeof(header));
  std::memcpy(header.magic, MLC_ARTIFACT_MAGIC, MLC_ARTIFACT_MAGIC_SIZE);
  header.version = MLC_ARTIFACT_VERSION;
  header.header_size = MLC_ARTIFACT_HEADER_SIZE;
  header.target = spec.target;
  header.meta_offset = out.size();
  header.meta_size = meta.size();
  AppendBytes(out, meta);
  PadTo(out, 64);
  header.code_offset = out.size();
  header.code_size = spec.code.size();
  AppendBytes(out, spec.code);
  PadTo(out, MLC_ARTIFACT_WEIGHTS_ALIGNMENT);
  header.weights_offset = out.size();
  for (const Bytes& w : spec.weights) {
    AppendBytes(out, w);
    PadTo(out, MLC_ARTIFACT_WEIGHT_ALIGNMENT);
  }
  header.weights_size = out.size() - header.weights_offset;
  header.file_size = out.size();
  WriteHeader(out, header);
  FixChecksum(out);
  return out;
}

ArtifactSpec AddModelSpec() {
  ArtifactSpec spec;
  spec.inputs = {{"x", MLC_DTYPE_F32, {2, 3}}};
  spec.outputs = {{"out", MLC_DTYPE_F32, {2, 3}}};
  const float w[6] = {10, 20, 30, 40, 50, 60};
  const auto* p = reinterpret_cast<const uint8_t*>(w);
  spec.weights = {Bytes(p, p + sizeof(w))};
  spec.code = ReadFileBytes(MLC_TEST_ADD_MODEL_PATH);
  return spec;
}

ArtifactSpec ScaleModelSpec() {
  ArtifactSpec spec;
  spec.entry_symbol = "mlc_test_scale";
  spec.symbols = {"batch", "seq"};
  spec.inputs = {{"x", MLC_DTYPE_F32, {Sym(0), Sym(1)}}};
  spec.outputs = {{"y", MLC_DTYPE_F32, {Sym(0), Sym(1)}}};
  spec.code = ReadFileBytes(MLC_TEST_SCALE_MODEL_PATH);
  return spec;
}

ArtifactSpec ScaleBiasModelSpec() {
  ArtifactSpec spec = ScaleModelSpec();
  spec.entry_symbol = "mlc_test_scale_bias";
  spec.inputs.push_back({"bias", MLC_DTYPE_F32, {1, Sym(1)}});
  spec.outputs.push_back({"total", MLC_DTYPE_F32, {1}});
  return spec;
}

Bytes EncodeCudaProgram(const CudaProgramSpec& spec) {
  const char* magic = MLC_CUDA_PROGRAM_MAGIC;
  Bytes out(magic, magic + MLC_CUDA_PROGRAM_MAGIC_SIZE);
  Append<uint32_t>(out, static_cast<uint32_t>(spec.images.size()));
  for (const CudaImageSpec& image : spec.images) {
    Append<uint32_t>(out, image.sm);
    AppendString(out, image.ptx);
  }
  Append<uint32_t>(out, static_cast<uint32_t>(spec.kernels.size()));
  for (const std::string& kernel : spec.kernels) AppendString(out, kernel);
  Append<uint32_t>(out, static_cast<uint32_t>(spec.constants.size()));
  for (const Bytes& constant : spec.constants) {
    Append<uint64_t>(out, constant.size());
    AppendBytes(out, constant);
  }
  Append<uint64_t>(out, spec.arena_size);
  Append<uint32_t>(out, static_cast<uint32_t>(spec.launches.size()));
  for (const CudaLaunchSpec& launch : spec.launches) {
    Append<uint32_t>(out, launch.kernel);
    for (uint32_t d : launch.grid) Append<uint32_t>(out, d);
    for (uint32_t d : launch.block) Append<uint32_t>(out, d);
    Append<uint32_t>(out, launch.shared_bytes);
    Append<uint32_t>(out, static_cast<uint32_t>(launch.args.size()));
    for (const CudaArgSpec& arg : launch.args) {
      Append<uint32_t>(out, arg.space);
      Append<uint32_t>(out, arg.index);
      Append<uint64_t>(out, arg.offset);
    }
  }
  return out;
}

std::string FakePtx(uint32_t sm) {
  std::string arch = "sm_" + std::to_string(sm);
  return "// fake PTX for " + arch + "\n.version 8.0\n.target " + arch +
         "\n.address_size 64\n"
         ".visible .entry mlc_test_copy(.param .u64 src, .param .u64 dst) {}\n"
         ".visible .entry mlc_test_add_f32(.param .u64 a, .param .u64 b, "
         ".param .u64 out) {}\n";
}

CudaProgramSpec CudaAddProgramSpec() {
  CudaProgramSpec spec;
  spec.images = {{80, FakePtx(80)}};
  spec.kernels = {"mlc_test_copy", "mlc_test_add_f32"};
  const float c[8] = {-1, -1, 100, 200, 300, 400, 500, 600};
  const auto* p = reinterpret_cast<const uint8_t*>(c);
  spec.constants = {Bytes(p, p + sizeof(c))};
  spec.arena_size = 128;
  spec.launches = {
      {0, {24, 1, 1}, {1, 1, 1}, 0,
       {{MLC_CUDA_ARG_INPUT, 0, 0}, {MLC_CUDA_ARG_ARENA, 0, 64}}},
      {1, {2, 1, 1}, {3, 1, 1}, 0,
       {{MLC_CUDA_ARG_ARENA, 0, 64}, {MLC_CUDA_ARG_WEIGHT, 0, 0},
        {MLC_CUDA_ARG_ARENA, 0, 0}}},
      {1, {3, 1, 1}, {2, 1, 1}, 0,
       {{MLC_CUDA_ARG_ARENA, 0, 0}, {MLC_CUDA_ARG_CONSTANT, 0, 8},
        {MLC_CUDA_ARG_OUTPUT, 0, 0}}},
  };
  return spec;
}

ArtifactSpec CudaAddModelSpec(const CudaProgramSpec& program) {
  ArtifactSpec spec;
  spec.target = MLC_TARGET_CUDA_PTX;
  spec.entry_symbol = "unused";
  spec.inputs = {{"x", MLC_DTYPE_F32, {2, 3}}};
  spec.outputs = {{"out", MLC_DTYPE_F32, {2, 3}}};
  const float w[6] = {10, 20, 30, 40, 50, 60};
  const auto* p = reinterpret_cast<const uint8_t*>(w);
  spec.weights = {Bytes(p, p + sizeof(w))};
  spec.code = EncodeCudaProgram(program);
  return spec;
}

mlc_artifact_header_t ReadHeader(const Bytes& artifact) {
  mlc_artifact_header_t header;
  std::memcpy(&header, artifact.data(), sizeof(header));
  return header;
}

void WriteHeader(Bytes& artifact, const mlc_artifact_header_t& header) {
  std::memcpy(artifact.data(), &header, sizeof(header));
}

void FixChecksum(Bytes& artifact) {
  mlc_artifact_header_t header = ReadHeader(artifact);
  uint64_t end = std::min<uint64_t>(header.weights_offset, artifact.size());
  if (end < offsetof(mlc_artifact_header_t, checksum) + 8) return;
  header.checksum = mlc_artifact_checksum(artifact.data(), end);
  WriteHeader(artifact, header);
}

void EditHeader(Bytes& artifact,
                const std::function<void(mlc_artifact_header_t&)>& edit) {
  mlc_artifact_header_t header = ReadHeader(artifact);
  edit(header);
  WriteHeader(artifact, header);
  FixChecksum(artifact);
}

Bytes ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

std::string WriteTempFile(const std::string& name, const Bytes& bytes) {
  std::string dir = TempDirectory();
  (void)mkdir(dir.c_str(), 0700);
  std::string path = dir + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
  return path;
}

Status Take(mlc_status_t status) {
  Status result{mlc_status_code(status), mlc_status_message(status)};
  mlc_status_free(status);
  return result;
}

}  // namespace mlc::testing

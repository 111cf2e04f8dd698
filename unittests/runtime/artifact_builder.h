// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Assembles .mlc artifacts for tests (the runtime's tests must not need the
// compiler), and helpers to corrupt them.

#ifndef MLC_UNITTESTS_RUNTIME_ARTIFACT_BUILDER_H_
#define MLC_UNITTESTS_RUNTIME_ARTIFACT_BUILDER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "mlc/runtime/api.h"
#include "mlc/runtime/artifact_format.h"
#include "mlc/runtime/cuda_program_format.h"

namespace mlc::testing {

using Bytes = std::vector<uint8_t>;

// The encoded dim of symbol |k| (ArtifactSpec::symbols[k]).
constexpr int64_t Sym(uint32_t k) { return MLC_ARTIFACT_SYMBOL_DIM(k); }

struct TensorSpec {
  std::string name;
  uint32_t dtype = MLC_DTYPE_F32;
  std::vector<int64_t> dims;  // as encoded: >= 0 static, Sym(k) symbolic
};

// A symbol record; converts from a name, so `symbols = {"batch", "seq"}`
// declares unbounded symbols and `{{"seq", 256}}` a bounded one.
struct SymbolSpec {
  SymbolSpec(std::string name, int64_t max = 0)
      : name(std::move(name)), max(max) {}
  SymbolSpec(const char* name, int64_t max = 0) : name(name), max(max) {}
  std::string name;
  int64_t max = 0;  // 0: no limit; written as is (tests encode bad values)
};

struct ArtifactSpec {
  uint32_t target = MLC_TARGET_CPU_X86_64_ELF;
  std::string entry_symbol = "mlc_test_entry";
  std::vector<SymbolSpec> symbols;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  std::vector<Bytes> weights;  // each at the next 64-byte aligned offset
  Bytes code;
};

// Encodes the metadata section of |spec|.
Bytes EncodeMetadata(const ArtifactSpec& spec);

// Lays out header | metadata | code | weights (page aligned) with a valid
// checksum. |metadata| overrides the encoded metadata when non-empty.
Bytes BuildArtifact(const ArtifactSpec& spec, const Bytes& metadata = {});

// The add model: out = x + w, all float32 [2, 3], w = {10, 20, ..., 60}.
ArtifactSpec AddModelSpec();

// The scale model: y = 2 * x, float32 [batch, seq], symbols {batch, seq}.
ArtifactSpec ScaleModelSpec();

// The scale-bias model: y[batch, seq] = 2 * x[batch, seq] + bias[1, seq] and
// the static output total[1] = sum of x, all float32.
ArtifactSpec ScaleBiasModelSpec();

// A CUDA program (cuda_program_format.h), written as is: tests encode
// invalid values.
struct CudaArgSpec {
  uint32_t space = MLC_CUDA_ARG_INPUT;
  uint32_t index = 0;
  uint64_t offset = 0;
};
struct CudaLaunchSpec {
  uint32_t kernel = 0;
  std::array<uint32_t, 3> grid = {1, 1, 1};
  std::array<uint32_t, 3> block = {1, 1, 1};
  uint32_t shared_bytes = 0;
  std::vector<CudaArgSpec> args;
};
struct CudaImageSpec {
  uint32_t sm = 80;
  std::string ptx;
};
struct CudaProgramSpec {
  std::vector<CudaImageSpec> images;
  std::vector<std::string> kernels;
  std::vector<Bytes> constants;
  uint64_t arena_size = 0;
  std::vector<CudaLaunchSpec> launches;
};

// Encodes |spec| as the code section of a CUDA artifact.
Bytes EncodeCudaProgram(const CudaProgramSpec& spec);

// PTX text for |sm| that defines the fake driver's test kernels
// (fake_cuda_driver.h) and names the architecture ("sm_80").
std::string FakePtx(uint32_t sm);

// The CUDA add model, run by the fake driver: out = x + w + c, all float32
// [2, 3], with w = {10, ..., 60} a weight and c = {100, ..., 600} bytes 8..32
// of a constant. Launch 0 copies x to arena + 64, launch 1 adds w into
// arena + 0 and launch 2 adds c into out.
CudaProgramSpec CudaAddProgramSpec();
// The artifact of |program| with the add model's metadata.
ArtifactSpec CudaAddModelSpec(const CudaProgramSpec& program =
                                  CudaAddProgramSpec());

// Reads/writes the header of |artifact|.
mlc_artifact_header_t ReadHeader(const Bytes& artifact);
void WriteHeader(Bytes& artifact, const mlc_artifact_header_t& header);
// Recomputes the checksum of |artifact| from its header's weights_offset.
void FixChecksum(Bytes& artifact);
// Applies |edit| to the header and recomputes the checksum.
void EditHeader(Bytes& artifact,
                const std::function<void(mlc_artifact_header_t&)>& edit);

Bytes ReadFileBytes(const std::string& path);
// Writes |bytes| to a fresh file named |name| in a per-process temp
// directory and returns its path.
std::string WriteTempFile(const std::string& name, const Bytes& bytes);

// Counts live allocations so tests can check that everything is freed, and
// fails allocations of more than |max_size| bytes.
struct CountingAllocator {
  int live = 0;
  size_t max_size = SIZE_MAX;
  static void* Alloc(void* self, size_t size) {
    auto* counter = static_cast<CountingAllocator*>(self);
    if (size > counter->max_size) return nullptr;
    counter->live++;
    return mlc_allocator_system().alloc(nullptr, size);
  }
  static void Free(void* self, void* ptr) {
    if (ptr) static_cast<CountingAllocator*>(self)->live--;
    mlc_allocator_system().free(nullptr, ptr);
  }
  mlc_allocator_t get() { return {this, Alloc, Free}; }
};

// A consumed mlc_status_t.
struct Status {
  mlc_status_code_t code;
  std::string message;
};
// Copies and frees |status|.
Status Take(mlc_status_t status);

}  // namespace mlc::testing

#endif  // MLC_UNITTESTS_RUNTIME_ARTIFACT_BUILDER_H_

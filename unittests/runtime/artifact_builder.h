// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Assembles .mlc artifacts for tests (the runtime's tests must not need the
// compiler), and helpers to corrupt them.

#ifndef MLC_UNITTESTS_RUNTIME_ARTIFACT_BUILDER_H_
#define MLC_UNITTESTS_RUNTIME_ARTIFACT_BUILDER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "mlc/runtime/api.h"
#include "mlc/runtime/artifact_format.h"

namespace mlc::testing {

using Bytes = std::vector<uint8_t>;

struct TensorSpec {
  std::string name;
  uint32_t dtype = MLC_DTYPE_F32;
  std::vector<int64_t> dims;
};

struct ArtifactSpec {
  std::string entry_symbol = "mlc_test_entry";
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

// A consumed mlc_status_t.
struct Status {
  mlc_status_code_t code;
  std::string message;
};
// Copies and frees |status|.
Status Take(mlc_status_t status);

}  // namespace mlc::testing

#endif  // MLC_UNITTESTS_RUNTIME_ARTIFACT_BUILDER_H_

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for the runtime's artifact reader: header, section layout
// and metadata validation of untrusted .mlc bytes, and the CUDA program of
// CUDA artifacts. Each input is read twice: as is (exercising the layout and
// checksum checks) and with its checksum recomputed (so mutations reach the
// metadata and program parsers instead of stopping at the checksum). Native
// code is never loaded and no driver is called.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cuda/cuda_program.h"
#include "module/artifact_reader.h"

// Every failure carries a message naming the artifact.
static void check_failure(mlc_status_t status) {
  if (strncmp(mlc_status_message(status), "fuzz.mlc", 8) != 0) abort();
  mlc_status_free(status);
}

static void parse_cuda_program(const uint8_t* data,
                               const mlc_artifact_t* artifact) {
  const mlc_artifact_header_t* header = &artifact->header;
  mlc_cuda_program_t program;
  mlc_status_t status = mlc_cuda_program_parse(
      data + header->code_offset, header->code_size, artifact, "fuzz.mlc",
      mlc_allocator_system(), &program);
  if (status) return check_failure(status);
  mlc_cuda_program_deinitialize(&program, mlc_allocator_system());
}

static void read_once(const uint8_t* data, size_t size) {
  mlc_artifact_t artifact;
  memset(&artifact, 0, sizeof(artifact));
  mlc_status_t status = mlc_artifact_read(data, size, "fuzz.mlc",
                                          mlc_allocator_system(), &artifact);
  if (status) return check_failure(status);
  if (artifact.header.target == MLC_TARGET_CUDA_PTX) {
    parse_cuda_program(data, &artifact);
  }
  mlc_artifact_deinitialize(&artifact, mlc_allocator_system());
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  read_once(data, size);
  if (size < MLC_ARTIFACT_HEADER_SIZE) return 0;
  mlc_artifact_header_t header;
  memcpy(&header, data, sizeof(header));
  if (header.weights_offset < MLC_ARTIFACT_HEADER_SIZE ||
      header.weights_offset > size)
    return 0;
  uint8_t* copy = (uint8_t*)malloc(size);
  if (!copy) return 0;
  memcpy(copy, data, size);
  header.checksum = mlc_artifact_checksum(copy, header.weights_offset);
  memcpy(copy + offsetof(mlc_artifact_header_t, checksum), &header.checksum,
         sizeof(header.checksum));
  read_once(copy, size);
  free(copy);
  return 0;
}

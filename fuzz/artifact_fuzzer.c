// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for the runtime's artifact reader: header, section layout
// and metadata validation of untrusted .mlc bytes. Each input is read twice:
// as is (exercising the layout and checksum checks) and with its checksum
// recomputed (so mutations reach the metadata parser instead of stopping at
// the checksum). Native code is never loaded.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "module/artifact_reader.h"

static void read_once(const uint8_t* data, size_t size) {
  mlc_artifact_t artifact;
  memset(&artifact, 0, sizeof(artifact));
  mlc_status_t status = mlc_artifact_read(data, size, "fuzz.mlc",
                                          mlc_allocator_system(), &artifact);
  if (status == MLC_OK) {
    mlc_artifact_deinitialize(&artifact, mlc_allocator_system());
  } else {
    // Every failure carries a message naming the artifact.
    if (strncmp(mlc_status_message(status), "fuzz.mlc", 8) != 0) abort();
    mlc_status_free(status);
  }
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

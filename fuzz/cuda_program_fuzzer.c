// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for the CUDA program parser: each input is the code
// section of a CUDA artifact whose metadata is fixed (input x and output y,
// float32 [2, 3], and one 24-byte weight), so that mutations go straight to
// the program's records and their checks against the metadata. Parsed
// programs also go through image selection. No driver is called.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cuda/cuda_program.h"

static const int64_t kDims[2] = {2, 3};

static mlc_artifact_t make_artifact(mlc_artifact_tensor_t tensors[2],
                                    mlc_artifact_weight_t* weight) {
  const char* names[2] = {"x", "y"};
  for (int i = 0; i < 2; ++i) {
    memset(&tensors[i], 0, sizeof(tensors[i]));
    tensors[i].info =
        (mlc_tensor_info_t){names[i], MLC_DTYPE_F32, 2, tensors[i].dims};
    memcpy(tensors[i].dims, kDims, sizeof(kDims));
    memcpy(tensors[i].encoded_dims, kDims, sizeof(kDims));
    tensors[i].byte_size = 24;
  }
  *weight = (mlc_artifact_weight_t){0, 24};
  mlc_artifact_t artifact;
  memset(&artifact, 0, sizeof(artifact));
  artifact.num_inputs = 1;
  artifact.num_outputs = 1;
  artifact.num_weights = 1;
  artifact.inputs = &tensors[0];
  artifact.outputs = &tensors[1];
  artifact.weights = weight;
  return artifact;
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mlc_artifact_tensor_t tensors[2];
  mlc_artifact_weight_t weight;
  mlc_artifact_t artifact = make_artifact(tensors, &weight);
  mlc_cuda_program_t program;
  mlc_status_t status = mlc_cuda_program_parse(
      data, size, &artifact, "fuzz.mlc", mlc_allocator_system(), &program);
  if (status) {
    // Every failure carries a message naming the artifact.
    if (strncmp(mlc_status_message(status), "fuzz.mlc: ", 10) != 0) abort();
    mlc_status_free(status);
    return 0;
  }
  static const uint32_t kDeviceSms[] = {0, 75, 86, 90, 0xffffffffu};
  for (size_t i = 0; i < sizeof(kDeviceSms) / sizeof(kDeviceSms[0]); ++i) {
    const mlc_cuda_image_t* image = NULL;
    status = mlc_cuda_program_select_image(&program, kDeviceSms[i], "fuzz.mlc",
                                           &image);
    if (status == MLC_OK && image->sm > kDeviceSms[i]) abort();
    mlc_status_free(status);
  }
  mlc_cuda_program_deinitialize(&program, mlc_allocator_system());
  return 0;
}

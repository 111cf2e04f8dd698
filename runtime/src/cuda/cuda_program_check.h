// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Checks of a decoded CUDA program against its artifact's metadata; part of
// mlc_cuda_program_parse.

#ifndef MLC_RUNTIME_SRC_CUDA_CUDA_PROGRAM_CHECK_H_
#define MLC_RUNTIME_SRC_CUDA_CUDA_PROGRAM_CHECK_H_

#include "cuda/cuda_program.h"

// Fails with UNIMPLEMENTED when an input or output of |artifact| has a
// symbolic dim: the launch list has fixed grids and offsets.
mlc_status_t mlc_cuda_check_static_shapes(const mlc_artifact_t* artifact,
                                          const char* path);

// Fails with DATA_LOSS unless every launch of |program| names one of its
// kernels, has grid and block dims >= 1, and passes args that refer to an
// existing buffer at an offset below its size.
mlc_status_t mlc_cuda_check_launches(const mlc_cuda_program_t* program,
                                     const mlc_artifact_t* artifact,
                                     const char* path);

#endif  // MLC_RUNTIME_SRC_CUDA_CUDA_PROGRAM_CHECK_H_

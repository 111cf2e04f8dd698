// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The manifest that `scripts/gpu-check prepare` writes and gpu_check reads:
// a line-oriented text file, one block per model.
//
//   # comment (blank lines are ignored too)
//   model NAME
//   artifact PATH                    the CUDA .mlc
//   tolerance RTOL ATOL              allclose: |got - want| <= ATOL + RTOL*|want|
//   input PATH NAME                  .npy bound to input NAME (one per input)
//   output REF_PATH CPU_PATH NAME    onnxruntime's and the CPU path's .npy
//   end
//
// PATHs are relative to the manifest's directory and contain no spaces;
// a tensor NAME is the rest of its line (ONNX names may hold ':', '/', ' ').

#ifndef MLC_TOOLS_GPU_CHECK_MANIFEST_H_
#define MLC_TOOLS_GPU_CHECK_MANIFEST_H_

#include <stdbool.h>
#include <stddef.h>

typedef struct gc_tensor_t {
  char* name;
  char* path;      // the input, or onnxruntime's output
  char* cpu_path;  // the CPU path's output; NULL for inputs
} gc_tensor_t;

typedef struct gc_model_t {
  char* name;
  char* artifact;
  double rtol;
  double atol;
  gc_tensor_t* inputs;
  size_t num_inputs;
  gc_tensor_t* outputs;
  size_t num_outputs;
} gc_model_t;

typedef struct gc_manifest_t {
  gc_model_t* models;
  size_t num_models;
} gc_manifest_t;

// Reads |path|, resolving the paths it holds against its directory. On
// failure returns false, leaves nothing to free and writes a message with
// the line number to |error|.
bool gc_manifest_read(const char* path, gc_manifest_t* out, char* error,
                      size_t error_size);
void gc_manifest_free(gc_manifest_t* manifest);

#endif  // MLC_TOOLS_GPU_CHECK_MANIFEST_H_

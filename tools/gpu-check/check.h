// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// gpu_check's per-model check: load, bind, run, compare, time.

#ifndef MLC_TOOLS_GPU_CHECK_CHECK_H_
#define MLC_TOOLS_GPU_CHECK_CHECK_H_

#include <stdbool.h>
#include <stddef.h>

#include "manifest.h"

typedef struct gc_options_t {
  const char* manifest;
  long runs;           // timed runs per model
  long warmup;         // untimed runs before them
  long timeout;        // seconds a model's check may take
  const char** only;   // --model names; every model when num_only is 0
  size_t num_only;
} gc_options_t;

typedef struct gc_result_t {
  bool pass;
  bool timed;          // median/p10/p90 are set
  double median;       // milliseconds per mlc_session_run
  double p10;
  double p90;
  double err_ref;      // max abs error over all outputs vs onnxruntime,
  double err_cpu;      // vs the CPU path; -1 when never compared, NaN when
                       // a NaN met a number
} gc_result_t;

// Checks |model| and fills |result|, printing a "FAIL <model>: ..." line for
// every problem and a summary line. Returns false only when the driver or the
// GPU is unavailable (the runtime's message is printed), which no later model
// could get past either.
bool gc_check_model(const gc_model_t* model, const gc_options_t* options,
                    gc_result_t* result);

#endif  // MLC_TOOLS_GPU_CHECK_CHECK_H_

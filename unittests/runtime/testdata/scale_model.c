// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Stand-in for compiler output with symbolic dims (see artifact_format.h),
// symbols = {batch, seq}:
//   mlc_test_scale:      y[batch, seq] = 2 * x[batch, seq]
//   mlc_test_scale_bias: y[batch, seq] = 2 * x[batch, seq] + bias[1, seq],
//                        total[1] = sum of x (a static output)

#include "mlc/runtime/artifact_format.h"

#define MLC_TEST_EXPORT __attribute__((visibility("default")))

MLC_TEST_EXPORT void mlc_test_scale(void** args, const int64_t* symbols,
                                    const mlc_parallel_t* parallel) {
  (void)parallel;
  const float* x = (const float*)args[0];
  float* y = (float*)args[1];
  int64_t n = symbols[0] * symbols[1];
  for (int64_t i = 0; i < n; ++i) y[i] = 2 * x[i];
}

MLC_TEST_EXPORT void mlc_test_scale_bias(void** args, const int64_t* symbols,
                                         const mlc_parallel_t* parallel) {
  (void)parallel;
  const float* x = (const float*)args[0];
  const float* bias = (const float*)args[1];
  float* y = (float*)args[2];
  float* total = (float*)args[3];
  int64_t batch = symbols[0];
  int64_t seq = symbols[1];
  *total = 0;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t s = 0; s < seq; ++s) {
      y[b * seq + s] = 2 * x[b * seq + s] + bias[s];
      *total += x[b * seq + s];
    }
  }
}

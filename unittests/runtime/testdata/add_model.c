// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Stand-in for compiler output, used to build test artifacts without the
// compiler: out = x + w for float32 [2, 3], with w a weight. Follows the entry
// convention of artifact_format.h: args = inputs, weights, outputs.

#include <stdint.h>

__attribute__((visibility("default"))) void mlc_test_entry(
    void** args, const int64_t* symbols) {
  (void)symbols;  // static shapes only
  const float* x = (const float*)args[0];
  const float* w = (const float*)args[1];
  float* out = (float*)args[2];
  for (int i = 0; i < 6; ++i) out[i] = x[i] + w[i];
}

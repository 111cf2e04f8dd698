// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Stand-in for compiler output, used to build test artifacts without the
// compiler: out = x + w for float32 [2, 3], with w a weight. Follows the entry
// convention of artifact_format.h: args = inputs, weights, outputs; the six
// sums are shared out through |parallel|, as generated code does.

#include "mlc/runtime/artifact_format.h"

static void add_one(void* data, int64_t i) {
  void** args = (void**)data;
  const float* x = (const float*)args[0];
  const float* w = (const float*)args[1];
  float* out = (float*)args[2];
  out[i] = x[i] + w[i];
}

__attribute__((visibility("default"))) void mlc_test_entry(
    void** args, const int64_t* symbols, const mlc_parallel_t* parallel) {
  (void)symbols;  // static shapes only
  parallel->parallel_for(parallel->context, 6, add_one, args);
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Peak FP32 FMA throughput of one core: independent vector FMA chains (enough
// to cover the FMA latency on every port), widest vectors the compiler
// targets (-march=native: AVX-512 where available). Prints GFLOP/s.

#include <stdio.h>
#include <time.h>

#if defined(__AVX512F__)
#define WIDTH 16
#elif defined(__AVX2__) || defined(__AVX__)
#define WIDTH 8
#else
#define WIDTH 4
#endif
#define CHAINS 12

typedef float vec __attribute__((vector_size(WIDTH * sizeof(float))));

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  vec acc[CHAINS], x, y;
  for (int i = 0; i < WIDTH; ++i) {
    x[i] = 1.0f + 1e-7f * i;
    y[i] = 0.999999f;
  }
  for (int c = 0; c < CHAINS; ++c)
    acc[c] = x * (float)c;
  const long iterations = 100000000;
  double best = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    double start = now();
    for (long i = 0; i < iterations / 10; ++i) {
      // Each chain: acc = acc * y + x (one fused multiply-add per lane).
#pragma GCC unroll 16
      for (int c = 0; c < CHAINS; ++c)
        acc[c] = acc[c] * y + x;
    }
    double seconds = now() - start;
    double flops = 2.0 * WIDTH * CHAINS * (iterations / 10);
    if (flops / seconds > best)
      best = flops / seconds;
  }
  float sink = 0;
  for (int c = 0; c < CHAINS; ++c)
    for (int i = 0; i < WIDTH; ++i)
      sink += acc[c][i];
  printf("fma peak: %.1f GFLOP/s (%d-wide fp32, %d chains, checksum %g)\n",
         best * 1e-9, WIDTH, CHAINS, sink);
  return 0;
}

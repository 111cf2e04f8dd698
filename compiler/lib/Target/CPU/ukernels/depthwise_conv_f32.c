// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// f32 depthwise 2-D convolution microkernel (NCHW input, CHW filter, the
// input already padded): each output row accumulates KH * KW scaled input
// rows, a loop over the row the compiler vectorizes. Arguments are the
// fields of the expanded memref descriptors of the input (4-D), filter
// (3-D) and output (4-D), then strides, dilations and whether to add to the
// output (else it is overwritten).

#include <stdint.h>

#include "parallel.h"


// One output row of a 3x3 filter with unit dilation over contiguous rows at
// column stride S (1 or 2): all nine taps summed in registers, a loop LLVM
// vectorizes (stride 2 as interleaved loads).
#define ROW3X3(S)                                                              \
  for (int64_t j = 0; j < ow; ++j)                                             \
    y[j] = (accumulate ? y[j] : 0.0f) + f[0] * r0[S * j] +                     \
           f[1] * r0[S * j + 1] + f[2] * r0[S * j + 2] + f[3] * r1[S * j] +    \
           f[4] * r1[S * j + 1] + f[5] * r1[S * j + 2] + f[6] * r2[S * j] +    \
           f[7] * r2[S * j + 1] + f[8] * r2[S * j + 2];

static void row3x3(const float *restrict r0, const float *restrict r1,
                   const float *restrict r2, const float *f,
                   float *restrict y, int64_t ow, int64_t sw,
                   int64_t accumulate) {
  if (sw == 1) {
    ROW3X3(1)
  } else {
    ROW3X3(2)
  }
}

// The 3x3 case of channel() with contiguous rows, unit dilation and column
// stride 1 or 2 (MobileNet's depthwise layers).
static int channel3x3(const float *x, const int64_t *xs, const float *w,
                      const int64_t *ws, float *y, const int64_t *ys,
                      int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                      int64_t sh, int64_t sw, int64_t dh, int64_t dw,
                      int64_t accumulate) {
  if (kh != 3 || kw != 3 || dh != 1 || dw != 1 || (sw != 1 && sw != 2) ||
      xs[1] != 1 || ys[1] != 1)
    return 0;
  float f[9];
  for (int p = 0; p < 3; ++p)
    for (int q = 0; q < 3; ++q)
      f[p * 3 + q] = w[p * ws[0] + q * ws[1]];
  for (int64_t i = 0; i < oh; ++i) {
    const float *r0 = x + i * sh * xs[0];
    row3x3(r0, r0 + xs[0], r0 + 2 * xs[0], f, y + i * ys[0], ow, sw,
           accumulate);
  }
  return 1;
}

static void channel(const float *restrict x, const int64_t *xs,
                    const float *restrict w, const int64_t *ws,
                    float *restrict y, const int64_t *ys, int64_t oh,
                    int64_t ow, int64_t kh, int64_t kw, int64_t sh,
                    int64_t sw, int64_t dh, int64_t dw, int64_t accumulate) {
  if (channel3x3(x, xs, w, ws, y, ys, oh, ow, kh, kw, sh, sw, dh, dw,
                 accumulate))
    return;
  for (int64_t i = 0; i < oh; ++i) {
    float *row = y + i * ys[0];
    if (!accumulate)
      for (int64_t j = 0; j < ow; ++j)
        row[j * ys[1]] = 0.0f;
    for (int64_t p = 0; p < kh; ++p)
      for (int64_t q = 0; q < kw; ++q) {
        float f = w[p * ws[0] + q * ws[1]];
        const float *in = x + (i * sh + p * dh) * xs[0] + q * dw * xs[1];
        if (ys[1] == 1 && xs[1] == 1 && sw == 1) {
          for (int64_t j = 0; j < ow; ++j)
            row[j] += f * in[j];
        } else {
          for (int64_t j = 0; j < ow; ++j)
            row[j * ys[1]] += f * in[j * sw * xs[1]];
        }
      }
  }
}

// Every (batch, channel) plane, shared out among threads.
typedef struct {
  const float *x, *w;
  float *y;
  int64_t xs[4], ws[3], ys[4];
  int64_t channels, oh, ow, kh, kw, sh, sw, dh, dw, accumulate;
} job_t;

static void planeJob(void *data, int64_t plane) {
  const job_t *j = data;
  int64_t b = plane / j->channels, k = plane % j->channels;
  channel(j->x + b * j->xs[0] + k * j->xs[1], j->xs + 2, j->w + k * j->ws[0],
          j->ws + 1, j->y + b * j->ys[0] + k * j->ys[1], j->ys + 2, j->oh,
          j->ow, j->kh, j->kw, j->sh, j->sw, j->dh, j->dw, j->accumulate);
}

void mlc_uk_depthwise_conv2d_f32(
    const float *x_alloc, const float *x, int64_t x_off, int64_t n,
    int64_t c, int64_t h, int64_t wd, int64_t xs0, int64_t xs1, int64_t xs2,
    int64_t xs3, const float *w_alloc, const float *w, int64_t w_off,
    int64_t wc, int64_t kh, int64_t kw, int64_t ws0, int64_t ws1, int64_t ws2,
    float *y_alloc, float *y, int64_t y_off, int64_t yn, int64_t yc,
    int64_t oh, int64_t ow, int64_t ys0, int64_t ys1, int64_t ys2,
    int64_t ys3, int64_t sh, int64_t sw, int64_t dh, int64_t dw,
    int64_t accumulate) {
  (void)x_alloc, (void)w_alloc, (void)y_alloc, (void)h, (void)wd, (void)wc,
      (void)yn, (void)yc;
  job_t job = {x + x_off, w + w_off, y + y_off, {xs0, xs1, xs2, xs3},
               {ws0, ws1, ws2}, {ys0, ys1, ys2, ys3}, c, oh, ow, kh, kw,
               sh, sw, dh, dw, accumulate};
  mlc_uk_parallel_for(n * c, planeJob, &job);
}

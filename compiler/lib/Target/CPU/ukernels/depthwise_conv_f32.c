// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// f32 depthwise 2-D convolution microkernel (NCHW input, CHW filter, the
// input already padded): each output row accumulates KH * KW scaled input
// rows, a loop over the row the compiler vectorizes. Arguments are the
// fields of the expanded memref descriptors of the input (4-D), filter
// (3-D) and output (4-D), then strides, dilations, whether to add to the
// output (else it is overwritten), and the epilogue applied to every output
// (MatmulEpilogue.h): the bias address (0: none), its stride per channel (and
// an unused column stride), and the clamp bounds.

#include <stdint.h>

#include "parallel.h"


// The 3x3 rows below compute 16 outputs at a time in vectors (two ymm or
// one zmm register each).
#define VL 16
typedef float vec __attribute__((vector_size(VL * 4)));
// Unaligned access to VL floats.
typedef float vecu __attribute__((vector_size(VL * 4), aligned(4)));

static inline vec load(const float *p) { return *(const vecu *)p; }

static inline vec splat(float x) {
  vec v;
  for (int i = 0; i < VL; ++i)
    v[i] = x;
  return v;
}

// The even and the odd lanes of a ++ b.
static inline vec even(vec a, vec b) {
  return __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20,
                                 22, 24, 26, 28, 30);
}
static inline vec odd(vec a, vec b) {
  return __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21,
                                 23, 25, 27, 29, 31);
}

// Floats taps() reads from a row's block start for 16 outputs at column
// stride S (1 or 2): S * 16 plus the two further taps.
#define BLOCK_READ(S) ((S) == 1 ? VL + 2 : 2 * VL + 2)

// f[0..2] times the taps of row r for outputs 0..15: r[S * j + q]; stride 2
// deinterleaves two vectors instead of gathering.
static inline vec taps(const float *r, int64_t s, const vec *f, vec acc) {
  if (s == 1)
    return acc + f[0] * load(r) + f[1] * load(r + 1) + f[2] * load(r + 2);
  vec a = load(r), b = load(r + VL);
  return acc + f[0] * even(a, b) + f[1] * odd(a, b) +
         f[2] * even(load(r + 2), load(r + VL + 2));
}

// Stores the first n < 16 lanes of v at y, in pieces of 8, 4, 2 and 1.
static inline void storeFirst(float *y, vec v, int64_t n) {
  typedef float v8 __attribute__((vector_size(32), aligned(4)));
  typedef float v4 __attribute__((vector_size(16), aligned(4)));
  typedef float v2 __attribute__((vector_size(8), aligned(4)));
  if (n & 8) {
    *(v8 *)y = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7);
    v = __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10,
                                11, 12, 13, 14, 15);
    y += 8;
  }
  if (n & 4) {
    *(v4 *)y = __builtin_shufflevector(v, v, 0, 1, 2, 3);
    v = __builtin_shufflevector(v, v, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7, 4,
                                5, 6, 7);
    y += 4;
  }
  if (n & 2) {
    *(v2 *)y = __builtin_shufflevector(v, v, 0, 1);
    v = __builtin_shufflevector(v, v, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2,
                                3, 2, 3);
    y += 2;
  }
  if (n & 1)
    *y = v[0];
}

// What each output gets once its taps are summed: + the channel's bias
// (none when |bias| is null), then max with |lo| and min with |hi| (NaN
// stays NaN). A null finish_t: nothing to apply.
typedef struct {
  const float *bias;
  float lo, hi;
} finish_t;

static inline float finish(float v, const finish_t *e) {
  if (!e)
    return v;
  v += e->bias ? *e->bias : 0.0f;
  v = v < e->lo ? e->lo : v;
  return v > e->hi ? e->hi : v;
}

typedef int32_t veci __attribute__((vector_size(VL * 4)));

static inline vec finishVec(vec v, const finish_t *e) {
  if (!e)
    return v;
  vec lo = splat(e->lo), hi = splat(e->hi);
  if (e->bias)
    v += splat(*e->bias);
  // Lane masks: a NaN compares false and stays.
  veci below = v < lo, above = v > hi;
  v = (vec)((below & (veci)lo) | (~below & (veci)v));
  return (vec)((above & (veci)hi) | (~above & (veci)v));
}

// One output row of a 3x3 filter with unit dilation over contiguous rows at
// column stride S (1 or 2): blocks of 16 outputs, all nine taps summed in
// registers. A block may read past its input rows' ends (the lanes of
// outputs past |ow| are not stored) as long as it reads no further than
// |limit|, the end of the input; the rest of the row (and a partial block
// added to the output) is computed one output at a time.
static void row3x3(const float *r0, const float *r1, const float *r2,
                   const float *f, const vec *fv, float *y, int64_t ow,
                   int64_t s, int64_t accumulate, const finish_t *e,
                   const float *limit) {
  int64_t j = 0;
  int64_t room = limit - r2;  // floats readable from r2
  for (; j < ow && room - s * j >= BLOCK_READ(s); j += VL) {
    vec acc = taps(r0 + s * j, s, fv, splat(0.0f));
    acc = taps(r1 + s * j, s, fv + 3, acc);
    acc = taps(r2 + s * j, s, fv + 6, acc);
    if (j + VL <= ow) {
      *(vecu *)(y + j) = finishVec(accumulate ? load(y + j) + acc : acc, e);
      continue;
    }
    if (accumulate)
      break;
    storeFirst(y + j, finishVec(acc, e), ow - j);
    return;
  }
#pragma clang loop vectorize(disable)
  for (; j < ow; ++j) {
    const float *a = r0 + s * j, *b = r1 + s * j, *c = r2 + s * j;
    y[j] = finish((accumulate ? y[j] : 0.0f) + f[0] * a[0] + f[1] * a[1] +
                      f[2] * a[2] + f[3] * b[0] + f[4] * b[1] + f[5] * b[2] +
                      f[6] * c[0] + f[7] * c[1] + f[8] * c[2],
                  e);
  }
}

// The 3x3 case of channel() with contiguous rows, unit dilation and column
// stride 1 or 2 (MobileNet's depthwise layers).
static int channel3x3(const float *x, const int64_t *xs, const float *w,
                      const int64_t *ws, float *y, const int64_t *ys,
                      int64_t oh, int64_t ow, int64_t kh, int64_t kw,
                      int64_t sh, int64_t sw, int64_t dh, int64_t dw,
                      int64_t accumulate, const finish_t *e,
                      const float *limit) {
  if (kh != 3 || kw != 3 || dh != 1 || dw != 1 || (sw != 1 && sw != 2) ||
      xs[1] != 1 || ys[1] != 1)
    return 0;
  float f[9];
  vec fv[9];
  for (int p = 0; p < 3; ++p)
    for (int q = 0; q < 3; ++q)
      f[p * 3 + q] = w[p * ws[0] + q * ws[1]];
  for (int t = 0; t < 9; ++t)
    fv[t] = splat(f[t]);
  for (int64_t i = 0; i < oh; ++i) {
    const float *r0 = x + i * sh * xs[0];
    row3x3(r0, r0 + xs[0], r0 + 2 * xs[0], f, fv, y + i * ys[0], ow, sw,
           accumulate, e, limit);
  }
  return 1;
}

static void channel(const float *restrict x, const int64_t *xs,
                    const float *restrict w, const int64_t *ws,
                    float *restrict y, const int64_t *ys, int64_t oh,
                    int64_t ow, int64_t kh, int64_t kw, int64_t sh,
                    int64_t sw, int64_t dh, int64_t dw, int64_t accumulate,
                    const finish_t *e, const float *limit) {
  if (channel3x3(x, xs, w, ws, y, ys, oh, ow, kh, kw, sh, sw, dh, dw,
                 accumulate, e, limit))
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
    for (int64_t j = 0; j < ow; ++j)
      row[j * ys[1]] = finish(row[j * ys[1]], e);
  }
}

// Every (batch, channel) plane, shared out among threads.
typedef struct {
  const float *x, *w;
  float *y;
  const float *limit;  // past the input's last float
  const float *bias;   // null: none
  int64_t xs[4], ws[3], ys[4], bias_s;
  int64_t channels, oh, ow, kh, kw, sh, sw, dh, dw, accumulate;
  float lo, hi;
} job_t;

static void planeJob(void *data, int64_t plane) {
  const job_t *j = data;
  int64_t b = plane / j->channels, k = plane % j->channels;
  finish_t e = {j->bias ? j->bias + k * j->bias_s : 0, j->lo, j->hi};
  int none = !j->bias && j->lo == -__builtin_inff() &&
             j->hi == __builtin_inff();
  channel(j->x + b * j->xs[0] + k * j->xs[1], j->xs + 2, j->w + k * j->ws[0],
          j->ws + 1, j->y + b * j->ys[0] + k * j->ys[1], j->ys + 2, j->oh,
          j->ow, j->kh, j->kw, j->sh, j->sw, j->dh, j->dw, j->accumulate,
          none ? 0 : &e, j->limit);
}

void mlc_uk_depthwise_conv2d_f32(
    const float *x_alloc, const float *x, int64_t x_off, int64_t n,
    int64_t c, int64_t h, int64_t wd, int64_t xs0, int64_t xs1, int64_t xs2,
    int64_t xs3, const float *w_alloc, const float *w, int64_t w_off,
    int64_t wc, int64_t kh, int64_t kw, int64_t ws0, int64_t ws1, int64_t ws2,
    float *y_alloc, float *y, int64_t y_off, int64_t yn, int64_t yc,
    int64_t oh, int64_t ow, int64_t ys0, int64_t ys1, int64_t ys2,
    int64_t ys3, int64_t sh, int64_t sw, int64_t dh, int64_t dw,
    int64_t accumulate, int64_t bias, int64_t bias_s, int64_t bias_cs,
    float lo, float hi) {
  (void)x_alloc, (void)w_alloc, (void)y_alloc, (void)wc, (void)yn, (void)yc;
  (void)bias_cs;
  int64_t extent = n > 0 && c > 0 && h > 0 && wd > 0
                       ? (n - 1) * xs0 + (c - 1) * xs1 + (h - 1) * xs2 +
                             (wd - 1) * xs3 + 1
                       : 0;
  job_t job = {x + x_off, w + w_off, y + y_off, x + x_off + extent,
               (const float *)(intptr_t)bias, {xs0, xs1, xs2, xs3},
               {ws0, ws1, ws2}, {ys0, ys1, ys2, ys3}, bias_s, c, oh, ow, kh,
               kw, sh, sw, dh, dw, accumulate, lo, hi};
  mlc_uk_parallel_for(n * c, planeJob, &job);
}

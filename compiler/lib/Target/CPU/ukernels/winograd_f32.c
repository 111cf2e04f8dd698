// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// f32 3x3 stride-1 convolution by Winograd's minimal filtering F(4x4, 3x3)
// (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks",
// 2016): each 4x4 tile of the output is A^T [U . (B^T d B)] A, with d the
// 6x6 tile of the (padded) input it reads and U = G g G^T the filter,
// transformed at compile time (mlc-cpu-pack-matmul-weights). Over all
// channels and tiles that is one matrix product per point xi of the 6x6
// transform, M[xi] = U[xi] * V[xi] ([F x C] * [C x tiles]), which the matmul
// kernel computes: 36 * C * F multiplications per 16 outputs instead of
// 9 * 16 * C * F.
//
// Called as mlc_uk_conv2d_f32_pa (matmul_f32.c) is, with U in place of the
// packed filter: [36 * ceil(F / 12)][C][12], the 36 packed A operands.

#include <stdint.h>
#include "alloc.h"
#include "parallel.h"

#ifdef MLC_UK_X16
#define UK_WINOGRAD mlc_uk_conv2d_f32_wg_x16
#define UK_MATMUL_PA mlc_uk_matmul_f32_pa_x16
#else
#define UK_WINOGRAD mlc_uk_conv2d_f32_wg
#define UK_MATMUL_PA mlc_uk_matmul_f32_pa
#endif
#define PA 12      // the panel width of packed A (matmul_f32.c)
#define POINTS 36  // of the 6x6 transform
// Without heap memory, one tile row at a time in a stack buffer of this
// many floats; the compiler only picks this kernel for convolutions whose
// tile row fits (kWinogradStackFloats in PackMatmulWeights.cpp).
#define STACK_FLOATS (72 * 1024)

void UK_MATMUL_PA(const float *a_alloc, const float *a, int64_t a_off,
                  int64_t a_panels, int64_t a_k, int64_t a_width,
                  int64_t a_s0, int64_t a_s1, int64_t a_s2,
                  const float *b_alloc, const float *b, int64_t b_off,
                  int64_t b_d0, int64_t b_d1, int64_t b_s0, int64_t b_s1,
                  float *c_alloc, float *c, int64_t c_off, int64_t m,
                  int64_t n, int64_t rs_c, int64_t cs_c, int64_t accumulate,
                  int64_t bias, int64_t bias_rs, int64_t bias_cs, float lo,
                  float hi);

// B^T d for one column d of a 6x6 tile.
static inline __attribute__((always_inline)) void
inputTransform(const float d[6], float o[6]) {
  o[0] = 4.0f * d[0] - 5.0f * d[2] + d[4];
  o[1] = -4.0f * (d[1] + d[2]) + d[3] + d[4];
  o[2] = 4.0f * (d[1] - d[2]) - d[3] + d[4];
  o[3] = 2.0f * (d[3] - d[1]) - d[2] + d[4];
  o[4] = 2.0f * (d[1] - d[3]) - d[2] + d[4];
  o[5] = 4.0f * d[1] - 5.0f * d[3] + d[5];
}

// A^T s for one column s of a 6x6 product.
static inline __attribute__((always_inline)) void
outputTransform(const float s[6], float y[4]) {
  float a = s[1] + s[2], b = s[1] - s[2], c = s[3] + s[4], d = s[3] - s[4];
  y[0] = s[0] + a + c;
  y[1] = b + 2.0f * d;
  y[2] = a + 4.0f * c;
  y[3] = b + 8.0f * d + s[5];
}

// Tiles per step of the output transform.
#define CHUNK 64

typedef struct {
  const float *x;  // the padded input's channel 0, h x w, strides cs, hs, ws
  int64_t cs, hs, ws, h, w;
  const float *u;  // U, uPanels packed panels per point
  int64_t uPanels, channels, filters, tilesX, ty0, rows;  // tile rows
  // With all tile rows: each tile's offset in a channel plane of row stride
  // hs, or (lw > 0) in a zero-padded copy of the plane, lh x lw; else null.
  const int32_t *offsets;
  int64_t lh, lw;
  float *v, *m;    // V [36][C][tiles], M [36][F][tiles] of the tile rows
  float *c;        // C [F][oh * ow], strides rs_c and cs_c
  int64_t rs_c, cs_c, oh, ow, accumulate;
  const float *bias;  // + bias[f * bias_rs + n * bias_cs], then clamped
  int64_t bias_rs, bias_cs;
  float lo, hi;
} job_t;

// V[xi][.][t] = (B^T d B)[xi] of one tile, |plane| floats apart.
static inline __attribute__((always_inline)) void
transformTile(float d[6][6], float *v, int64_t plane) {
  float t[6][6], col[6], o[6];
  for (int k = 0; k < 6; ++k) {
    for (int i = 0; i < 6; ++i)
      col[i] = d[i][k];
    inputTransform(col, o);
    for (int r = 0; r < 6; ++r)
      t[r][k] = o[r];
  }
  for (int r = 0; r < 6; ++r) {
    inputTransform(t[r], o);
    for (int k = 0; k < 6; ++k)
      v[(r * 6 + k) * plane] = o[k];
  }
}

// The input transform of every tile of plane |x| (row stride |rs|) at the
// job's tile offsets: a loop LLVM vectorizes across tiles.
static void transformPlane(const job_t *j, const float *restrict x,
                           int64_t rs, float *restrict v) {
  int64_t tiles = j->rows * j->tilesX, plane = j->channels * tiles;
  const int32_t *restrict off = j->offsets;
  int32_t rs32 = (int32_t)rs;  // 32-bit offsets: 16-lane gathers
#pragma clang loop vectorize(enable)
  for (int64_t t = 0; t < tiles; ++t) {
    float d[6][6];
    for (int i = 0; i < 6; ++i)
      for (int k = 0; k < 6; ++k)
        d[i][k] = x[(int32_t)(off[t] + i * rs32 + k)];
    transformTile(d, v + t, plane);
  }
}

// The input transform of channel |ch|: through the tile offsets, from the
// input or from a zero-padded copy of its plane; else (no offsets or no
// memory for the copy) tile by tile through bounds.
static void inputChannel(void *data, int64_t ch) {
  const job_t *j = data;
  const float *x = j->x + ch * j->cs;
  float *v = j->v + ch * j->rows * j->tilesX;
  if (j->offsets && !j->lw) {
    transformPlane(j, x, j->hs, v);
    return;
  }
  float *local =
      j->offsets ? _mlir_memref_to_llvm_alloc(sizeof(float) * j->lh * j->lw)
                 : 0;
  if (local) {
    for (int64_t y = 0; y < j->lh; ++y)
      for (int64_t xc = 0; xc < j->lw; ++xc)
        local[y * j->lw + xc] =
            y < j->h && xc < j->w ? x[y * j->hs + xc * j->ws] : 0.0f;
    transformPlane(j, local, j->lw, v);
    _mlir_memref_to_llvm_free(local);
    return;
  }
  int64_t plane = j->channels * j->rows * j->tilesX;
  for (int64_t r = 0; r < j->rows; ++r)
    for (int64_t tx = 0; tx < j->tilesX; ++tx) {
      float d[6][6];
      for (int i = 0; i < 6; ++i)
        for (int k = 0; k < 6; ++k) {
          int64_t y = 4 * (j->ty0 + r) + i, xc = 4 * tx + k;
          d[i][k] = y < j->h && xc < j->w ? x[y * j->hs + xc * j->ws] : 0.0f;
        }
      transformTile(d, v + r * j->tilesX + tx, plane);
    }
}

// M[xi] = U[xi] * V[xi].
static void product(void *data, int64_t xi) {
  const job_t *j = data;
  int64_t tiles = j->rows * j->tilesX, k = j->channels;
  UK_MATMUL_PA(j->u, j->u, xi * j->uPanels * k * PA, j->uPanels, k, PA,
               k * PA, PA, 1, j->v, j->v, xi * k * tiles, k, tiles, tiles, 1,
               j->m, j->m, xi * j->filters * tiles, j->filters, tiles, tiles,
               1, 0, 0, 0, 0, -__builtin_inff(), __builtin_inff());
}

// y[i][4 * t + k] = output (i, k) of tile t of the |n| at |s| (M's 36
// points |plane| floats apart), a loop LLVM vectorizes across tiles: row i
// of a run of tiles within one tile row lies in y[i] as it lies in C.
static void untransformTiles(const float *restrict s, int64_t plane,
                             int64_t n, float y[4][4 * CHUNK]) {
#pragma clang loop vectorize(enable)
  for (int64_t t = 0; t < n; ++t) {
    float u[4][6], col[6], o[4];
    for (int k = 0; k < 6; ++k) {
      for (int i = 0; i < 6; ++i)
        col[i] = s[(i * 6 + k) * plane + t];
      outputTransform(col, o);
      for (int r = 0; r < 4; ++r)
        u[r][k] = o[r];
    }
    for (int r = 0; r < 4; ++r) {
      outputTransform(u[r], o);
      for (int k = 0; k < 4; ++k)
        y[r][4 * t + k] = o[k];
    }
  }
}

static inline float clamp(float v, float lo, float hi) {
  v = v < lo ? lo : v;
  return v > hi ? hi : v;
}

// Output element n of filter f: |v| (+ C), + bias, clamped.
static void finishAt(const job_t *j, int64_t f, int64_t n, float v) {
  float *p = j->c + f * j->rs_c + n * j->cs_c;
  v += j->accumulate ? *p : 0.0f;
  v += j->bias ? j->bias[f * j->bias_rs + n * j->bias_cs] : 0.0f;
  *p = clamp(v, j->lo, j->hi);
}

// |count| outputs |s| of filter |f| from element |n| on: a contiguous row
// of C with the per-filter bias |b| when |fast|, else element by element
// through finishAt.
static void storeRow(const job_t *j, int64_t f, int64_t n,
                     const float *restrict s, int64_t count, int fast,
                     float b) {
  float *restrict p = j->c + f * j->rs_c + n;
  float lo = j->lo, hi = j->hi;
  if (!fast) {
    for (int64_t e = 0; e < count; ++e)
      finishAt(j, f, n + e, s[e]);
  } else if (j->accumulate) {
    for (int64_t e = 0; e < count; ++e)
      p[e] = clamp(s[e] + b + p[e], lo, hi);
  } else {
    for (int64_t e = 0; e < count; ++e)
      p[e] = clamp(s[e] + b, lo, hi);
  }
}

// The output transform of filter |f| over the job's tile rows, CHUNK tiles
// at a time, stored a run of tiles within one tile row at a time.
static void outputFilter(void *data, int64_t f) {
  const job_t *j = data;
  int64_t tiles = j->rows * j->tilesX, plane = j->filters * tiles;
  int fast = j->cs_c == 1 && (!j->bias || j->bias_cs == 0);
  float b = j->bias && fast ? j->bias[f * j->bias_rs] : 0.0f;
  float y[4][4 * CHUNK];
  for (int64_t t0 = 0; t0 < tiles; t0 += CHUNK) {
    int64_t n = tiles - t0 < CHUNK ? tiles - t0 : CHUNK;
    untransformTiles(j->m + f * tiles + t0, plane, n, y);
    for (int64_t t = 0; t < n;) {
      int64_t ty = j->ty0 + (t0 + t) / j->tilesX, tx = (t0 + t) % j->tilesX;
      int64_t run = j->tilesX - tx < n - t ? j->tilesX - tx : n - t;
      int64_t x0 = 4 * tx, width = 4 * run < j->ow - x0 ? 4 * run : j->ow - x0;
      for (int64_t i = 0; i < 4 && 4 * ty + i < j->oh; ++i)
        storeRow(j, f, (4 * ty + i) * j->ow + x0, &y[i][4 * t], width, fast,
                 b);
      t += run;
    }
  }
}

// The job's tile offsets into |off|: in the input's planes when its tiles
// lie inside them and its rows are contiguous, else in zero-padded copies;
// none when a plane is too large for 32-bit offsets.
static void offsets(job_t *j, int32_t *off) {
  int64_t lh = 4 * j->rows + 2, lw = 4 * j->tilesX + 2;
  int inside = lh <= j->h && lw <= j->w && j->ws == 1;
  int64_t rs = inside ? j->hs : lw;
  if ((inside ? j->h : lh) * rs >= INT32_MAX)
    return;
  for (int64_t t = 0; t < j->rows * j->tilesX; ++t)
    off[t] = (int32_t)(4 * (t / j->tilesX) * rs + 4 * (t % j->tilesX));
  j->offsets = off, j->lh = lh, j->lw = inside ? 0 : lw;
}

// The job's tile rows: input transform, products, output transform.
static void tileRows(job_t *j) {
  mlc_uk_parallel_for(j->channels, inputChannel, j);
  mlc_uk_parallel_for(POINTS, product, j);
  mlc_uk_parallel_for(j->filters, outputFilter, j);
}

// Descriptor fields as in mlc_uk_conv2d_f32_pa (matmul_f32.c).
void UK_WINOGRAD(const float *a_alloc, const float *a, int64_t a_off,
                 int64_t a_panels, int64_t a_k, int64_t a_width, int64_t a_s0,
                 int64_t a_s1, int64_t a_s2, const float *x_alloc,
                 const float *x, int64_t x_off, int64_t x_d0, int64_t x_d1,
                 int64_t x_d2, int64_t x_d3, int64_t x_s0, int64_t x_s1,
                 int64_t x_s2, int64_t x_s3, float *c_alloc, float *c,
                 int64_t c_off, int64_t m, int64_t n, int64_t rs_c,
                 int64_t cs_c, int64_t accumulate, int64_t bias,
                 int64_t bias_rs, int64_t bias_cs, float lo, float hi,
                 int64_t kh, int64_t kw, int64_t ow, int64_t sh, int64_t sw,
                 int64_t dh, int64_t dw) {
  (void)a_alloc, (void)a_width, (void)a_s0, (void)a_s1, (void)a_s2;
  (void)x_alloc, (void)x_d0, (void)x_d1, (void)x_s0, (void)c_alloc;
  (void)kh, (void)kw, (void)sh, (void)sw, (void)dh, (void)dw;
  int64_t oh = ow ? n / ow : 0, tilesY = (oh + 3) / 4, tilesX = (ow + 3) / 4;
  job_t j = {x + x_off, x_s1, x_s2, x_s3, x_d2, x_d3, a + a_off,
             a_panels / POINTS, a_k, m, tilesX, 0, tilesY, 0, 0, 0, 0, 0,
             c + c_off, rs_c, cs_c, oh, ow, accumulate,
             (const float *)(intptr_t)bias, bias_rs, bias_cs, lo, hi};
  int64_t rowFloats = POINTS * (a_k + m) * tilesX, tiles = tilesY * tilesX;
  float *heap = _mlir_memref_to_llvm_alloc(sizeof(float) * rowFloats * tilesY +
                                           sizeof(int32_t) * tiles);
  if (heap) {
    j.v = heap, j.m = heap + POINTS * a_k * tiles;
    offsets(&j, (int32_t *)(j.m + POINTS * m * tiles));
    tileRows(&j);
    _mlir_memref_to_llvm_free(heap);
    return;
  }
  float stack[STACK_FLOATS] __attribute__((aligned(64)));
  j.v = stack, j.m = stack + POINTS * a_k * tilesX, j.rows = 1;
  for (j.ty0 = 0; j.ty0 < tilesY && rowFloats <= STACK_FLOATS; ++j.ty0)
    tileRows(&j);
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// f32 matrix multiply microkernel, C += A * B (C = A * B without
// |accumulate|) for strided 2-D views, linked
// as LLVM bitcode into every model that uses it and compiled for the model's
// target CPU. BLIS-style blocking: B is packed in KC x NC blocks (NR-column
// panels), A in MC x KC blocks (MR-row panels), zero-padded at the edges, and
// an MR x NR register tile of vector accumulators walks them.
//
// The arguments are the fields of three expanded MLIR memref descriptors
// (allocated pointer, aligned pointer, offset, two sizes, two strides), the
// calling convention of a func.call on memref<?x?xf32, strided<[?, ?],
// offset: ?>> operands.

#include <stdint.h>
#include <stdlib.h>

#include "parallel.h"

// Built twice: 8-wide vectors (AVX2: a 6 x 16 tile in 12 ymm accumulators)
// and, with MLC_UK_X16, 16-wide (AVX-512: 12 x 32 in 24 zmm) as
// mlc_uk_matmul_f32_x16, which linkUkernels picks for targets with AVX-512.
#ifdef MLC_UK_X16
#define VW 16
#define MR 12
#define UK_MATMUL mlc_uk_matmul_f32_x16
#else
#define VW 8
#define MR 6
#define UK_MATMUL mlc_uk_matmul_f32
#endif
#define NR (2 * VW)
#define KC 256
#define MC 72
// B blocks are NC columns wide, packed into a heap buffer; without memory
// the kernel still runs, with NC_SMALL-wide blocks packed on the stack.
#define NC 1024
#define NC_SMALL 64

typedef float vec __attribute__((vector_size(VW * 4)));
// Unaligned access to VW floats.
typedef float vecu __attribute__((vector_size(VW * 4), aligned(4)));

static inline vec splat(float x) {
  vec v;
  for (int i = 0; i < VW; ++i)
    v[i] = x;
  return v;
}

// acc[MR][2] = packed A panel (kc x MR) times packed B panel (kc x NR).
static void tile(int64_t kc, const float *restrict ap, const float *restrict bp,
                 vec acc[MR][2]) {
  for (int r = 0; r < MR; ++r)
    acc[r][0] = acc[r][1] = splat(0.0f);
  for (int64_t p = 0; p < kc; ++p, ap += MR, bp += NR) {
    vec b0 = *(const vec *)bp, b1 = *(const vec *)(bp + VW);
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; ++r) {
      vec a = splat(ap[r]);
      acc[r][0] += a * b0;
      acc[r][1] += a * b1;
    }
  }
}

// C[0:m, 0:n] += acc (= acc when |overwrite|), for the valid part of an
// MR x NR tile.
static void store(vec acc[MR][2], float *c, int64_t rs_c, int64_t cs_c,
                  int64_t m, int64_t n, int overwrite) {
  if (m == MR && n == NR && cs_c == 1) {
    for (int r = 0; r < MR; ++r) {
      vecu *row = (vecu *)(c + r * rs_c);
      row[0] = overwrite ? acc[r][0] : row[0] + acc[r][0];
      row[1] = overwrite ? acc[r][1] : row[1] + acc[r][1];
    }
    return;
  }
  float t[MR][NR] __attribute__((aligned(64)));
  for (int r = 0; r < MR; ++r) {
    *(vec *)&t[r][0] = acc[r][0];
    *(vec *)&t[r][VW] = acc[r][1];
  }
  for (int64_t r = 0; r < m; ++r)
    for (int64_t j = 0; j < n; ++j)
      c[r * rs_c + j * cs_c] = overwrite ? t[r][j] : c[r * rs_c + j * cs_c] + t[r][j];
}

// Packs A[i0:i0+mc, p0:p0+kc] into MR-row panels, zero-padded; rows are
// read along their length.
static void packA(const float *a, int64_t rs_a, int64_t cs_a, int64_t mc,
                  int64_t kc, float *restrict out) {
  for (int64_t i = 0; i < mc; i += MR, out += MR * kc)
    for (int64_t r = 0; r < MR; ++r) {
      if (i + r >= mc) {
        for (int64_t p = 0; p < kc; ++p)
          out[p * MR + r] = 0.0f;
        continue;
      }
      const float *row = a + (i + r) * rs_a;
      if (cs_a == 1) {
        for (int64_t p = 0; p < kc; ++p)
          out[p * MR + r] = row[p];
      } else {
        for (int64_t p = 0; p < kc; ++p)
          out[p * MR + r] = row[p * cs_a];
      }
    }
}

// Packs NR-column panel |j| of B[p0:p0+kc, j0:j0+nc] (zero-padded) at |out|.
// Rows are read along their length, or columns when B is transposed
// (rs_b == 1, a Linear layer's [out, in] weight).
static void packBPanel(const float *b, int64_t rs_b, int64_t cs_b, int64_t kc,
                       int64_t nc, int64_t j, float *restrict out) {
  if (rs_b == 1 && cs_b != 1) {
    for (int64_t c = 0; c < NR; ++c) {
      const float *col = b + (j + c) * cs_b;
      for (int64_t p = 0; p < kc; ++p)
        out[p * NR + c] = j + c < nc ? col[p] : 0.0f;
    }
    return;
  }
  for (int64_t p = 0; p < kc; ++p) {
    const float *row = b + p * rs_b + j * cs_b;
    float *dst = out + p * NR;
    if (j + NR <= nc && cs_b == 1) {
      for (int c = 0; c < NR; ++c)
        dst[c] = row[c];
    } else {
      for (int64_t c = 0; c < NR; ++c)
        dst[c] = j + c < nc ? row[c * cs_b] : 0.0f;
    }
  }
}

typedef struct {
  const float *b;
  int64_t rs_b, cs_b, kc, nc;
  float *out;
} packB_t;

static void packBJob(void *data, int64_t panel) {
  const packB_t *job = data;
  packBPanel(job->b, job->rs_b, job->cs_b, job->kc, job->nc, panel * NR,
             job->out + panel * NR * job->kc);
}

// Packs B[p0:p0+kc, j0:j0+nc] into NR-column panels, shared out among the
// session's threads.
static void packB(const float *b, int64_t rs_b, int64_t cs_b, int64_t kc,
                  int64_t nc, float *restrict out) {
  packB_t job = {b, rs_b, cs_b, kc, nc, out};
  mlc_uk_parallel_for((nc + NR - 1) / NR, packBJob, &job);
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

// One MC x KC block of packed A against the packed B block: the NR-wide
// column panels are independent (and shared out among threads).
typedef struct {
  const float *apack, *bpack;
  float *c;
  int64_t rs_c, cs_c, mc, nc, kc;
  int overwrite;
} block_t;

static void panel(void *data, int64_t index) {
  const block_t *blk = data;
  int64_t jr = index * NR;
  for (int64_t ir = 0; ir < blk->mc; ir += MR) {
    vec acc[MR][2];
    tile(blk->kc, blk->apack + ir * blk->kc, blk->bpack + jr * blk->kc, acc);
    store(acc, blk->c + ir * blk->rs_c + jr * blk->cs_c, blk->rs_c, blk->cs_c,
          min64(MR, blk->mc - ir), min64(NR, blk->nc - jr), blk->overwrite);
  }
}

static void matmul(const float *a, int64_t rs_a, int64_t cs_a, const float *b,
                   int64_t rs_b, int64_t cs_b, float *c, int64_t rs_c,
                   int64_t cs_c, int64_t m, int64_t n, int64_t k,
                   int accumulate, float *restrict bpack, int64_t ncMax) {
  float apack[MC * KC] __attribute__((aligned(64)));
  for (int64_t jc = 0; jc < n; jc += ncMax) {
    int64_t nc = min64(ncMax, n - jc);
    for (int64_t pc = 0; pc < k; pc += KC) {
      int64_t kc = min64(KC, k - pc);
      packB(b + pc * rs_b + jc * cs_b, rs_b, cs_b, kc, nc, bpack);
      for (int64_t ic = 0; ic < m; ic += MC) {
        int64_t mc = min64(MC, m - ic);
        packA(a + ic * rs_a + pc * cs_a, rs_a, cs_a, mc, kc, apack);
        block_t blk = {apack, bpack, c + ic * rs_c + jc * cs_c, rs_c, cs_c,
                       mc, nc, kc, pc == 0 && !accumulate};
        mlc_uk_parallel_for((nc + NR - 1) / NR, panel, &blk);
      }
    }
  }
}

void UK_MATMUL(const float *a_alloc, const float *a, int64_t a_off,
               int64_t m, int64_t k, int64_t rs_a, int64_t cs_a,
               const float *b_alloc, const float *b, int64_t b_off,
               int64_t k2, int64_t n, int64_t rs_b, int64_t cs_b,
               float *c_alloc, float *c, int64_t c_off, int64_t m2,
               int64_t n2, int64_t rs_c, int64_t cs_c,
               int64_t accumulate) {
  (void)a_alloc, (void)b_alloc, (void)c_alloc, (void)k2, (void)m2, (void)n2;
  a += a_off, b += b_off, c += c_off;
  if (k == 0 && !accumulate) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        c[i * rs_c + j * cs_c] = 0.0f;
    return;
  }
  int64_t nc = min64(NC, (n + NR - 1) / NR * NR);
  float *bpack = aligned_alloc(64, sizeof(float) * min64(KC, k) * nc);
  if (bpack) {
    matmul(a, rs_a, cs_a, b, rs_b, cs_b, c, rs_c, cs_c, m, n, k, accumulate,
           bpack, nc);
    free(bpack);
    return;
  }
  float small[KC * NC_SMALL] __attribute__((aligned(64)));
  matmul(a, rs_a, cs_a, b, rs_b, cs_b, c, rs_c, cs_c, m, n, k, accumulate,
         small, NC_SMALL);
}

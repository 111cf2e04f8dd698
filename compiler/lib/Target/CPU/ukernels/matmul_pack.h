// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Packing of the matmul kernel's operands into the panels its register tile
// reads: A's MR-row panels (through in-register transposes), B's NR-column
// panels, and B's panels read straight from a convolution's input windows.
// Included by matmul_f32.c, after the tile geometry (VW, MR, NR), its vector
// types and min64, once for each of its two builds.

#ifndef MLC_UKERNELS_MATMUL_PACK_H
#define MLC_UKERNELS_MATMUL_PACK_H

typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));

// The columns of an 8 x 8 block: v[r][q] becomes c[q][r].
static inline __attribute__((always_inline)) void transpose8(const v8 v[8],
                                                             v8 c[8]) {
  v8 t[8], u[8];
  for (int i = 0; i < 8; i += 2) {
    t[i] = __builtin_shufflevector(v[i], v[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
    t[i + 1] =
        __builtin_shufflevector(v[i], v[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
  }
  for (int i = 0; i < 8; i += 4)
    for (int h = 0; h < 2; ++h) {
      u[i + 2 * h] = __builtin_shufflevector(t[i + h], t[i + h + 2], 0, 1, 8,
                                             9, 4, 5, 12, 13);
      u[i + 2 * h + 1] = __builtin_shufflevector(t[i + h], t[i + h + 2], 2, 3,
                                                 10, 11, 6, 7, 14, 15);
    }
  for (int q = 0; q < 4; ++q) {
    c[q] = __builtin_shufflevector(u[q], u[q + 4], 0, 1, 2, 3, 8, 9, 10, 11);
    c[q + 4] =
        __builtin_shufflevector(u[q], u[q + 4], 4, 5, 6, 7, 12, 13, 14, 15);
  }
}

// Steps [p, p + 8) of MR contiguous rows into their panel at |out|, as
// 8 x 8 transposes (rows past MR repeat the last). Each step's MR floats
// are stored as whole vectors in order, the lanes past MR overwritten by the
// next step's: step p + 8 must lie within the panel.
#define GROUPS ((MR + 7) / 8)
static inline __attribute__((always_inline)) void
transposeSteps(const float *const rows[MR], int64_t p, float *restrict out) {
  v8 c[GROUPS][8];
  for (int g = 0; g < GROUPS; ++g) {
    v8 v[8];
    for (int r = 0; r < 8; ++r)
      v[r] = *(const v8u *)(rows[min64(8 * g + r, MR - 1)] + p);
    transpose8(v, c[g]);
  }
  for (int q = 0; q < 8; ++q)
    for (int g = 0; g < GROUPS; ++g)
      *(v8u *)(out + q * MR + 8 * g) = c[g][q];
}

// Packs A[i0:i0+mc, p0:p0+kc] into MR-row panels, written in order. Rows
// past |mc| repeat row i0: their products go to C rows that are never stored.
static void packAPanels(const float *a, int64_t rs_a, int64_t cs_a,
                        int64_t mc, int64_t kc, float *restrict out) {
  for (int64_t i = 0; i < mc; i += MR, out += MR * kc) {
    const float *rows[MR];
    for (int r = 0; r < MR; ++r)
      rows[r] = a + (i + r < mc ? i + r : i) * rs_a;
    int64_t p = 0;
    // Scalar copies otherwise: vectorized along p by the compiler, these
    // become scatters, which cost several times as much on Zen 4.
    if (cs_a == 1) {
      for (; p + 8 < kc; p += 8)
        transposeSteps(rows, p, out + p * MR);
#pragma clang loop vectorize(disable)
      for (; p < kc; ++p)
#pragma clang loop unroll(full)
        for (int r = 0; r < MR; ++r)
          out[p * MR + r] = rows[r][p];
    } else {
#pragma clang loop vectorize(disable)
      for (; p < kc; ++p)
#pragma clang loop unroll(full)
        for (int r = 0; r < MR; ++r)
          out[p * MR + r] = rows[r][p * cs_a];
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

// A convolution's im2col matrix [C*KH*KW][OH*OW] over its (padded) input
// x[C][H][W]: element (k, n) with k = (c * KH + i) * KW + j and
// n = y * OW + x is input[c][y * sh + i * dh][x * sw + j * dw].
typedef struct {
  int64_t kh, kw, ow, sh, sw, dh, dw;
  int64_t cs, hs, ws;  // the input's strides
} window_t;

// The even lanes of a ++ b, and those of a ++ b' where b' is b moved down
// one float: (a0, a2, ..., b'1, b'3, ...).
#if VW == 16
#define EVEN(a, b) __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, \
    16, 18, 20, 22, 24, 26, 28, 30)
#define EVEN_ODD(a, b) __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, \
    14, 17, 19, 21, 23, 25, 27, 29, 31)
#else
#define EVEN(a, b) __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14)
#define EVEN_ODD(a, b) __builtin_shufflevector(a, b, 0, 2, 4, 6, 9, 11, 13, 15)
#endif

// src[0], src[2], ..., src[2 * NR - 2] into |out|, reading no further.
static inline void copyEven(const float *src, float *out) {
  vec a = *(const vecu *)src, b = *(const vecu *)(src + VW),
      c = *(const vecu *)(src + 2 * VW), d = *(const vecu *)(src + 3 * VW - 1);
  *(vecu *)out = EVEN(a, b);
  *(vecu *)(out + VW) = EVEN_ODD(c, d);
}

// Packs NR-column panel |j| of rows [p0, p0+kc) and columns [j0, j0+nc) of
// the im2col matrix of |x| at |out|, zero-padded. Each column's offset in a
// channel plane is computed once; a panel within one output row of a
// window of column stride 1 (or 2) is copied as vectors (the even lanes of
// vectors).
static void packWindowPanel(const float *x, const window_t *w, int64_t p0,
                            int64_t kc, int64_t j0, int64_t nc, int64_t j,
                            float *restrict out) {
  int64_t valid = min64(NR, nc - j), off[NR];
  for (int64_t c = 0; c < NR; ++c) {
    int64_t n = j0 + j + min64(c, valid - 1);
    off[c] = n / w->ow * w->sh * w->hs + n % w->ow * w->sw * w->ws;
  }
  int64_t span = valid == NR && w->ws == 1 ? off[NR - 1] - off[0] : 0;
  int64_t taps = w->kh * w->kw, ch = p0 / taps, i = p0 % taps / w->kw,
          jw = p0 % w->kw;
  for (int64_t p = 0; p < kc; ++p, out += NR) {
    const float *src = x + ch * w->cs + i * w->dh * w->hs + jw * w->dw * w->ws;
    if (span == NR - 1) {
      *(vecu *)out = *(const vecu *)(src + off[0]);
      *(vecu *)(out + VW) = *(const vecu *)(src + off[0] + VW);
    } else if (span == 2 * (NR - 1)) {
      copyEven(src + off[0], out);
    } else {
      for (int64_t c = 0; c < NR; ++c)
        out[c] = c < valid ? src[off[c]] : 0.0f;
    }
    if (++jw == w->kw && (jw = 0, ++i == w->kh))
      i = 0, ++ch;
  }
}

#endif // MLC_UKERNELS_MATMUL_PACK_H

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// f32 matrix multiply microkernel, C += A * B (C = A * B without
// |accumulate|) for strided 2-D views, linked
// as LLVM bitcode into every model that uses it and compiled for the model's
// target CPU. BLIS-style blocking: B is packed in KC x NC blocks (NR-column
// panels), A in KC-deep blocks of all its rows (MR-row panels), zero-padded
// at the edges; MC x NR blocks of C are walked by an MR x NR register tile of
// vector accumulators. With several threads C is split into blocks, each
// computed over all of K by one task.
//
// B may also be a convolution's im2col matrix read straight from its input
// (mlc_uk_conv2d_f32): its panels are then packed from the input's windows,
// and no im2col copy is made.
//
// A weight operand may come packed at compile time instead
// (mlc-cpu-pack-matmul-weights): A as [ceil(M/PA)][K][PA], B as
// [ceil(N/PB)][K][PB], zero-padded. The tile then reads the weight in place.
//
// The arguments are the fields of three expanded MLIR memref descriptors
// (allocated pointer, aligned pointer, offset, sizes, strides), the calling
// convention of a func.call on memref<?x...xf32, strided<[?, ...], offset: ?>>
// operands.

#include <stdint.h>
#include "alloc.h"
#include "parallel.h"

// Built twice: 8-wide vectors (AVX2: a 6 x 16 tile in 12 ymm accumulators)
// and, with MLC_UK_X16, 16-wide (AVX-512: 12 x 32 in 24 zmm) as
// mlc_uk_matmul_f32_x16, which linkUkernels picks for targets with AVX-512.
#ifdef MLC_UK_X16
#define VW 16
#define MR 12
#define UK_MATMUL mlc_uk_matmul_f32_x16
#define UK_MATMUL_PA mlc_uk_matmul_f32_pa_x16
#define UK_MATMUL_PB mlc_uk_matmul_f32_pb_x16
#define UK_CONV mlc_uk_conv2d_f32_x16
#define UK_CONV_PA mlc_uk_conv2d_f32_pa_x16
#else
#define VW 8
#define MR 6
#define UK_MATMUL mlc_uk_matmul_f32
#define UK_MATMUL_PA mlc_uk_matmul_f32_pa
#define UK_MATMUL_PB mlc_uk_matmul_f32_pb
#define UK_CONV mlc_uk_conv2d_f32
#define UK_CONV_PA mlc_uk_conv2d_f32_pa
#endif
#define NR (2 * VW)
#define KC 256
#define MC 144
// B blocks are NC columns wide (KC x NC fits in L2), packed into a heap
// buffer; without memory the kernel still runs, with NC_SMALL-wide blocks
// packed on the stack.
#define NC 256
#define NC_SMALL 64
// Panel widths of weights packed at compile time, the same for both builds.
#define PA 12
#define PB 32
_Static_assert(PA % MR == 0 && MC % PA == 0, "A blocks start on PA panels");
_Static_assert(PB % NR == 0 && NC % PB == 0 && NC_SMALL % PB == 0,
               "B blocks start on PB panels");

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

typedef float vec __attribute__((vector_size(VW * 4)));
typedef int32_t veci __attribute__((vector_size(VW * 4)));
// Unaligned access to VW floats.
typedef float vecu __attribute__((vector_size(VW * 4), aligned(4)));

#include "matmul_pack.h"

static inline vec splat(float x) {
  vec v;
  for (int i = 0; i < VW; ++i)
    v[i] = x;
  return v;
}

// Panels of a packed operand as the tile reads them: row (column) r of the
// block starts at base + r / width * stride + r % width, and each k step is
// |width| floats further.
typedef struct {
  const float *base;
  int64_t width, stride;
} panels_t;

static const float *panelAt(panels_t p, int64_t r) {
  return p.base + r / p.width * p.stride + r % p.width;
}

// acc[0:rows][0:halves] += one k step: A's |rows| values at |ap| times
// B's |halves| vectors at |bp|.
static inline __attribute__((always_inline)) void
step(int halves, int rows, const float *restrict ap, const float *restrict bp,
     vec acc[MR][2]) {
  vec b0 = *(const vecu *)bp, b1 = halves == 2 ? *(const vecu *)(bp + VW) : b0;
#pragma clang loop unroll(full)
  for (int r = 0; r < rows; ++r) {
    vec a = splat(ap[r]);
    acc[r][0] += a * b0;
    if (halves == 2)
      acc[r][1] += a * b1;
  }
}

// FMA chains a tile needs in flight to keep both FMA pipes busy (latency 4).
#define MIN_CHAINS 8

// acc[0:rows][0:halves] = the first |rows| rows of an A panel (kc x MR,
// steps |as| apart) times the first halves * VW columns of a B panel
// (kc x NR, steps |bs| apart); |halves| (1 or 2) and |rows| (a multiple of
// MR / 3) are constants once inlined. A tile of fewer than MIN_CHAINS
// accumulators sums even and odd k steps apart, so that twice as many FMAs
// are in flight.
static inline __attribute__((always_inline)) void
tile(int halves, int rows, int64_t kc, const float *restrict ap, int64_t as,
     const float *restrict bp, int64_t bs, vec acc[MR][2]) {
  for (int r = 0; r < MR; ++r)
    acc[r][0] = acc[r][1] = splat(0.0f);
  int64_t p = 0;
  if (rows * halves < MIN_CHAINS) {
    vec odd[MR][2];
    for (int r = 0; r < MR; ++r)
      odd[r][0] = odd[r][1] = splat(0.0f);
    for (; p + 1 < kc; p += 2, ap += 2 * as, bp += 2 * bs) {
      step(halves, rows, ap, bp, acc);
      step(halves, rows, ap + as, bp + bs, odd);
    }
    for (int r = 0; r < rows; ++r)
      for (int h = 0; h < halves; ++h)
        acc[r][h] += odd[r][h];
  }
  for (; p < kc; ++p, ap += as, bp += bs)
    step(halves, rows, ap, bp, acc);
}

// tile() for the |m| valid rows of a panel, rounded up to a third of MR (a
// 4-row tile for the last 4 of 64 rows, not a 12-row one).
static void tileRows(int64_t halves, int64_t m, int64_t kc, const float *ap,
                     int64_t as, const float *bp, int64_t bs,
                     vec acc[MR][2]) {
  int64_t thirds = (m + MR / 3 - 1) / (MR / 3);
  if (halves == 2 && thirds == 3)
    tile(2, MR, kc, ap, as, bp, bs, acc);
  else if (halves == 2 && thirds == 2)
    tile(2, MR / 3 * 2, kc, ap, as, bp, bs, acc);
  else if (halves == 2)
    tile(2, MR / 3, kc, ap, as, bp, bs, acc);
  else if (thirds == 3)
    tile(1, MR, kc, ap, as, bp, bs, acc);
  else if (thirds == 2)
    tile(1, MR / 3 * 2, kc, ap, as, bp, bs, acc);
  else
    tile(1, MR / 3, kc, ap, as, bp, bs, acc);
}

// Up to COLS_MAX columns left at the end of a B panel are computed one
// column at a time with A's MR rows as the vector (HI + LO lanes) instead of
// as a VW-wide vector of mostly padding: N = 49 (a 7x7 output) is one full
// tile, one half tile and one column.
#ifdef MLC_UK_X16
#define HI 8
#define LO 4
#define COLS_MAX 8
#else
#define HI 4
#define LO 2
#define COLS_MAX 2
#endif
#define COLS_GROUP 4
_Static_assert(HI + LO == MR, "an A panel's rows are one HI and one LO vector");
typedef float vhi __attribute__((vector_size(HI * 4)));
typedef float vlo __attribute__((vector_size(LO * 4)));
typedef float vhiu __attribute__((vector_size(HI * 4), aligned(4)));
typedef float vlou __attribute__((vector_size(LO * 4), aligned(4)));

// out[c][0:MR] = A panel times column c of a B panel, for c < g (a constant
// once inlined, at most COLS_GROUP). Even and odd k steps go to separate
// accumulators, so that more FMA chains are in flight.
static inline __attribute__((always_inline)) void
columns(int g, int64_t kc, const float *restrict ap, int64_t as,
        const float *restrict bp, int64_t bs, float out[COLS_GROUP][MR]) {
  vhi hi[2][COLS_GROUP];
  vlo lo[2][COLS_GROUP];
  for (int c = 0; c < g; ++c)
    hi[0][c] = hi[1][c] = (vhi){0}, lo[0][c] = lo[1][c] = (vlo){0};
  for (int64_t p = 0; p < kc; ++p, ap += as, bp += bs) {
    int e = p & 1;
    vhi ah = *(const vhiu *)ap;
    vlo al = *(const vlou *)(ap + HI);
#pragma clang loop unroll(full)
    for (int c = 0; c < g; ++c) {
      hi[e][c] += ah * bp[c];
      lo[e][c] += al * bp[c];
    }
  }
  for (int c = 0; c < g; ++c) {
    *(vhiu *)out[c] = hi[0][c] + hi[1][c];
    *(vlou *)(out[c] + HI) = lo[0][c] + lo[1][c];
  }
}

// What the last K step applies to C: + bias[i * rs + j * cs] (none when
// |bias| is null), then max with |lo| and min with |hi| (NaN stays NaN).
typedef struct {
  const float *bias;
  int64_t rs, cs;
  float lo, hi;
} epilogue_t;

static float finish(float v, const epilogue_t *ep, const float *bias) {
  v += bias ? *bias : 0.0f;
  v = v < ep->lo ? ep->lo : v;
  return v > ep->hi ? ep->hi : v;
}

// finish() on the first |halves| vectors of a row, |bias| the bias of its
// first value (or null).
static void finishRow(vec v[2], int64_t halves, const epilogue_t *ep,
                      const float *bias) {
  vec lo = splat(ep->lo), hi = splat(ep->hi);
  for (int64_t h = 0; h < halves; ++h) {
    if (bias && ep->cs == 0)
      v[h] += splat(*bias);
    else if (bias && ep->cs == 1)
      v[h] += *(const vecu *)(bias + h * VW);
    else if (bias)
      for (int j = 0; j < VW; ++j)
        v[h][j] += bias[(h * VW + j) * ep->cs];
    // Lane masks: a NaN compares false and stays.
    veci below = v[h] < lo, above = v[h] > hi;
    v[h] = (vec)((below & (veci)lo) | (~below & (veci)v[h]));
    v[h] = (vec)((above & (veci)hi) | (~above & (veci)v[h]));
  }
}

// C[r][j] += t(r, j) (= t when |overwrite|) for r < m, j < n, then finished
// by |ep| (null before the last K step) with the bias of C[0, 0] at |bias|;
// t(r, j) is t[r * rs_t + j * cs_t].
static void storeScalars(const float *t, int64_t rs_t, int64_t cs_t, float *c,
                         int64_t rs_c, int64_t cs_c, int64_t m, int64_t n,
                         int overwrite, const epilogue_t *ep,
                         const float *bias) {
  for (int64_t r = 0; r < m; ++r)
    for (int64_t j = 0; j < n; ++j) {
      float *out = c + r * rs_c + j * cs_c, x = t[r * rs_t + j * cs_t];
      float v = overwrite ? x : *out + x;
      *out = ep ? finish(v, ep, bias ? bias + r * ep->rs + j * ep->cs : 0) : v;
    }
}

// C[0:m, 0:n] += acc (= acc when |overwrite|), for the valid part of an
// MR x NR tile, then finished by |ep| as in storeScalars.
static void store(vec acc[MR][2], float *c, int64_t rs_c, int64_t cs_c,
                  int64_t m, int64_t n, int overwrite, const epilogue_t *ep,
                  const float *bias) {
  // Whole vectors of rows: C's contiguous rows are stored from the
  // registers, up to |m| of them (the loop unrolled, so acc stays in
  // registers).
  if ((n == NR || n == VW) && cs_c == 1) {
#pragma clang loop unroll(full)
    for (int r = 0; r < MR; ++r) {
      if (r == m)
        break;
      vecu *row = (vecu *)(c + r * rs_c);
      vec v[2] = {overwrite ? acc[r][0] : row[0] + acc[r][0],
                  n == VW || overwrite ? acc[r][1] : row[1] + acc[r][1]};
      if (ep)
        finishRow(v, n / VW, ep, bias ? bias + r * ep->rs : 0);
      row[0] = v[0];
      if (n == NR)
        row[1] = v[1];
    }
    return;
  }
  float t[MR][NR] __attribute__((aligned(64)));
  for (int r = 0; r < MR; ++r) {
    *(vec *)&t[r][0] = acc[r][0];
    *(vec *)&t[r][VW] = acc[r][1];
  }
  storeScalars(&t[0][0], NR, 1, c, rs_c, cs_c, m, n, overwrite, ep, bias);
}

// A matmul operand: a strided 2-D view (|width| 0), panels |width| wide of
// |k| steps packed at compile time, or (B only) the im2col matrix |win| of
// the input at |data|.
typedef struct {
  const float *data;
  int64_t rs, cs, k, width;
  const window_t *win;
} operand_t;

// The packed panels of block [i0:, p0:] (i0 a multiple of the width) of a
// compile-time packed operand.
static panels_t prepacked(const operand_t *x, int64_t i0, int64_t p0) {
  panels_t p = {x->data + i0 * x->k + p0 * x->width, x->width,
                x->width * x->k};
  return p;
}

// B[p0:p0+kc, j0:j0+nc] as NR-column panels: packed into |out| unless packed
// at compile time.
static panels_t packB(const operand_t *b, int64_t p0, int64_t j0, int64_t kc,
                      int64_t nc, float *restrict out) {
  if (b->width)
    return prepacked(b, j0, p0);
  for (int64_t j = 0; j < nc; j += NR) {
    float *panel = out + j * kc;
    if (b->win)
      packWindowPanel(b->data, b->win, p0, kc, j0, nc, j, panel);
    else
      packBPanel(b->data + p0 * b->rs + j0 * b->cs, b->rs, b->cs, kc, nc, j,
                 panel);
  }
  panels_t p = {out, NR, NR * kc};
  return p;
}

// A[i0:i0+mc, p0:p0+kc] as MR-row panels: packed into |out| unless packed at
// compile time.
static panels_t packA(const operand_t *a, int64_t i0, int64_t p0, int64_t mc,
                      int64_t kc, float *restrict out) {
  if (a->width)
    return prepacked(a, i0, p0);
  const float *rows = a->data + i0 * a->rs + p0 * a->cs;
  for (int64_t i = 0; i < mc; i += MR)
    packAPanels(rows + i * a->rs, a->rs, a->cs, min64(MR, mc - i), kc,
                out + i * kc);
  panels_t p = {out, MR, MR * kc};
  return p;
}

// Packed A rows [0, m) against packed B columns [0, n) over kc steps.
typedef struct {
  panels_t a, b;
  float *c;
  int64_t rs_c, cs_c, m, n, kc;
  int overwrite;
  const epilogue_t *ep;  // on the last K step, else null
  const float *bias;     // the bias of C[0, 0], if any
} blocks_t;

// C[0:m, 0:g] (+)= the A panel times the g columns of a B panel from
// |bp|, g <= COLS_MAX, in groups of COLS_GROUP, finished as in storeScalars.
static void columnTiles(const blocks_t *blk, const float *ap, const float *bp,
                        float *c, int64_t m, int64_t g, const float *bias) {
  for (int64_t j = 0; j < g; j += COLS_GROUP) {
    float t[COLS_GROUP][MR];
    int64_t n = min64(COLS_GROUP, g - j), kc = blk->kc, as = blk->a.width,
            bs = blk->b.width;
    if (n == 1)
      columns(1, kc, ap, as, bp + j, bs, t);
    else if (n == 2)
      columns(2, kc, ap, as, bp + j, bs, t);
    else if (n == 3)
      columns(3, kc, ap, as, bp + j, bs, t);
    else
      columns(COLS_GROUP, kc, ap, as, bp + j, bs, t);
    const epilogue_t *ep = blk->ep;
    storeScalars(&t[0][0], 1, MR, c + j * blk->cs_c, blk->rs_c, blk->cs_c, m,
                 n, blk->overwrite, ep, bias ? bias + j * ep->cs : 0);
  }
}

// The tiles of rows [ic, ic + MC) and the NR-column panel at |jr|: full
// VW-column vectors (one or two) and then, at the edge of C, at most
// COLS_MAX columns one by one. Not inlined into the packing loops around it
// (ResNet-50 ~1% faster).
__attribute__((noinline)) static void block(const blocks_t *blk, int64_t ic,
                                           int64_t jr) {
  const float *bp = panelAt(blk->b, jr);
  int64_t n = min64(NR, blk->n - jr), halves = n / VW, cols = n % VW;
  if (cols > COLS_MAX)
    ++halves, cols = 0;
  for (int64_t ir = ic; ir < min64(ic + MC, blk->m); ir += MR) {
    float *cTile = blk->c + ir * blk->rs_c + jr * blk->cs_c;
    int64_t m = min64(MR, blk->m - ir);
    // C's rows come in while the tile computes.
    for (int r = 0; r < m; ++r) {
      __builtin_prefetch(cTile + r * blk->rs_c, 1, 3);
      __builtin_prefetch(cTile + r * blk->rs_c + (n - 1) * blk->cs_c, 1, 3);
    }
    const float *ap = panelAt(blk->a, ir);
    const epilogue_t *ep = blk->ep;
    const float *bias =
        ep && blk->bias ? blk->bias + ir * ep->rs + jr * ep->cs : 0;
    if (halves) {
      vec acc[MR][2];
      tileRows(halves, m, blk->kc, ap, blk->a.width, bp, blk->b.width, acc);
      store(acc, cTile, blk->rs_c, blk->cs_c, m, min64(halves * VW, n),
            blk->overwrite, ep, bias);
    }
    if (cols)
      columnTiles(blk, ap, bp + halves * VW, cTile + halves * VW * blk->cs_c,
                  m, cols, bias ? bias + halves * VW * ep->cs : 0);
  }
}

// Scratch of one call: packed B blocks (KC x ncMax) and packed A rows
// (mcMax x KC, a multiple of MC; unused when the operand came packed).
typedef struct {
  float *bpack, *apack;
  int64_t ncMax, mcMax;
} scratch_t;

// The result: C (rs, cs), added to unless |accumulate| is 0, finished by
// |ep|.
typedef struct {
  float *data;
  int64_t rs, cs, accumulate;
  epilogue_t ep;
} output_t;

// A block of C: rows [i0, i0 + m) and columns [j0, j0 + n).
typedef struct {
  int64_t i0, m, j0, n;
} rect_t;

// C[r] over all of K: for each KC step, A's rows packed once (all of them,
// unless memory ran short), then each NC block of B packed and multiplied.
static void matmul(const operand_t *a, const operand_t *b, const output_t *out,
                   rect_t r, int64_t k, const scratch_t *s) {
  float *c = out->data;
  int64_t rs_c = out->rs, cs_c = out->cs;
  // No epilogue work on the stores when there is nothing to apply.
  const epilogue_t *ep = out->ep.bias || out->ep.lo > -__builtin_inff() ||
                                 out->ep.hi < __builtin_inff()
                             ? &out->ep
                             : 0;
  for (int64_t pc = 0; pc < k; pc += KC) {
    int64_t kc = min64(KC, k - pc);
    for (int64_t ic = r.i0; ic < r.i0 + r.m; ic += s->mcMax) {
      int64_t mc = min64(s->mcMax, r.i0 + r.m - ic);
      panels_t ap = packA(a, ic, pc, mc, kc, s->apack);
      for (int64_t jc = r.j0; jc < r.j0 + r.n; jc += s->ncMax) {
        int64_t nc = min64(s->ncMax, r.j0 + r.n - jc);
        blocks_t blk = {ap, packB(b, pc, jc, kc, nc, s->bpack),
                        c + ic * rs_c + jc * cs_c, rs_c, cs_c, mc, nc, kc,
                        pc == 0 && !out->accumulate, pc + kc == k ? ep : 0,
                        ep && ep->bias ? ep->bias + ic * ep->rs + jc * ep->cs
                                       : 0};
        for (int64_t i = 0; i < mc; i += MC)
          for (int64_t j = 0; j < nc; j += NR)
            block(&blk, i, j);
      }
    }
  }
}

// C[r] (+)= A * B over k, with scratch of its own.
static void runRect(const operand_t *a, const operand_t *b,
                    const output_t *out, rect_t r, int64_t k) {
  int64_t kc = min64(KC, k), mRows = (r.m + MC - 1) / MC * MC;
  scratch_t s = {0, 0, b->width ? NC : min64(NC, (r.n + NR - 1) / NR * NR),
                 a->width ? mRows : 0};
  if (!b->width)
    s.bpack = _mlir_memref_to_llvm_alloc(sizeof(float) * kc * s.ncMax);
  if (!a->width && (s.apack = _mlir_memref_to_llvm_alloc(sizeof(float) *
                                                           kc * mRows)))
    s.mcMax = mRows;
  if ((b->width || s.bpack) && (a->width || s.apack)) {
    matmul(a, b, out, r, k, &s);
  } else {
    // Without memory: blocks small enough for the stack.
    float bsmall[KC * NC_SMALL] __attribute__((aligned(64)));
    float asmall[MC * KC] __attribute__((aligned(64)));
    scratch_t small = {b->width ? 0 : bsmall, a->width ? 0 : asmall,
                       b->width ? NC : NC_SMALL, a->width ? mRows : MC};
    matmul(a, b, out, r, k, &small);
  }
  _mlir_memref_to_llvm_free(s.bpack);
  _mlir_memref_to_llvm_free(s.apack);
}

// C split into rows x cols blocks on a grid of PA-row and PB-column units
// (the panels of packed weights start on them), one task each.
typedef struct {
  const operand_t *a, *b;
  const output_t *out;
  int64_t m, n, k, rows, cols, rowUnits, colUnits;
} tasks_t;

static void task(void *data, int64_t index) {
  const tasks_t *t = data;
  int64_t r = index / t->cols, q = index % t->cols;
  int64_t i0 = r * t->rowUnits / t->rows * PA,
          i1 = min64(t->m, (r + 1) * t->rowUnits / t->rows * PA),
          j0 = q * t->colUnits / t->cols * PB,
          j1 = min64(t->n, (q + 1) * t->colUnits / t->cols * PB);
  rect_t rect = {i0, i1 - i0, j0, j1 - j0};
  runRect(t->a, t->b, t->out, rect, t->k);
}

// Tasks per thread: enough to even out threads that run slower, few enough
// that each task's panels are packed once and its part of C stays in its
// core's cache over all of K.
#define TASKS_PER_THREAD 4

// A grid of rows x cols tasks (of at least |tasks| / 2, where there are
// that many units) that packs and reads the least: every task packs (or,
// packed at compile time, reads) its rows of A and its columns of B over all
// of K, so A is packed |cols| times and B |rows| times. A compile-time
// packed operand's read counts PREPACKED_READ_SHARE of a packing.
#define PREPACKED_READ_SHARE 4
static void split(const operand_t *a, const operand_t *b, int64_t rowUnits,
                  int64_t colUnits, int64_t tasks, int64_t *rows,
                  int64_t *cols) {
  int64_t least = min64(rowUnits * colUnits, tasks) / 2, best = -1;
  for (int64_t r = 1; r <= min64(rowUnits, tasks); ++r) {
    int64_t q = min64(colUnits, (tasks + r - 1) / r);
    if (r * q < least)
      continue;
    int64_t cost = q * rowUnits * PA * (a->width ? 1 : PREPACKED_READ_SHARE) +
                   r * colUnits * PB * (b->width ? 1 : PREPACKED_READ_SHARE);
    if (best < 0 || cost < best)
      best = cost, *rows = r, *cols = q;
  }
}

// A runtime operand A[m x k] packed whole, in the layout of a compile-time
// packed one with MR-row panels, by tasks of PACK_PANELS panels each.
#define PACK_PANELS 4
typedef struct {
  const operand_t *a;
  float *out;
  int64_t m;
} pack_t;

static void packTask(void *data, int64_t index) {
  const pack_t *t = data;
  int64_t i0 = index * PACK_PANELS * MR,
          rows = min64(PACK_PANELS * MR, t->m - i0), k = t->a->k;
  packAPanels(t->a->data + i0 * t->a->rs, t->a->rs, t->a->cs, rows, k,
              t->out + i0 * k);
}

// |a| packed whole by all threads, or null without memory for it.
static float *packShared(const operand_t *a, int64_t m, int64_t k) {
  int64_t panels = (m + MR - 1) / MR;
  float *out = _mlir_memref_to_llvm_alloc(sizeof(float) * panels * MR * k);
  if (out) {
    pack_t p = {a, out, m};
    mlc_uk_parallel_for((panels + PACK_PANELS - 1) / PACK_PANELS, packTask,
                        &p);
  }
  return out;
}

// C[m x n] (+)= A * B over k, finished. With several threads, each task
// computes its own block of C over all of K and packs its own panels, so
// no packed data or partial C moves between cores; except that a runtime A
// that several column tasks would each pack is packed once, by all threads,
// and shared.
static void run(const operand_t *a, const operand_t *b, const output_t *out,
                int64_t m, int64_t n, int64_t k) {
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        float *c = out->data + i * out->rs + j * out->cs;
        const float *bias = out->ep.bias;
        *c = finish(out->accumulate ? *c : 0.0f, &out->ep,
                    bias ? bias + i * out->ep.rs + j * out->ep.cs : 0);
      }
    return;
  }
  int64_t threads = mlc_uk_num_threads();
  int64_t rowUnits = (m + PA - 1) / PA, colUnits = (n + PB - 1) / PB;
  int64_t rows = 1, cols = 1;
  if (threads > 1)
    split(a, b, rowUnits, colUnits, threads * TASKS_PER_THREAD, &rows, &cols);
  if (rows * cols == 1) {
    rect_t all = {0, m, 0, n};
    runRect(a, b, out, all, k);
    return;
  }
  float *shared = cols > 1 && !a->width ? packShared(a, m, k) : 0;
  operand_t packed = {shared, 0, 0, k, MR, 0};
  if (shared) {
    a = &packed;
    split(a, b, rowUnits, colUnits, threads * TASKS_PER_THREAD, &rows, &cols);
  }
  tasks_t t = {a, b, out, m, n, k, rows, cols, rowUnits, colUnits};
  mlc_uk_parallel_for(rows * cols, task, &t);
  _mlir_memref_to_llvm_free(shared);
}

// Descriptor fields: allocated and aligned pointers, offset, sizes, strides.
#define VIEW2(x) const float *x##_alloc, const float *x, int64_t x##_off, \
    int64_t x##_d0, int64_t x##_d1, int64_t x##_s0, int64_t x##_s1
#define PACKED(x) const float *x##_alloc, const float *x, int64_t x##_off, \
    int64_t x##_panels, int64_t x##_k, int64_t x##_width, int64_t x##_s0, \
    int64_t x##_s1, int64_t x##_s2
// C's view (m x n, strides rs_c and cs_c), whether to add to it, and the
// epilogue: the bias address (0: none) and its row and column strides, and
// the clamp bounds.
#define OUTPUT float *c_alloc, float *c, int64_t c_off, int64_t m, int64_t n, \
    int64_t rs_c, int64_t cs_c, int64_t accumulate, int64_t bias, \
    int64_t bias_rs, int64_t bias_cs, float lo, float hi
#define OUTPUT_INIT {c + c_off, rs_c, cs_c, accumulate, \
    {(const float *)(intptr_t)bias, bias_rs, bias_cs, lo, hi}}

void UK_MATMUL(VIEW2(a), VIEW2(b), OUTPUT) {
  (void)a_alloc, (void)b_alloc, (void)c_alloc, (void)a_d0, (void)b_d0, (void)b_d1;
  operand_t av = {a + a_off, a_s0, a_s1, a_d1, 0, 0};
  operand_t bv = {b + b_off, b_s0, b_s1, a_d1, 0, 0};
  output_t out = OUTPUT_INIT;
  run(&av, &bv, &out, m, n, a_d1);
}

// A packed at compile time ([ceil(m/PA)][k][PA], contiguous).
void UK_MATMUL_PA(PACKED(a), VIEW2(b), OUTPUT) {
  (void)a_alloc, (void)b_alloc, (void)c_alloc, (void)a_panels, (void)a_width;
  (void)a_s0, (void)a_s1, (void)a_s2, (void)b_d0, (void)b_d1;
  operand_t av = {a + a_off, 0, 0, a_k, PA, 0};
  operand_t bv = {b + b_off, b_s0, b_s1, a_k, 0, 0};
  output_t out = OUTPUT_INIT;
  run(&av, &bv, &out, m, n, a_k);
}

// B packed at compile time ([ceil(n/PB)][k][PB], contiguous).
void UK_MATMUL_PB(VIEW2(a), PACKED(b), OUTPUT) {
  (void)a_alloc, (void)b_alloc, (void)c_alloc, (void)b_panels, (void)b_width;
  (void)b_s0, (void)b_s1, (void)b_s2, (void)a_d0, (void)a_d1;
  operand_t av = {a + a_off, a_s0, a_s1, b_k, 0, 0};
  operand_t bv = {b + b_off, 0, 0, b_k, PB, 0};
  output_t out = OUTPUT_INIT;
  run(&av, &bv, &out, m, n, b_k);
}

// A convolution as C[F, OH*OW] (+)= A[F, C*KH*KW] * im2col(x), x the
// (padded) input [1][C][H][W]; the window's geometry follows the views.
#define VIEW4(x) const float *x##_alloc, const float *x, int64_t x##_off, \
    int64_t x##_d0, int64_t x##_d1, int64_t x##_d2, int64_t x##_d3, \
    int64_t x##_s0, int64_t x##_s1, int64_t x##_s2, int64_t x##_s3
#define WINDOW int64_t kh, int64_t kw, int64_t ow, int64_t sh, int64_t sw, \
    int64_t dh, int64_t dw
#define WINDOW_INIT {kh, kw, ow, sh, sw, dh, dw, x_s1, x_s2, x_s3}

void UK_CONV(VIEW2(a), VIEW4(x), OUTPUT, WINDOW) {
  (void)a_alloc, (void)c_alloc, (void)a_d0, (void)x_alloc, (void)x_d0;
  (void)x_d1, (void)x_d2, (void)x_d3, (void)x_s0;
  window_t win = WINDOW_INIT;
  operand_t av = {a + a_off, a_s0, a_s1, a_d1, 0, 0};
  operand_t bv = {x + x_off, 0, 0, a_d1, 0, &win};
  output_t out = OUTPUT_INIT;
  run(&av, &bv, &out, m, n, a_d1);
}

// The filter packed at compile time ([ceil(m/PA)][k][PA], contiguous).
void UK_CONV_PA(PACKED(a), VIEW4(x), OUTPUT, WINDOW) {
  (void)a_alloc, (void)c_alloc, (void)a_panels, (void)a_width, (void)a_s0;
  (void)a_s1, (void)a_s2, (void)x_alloc, (void)x_d0, (void)x_d1, (void)x_d2;
  (void)x_d3, (void)x_s0;
  window_t win = WINDOW_INIT;
  operand_t av = {a + a_off, 0, 0, a_k, PA, 0};
  operand_t bv = {x + x_off, 0, 0, a_k, 0, &win};
  output_t out = OUTPUT_INIT;
  run(&av, &bv, &out, m, n, a_k);
}

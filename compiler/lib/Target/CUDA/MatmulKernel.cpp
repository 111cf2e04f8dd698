// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The matmul family as one tiled kernel: each 256-thread block computes a
// 64x64 tile of C (blockIdx.z: batch), staging 64x16 tiles of A and 16x64
// tiles of B in shared memory; each thread accumulates a 4x4 register tile
// (rows ty + 16 i, columns tx + 16 j, so stores to C coalesce). Strides are
// compile-time constants, so transposed or strided views cost nothing; tile
// loads walk the stride-1 dim across threads. The staging/compute split is
// where an mma (tensor core) variant for fp16/bf16 would slot in.

#include "CudaEmitter.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::cuda;

namespace {
std::string str(int64_t v) { return std::to_string(v); }

constexpr int64_t kTile = 64, kTileK = 16, kThreads = 256;

// Strides of one operand along its (batch, row, column) dims; batch 0 when
// the op is not batched.
struct OperandStrides {
  int64_t batch = 0, row = 0, col = 0;
};

FailureOr<OperandStrides> operandStrides(linalg::LinalgOp op, Value v,
                                         bool batched) {
  auto type = cast<MemRefType>(v.getType());
  SmallVector<int64_t> strides;
  int64_t offset = 0;
  if (!type.hasStaticShape() ||
      failed(getStridesAndOffset(type, strides, offset)) ||
      llvm::is_contained(strides, ShapedType::kDynamic))
    return op.emitError("the CUDA target needs static shapes and layouts, "
                        "got ")
           << type, failure();
  OperandStrides s;
  unsigned first = batched ? 1 : 0;
  s.batch = batched ? strides[0] : 0;
  s.row = strides[first];
  s.col = strides[first + 1];
  return s;
}

// The shared-memory tile loads: A (64 rows m x 16 k) into As[k][m], B (16
// k x 64 n) into Bs[k][n]. Consecutive threads take consecutive elements of
// the operand's stride-1 dim.
std::string tileLoads(const OperandStrides &a, const OperandStrides &b,
                      int64_t m, int64_t n, int64_t k) {
  bool aKFast = a.col == 1, bNFast = b.col == 1;
  return fillTemplate(
             R"(    #pragma unroll
    for (int r = 0; r < 4; ++r) {
      const int e = threadIdx.x + r * @0;
      const int am = @1, ak = @2;
      const long long gm = m0 + am, gk = k0 + ak;
      As[ak][am] = (gm < @3LL && gk < @5LL) ? A[gm * @6LL + gk * @7LL] : 0.0f;
      const int bk = @8, bn = @9;
      const long long hk = k0 + bk, hn = n0 + bn;
      Bs[bk][bn] = (hk < @5LL && hn < @4LL) ? B[hk * @10LL + hn * @11LL] : 0.0f;
    }
)",
             {str(kThreads), aKFast ? "e / 16" : "e % 64",
              aKFast ? "e % 16" : "e / 64", str(m), str(n), str(k), str(a.row),
              str(a.col), bNFast ? "e / 64" : "e % 16",
              bNFast ? "e % 64" : "e / 16", str(b.row), str(b.col)});
}
} // namespace

// The code storing element (m, n) of C: the sum, or its epilogue applied.
static FailureOr<std::string> storeCode(const InitValues &init,
                                        const Epilogue *epilogue, int64_t m,
                                        int64_t n, KernelText &kernel,
                                        SmallVector<Value> &written) {
  std::string sum = init[0] ? "acc[i][j]" : "*c + acc[i][j]";
  const char *indent = "        ";
  if (!epilogue)
    return indent + ("*c = " + sum) + ";\n";
  std::string linear = "((long long)blockIdx.z * " + str(m) + "LL + m) * " +
                       str(n) + "LL + n";
  FailureOr<InlineText> text = emitInlineEpilogue(
      *epilogue, kernel.params.size(), "mlc_v", linear, indent);
  if (failed(text))
    return failure();
  kernel.params.append(text->params);
  written.append(text->written);
  return indent + ("const float mlc_v = " + sum) + ";\n" +
         (epilogue->storesMatmulResult ? std::string(indent) + "*c = mlc_v;\n"
                                       : "") +
         text->code;
}

FailureOr<KernelText> cuda::emitMatmulKernel(linalg::LinalgOp op,
                                             const InitValues &init,
                                             const Epilogue *epilogue) {
  bool batched = isa<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(op);
  bool transposeB =
      isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op);
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  Value c = op.getDpsInits()[0];
  FailureOr<OperandStrides> sa = operandStrides(op, a, batched),
                            sb = operandStrides(op, b, batched),
                            sc = operandStrides(op, c, batched);
  if (failed(sa) || failed(sb) || failed(sc))
    return failure();
  // B as (batch, k, n) whatever its layout.
  if (transposeB)
    std::swap(sb->row, sb->col);
  ArrayRef<int64_t> cShape = cast<MemRefType>(c.getType()).getShape();
  int64_t batch = batched ? cShape[0] : 1;
  int64_t m = cShape[batched], n = cShape[batched + 1];
  int64_t k = cast<MemRefType>(a.getType()).getShape()[batched + 1];
  int64_t gridM = (m + kTile - 1) / kTile, gridN = (n + kTile - 1) / kTile;
  if (gridM > 65535 || batch > 65535 || gridN > INT32_MAX)
    return op.emitError("the CUDA target cannot tile a matmul of ")
           << batch << "x" << m << "x" << n << " in one grid", failure();

  KernelText kernel;
  kernel.params = {a, b, c};
  kernel.threadsPerBlock = kThreads;
  kernel.block = {static_cast<uint32_t>(kThreads), 1, 1};
  kernel.grid = {static_cast<uint32_t>(gridN), static_cast<uint32_t>(gridM),
                 static_cast<uint32_t>(batch)};
  SmallVector<Value> written = {c};
  FailureOr<std::string> store =
      storeCode(init, epilogue, m, n, kernel, written);
  if (failed(store))
    return failure();
  kernel.text =
      paramList(kernel.params, written) +
      fillTemplate(R"( {
  __shared__ float As[16][68];
  __shared__ float Bs[16][68];
  const int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
  const long long m0 = (long long)blockIdx.y * 64, n0 = (long long)blockIdx.x * 64;
  const float* A = p0 + (long long)blockIdx.z * @0LL;
  const float* B = p1 + (long long)blockIdx.z * @1LL;
  float* C = p2 + (long long)blockIdx.z * @2LL;
  float acc[4][4];
  #pragma unroll
  for (int i = 0; i < 4; ++i) {
    #pragma unroll
    for (int j = 0; j < 4; ++j) acc[i][j] = @10;
  }
  for (long long k0 = 0; k0 < @3LL; k0 += 16) {
@4    __syncthreads();
    #pragma unroll
    for (int kk = 0; kk < 16; ++kk) {
      float av[4], bv[4];
      #pragma unroll
      for (int i = 0; i < 4; ++i) av[i] = As[kk][ty + 16 * i];
      #pragma unroll
      for (int j = 0; j < 4; ++j) bv[j] = Bs[kk][tx + 16 * j];
      #pragma unroll
      for (int i = 0; i < 4; ++i) {
        #pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
      }
    }
    __syncthreads();
  }
  #pragma unroll
  for (int i = 0; i < 4; ++i) {
    #pragma unroll
    for (int j = 0; j < 4; ++j) {
      const long long m = m0 + ty + 16 * i, n = n0 + tx + 16 * j;
      if (m < @5LL && n < @6LL) {
        float* c = &C[m * @7LL + n * @8LL];
@9      }
    }
  }
}
)",
                   {str(sa->batch), str(sb->batch), str(sc->batch), str(k),
                    tileLoads(*sa, *sb, m, n, k), str(m), str(n), str(sc->row),
                    str(sc->col), *store, init[0] ? *init[0] : "0.0f"});
  return kernel;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_CUDA_PASSES_H
#define MLC_TARGET_CUDA_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::mlc {

#define GEN_PASS_DECL
#include "mlc/Target/CUDA/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mlc/Target/CUDA/Passes.h.inc"

/// Whether the CUDA emitter gives |op| the tiled matmul kernel.
bool isCudaMatmul(linalg::LinalgOp op);

/// Bufferizes fused linalg on tensors for the CUDA emitter (static shapes).
void buildCUDACodegenPipeline(OpPassManager &pm);

/// Registers the pipeline as `mlc-cuda-codegen` for mlc-opt.
void registerCUDACodegenPipeline();

} // namespace mlir::mlc

#endif // MLC_TARGET_CUDA_PASSES_H

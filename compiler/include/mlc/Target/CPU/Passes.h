// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_CPU_PASSES_H
#define MLC_TARGET_CPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::mlc {

#define GEN_PASS_DECL
#include "mlc/Target/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mlc/Target/CPU/Passes.h.inc"

/// Name of the model function produced by the frontends.
inline constexpr llvm::StringLiteral kModelFunctionName = "main";

/// Module attribute of the entry point's buffer shapes
/// (mlc-cpu-record-entry-shapes).
inline constexpr llvm::StringLiteral kEntryDimsAttr = "mlc.entry_dims";

/// memref<?x...xf32, strided<[?, ...], offset: ?>> of |rank|: the type of
/// the microkernels' operands (mlc-cpu-ukernel-calls).
MemRefType ukernelViewType(MLIRContext *ctx, int64_t rank);

/// Name prefix of the functions mlc-cpu-outline-parallel-loops creates.
inline constexpr llvm::StringLiteral kParallelBodyPrefix = "mlc_par_body_";

/// One-shot bufferization of the model function with its results turned
/// into output arguments (inputs, weights, outputs), copies as linalg.copy.
/// The first part of every backend's codegen pipeline.
void buildModelBufferizationPipeline(OpPassManager &pm);

/// Bufferizes fused linalg on tensors and lowers it to the LLVM dialect with
/// the artifact's entry point (the CPU backend's codegen pipeline).
void buildCPUCodegenPipeline(OpPassManager &pm);

/// Registers the CPU codegen pipeline as `mlc-cpu-codegen` for mlc-opt.
void registerCPUCodegenPipeline();

} // namespace mlir::mlc

#endif // MLC_TARGET_CPU_PASSES_H

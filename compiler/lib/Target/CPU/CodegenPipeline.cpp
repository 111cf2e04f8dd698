// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The CPU backend's pass pipeline: fused linalg on tensors -> bufferized
// loops -> LLVM dialect with the artifact entry point.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

// Copies between function-boundary buffers as linalg.copy, which lowers to
// loops; memref.copy of strided views would call an MLIR runner library.
static LogicalResult createLinalgCopy(OpBuilder &b, Location loc, Value from,
                                      Value to) {
  b.create<linalg::CopyOp>(loc, from, to);
  return success();
}

// Hoisted tile buffers up to this size live on the stack.
static constexpr unsigned kMaxStackTileBytes = 4096;

void mlir::mlc::buildModelBufferizationPipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(mlc::createCloneFillsPass());
  pm.addNestedPass<func::FuncOp>(mlc::createCopyForwardedResultsPass());
  bufferization::OneShotBufferizationOptions options;
  options.bufferizeFunctionBoundaries = true;
  options.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  options.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createOneShotBufferizePass(options));
  // Folds loop-carried buffers so results are the allocations themselves,
  // which buffer-results-to-out-params then replaces by the output pointers.
  pm.addPass(createCanonicalizerPass());
  bufferization::BufferResultsToOutParamsOpts outParams;
  outParams.hoistStaticAllocs = true;
  outParams.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
}

static void addBufferizationPasses(OpPassManager &pm) {
  mlc::buildModelBufferizationPipeline(pm);
  pm.addNestedPass<func::FuncOp>(mlc::createForallToParallelPass());
  // Tile buffers of fused loops are allocated once, outside the loops.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  pm.addNestedPass<func::FuncOp>(
      bufferization::createPromoteBuffersToStackPass(kMaxStackTileBytes));
  bufferization::buildBufferDeallocationPipeline(
      pm, bufferization::BufferDeallocationPipelineOptions());
  pm.addPass(createBufferizationToMemRefPass());
}

void mlir::mlc::buildCPUCodegenPipeline(OpPassManager &pm) {
  pm.addPass(createRecordEntryShapesPass());
  addBufferizationPasses(pm);
  pm.addPass(createUkernelCallsPass());
  pm.addPass(createPackMatmulWeightsPass());
  pm.addNestedPass<func::FuncOp>(createReassociateReductionsPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addNestedPass<func::FuncOp>(createApproximateMathPass());
  pm.addPass(createOutlineParallelLoopsPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Buffers come from the cached allocator linked in with the microkernels.
  FinalizeMemRefToLLVMConversionPassOptions memrefOptions;
  memrefOptions.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefOptions));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createLaunchParallelCallsPass());
  pm.addPass(createEmitEntryPointPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::mlc::registerCPUCodegenPipeline() {
  PassPipelineRegistration<>(
      "mlc-cpu-codegen",
      "Bufferize fused linalg on tensors and lower it to the LLVM dialect",
      buildCPUCodegenPipeline);
}

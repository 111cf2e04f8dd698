// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The CUDA backend's pass pipeline: fused linalg on tensors -> bufferized
// linalg on memrefs, one kernel per op (see mlc-cuda-prepare-kernels). The
// emitter (CudaEmitter.h) turns that into CUDA C and a launch list.

#include "mlc/Target/CPU/Passes.h"
#include "mlc/Target/CUDA/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::mlc::buildCUDACodegenPipeline(OpPassManager &pm) {
  buildModelBufferizationPipeline(pm);
  pm.addNestedPass<func::FuncOp>(createPrepareKernelsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::mlc::registerCUDACodegenPipeline() {
  PassPipelineRegistration<>(
      "mlc-cuda-codegen",
      "Bufferize fused linalg on tensors into one linalg op per CUDA kernel",
      buildCUDACodegenPipeline);
}

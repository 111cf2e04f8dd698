// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_CUDA_PASSES_TD
#define MLC_TARGET_CUDA_PASSES_TD

include "mlir/Pass/PassBase.td"

def PrepareKernelsPass : Pass<"mlc-cuda-prepare-kernels", "func::FuncOp"> {
  let summary = "Turn bufferized linalg into the ops the CUDA emitter maps to kernels";
  let description = [{
    Runs after bufferization. Every `linalg` op becomes a `linalg.generic`
    (one CUDA kernel each: a thread per point of its parallel loops, the
    reduction loops inside the thread), except the matmul family
    (`linalg.matmul`, `matmul_transpose_b`, `batch_matmul`,
    `batch_matmul_transpose_b`), which the emitter maps to a tiled
    shared-memory kernel. `memref.copy` becomes a generic copy too.

    ```mlir
    linalg.fill ins(%zero : f32) outs(%buf : memref<4x8xf32>)
    // becomes
    linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>,
                                     affine_map<(d0, d1) -> (d0, d1)>],
                    iterator_types = ["parallel", "parallel"]}
        ins(%zero : f32) outs(%buf : memref<4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    }
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // MLC_TARGET_CUDA_PASSES_TD

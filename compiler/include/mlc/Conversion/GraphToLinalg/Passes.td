// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_CONVERSION_GRAPHTOLINALG_PASSES_TD
#define MLC_CONVERSION_GRAPHTOLINALG_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertGraphToLinalgPass : Pass<"mlc-convert-graph-to-linalg", "func::FuncOp"> {
  let summary = "Lower mlc_graph ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Elementwise ops become `linalg.generic` ops whose indexing maps encode
    numpy broadcasting; matmul/gemm become a contraction `linalg.generic`
    accumulating into a zero-filled init, followed by an elementwise epilogue
    for alpha/beta/C; softmax becomes max/exp/sum/div generics; transpose
    becomes `linalg.transpose` and reshape a collapse/expand pair.

    ```mlir
    %0 = mlc_graph.relu %x : tensor<4xf32>
    // becomes
    %e = tensor.empty() : tensor<4xf32>
    %0 = linalg.generic {... iterator_types = ["parallel"]}
        ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) { arith.maximumf ... }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // MLC_CONVERSION_GRAPHTOLINALG_PASSES_TD

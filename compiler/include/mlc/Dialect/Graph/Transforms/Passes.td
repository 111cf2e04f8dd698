// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_DIALECT_GRAPH_TRANSFORMS_PASSES_TD
#define MLC_DIALECT_GRAPH_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FoldConvAffinePass : Pass<"mlc-fold-conv-affine", "func::FuncOp"> {
  let summary = "Fold per-channel scale and shift (inference BatchNorm) into conv2d";
  let description = [{
    `mul(conv2d(x, W, b), A)` with a constant per-channel `A` becomes
    `conv2d(x, W * A, b * A)`, and `add(conv2d(x, W, b), B)` becomes
    `conv2d(x, W, b + B)`, when the filter (and bias) are constants and the
    convolution has no other use. BatchNormalization, which the ONNX importer
    turns into such a multiply-add, disappears into the convolution's
    weights at compile time.

    Before:
    ```mlir
    %c = mlc_graph.conv2d %x, %w : ... -> tensor<1x8x4x4xf32>
    %m = mlc_graph.mul %c, %scale : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> ...
    %y = mlc_graph.add %m, %shift : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> ...
    ```
    After:
    ```mlir
    %y = mlc_graph.conv2d %x, %w2, %b2 : ...
    ```
  }];
  let dependentDialects = ["::mlir::mlc::graph::GraphDialect"];
}

def OutlineWeightsPass : Pass<"mlc-outline-weights", "func::FuncOp"> {
  let summary = "Turn weight constants into entry-point arguments";
  let description = [{
    Every `mlc_graph.constant` holding a `dense_resource<>` weight becomes a
    new function argument appended after the model inputs, so the generated
    code reads weights from the artifact's mapped weights section instead of
    embedding them. The function gets `mlc.num_inputs` (the original argument
    count) and `mlc.weights` (resource names in argument order).

    Before:
    ```mlir
    func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
      %w = mlc_graph.constant dense_resource<w> : tensor<2xf32>
      %0 = mlc_graph.add %x, %w : ...
    ```
    After:
    ```mlir
    func.func @main(%x: tensor<2xf32>, %w: tensor<2xf32>) -> tensor<2xf32>
        attributes {mlc.num_inputs = 1 : i64, mlc.weights = ["w"]} {
      %0 = mlc_graph.add %x, %w : ...
    ```
  }];
  let dependentDialects = ["::mlir::mlc::graph::GraphDialect"];
}

#endif // MLC_DIALECT_GRAPH_TRANSFORMS_PASSES_TD

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

def FuseNormalizationPass : Pass<"mlc-fuse-normalization", "func::FuncOp"> {
  let summary = "Recognize decomposed layer and RMS normalization";
  let description = [{
    Exporters often spell LayerNormalization and RMSNorm out as reductions
    and elementwise ops. This pass turns them back into one `layer_norm` or
    `rms_norm`, which lowers to two or three loops instead of seven:

    - `(x - mean(x)) / sqrt(mean((x - mean(x))^2) + eps)` (or times the
      reciprocal of the square root) becomes `layer_norm`;
    - `x / sqrt(mean(x^2) + eps)` (or times its reciprocal) over the last dim
      becomes `rms_norm`;
    - a following multiply by a scale and add of a bias that broadcast to the
      normalized dims are absorbed into the op.

    Squares may be `pow(d, 2)` or `mul(d, d)`; the means are `reduce_mean`
    with `keep_dims` over the trailing dims.

    Before:
    ```mlir
    %m = mlc_graph.reduce_mean %x {axes = array<i64: 2>, keep_dims = true} : ...
    %d = mlc_graph.sub %x, %m : ...
    %p = mlc_graph.pow %d, %two : ...
    %v = mlc_graph.reduce_mean %p {axes = array<i64: 2>, keep_dims = true} : ...
    %e = mlc_graph.add %v, %eps : ...
    %s = mlc_graph.sqrt %e : ...
    %n = mlc_graph.div %d, %s : ...
    %y = mlc_graph.mul %n, %gamma : ...
    ```
    After:
    ```mlir
    %y = mlc_graph.layer_norm %x, %gamma {axis = 2 : i64, epsilon = 1.0e-5 : f32} : ...
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

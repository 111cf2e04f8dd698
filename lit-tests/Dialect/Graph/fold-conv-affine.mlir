// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-fold-conv-affine))' --split-input-file | FileCheck %s

// Inference BatchNorm (per-channel multiply, then add) folds into the filter
// and bias: W' = W * A per output channel, b' = b * A + B.
// CHECK-LABEL: func.func @batchnorm
// CHECK-DAG: %[[W:.+]] = mlc_graph.constant dense<{{\[}}{{\[}}{{\[}}[2.000000e+00]]], {{\[}}{{\[}}[3.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.+]] = mlc_graph.constant dense<[1.100000e+01, 1.200000e+01]> : tensor<2xf32>
// CHECK: %[[C:.+]] = mlc_graph.conv2d %{{.+}}, %[[W]], %[[B]]
// CHECK-NOT: mlc_graph.mul
// CHECK-NOT: mlc_graph.add
// CHECK: return %[[C]]
func.func @batchnorm(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = mlc_graph.constant dense<1.0> : tensor<2x1x1x1xf32>
  %a = mlc_graph.constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %b = mlc_graph.constant dense<[[[11.0]], [[12.0]]]> : tensor<2x1x1xf32>
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = mlc_graph.mul %0, %a : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %2 = mlc_graph.add %1, %b : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %2 : tensor<1x2x4x4xf32>
}

// -----

// Not per-channel (varies along W), or the convolution has another use: no fold.
// CHECK-LABEL: func.func @no_fold
// CHECK: mlc_graph.mul
// CHECK: mlc_graph.add
func.func @no_fold(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = mlc_graph.constant dense<1.0> : tensor<2x1x1x1xf32>
  %a = mlc_graph.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = mlc_graph.mul %0, %a : (tensor<1x2x4x4xf32>, tensor<4xf32>) -> tensor<1x2x4x4xf32>
  %c = mlc_graph.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %2 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %3 = mlc_graph.add %2, %c : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %1, %3, %2 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

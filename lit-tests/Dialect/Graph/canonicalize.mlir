// RUN: mlc-opt %s --canonicalize --split-input-file | FileCheck %s

// Constant subgraphs fold, with numpy broadcasting.
// CHECK-LABEL: func.func @fold_broadcast_arith
// CHECK: %[[C:.+]] = mlc_graph.constant dense<{{\[}}[1.100000e+01, 2.200000e+01], [1.300000e+01, 2.400000e+01]]> : tensor<2x2xf32>
// CHECK-NOT: mlc_graph.add
// CHECK: mlc_graph.mul %{{.*}}, %[[C]]
func.func @fold_broadcast_arith(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %a = mlc_graph.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = mlc_graph.constant dense<[10.0, 20.0]> : tensor<2xf32>
  %0 = mlc_graph.add %a, %b : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %1 = mlc_graph.mul %x, %0 : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  return %1 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @fold_sub_div_unary
// CHECK: mlc_graph.constant dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK-NOT: mlc_graph.relu
func.func @fold_sub_div_unary() -> tensor<2xf32> {
  %a = mlc_graph.constant dense<[3.0, -4.0]> : tensor<2xf32>
  %b = mlc_graph.constant dense<2.0> : tensor<2xf32>
  %0 = mlc_graph.sub %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = mlc_graph.div %0, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = mlc_graph.relu %1 : tensor<2xf32>
  return %2 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @fold_sigmoid_tanh
// CHECK: mlc_graph.constant dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>
func.func @fold_sigmoid_tanh() -> (tensor<2xf32>) {
  %a = mlc_graph.constant dense<0.0> : tensor<2xf32>
  %0 = mlc_graph.sigmoid %a : tensor<2xf32>
  %1 = mlc_graph.tanh %a : tensor<2xf32>
  %2 = mlc_graph.add %0, %1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %c = mlc_graph.constant dense<[0.0, -0.5]> : tensor<2xf32>
  %3 = mlc_graph.add %2, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %3 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @fold_transpose_reshape
// CHECK: mlc_graph.constant dense<[1, 4, 2, 5, 3, 6]> : tensor<6xi64>
func.func @fold_transpose_reshape() -> tensor<6xi64> {
  %a = mlc_graph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %0 = mlc_graph.transpose %a {permutation = array<i64: 1, 0>} : tensor<2x3xi64> -> tensor<3x2xi64>
  %1 = mlc_graph.reshape %0 : tensor<3x2xi64> -> tensor<6xi64>
  return %1 : tensor<6xi64>
}

// -----

// reshape(reshape(x)) = reshape(x); transpose(transpose(x)) composes.
// CHECK-LABEL: func.func @compose
// CHECK-SAME: %[[X:.+]]: tensor<2x3x4xf32>
// CHECK: %[[R:.+]] = mlc_graph.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<4x6xf32>
// CHECK: mlc_graph.transpose %[[X]] {permutation = array<i64: 2, 0, 1>}
// CHECK-NOT: mlc_graph.transpose
func.func @compose(%x: tensor<2x3x4xf32>) -> (tensor<4x6xf32>, tensor<4x2x3xf32>) {
  %0 = mlc_graph.reshape %x : tensor<2x3x4xf32> -> tensor<24xf32>
  %1 = mlc_graph.reshape %0 : tensor<24xf32> -> tensor<4x6xf32>
  %2 = mlc_graph.transpose %x {permutation = array<i64: 1, 2, 0>} : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  %3 = mlc_graph.transpose %2 {permutation = array<i64: 1, 2, 0>} : tensor<3x4x2xf32> -> tensor<4x2x3xf32>
  return %1, %3 : tensor<4x6xf32>, tensor<4x2x3xf32>
}

// -----

// Identity reshapes and transposes disappear.
// CHECK-LABEL: func.func @identity
// CHECK-NEXT: return %arg0
func.func @identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = mlc_graph.reshape %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = mlc_graph.transpose %0 {permutation = array<i64: 0, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// Weights (dense_resource) never fold into the IR.
// CHECK-LABEL: func.func @weights_do_not_fold
// CHECK: mlc_graph.add
func.func @weights_do_not_fold() -> tensor<2xf32> {
  %w = mlc_graph.constant dense_resource<w0> : tensor<2xf32>
  %c = mlc_graph.constant dense<1.0> : tensor<2xf32>
  %0 = mlc_graph.add %w, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w0: "0x040000000000803F00000040"
    }
  }
#-}

// -----

// Concatenating constants (shape subgraphs) folds; a lone input forwards.
// CHECK-LABEL: func.func @fold_concat
// CHECK: mlc_graph.constant dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi64>
// CHECK-NOT: mlc_graph.concat
func.func @fold_concat(%x: tensor<2xf32>) -> (tensor<2x3xi64>, tensor<2xf32>) {
  %a = mlc_graph.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %b = mlc_graph.constant dense<[[5], [6]]> : tensor<2x1xi64>
  %0 = mlc_graph.concat %a, %b {axis = 1 : i64} : (tensor<2x2xi64>, tensor<2x1xi64>) -> tensor<2x3xi64>
  %1 = mlc_graph.concat %x {axis = 0 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2x3xi64>, tensor<2xf32>
}

// RUN: mlc-opt %s | mlc-opt | FileCheck %s

// CHECK-LABEL: func.func @all_ops
func.func @all_ops(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %m: tensor<3x4xf32>)
    -> (tensor<2x3xf32>, tensor<2x4xf32>, tensor<3x2xf32>, tensor<6xf32>) {
  // CHECK: mlc_graph.constant dense<1.000000e+00> : tensor<3xf32>
  %c = mlc_graph.constant dense<1.0> : tensor<3xf32>
  // CHECK: mlc_graph.add %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = mlc_graph.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: mlc_graph.sub
  %1 = mlc_graph.sub %0, %c : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: mlc_graph.mul
  %2 = mlc_graph.mul %1, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: mlc_graph.div
  %3 = mlc_graph.div %2, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: mlc_graph.relu %{{.*}} : tensor<2x3xf32>
  %4 = mlc_graph.relu %3 : tensor<2x3xf32>
  // CHECK: mlc_graph.sigmoid
  %5 = mlc_graph.sigmoid %4 : tensor<2x3xf32>
  // CHECK: mlc_graph.tanh
  %6 = mlc_graph.tanh %5 : tensor<2x3xf32>
  // CHECK: mlc_graph.softmax %{{.*}} {axis = 1 : i64} : tensor<2x3xf32>
  %7 = mlc_graph.softmax %6 {axis = 1 : i64} : tensor<2x3xf32>
  // CHECK: mlc_graph.matmul %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %8 = mlc_graph.matmul %7, %m : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // CHECK: mlc_graph.gemm %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, trans_b = true} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  %9 = mlc_graph.gemm %7, %a {alpha = 0.5 : f32, trans_b = true} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  // CHECK: mlc_graph.transpose %{{.*}} {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %10 = mlc_graph.transpose %7 {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  // CHECK: mlc_graph.reshape %{{.*}} : tensor<2x3xf32> -> tensor<6xf32>
  %11 = mlc_graph.reshape %7 : tensor<2x3xf32> -> tensor<6xf32>
  return %7, %8, %10, %11 : tensor<2x3xf32>, tensor<2x4xf32>, tensor<3x2xf32>, tensor<6xf32>
}

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

// CHECK-LABEL: func.func @nn_ops
func.func @nn_ops(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<8xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x4x4x4xf32>, tensor<1x4x3x3xf32>, tensor<1x8x8x8xf32>, tensor<1x4x9x10xf32>) {
  // CHECK: mlc_graph.conv2d %{{.+}}, %{{.+}}, %{{.+}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
  %0 = mlc_graph.conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: mlc_graph.max_pool2d %{{.+}} {ceil_mode = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  %1 = mlc_graph.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  // CHECK: mlc_graph.avg_pool2d %{{.+}} {count_include_pad = true
  %2 = mlc_graph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 3, 3>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 0, 0>, count_include_pad = true} : tensor<1x4x8x8xf32> -> tensor<1x4x3x3xf32>
  // CHECK: mlc_graph.clip %{{.+}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}
  %3 = mlc_graph.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x4x8x8xf32>
  // CHECK: mlc_graph.leaky_relu
  %4 = mlc_graph.leaky_relu %3 {alpha = 0.1 : f32} : tensor<1x4x8x8xf32>
  // CHECK: mlc_graph.hard_sigmoid
  %5 = mlc_graph.hard_sigmoid %x {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<1x4x8x8xf32>
  // CHECK: mlc_graph.concat %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x8x8x8xf32>
  %6 = mlc_graph.concat %4, %5 {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x8x8x8xf32>
  // CHECK: mlc_graph.pad %{{.+}} {pads = array<i64: 0, 0, 1, 0, 0, 0, 0, 2>, value = 0.000000e+00 : f32}
  %7 = mlc_graph.pad %x {pads = array<i64: 0, 0, 1, 0, 0, 0, 0, 2>, value = 0.0 : f32} : tensor<1x4x8x8xf32> -> tensor<1x4x9x10xf32>
  return %0, %1, %2, %6, %7 : tensor<1x8x4x4xf32>, tensor<1x4x4x4xf32>, tensor<1x4x3x3xf32>, tensor<1x8x8x8xf32>, tensor<1x4x9x10xf32>
}

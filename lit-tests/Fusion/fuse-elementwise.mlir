// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg,mlc-fuse-elementwise))' --split-input-file | FileCheck %s

// bias-add + relu merge into one generic that reads the contraction result.
// CHECK-LABEL: func.func @bias_relu
// CHECK: %[[MM:.+]] = linalg.matmul
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[MM]], %{{.+}} :
// CHECK: arith.addf
// CHECK-NEXT: arith.maximumf
// CHECK-NOT: linalg.generic
func.func @bias_relu(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = mlc_graph.add %0, %b : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %2 = mlc_graph.relu %1 : tensor<4x16xf32>
  return %2 : tensor<4x16xf32>
}

// -----

// An elementwise producer is not fused into a contraction, where it would be
// recomputed for every output column.
// CHECK-LABEL: func.func @not_into_contraction
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: arith.maximumf
// CHECK: linalg.matmul
// CHECK-NOT: arith.maximumf
func.func @not_into_contraction(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.relu %x : tensor<4x8xf32>
  %1 = mlc_graph.matmul %0, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// -----

// A producer with two uses stays separate.
// CHECK-LABEL: func.func @multi_use
// CHECK-COUNT-3: linalg.generic
func.func @multi_use(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = mlc_graph.relu %x : tensor<8xf32>
  %1 = mlc_graph.tanh %0 : tensor<8xf32>
  %2 = mlc_graph.sigmoid %0 : tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

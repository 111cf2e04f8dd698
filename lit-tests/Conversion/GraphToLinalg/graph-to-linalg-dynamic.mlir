// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg,canonicalize,cse))' --split-input-file | FileCheck %s

// Dynamic dims: each tensor.empty gets its sizes from the operands' dims
// (graph::reifyResultDims) or from the op's size operands.

// CHECK-LABEL: func.func @add
// CHECK: %[[N:.+]] = tensor.dim %arg0, %c0 : tensor<?x4xf32>
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1 : tensor<?x4xf32>, tensor<4xf32>) outs(%[[E]] : tensor<?x4xf32>)
func.func @add(%a: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = mlc_graph.add %a, %b : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A reshape with run-time sizes is a tensor.reshape to the result's dims.
// CHECK-LABEL: func.func @reshape
// CHECK: %[[SHAPE:.+]] = tensor.from_elements %arg1, %c2, %c4 : tensor<3xindex>
// CHECK: tensor.reshape %arg0(%[[SHAPE]]) : (tensor<?x8xf32>, tensor<3xindex>) -> tensor<?x2x4xf32>
func.func @reshape(%a: tensor<?x8xf32>, %n: index) -> tensor<?x2x4xf32> {
  %0 = mlc_graph.reshape %a(%n) : tensor<?x8xf32> -> tensor<?x2x4xf32>
  return %0 : tensor<?x2x4xf32>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK: tensor.extract_slice %arg0[0, 0] [%arg1, 4] [1, 1] : tensor<16x4xf32> to tensor<?x4xf32>
func.func @slice(%a: tensor<16x4xf32>, %n: index) -> tensor<?x4xf32> {
  %0 = mlc_graph.slice %a(%n) {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<16x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast
// CHECK: %[[E:.+]] = tensor.empty(%arg1, %arg1) : tensor<?x?xf32>
// CHECK: linalg.generic {{.*}} ins(%arg0 : tensor<f32>) outs(%[[E]] : tensor<?x?xf32>)
func.func @broadcast(%a: tensor<f32>, %n: index) -> tensor<?x?xf32> {
  %0 = mlc_graph.broadcast %a(%n, %n) : tensor<f32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// iota: start + i * delta from the loop index.
// CHECK-LABEL: func.func @iota
// CHECK: %[[E:.+]] = tensor.empty(%arg0) : tensor<?xi64>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?xi64>)
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[M:.+]] = arith.muli %[[I]], %c3 : index
// CHECK: %[[A:.+]] = arith.addi %[[M]], %c2 : index
// CHECK: %[[V:.+]] = arith.index_cast %[[A]] : index to i64
// CHECK: linalg.yield %[[V]] : i64
func.func @iota(%n: index) -> tensor<?xi64> {
  %0 = mlc_graph.iota(%n) {start = 2 : i64, delta = 3 : i64} : tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

// The batch and sequence dims fold into the matmul's rows; the result is
// reshaped back to the run-time dims (one expand group with two dynamic
// dims does not bufferize in MLIR 19).
// CHECK-LABEL: func.func @matmul
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : tensor<?x?x8xf32> into tensor<?x8xf32>
// CHECK-DAG: %[[B:.+]] = tensor.dim %arg0, %c0 : tensor<?x?x8xf32>
// CHECK-DAG: %[[S:.+]] = tensor.dim %arg0, %c1 : tensor<?x?x8xf32>
// CHECK: %[[E:.+]] = tensor.empty(%{{.+}}) : tensor<?x4xf32>
// CHECK: %[[F:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[E]] : tensor<?x4xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[ROWS]], %arg1 : tensor<?x8xf32>, tensor<8x4xf32>) outs(%[[F]] : tensor<?x4xf32>)
// CHECK: %[[SHAPE:.+]] = tensor.from_elements %[[B]], %[[S]], %c4 : tensor<3xindex>
// CHECK: tensor.reshape %[[MM]](%[[SHAPE]])
func.func @matmul(%a: tensor<?x?x8xf32>, %b: tensor<8x4xf32>) -> tensor<?x?x4xf32> {
  %0 = mlc_graph.matmul %a, %b : (tensor<?x?x8xf32>, tensor<8x4xf32>) -> tensor<?x?x4xf32>
  return %0 : tensor<?x?x4xf32>
}

// -----

// Concatenating along a dynamic dim: the second input goes at the first's
// run-time size.
// CHECK-LABEL: func.func @concat
// CHECK-DAG: %[[A:.+]] = tensor.dim %arg0, %c0 : tensor<?x4xf32>
// CHECK-DAG: %[[B:.+]] = tensor.dim %arg1, %c0 : tensor<?x4xf32>
// CHECK: %[[N:.+]] = arith.addi %[[A]], %[[B]] : index
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK: %[[R:.+]] = tensor.insert_slice %arg0 into %[[E]][0, 0] [%[[A]], 4] [1, 1]
// CHECK: tensor.insert_slice %arg1 into %[[R]][%[[A]], 0] [%[[B]], 4] [1, 1]
func.func @concat(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = mlc_graph.concat %a, %b {axis = 0 : i64} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-cpu-copy-forwarded-results))' | FileCheck %s

// Returned arguments and repeated results are copied; a computed value
// returned once is not.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<4xf32>, %[[Y:[a-z0-9]+]]: tensor<4xf32>)
// CHECK: %[[V:.+]] = linalg.copy ins(%[[Y]] : tensor<4xf32>)
// CHECK: %[[CX:.+]] = linalg.copy ins(%[[X]] : tensor<4xf32>)
// CHECK: %[[CV:.+]] = linalg.copy ins(%[[V]] : tensor<4xf32>)
// CHECK: %[[CY:.+]] = linalg.copy ins(%[[Y]] : tensor<4xf32>)
// CHECK: return %[[CX]], %[[V]], %[[CV]], %[[CY]] :
func.func @main(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.copy ins(%y : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %x, %0, %0, %y : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

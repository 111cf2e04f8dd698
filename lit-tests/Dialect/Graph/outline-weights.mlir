// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-outline-weights))' | FileCheck %s

// Weights become trailing arguments in order of appearance; dense constants stay.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>, %[[W0:.+]]: tensor<2xf32>, %[[W1:.+]]: tensor<2xf32>) -> tensor<2xf32>
// CHECK-SAME: mlc.num_inputs = 1 : i64
// CHECK-SAME: mlc.weights = ["first", "second"]
// CHECK: %[[C:.+]] = mlc_graph.constant dense<1.000000e+00>
// CHECK: %[[A:.+]] = mlc_graph.add %[[X]], %[[W0]]
// CHECK: %[[B:.+]] = mlc_graph.mul %[[A]], %[[W1]]
// CHECK: mlc_graph.sub %[[B]], %[[C]]
// CHECK-NOT: dense_resource
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %w0 = mlc_graph.constant dense_resource<first> : tensor<2xf32>
  %c = mlc_graph.constant dense<1.0> : tensor<2xf32>
  %0 = mlc_graph.add %x, %w0 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %w1 = mlc_graph.constant dense_resource<second> : tensor<2xf32>
  %1 = mlc_graph.mul %0, %w1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = mlc_graph.sub %1, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %2 : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      first: "0x040000000000803F00000040",
      second: "0x040000000000404000008040"
    }
  }
#-}

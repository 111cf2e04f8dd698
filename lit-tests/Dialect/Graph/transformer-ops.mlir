// RUN: mlc-opt %s | mlc-opt | FileCheck %s
// RUN: mlc-opt %s --mlir-print-op-generic | mlc-opt | FileCheck %s

// Round trip of the transformer ops: custom assembly, attributes (defaults
// elided) and inferred result types.

// CHECK-LABEL: func.func @gelu
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3xf32>
func.func @gelu(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  // The default approximate = "none" is elided.
  // CHECK: mlc_graph.gelu %[[X]] : tensor<2x3xf32>
  %0 = mlc_graph.gelu %x : tensor<2x3xf32>
  // CHECK-NEXT: mlc_graph.gelu %[[X]] : tensor<2x3xf32>
  %1 = mlc_graph.gelu %x {approximate = "none"} : tensor<2x3xf32>
  // CHECK-NEXT: mlc_graph.gelu %[[X]] {approximate = "tanh"} : tensor<2x3xf32>
  %2 = mlc_graph.gelu %x {approximate = "tanh"} : tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @compare
// CHECK-SAME: %[[A:[^:]+]]: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[I:[^:]+]]: tensor<2x1xi64>, %[[J:[^:]+]]: tensor<4xi64>
func.func @compare(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<2x1xi64>, %j: tensor<4xi64>)
    -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x4xi1>) {
  // CHECK: mlc_graph.equal %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %0 = mlc_graph.equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK-NEXT: mlc_graph.less %[[B]], %[[A]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %1 = mlc_graph.less %b, %a : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  // CHECK-NEXT: mlc_graph.less_equal %[[A]], %[[A]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %2 = mlc_graph.less_equal %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  // CHECK-NEXT: mlc_graph.greater %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = mlc_graph.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK-NEXT: mlc_graph.greater_equal %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %4 = mlc_graph.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // Integer operands broadcast both ways.
  // CHECK-NEXT: mlc_graph.less %[[I]], %[[J]] : (tensor<2x1xi64>, tensor<4xi64>) -> tensor<2x4xi1>
  %5 = mlc_graph.less %i, %j : (tensor<2x1xi64>, tensor<4xi64>) -> tensor<2x4xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x4xi1>
}

// CHECK-LABEL: func.func @logic_select
// CHECK-SAME: %[[C:[^:]+]]: tensor<4x4xi1>, %[[X:[^:]+]]: tensor<1x4x4xf32>, %[[Y:[^:]+]]: tensor<f32>, %[[D:[^:]+]]: tensor<4xi1>
func.func @logic_select(%c: tensor<4x4xi1>, %x: tensor<1x4x4xf32>, %y: tensor<f32>, %d: tensor<4xi1>)
    -> (tensor<4x4xi1>, tensor<1x4x4xf32>, tensor<4x4xi1>, tensor<4x4xi1>, tensor<4x4xi1>) {
  // CHECK: %[[N:.+]] = mlc_graph.not %[[C]] : tensor<4x4xi1>
  %0 = mlc_graph.not %c : tensor<4x4xi1>
  // CHECK-NEXT: mlc_graph.where %[[N]], %[[X]], %[[Y]] : (tensor<4x4xi1>, tensor<1x4x4xf32>, tensor<f32>) -> tensor<1x4x4xf32>
  %1 = mlc_graph.where %0, %x, %y : (tensor<4x4xi1>, tensor<1x4x4xf32>, tensor<f32>) -> tensor<1x4x4xf32>
  // CHECK-NEXT: mlc_graph.and %[[C]], %[[D]] : (tensor<4x4xi1>, tensor<4xi1>) -> tensor<4x4xi1>
  %2 = mlc_graph.and %c, %d : (tensor<4x4xi1>, tensor<4xi1>) -> tensor<4x4xi1>
  // CHECK-NEXT: mlc_graph.or %[[D]], %[[C]] : (tensor<4xi1>, tensor<4x4xi1>) -> tensor<4x4xi1>
  %3 = mlc_graph.or %d, %c : (tensor<4xi1>, tensor<4x4xi1>) -> tensor<4x4xi1>
  // CHECK-NEXT: mlc_graph.xor %[[C]], %[[C]] : (tensor<4x4xi1>, tensor<4x4xi1>) -> tensor<4x4xi1>
  %4 = mlc_graph.xor %c, %c : (tensor<4x4xi1>, tensor<4x4xi1>) -> tensor<4x4xi1>
  return %0, %1, %2, %3, %4 : tensor<4x4xi1>, tensor<1x4x4xf32>, tensor<4x4xi1>, tensor<4x4xi1>, tensor<4x4xi1>
}

// CHECK-LABEL: func.func @where_int
// CHECK: mlc_graph.where %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3xi1>, tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
func.func @where_int(%c: tensor<3xi1>, %x: tensor<2x1xi64>, %y: tensor<3xi64>) -> tensor<2x3xi64> {
  %0 = mlc_graph.where %c, %x, %y : (tensor<3xi1>, tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// CHECK-LABEL: func.func @cast
// CHECK-SAME: %[[I:[^:]+]]: tensor<2x3xi64>, %[[F:[^:]+]]: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<2x3xi1>
func.func @cast(%i: tensor<2x3xi64>, %f: tensor<2x3xf32>, %b: tensor<2x3xi1>)
    -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xi1>, tensor<2x3xi8>, tensor<2x3xf32>) {
  // CHECK: mlc_graph.cast %[[I]] : tensor<2x3xi64> -> tensor<2x3xf32>
  %0 = mlc_graph.cast %i : tensor<2x3xi64> -> tensor<2x3xf32>
  // CHECK-NEXT: mlc_graph.cast %[[F]] : tensor<2x3xf32> -> tensor<2x3xi32>
  %1 = mlc_graph.cast %f : tensor<2x3xf32> -> tensor<2x3xi32>
  // CHECK-NEXT: mlc_graph.cast %[[F]] : tensor<2x3xf32> -> tensor<2x3xi1>
  %2 = mlc_graph.cast %f : tensor<2x3xf32> -> tensor<2x3xi1>
  // CHECK-NEXT: mlc_graph.cast %[[I]] : tensor<2x3xi64> -> tensor<2x3xi8>
  %3 = mlc_graph.cast %i : tensor<2x3xi64> -> tensor<2x3xi8>
  // CHECK-NEXT: mlc_graph.cast %[[B]] : tensor<2x3xi1> -> tensor<2x3xf32>
  %4 = mlc_graph.cast %b : tensor<2x3xi1> -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x3xi1>, tensor<2x3xi8>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @reductions
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x4xf32>, %[[I:[^:]+]]: tensor<2x3xi32>
func.func @reductions(%x: tensor<2x3x4xf32>, %i: tensor<2x3xi32>)
    -> (tensor<2x1x1xf32>, tensor<2x3x1xf32>, tensor<3xf32>, tensor<f32>, tensor<i32>, tensor<2xi32>) {
  // CHECK: mlc_graph.reduce_sum %[[X]] {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %0 = mlc_graph.reduce_sum %x {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  // CHECK-NEXT: mlc_graph.reduce_mean %[[X]] {axes = array<i64: 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x3x1xf32>
  %1 = mlc_graph.reduce_mean %x {axes = array<i64: 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x3x1xf32>
  // The default keep_dims = false is elided.
  // CHECK-NEXT: mlc_graph.reduce_max %[[X]] {axes = array<i64: 0, 2>} : tensor<2x3x4xf32> -> tensor<3xf32>
  %2 = mlc_graph.reduce_max %x {axes = array<i64: 0, 2>, keep_dims = false} : tensor<2x3x4xf32> -> tensor<3xf32>
  // CHECK-NEXT: mlc_graph.reduce_min %[[X]] {axes = array<i64: 0, 1, 2>} : tensor<2x3x4xf32> -> tensor<f32>
  %3 = mlc_graph.reduce_min %x {axes = array<i64: 0, 1, 2>} : tensor<2x3x4xf32> -> tensor<f32>
  // CHECK-NEXT: mlc_graph.reduce_sum %[[I]] {axes = array<i64: 0, 1>} : tensor<2x3xi32> -> tensor<i32>
  %4 = mlc_graph.reduce_sum %i {axes = array<i64: 0, 1>} : tensor<2x3xi32> -> tensor<i32>
  // CHECK-NEXT: mlc_graph.reduce_max %[[I]] {axes = array<i64: 1>} : tensor<2x3xi32> -> tensor<2xi32>
  %5 = mlc_graph.reduce_max %i {axes = array<i64: 1>} : tensor<2x3xi32> -> tensor<2xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x1x1xf32>, tensor<2x3x1xf32>, tensor<3xf32>, tensor<f32>, tensor<i32>, tensor<2xi32>
}

// CHECK-LABEL: func.func @normalizations
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x64xf32>, %[[G:[^:]+]]: tensor<64xf32>, %[[B:[^:]+]]: tensor<64xf32>, %[[G2:[^:]+]]: tensor<7x1xf32>
func.func @normalizations(%x: tensor<1x7x64xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>, %g2: tensor<7x1xf32>)
    -> (tensor<1x7x64xf32>, tensor<1x7x64xf32>, tensor<1x7x64xf32>, tensor<1x7x64xf32>) {
  // CHECK: mlc_graph.layer_norm %[[X]], %[[G]], %[[B]] {axis = 2 : i64, epsilon = 9.99999974E-6 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
  %0 = mlc_graph.layer_norm %x, %g, %b {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
  // Without bias; the scale broadcasts to the normalized dims [7, 64].
  // CHECK-NEXT: mlc_graph.layer_norm %[[X]], %[[G2]] {axis = 1 : i64, epsilon = 1.000000e-03 : f32} : (tensor<1x7x64xf32>, tensor<7x1xf32>) -> tensor<1x7x64xf32>
  %1 = mlc_graph.layer_norm %x, %g2 {axis = 1 : i64, epsilon = 1.0e-3 : f32} : (tensor<1x7x64xf32>, tensor<7x1xf32>) -> tensor<1x7x64xf32>
  // CHECK-NEXT: mlc_graph.layer_norm %[[X]], %[[G]] {axis = 2 : i64, epsilon = 5.000000e-01 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
  %2 = mlc_graph.layer_norm %x, %g {axis = 2 : i64, epsilon = 0.5 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
  // CHECK-NEXT: mlc_graph.rms_norm %[[X]], %[[G]] {epsilon = 9.99999997E-7 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
  %3 = mlc_graph.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
  return %0, %1, %2, %3 : tensor<1x7x64xf32>, tensor<1x7x64xf32>, tensor<1x7x64xf32>, tensor<1x7x64xf32>
}

// CHECK-LABEL: func.func @cumsum
// CHECK-SAME: %[[I:[^:]+]]: tensor<1x7xi64>, %[[F:[^:]+]]: tensor<3x4xf32>
func.func @cumsum(%i: tensor<1x7xi64>, %f: tensor<3x4xf32>) -> (tensor<1x7xi64>, tensor<3x4xf32>, tensor<3x4xf32>) {
  // CHECK: mlc_graph.cumsum %[[I]] {axis = 1 : i64} : tensor<1x7xi64>
  %0 = mlc_graph.cumsum %i {axis = 1 : i64} : tensor<1x7xi64>
  // CHECK-NEXT: mlc_graph.cumsum %[[F]] {axis = 0 : i64, exclusive = true, reverse = true} : tensor<3x4xf32>
  %1 = mlc_graph.cumsum %f {axis = 0 : i64, exclusive = true, reverse = true} : tensor<3x4xf32>
  // Defaults (false) are elided.
  // CHECK-NEXT: mlc_graph.cumsum %[[F]] {axis = 1 : i64} : tensor<3x4xf32>
  %2 = mlc_graph.cumsum %f {axis = 1 : i64, exclusive = false, reverse = false} : tensor<3x4xf32>
  return %0, %1, %2 : tensor<1x7xi64>, tensor<3x4xf32>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @indexing
// CHECK-SAME: %[[T:[^:]+]]: tensor<1000x64xf32>, %[[IDS:[^:]+]]: tensor<1x7xi64>, %[[X:[^:]+]]: tensor<4x8xf32>, %[[R:[^:]+]]: tensor<1x4xi32>
func.func @indexing(%t: tensor<1000x64xf32>, %ids: tensor<1x7xi64>, %x: tensor<4x8xf32>, %r: tensor<1x4xi32>)
    -> (tensor<1x7x64xf32>, tensor<1000x1x7xf32>, tensor<4x3xf32>, tensor<2x4xf32>, tensor<3x4xi32>, tensor<2x3x4xi32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  // CHECK: mlc_graph.gather %[[T]], %[[IDS]] {axis = 0 : i64} : (tensor<1000x64xf32>, tensor<1x7xi64>) -> tensor<1x7x64xf32>
  %0 = mlc_graph.gather %t, %ids {axis = 0 : i64} : (tensor<1000x64xf32>, tensor<1x7xi64>) -> tensor<1x7x64xf32>
  // CHECK-NEXT: mlc_graph.gather %[[T]], %[[IDS]] {axis = 1 : i64} : (tensor<1000x64xf32>, tensor<1x7xi64>) -> tensor<1000x1x7xf32>
  %1 = mlc_graph.gather %t, %ids {axis = 1 : i64} : (tensor<1000x64xf32>, tensor<1x7xi64>) -> tensor<1000x1x7xf32>
  // CHECK-NEXT: mlc_graph.slice %[[X]] {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  %2 = mlc_graph.slice %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  // CHECK-NEXT: mlc_graph.slice %[[X]] {starts = array<i64: 3, 7>, steps = array<i64: -2, -2>} : tensor<4x8xf32> -> tensor<2x4xf32>
  %3 = mlc_graph.slice %x {starts = array<i64: 3, 7>, steps = array<i64: -2, -2>} : tensor<4x8xf32> -> tensor<2x4xf32>
  // CHECK-NEXT: mlc_graph.broadcast %[[R]] : tensor<1x4xi32> -> tensor<3x4xi32>
  %4 = mlc_graph.broadcast %r : tensor<1x4xi32> -> tensor<3x4xi32>
  // CHECK-NEXT: mlc_graph.broadcast %[[R]] : tensor<1x4xi32> -> tensor<2x3x4xi32>
  %5 = mlc_graph.broadcast %r : tensor<1x4xi32> -> tensor<2x3x4xi32>
  // CHECK-NEXT: mlc_graph.trilu %[[X]] {k = 0 : i64, upper = false} : tensor<4x8xf32>
  %6 = mlc_graph.trilu %x {upper = false, k = 0 : i64} : tensor<4x8xf32>
  // CHECK-NEXT: mlc_graph.trilu %[[X]] {k = -1 : i64, upper = true} : tensor<4x8xf32>
  %7 = mlc_graph.trilu %x {upper = true, k = -1 : i64} : tensor<4x8xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<1x7x64xf32>, tensor<1000x1x7xf32>, tensor<4x3xf32>, tensor<2x4xf32>, tensor<3x4xi32>, tensor<2x3x4xi32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// CHECK-LABEL: func.func @math_unary
// CHECK-SAME: %[[X:[^:]+]]: tensor<4xf32>
func.func @math_unary(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[E:.+]] = mlc_graph.exp %[[X]] : tensor<4xf32>
  %0 = mlc_graph.exp %x : tensor<4xf32>
  // CHECK-NEXT: %[[L:.+]] = mlc_graph.log %[[E]] : tensor<4xf32>
  %1 = mlc_graph.log %0 : tensor<4xf32>
  // CHECK-NEXT: %[[S:.+]] = mlc_graph.sqrt %[[L]] : tensor<4xf32>
  %2 = mlc_graph.sqrt %1 : tensor<4xf32>
  // CHECK-NEXT: %[[N:.+]] = mlc_graph.neg %[[S]] : tensor<4xf32>
  %3 = mlc_graph.neg %2 : tensor<4xf32>
  // CHECK-NEXT: %[[A:.+]] = mlc_graph.abs %[[N]] : tensor<4xf32>
  %4 = mlc_graph.abs %3 : tensor<4xf32>
  // CHECK-NEXT: %[[ERF:.+]] = mlc_graph.erf %[[A]] : tensor<4xf32>
  %5 = mlc_graph.erf %4 : tensor<4xf32>
  // CHECK-NEXT: %[[SIN:.+]] = mlc_graph.sin %[[ERF]] : tensor<4xf32>
  %6 = mlc_graph.sin %5 : tensor<4xf32>
  // CHECK-NEXT: %[[COS:.+]] = mlc_graph.cos %[[SIN]] : tensor<4xf32>
  %7 = mlc_graph.cos %6 : tensor<4xf32>
  // CHECK-NEXT: %[[R:.+]] = mlc_graph.reciprocal %[[COS]] : tensor<4xf32>
  %8 = mlc_graph.reciprocal %7 : tensor<4xf32>
  // CHECK-NEXT: return %[[R]]
  return %8 : tensor<4xf32>
}

// CHECK-LABEL: func.func @binary
// CHECK-SAME: %[[A:[^:]+]]: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[I:[^:]+]]: tensor<2x1xi64>, %[[J:[^:]+]]: tensor<3xi64>
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<2x1xi64>, %j: tensor<3xi64>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi64>, tensor<2x3xi64>) {
  // CHECK: mlc_graph.pow %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = mlc_graph.pow %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK-NEXT: mlc_graph.max %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = mlc_graph.max %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK-NEXT: mlc_graph.min %[[B]], %[[A]] : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = mlc_graph.min %b, %a : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK-NEXT: mlc_graph.max %[[I]], %[[J]] : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %3 = mlc_graph.max %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  // CHECK-NEXT: mlc_graph.min %[[I]], %[[J]] : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %4 = mlc_graph.min %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi64>, tensor<2x3xi64>
}

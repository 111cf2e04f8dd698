// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-fuse-normalization))' --split-input-file | FileCheck %s

// Decomposed LayerNormalization (pow, div) with gamma and beta: one
// layer_norm that carries both.
// CHECK-LABEL: func.func @layer_norm_pow_div
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x8xf32>, %[[G:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<8xf32>
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.layer_norm %[[X]], %[[G]], %[[B]] {axis = 2 : i64, epsilon = 9.99999974E-6 : f32} : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_pow_div(%x: tensor<2x3x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x3x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<2x3x8xf32>, tensor<2x3x1xf32>) -> tensor<2x3x8xf32>
  %p = mlc_graph.pow %d, %two : (tensor<2x3x8xf32>, tensor<f32>) -> tensor<2x3x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x3x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<2x3x1xf32>, tensor<f32>) -> tensor<2x3x1xf32>
  %s = mlc_graph.sqrt %e : tensor<2x3x1xf32>
  %n = mlc_graph.div %d, %s : (tensor<2x3x8xf32>, tensor<2x3x1xf32>) -> tensor<2x3x8xf32>
  %y = mlc_graph.mul %n, %g : (tensor<2x3x8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  %z = mlc_graph.add %y, %b : (tensor<2x3x8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  return %z : tensor<2x3x8xf32>
}

// -----

// mul(d, d) squares, eps on the left of the add, times 1 / sqrt(...), over
// the last two dims; the scale [3,1] and bias [8] broadcast to the
// normalized dims [3,8] and are absorbed, operands in either order.
// CHECK-LABEL: func.func @layer_norm_mul_square_mul_inverse
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x8xf32>, %[[G:[^:]+]]: tensor<3x1xf32>, %[[B:[^:]+]]: tensor<8xf32>
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.layer_norm %[[X]], %[[G]], %[[B]] {axis = 1 : i64, epsilon = 1.000000e-03 : f32} : (tensor<2x3x8xf32>, tensor<3x1xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_mul_square_mul_inverse(%x: tensor<2x3x8xf32>, %g: tensor<3x1xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %one = mlc_graph.constant dense<1.0> : tensor<1xf32>
  %eps = mlc_graph.constant dense<1.0e-3> : tensor<1x1x1xf32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x1x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<2x3x8xf32>, tensor<2x1x1xf32>) -> tensor<2x3x8xf32>
  %p = mlc_graph.mul %d, %d : (tensor<2x3x8xf32>, tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x1x1xf32>
  %e = mlc_graph.add %eps, %v : (tensor<1x1x1xf32>, tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
  %s = mlc_graph.sqrt %e : tensor<2x1x1xf32>
  %r = mlc_graph.div %one, %s : (tensor<1xf32>, tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
  %n = mlc_graph.mul %r, %d : (tensor<2x1x1xf32>, tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %y = mlc_graph.mul %g, %n : (tensor<3x1xf32>, tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %z = mlc_graph.add %b, %y : (tensor<8xf32>, tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  return %z : tensor<2x3x8xf32>
}

// -----

// mul by reciprocal(sqrt(...)), no gamma or beta: the scale is a splat 1.
// CHECK-LABEL: func.func @layer_norm_reciprocal_no_affine
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x16xf32>
// CHECK: %[[ONE:.+]] = mlc_graph.constant dense<1.000000e+00> : tensor<16xf32>
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.layer_norm %[[X]], %[[ONE]] {axis = 1 : i64, epsilon = 9.99999996E-13 : f32} : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_reciprocal_no_affine(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<1xf32>
  %eps = mlc_graph.constant dense<1.0e-12> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 1>, keep_dims = true} : tensor<4x16xf32> -> tensor<4x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<4x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32>
  %p = mlc_graph.pow %d, %two : (tensor<4x16xf32>, tensor<1xf32>) -> tensor<4x16xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x16xf32> -> tensor<4x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %e : tensor<4x1xf32>
  %r = mlc_graph.reciprocal %s : tensor<4x1xf32>
  %n = mlc_graph.mul %d, %r : (tensor<4x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32>
  return %n : tensor<4x16xf32>
}

// -----

// RMSNorm as Llama exports it: pow(x, 2) -> reduce_mean keep_dims -> add eps
// -> sqrt -> div(1, .) -> mul(x, .) -> mul(weight, .).
// CHECK-LABEL: func.func @rms_norm_llama
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x64xf32>, %[[W:[^:]+]]: tensor<64xf32>
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.rms_norm %[[X]], %[[W]] {epsilon = 9.99999997E-7 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rms_norm_llama(%x: tensor<1x7x64xf32>, %w: tensor<64xf32>) -> tensor<1x7x64xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-6> : tensor<f32>
  %one = mlc_graph.constant dense<1.0> : tensor<f32>
  %p = mlc_graph.pow %x, %two : (tensor<1x7x64xf32>, tensor<f32>) -> tensor<1x7x64xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 2>, keep_dims = true} : tensor<1x7x64xf32> -> tensor<1x7x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<1x7x1xf32>, tensor<f32>) -> tensor<1x7x1xf32>
  %s = mlc_graph.sqrt %e : tensor<1x7x1xf32>
  %r = mlc_graph.div %one, %s : (tensor<f32>, tensor<1x7x1xf32>) -> tensor<1x7x1xf32>
  %n = mlc_graph.mul %x, %r : (tensor<1x7x64xf32>, tensor<1x7x1xf32>) -> tensor<1x7x64xf32>
  %y = mlc_graph.mul %w, %n : (tensor<64xf32>, tensor<1x7x64xf32>) -> tensor<1x7x64xf32>
  return %y : tensor<1x7x64xf32>
}

// -----

// RMSNorm spelled x / sqrt(mean(x * x) + eps) * w.
// CHECK-LABEL: func.func @rms_norm_div
// CHECK-SAME: %[[X:[^:]+]]: tensor<3x8xf32>, %[[W:[^:]+]]: tensor<8xf32>
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.rms_norm %[[X]], %[[W]] {epsilon = 9.99999974E-6 : f32} : (tensor<3x8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rms_norm_div(%x: tensor<3x8xf32>, %w: tensor<8xf32>) -> tensor<3x8xf32> {
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %p = mlc_graph.mul %x, %x : (tensor<3x8xf32>, tensor<3x8xf32>) -> tensor<3x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<3x8xf32> -> tensor<3x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s = mlc_graph.sqrt %e : tensor<3x1xf32>
  %n = mlc_graph.div %x, %s : (tensor<3x8xf32>, tensor<3x1xf32>) -> tensor<3x8xf32>
  %y = mlc_graph.mul %n, %w : (tensor<3x8xf32>, tensor<8xf32>) -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}

// -----

// The mean of the centered value runs over a non-trailing axis: no fusion.
// CHECK-LABEL: func.func @no_fuse_non_trailing_axis
// CHECK-NOT: mlc_graph.layer_norm
// CHECK-NOT: mlc_graph.rms_norm
// CHECK: mlc_graph.reduce_mean %{{.+}} {axes = array<i64: 1>, keep_dims = true}
// CHECK: mlc_graph.div
// CHECK-NOT: mlc_graph.layer_norm
// CHECK-NOT: mlc_graph.rms_norm
func.func @no_fuse_non_trailing_axis(%x: tensor<2x3x8xf32>) -> tensor<2x3x8xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 1>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x1x8xf32>
  %d = mlc_graph.sub %x, %m : (tensor<2x3x8xf32>, tensor<2x1x8xf32>) -> tensor<2x3x8xf32>
  %p = mlc_graph.pow %d, %two : (tensor<2x3x8xf32>, tensor<f32>) -> tensor<2x3x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x1x8xf32>
  %e = mlc_graph.add %v, %eps : (tensor<2x1x8xf32>, tensor<f32>) -> tensor<2x1x8xf32>
  %s = mlc_graph.sqrt %e : tensor<2x1x8xf32>
  %n = mlc_graph.div %d, %s : (tensor<2x3x8xf32>, tensor<2x1x8xf32>) -> tensor<2x3x8xf32>
  return %n : tensor<2x3x8xf32>
}

// -----

// RMS over the last two dims is no rms_norm (which normalizes the last dim).
// CHECK-LABEL: func.func @no_fuse_rms_two_dims
// CHECK-NOT: mlc_graph.rms_norm
// CHECK-NOT: mlc_graph.layer_norm
// CHECK: mlc_graph.div
func.func @no_fuse_rms_two_dims(%x: tensor<2x3x8xf32>) -> tensor<2x3x8xf32> {
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %p = mlc_graph.mul %x, %x : (tensor<2x3x8xf32>, tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x1x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<2x1x1xf32>, tensor<f32>) -> tensor<2x1x1xf32>
  %s = mlc_graph.sqrt %e : tensor<2x1x1xf32>
  %n = mlc_graph.div %x, %s : (tensor<2x3x8xf32>, tensor<2x1x1xf32>) -> tensor<2x3x8xf32>
  return %n : tensor<2x3x8xf32>
}

// -----

// The numerator is x - mean(x), but the variance is that of y: no fusion.
// CHECK-LABEL: func.func @no_fuse_mismatched_centered
// CHECK-NOT: mlc_graph.layer_norm
// CHECK-NOT: mlc_graph.rms_norm
// CHECK: mlc_graph.div
func.func @no_fuse_mismatched_centered(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %mx = mlc_graph.reduce_mean %x {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %dx = mlc_graph.sub %x, %mx : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %my = mlc_graph.reduce_mean %y {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %dy = mlc_graph.sub %y, %my : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %p = mlc_graph.pow %dy, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %e : tensor<4x1xf32>
  %n = mlc_graph.div %dx, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// The variance squares x, not the centered value: no fusion.
// CHECK-LABEL: func.func @no_fuse_uncentered_variance
// CHECK-NOT: mlc_graph.layer_norm
// CHECK-NOT: mlc_graph.rms_norm
// CHECK: mlc_graph.div
func.func @no_fuse_uncentered_variance(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %p = mlc_graph.pow %x, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %e : tensor<4x1xf32>
  %n = mlc_graph.div %d, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// eps is a function argument, not a constant: no fusion.
// CHECK-LABEL: func.func @no_fuse_eps_not_constant
// CHECK-NOT: mlc_graph.layer_norm
// CHECK-NOT: mlc_graph.rms_norm
// CHECK: mlc_graph.div
func.func @no_fuse_eps_not_constant(%x: tensor<4x8xf32>, %eps: tensor<f32>) -> tensor<4x8xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %p = mlc_graph.pow %d, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %e : tensor<4x1xf32>
  %n = mlc_graph.div %d, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// eps added after the square root is a different formula: no fusion.
// CHECK-LABEL: func.func @no_fuse_eps_outside_sqrt
// CHECK-NOT: mlc_graph.layer_norm
// CHECK-NOT: mlc_graph.rms_norm
// CHECK: mlc_graph.div
func.func @no_fuse_eps_outside_sqrt(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %p = mlc_graph.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %v : tensor<4x1xf32>
  %e = mlc_graph.add %s, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %n = mlc_graph.div %x, %e : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// pow(d, 3) is no square: no fusion.
// CHECK-LABEL: func.func @no_fuse_cube
// CHECK-NOT: mlc_graph.rms_norm
// CHECK: mlc_graph.div
func.func @no_fuse_cube(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %three = mlc_graph.constant dense<3.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %p = mlc_graph.pow %x, %three : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %e : tensor<4x1xf32>
  %n = mlc_graph.div %x, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  return %n : tensor<4x8xf32>
}

// -----

// gamma [3,8] varies along dim 1, which is not normalized (only the last dim
// is): the layer_norm keeps its unit scale and the mul and add stay.
// CHECK-LABEL: func.func @no_absorb_gamma_non_normalized_dim
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x8xf32>, %[[G:[^:]+]]: tensor<3x8xf32>, %[[B:[^:]+]]: tensor<8xf32>
// CHECK: %[[ONE:.+]] = mlc_graph.constant dense<1.000000e+00> : tensor<8xf32>
// CHECK: %[[N:.+]] = mlc_graph.layer_norm %[[X]], %[[ONE]] {axis = 2 : i64, epsilon = 9.99999974E-6 : f32} : (tensor<2x3x8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.mul %[[N]], %[[G]]
// CHECK-NEXT: %[[Z:.+]] = mlc_graph.add %[[Y]], %[[B]]
// CHECK-NEXT: return %[[Z]]
func.func @no_absorb_gamma_non_normalized_dim(%x: tensor<2x3x8xf32>, %g: tensor<3x8xf32>, %b: tensor<8xf32>) -> tensor<2x3x8xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x3x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<2x3x8xf32>, tensor<2x3x1xf32>) -> tensor<2x3x8xf32>
  %p = mlc_graph.pow %d, %two : (tensor<2x3x8xf32>, tensor<f32>) -> tensor<2x3x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 2>, keep_dims = true} : tensor<2x3x8xf32> -> tensor<2x3x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<2x3x1xf32>, tensor<f32>) -> tensor<2x3x1xf32>
  %s = mlc_graph.sqrt %e : tensor<2x3x1xf32>
  %n = mlc_graph.div %d, %s : (tensor<2x3x8xf32>, tensor<2x3x1xf32>) -> tensor<2x3x8xf32>
  %y = mlc_graph.mul %n, %g : (tensor<2x3x8xf32>, tensor<3x8xf32>) -> tensor<2x3x8xf32>
  %z = mlc_graph.add %y, %b : (tensor<2x3x8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  return %z : tensor<2x3x8xf32>
}

// -----

// An RMSNorm weight [7,1] varies along a row dim: not absorbed.
// CHECK-LABEL: func.func @no_absorb_rms_weight_non_normalized_dim
// CHECK-SAME: %[[X:[^:]+]]: tensor<1x7x64xf32>, %[[W:[^:]+]]: tensor<7x1xf32>
// CHECK: %[[ONE:.+]] = mlc_graph.constant dense<1.000000e+00> : tensor<64xf32>
// CHECK: %[[N:.+]] = mlc_graph.rms_norm %[[X]], %[[ONE]]
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.mul %[[N]], %[[W]]
// CHECK-NEXT: return %[[Y]]
func.func @no_absorb_rms_weight_non_normalized_dim(%x: tensor<1x7x64xf32>, %w: tensor<7x1xf32>) -> tensor<1x7x64xf32> {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-6> : tensor<f32>
  %p = mlc_graph.pow %x, %two : (tensor<1x7x64xf32>, tensor<f32>) -> tensor<1x7x64xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 2>, keep_dims = true} : tensor<1x7x64xf32> -> tensor<1x7x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<1x7x1xf32>, tensor<f32>) -> tensor<1x7x1xf32>
  %s = mlc_graph.sqrt %e : tensor<1x7x1xf32>
  %n = mlc_graph.div %x, %s : (tensor<1x7x64xf32>, tensor<1x7x1xf32>) -> tensor<1x7x64xf32>
  %y = mlc_graph.mul %n, %w : (tensor<1x7x64xf32>, tensor<7x1xf32>) -> tensor<1x7x64xf32>
  return %y : tensor<1x7x64xf32>
}

// -----

// The normalized value has another use: the layer_norm is formed, but
// absorbing gamma would compute it twice, so the mul stays.
// CHECK-LABEL: func.func @no_absorb_shared_norm
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x8xf32>, %[[G:[^:]+]]: tensor<8xf32>
// CHECK: %[[N:.+]] = mlc_graph.layer_norm %[[X]], %{{.+}} {axis = 1 : i64
// CHECK-NEXT: %[[Y:.+]] = mlc_graph.mul %[[N]], %[[G]]
// CHECK-NEXT: return %[[N]], %[[Y]]
func.func @no_absorb_shared_norm(%x: tensor<4x8xf32>, %g: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %two = mlc_graph.constant dense<2.0> : tensor<f32>
  %eps = mlc_graph.constant dense<1.0e-5> : tensor<f32>
  %m = mlc_graph.reduce_mean %x {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %d = mlc_graph.sub %x, %m : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %p = mlc_graph.pow %d, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %v = mlc_graph.reduce_mean %p {axes = array<i64: 1>, keep_dims = true} : tensor<4x8xf32> -> tensor<4x1xf32>
  %e = mlc_graph.add %v, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = mlc_graph.sqrt %e : tensor<4x1xf32>
  %n = mlc_graph.div %d, %s : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %y = mlc_graph.mul %n, %g : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  return %n, %y : tensor<4x8xf32>, tensor<4x8xf32>
}

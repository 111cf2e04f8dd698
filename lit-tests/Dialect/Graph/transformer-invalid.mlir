// RUN: mlc-opt %s --split-input-file --verify-diagnostics

func.func @gelu_approximate(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mlc_graph.gelu' op approximate must be "none" or "tanh", got "exact"}}
  %0 = mlc_graph.gelu %a {approximate = "exact"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gelu_integer(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{must be ranked tensor of 32-bit float values}}
  %0 = mlc_graph.gelu %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @compare_not_broadcastable(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xi1> {
  // expected-error @+2 {{shapes [2,3] and [4] are not broadcast-compatible}}
  // expected-error @+1 {{'mlc_graph.less' op failed to infer returned types}}
  %0 = mlc_graph.less %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

func.func @compare_not_broadcastable_int(%a: tensor<3x1xi64>, %b: tensor<2x4xi64>) -> tensor<3x4xi1> {
  // expected-error @+2 {{shapes [3,1] and [2,4] are not broadcast-compatible}}
  // expected-error @+1 {{'mlc_graph.equal' op failed to infer returned types}}
  %0 = mlc_graph.equal %a, %b : (tensor<3x1xi64>, tensor<2x4xi64>) -> tensor<3x4xi1>
  return %0 : tensor<3x4xi1>
}

// -----

func.func @compare_wrong_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<3xi1> {
  // expected-error @+2 {{'mlc_graph.greater' op inferred type(s) 'tensor<2x3xi1>' are incompatible with return type(s) of operation 'tensor<3xi1>'}}
  // expected-error @+1 {{'mlc_graph.greater' op failed to infer returned types}}
  %0 = mlc_graph.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @compare_mixed_types(%a: tensor<2x3xf32>, %b: tensor<3xi32>) -> tensor<2x3xi1> {
  // expected-error @+1 {{'mlc_graph.less_equal' op failed to verify that all of {lhs, rhs} have same element type}}
  %0 = mlc_graph.less_equal %a, %b : (tensor<2x3xf32>, tensor<3xi32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

func.func @compare_float_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'mlc_graph.greater_equal' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2x3xf32>'}}
  %0 = mlc_graph.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @not_float(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mlc_graph.not' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = mlc_graph.not %a : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The two values do not broadcast together.
func.func @where_values_not_broadcastable(%c: tensor<2x3xi1>, %x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{shapes [2,3] and [4] are not broadcast-compatible}}
  // expected-error @+1 {{'mlc_graph.where' op failed to infer returned types}}
  %0 = mlc_graph.where %c, %x, %y : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The values broadcast to [2,3]; the condition does not.
func.func @where_condition_not_broadcastable(%c: tensor<2xi1>, %x: tensor<2x1xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{shapes [2] and [2,3] are not broadcast-compatible}}
  // expected-error @+1 {{'mlc_graph.where' op failed to infer returned types}}
  %0 = mlc_graph.where %c, %x, %y : (tensor<2xi1>, tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The condition broadcasts the result beyond the values' shape.
func.func @where_wrong_shape(%c: tensor<4x1x3xi1>, %x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'mlc_graph.where' op inferred type(s) 'tensor<4x2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'mlc_graph.where' op failed to infer returned types}}
  %0 = mlc_graph.where %c, %x, %y : (tensor<4x1x3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @where_mixed_types(%c: tensor<2x3xi1>, %x: tensor<2x3xf32>, %y: tensor<3xi32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'mlc_graph.where' op failed to verify that all of {true_value, false_value, result} have same element type}}
  %0 = mlc_graph.where %c, %x, %y : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @where_float_condition(%c: tensor<2x3xf32>, %x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'mlc_graph.where' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2x3xf32>'}}
  %0 = mlc_graph.where %c, %x, %y : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @cast_shape(%a: tensor<2x3xf32>) -> tensor<3x2xi32> {
  // expected-error @+1 {{'mlc_graph.cast' op result shape [3,2] differs from input shape [2,3]}}
  %0 = mlc_graph.cast %a : tensor<2x3xf32> -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

func.func @cast_rank(%a: tensor<6xi64>) -> tensor<1x6xf32> {
  // expected-error @+1 {{'mlc_graph.cast' op result shape [1,6] differs from input shape [6]}}
  %0 = mlc_graph.cast %a : tensor<6xi64> -> tensor<1x6xf32>
  return %0 : tensor<1x6xf32>
}

// -----

func.func @reduce_axes_unsorted(%a: tensor<2x3xf32>) -> tensor<f32> {
  // expected-error @+2 {{reduction axes [1,0] must be sorted, distinct and in [0, 2)}}
  // expected-error @+1 {{'mlc_graph.reduce_sum' op failed to infer returned types}}
  %0 = mlc_graph.reduce_sum %a {axes = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @reduce_axes_repeated(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{reduction axes [1,1] must be sorted, distinct and in [0, 2)}}
  // expected-error @+1 {{'mlc_graph.reduce_mean' op failed to infer returned types}}
  %0 = mlc_graph.reduce_mean %a {axes = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @reduce_axis_too_large(%a: tensor<2x3xi64>) -> tensor<2x3xi64> {
  // expected-error @+2 {{reduction axes [2] must be sorted, distinct and in [0, 2)}}
  // expected-error @+1 {{'mlc_graph.reduce_max' op failed to infer returned types}}
  %0 = mlc_graph.reduce_max %a {axes = array<i64: 2>} : tensor<2x3xi64> -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

func.func @reduce_axis_negative(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{reduction axes [-1] must be sorted, distinct and in [0, 2)}}
  // expected-error @+1 {{'mlc_graph.reduce_min' op failed to infer returned types}}
  %0 = mlc_graph.reduce_min %a {axes = array<i64: -1>} : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// keep_dims keeps the reduced dim as size 1.
func.func @reduce_keep_dims_shape(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{'mlc_graph.reduce_sum' op inferred type(s) 'tensor<2x1xf32>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error @+1 {{'mlc_graph.reduce_sum' op failed to infer returned types}}
  %0 = mlc_graph.reduce_sum %a {axes = array<i64: 1>, keep_dims = true} : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @reduce_mean_integer(%a: tensor<2x3xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'mlc_graph.reduce_mean' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<2x3xi32>'}}
  %0 = mlc_graph.reduce_mean %a {axes = array<i64: 1>} : tensor<2x3xi32> -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @layer_norm_axis_too_large(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op axis 2 is out of range for rank 2}}
  %0 = mlc_graph.layer_norm %x, %g {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @layer_norm_axis_negative(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op axis -1 is out of range for rank 2}}
  %0 = mlc_graph.layer_norm %x, %g {axis = -1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @layer_norm_scale_size(%x: tensor<1x7x64xf32>, %g: tensor<32xf32>) -> tensor<1x7x64xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op scale of shape [32] does not broadcast to the normalized dims [64]}}
  %0 = mlc_graph.layer_norm %x, %g {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<1x7x64xf32>, tensor<32xf32>) -> tensor<1x7x64xf32>
  return %0 : tensor<1x7x64xf32>
}

// -----

// A scale with more dims than are normalized would vary along a row dim.
func.func @layer_norm_scale_rank(%x: tensor<1x7x64xf32>, %g: tensor<7x64xf32>) -> tensor<1x7x64xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op scale of shape [7,64] does not broadcast to the normalized dims [64]}}
  %0 = mlc_graph.layer_norm %x, %g {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<1x7x64xf32>, tensor<7x64xf32>) -> tensor<1x7x64xf32>
  return %0 : tensor<1x7x64xf32>
}

// -----

// The scale would broadcast the normalized dims [1,64] up to [3,64].
func.func @layer_norm_scale_grows(%x: tensor<2x1x64xf32>, %g: tensor<3x64xf32>) -> tensor<2x1x64xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op scale of shape [3,64] does not broadcast to the normalized dims [1,64]}}
  %0 = mlc_graph.layer_norm %x, %g {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x1x64xf32>, tensor<3x64xf32>) -> tensor<2x1x64xf32>
  return %0 : tensor<2x1x64xf32>
}

// -----

func.func @layer_norm_bias(%x: tensor<1x7x64xf32>, %g: tensor<64xf32>, %b: tensor<7xf32>) -> tensor<1x7x64xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op bias of shape [7] does not broadcast to the normalized dims [64]}}
  %0 = mlc_graph.layer_norm %x, %g, %b {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>, tensor<7xf32>) -> tensor<1x7x64xf32>
  return %0 : tensor<1x7x64xf32>
}

// -----

func.func @layer_norm_bias_rank(%x: tensor<1x7x64xf32>, %g: tensor<64xf32>, %b: tensor<1x1x64xf32>) -> tensor<1x7x64xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op bias of shape [1,1,64] does not broadcast to the normalized dims [7,64]}}
  %0 = mlc_graph.layer_norm %x, %g, %b {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<1x7x64xf32>, tensor<64xf32>, tensor<1x1x64xf32>) -> tensor<1x7x64xf32>
  return %0 : tensor<1x7x64xf32>
}

// -----

func.func @layer_norm_result_type(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op failed to verify that all of {input, result} have same type}}
  %0 = mlc_graph.layer_norm %x, %g {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @layer_norm_no_epsilon(%x: tensor<2x3xf32>, %g: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'mlc_graph.layer_norm' op requires attribute 'epsilon'}}
  %0 = mlc_graph.layer_norm %x, %g {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @rms_norm_scale(%x: tensor<1x7x64xf32>, %g: tensor<7xf32>) -> tensor<1x7x64xf32> {
  // expected-error @+1 {{'mlc_graph.rms_norm' op scale of shape [7] does not broadcast to the normalized dims [64]}}
  %0 = mlc_graph.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : (tensor<1x7x64xf32>, tensor<7xf32>) -> tensor<1x7x64xf32>
  return %0 : tensor<1x7x64xf32>
}

// -----

// rms_norm normalizes the last dim only.
func.func @rms_norm_scale_rank(%x: tensor<1x7x64xf32>, %g: tensor<7x64xf32>) -> tensor<1x7x64xf32> {
  // expected-error @+1 {{'mlc_graph.rms_norm' op scale of shape [7,64] does not broadcast to the normalized dims [64]}}
  %0 = mlc_graph.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : (tensor<1x7x64xf32>, tensor<7x64xf32>) -> tensor<1x7x64xf32>
  return %0 : tensor<1x7x64xf32>
}

// -----

func.func @rms_norm_rank0(%x: tensor<f32>, %g: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'mlc_graph.rms_norm' op input must have rank >= 1}}
  %0 = mlc_graph.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @cumsum_axis(%x: tensor<1x7xi64>) -> tensor<1x7xi64> {
  // expected-error @+1 {{'mlc_graph.cumsum' op axis 2 is out of range for rank 2}}
  %0 = mlc_graph.cumsum %x {axis = 2 : i64} : tensor<1x7xi64>
  return %0 : tensor<1x7xi64>
}

// -----

func.func @cumsum_axis_negative(%x: tensor<1x7xf32>) -> tensor<1x7xf32> {
  // expected-error @+1 {{'mlc_graph.cumsum' op axis -1 is out of range for rank 2}}
  %0 = mlc_graph.cumsum %x {axis = -1 : i64} : tensor<1x7xf32>
  return %0 : tensor<1x7xf32>
}

// -----

func.func @gather_axis(%t: tensor<10x4xf32>, %i: tensor<3xi64>) -> tensor<10x4xf32> {
  // expected-error @+2 {{gather axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'mlc_graph.gather' op failed to infer returned types}}
  %0 = mlc_graph.gather %t, %i {axis = 2 : i64} : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<10x4xf32>
  return %0 : tensor<10x4xf32>
}

// -----

func.func @gather_axis_negative(%t: tensor<10x4xf32>, %i: tensor<3xi64>) -> tensor<10x3xf32> {
  // expected-error @+2 {{gather axis -1 is out of range for rank 2}}
  // expected-error @+1 {{'mlc_graph.gather' op failed to infer returned types}}
  %0 = mlc_graph.gather %t, %i {axis = -1 : i64} : (tensor<10x4xf32>, tensor<3xi64>) -> tensor<10x3xf32>
  return %0 : tensor<10x3xf32>
}

// -----

func.func @gather_wrong_shape(%t: tensor<10x4xf32>, %i: tensor<2x3xi64>) -> tensor<6x4xf32> {
  // expected-error @+2 {{'mlc_graph.gather' op inferred type(s) 'tensor<2x3x4xf32>' are incompatible with return type(s) of operation 'tensor<6x4xf32>'}}
  // expected-error @+1 {{'mlc_graph.gather' op failed to infer returned types}}
  %0 = mlc_graph.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

func.func @gather_float_indices(%t: tensor<10x4xf32>, %i: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'mlc_graph.gather' op operand #1 must be ranked tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xf32>'}}
  %0 = mlc_graph.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @slice_result_rank(%x: tensor<4x8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op input, result, starts and steps must all have rank 2}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @slice_starts_rank(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op input, result, starts and steps must all have rank 2}}
  %0 = mlc_graph.slice %x {starts = array<i64: 2>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @slice_steps_rank(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op input, result, starts and steps must all have rank 2}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @slice_step_zero(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op step of dim 1 is 0}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 0>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Reads columns 6, 7, 8: one past the end.
func.func @slice_past_end(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op dim 1 reads indices 6..8 outside [0, 8)}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 6>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Strided: rows 1, 3, 5.
func.func @slice_strided_past_end(%x: tensor<4x8xf32>) -> tensor<3x8xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op dim 0 reads indices 1..5 outside [0, 4)}}
  %0 = mlc_graph.slice %x {starts = array<i64: 1, 0>, steps = array<i64: 2, 1>} : tensor<4x8xf32> -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}

// -----

// Negative step walking below index 0: columns 1, 0, -1.
func.func @slice_negative_step_below_zero(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op dim 1 reads indices 1..-1 outside [0, 8)}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 1>, steps = array<i64: 1, -1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @slice_negative_start(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op dim 1 reads indices -1..1 outside [0, 8)}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, -1>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// 0 + (5 - 1) * 2^62 wraps around int64 to 0, which lies inside [0, 8); the
// reads at 2^62, 2^63, ... do not.
func.func @slice_step_overflow(%x: tensor<8xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'mlc_graph.slice' op}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0>, steps = array<i64: 4611686018427387904>} : tensor<8xf32> -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @slice_element_type(%x: tensor<4x8xf32>) -> tensor<4x3xi32> {
  // expected-error @+1 {{'mlc_graph.slice' op failed to verify that all of {input, result} have same element type}}
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

func.func @broadcast_incompatible(%x: tensor<2x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'mlc_graph.broadcast' op cannot broadcast [2,4] to [3,4]}}
  %0 = mlc_graph.broadcast %x : tensor<2x4xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// Broadcasting never drops dims.
func.func @broadcast_lower_rank(%x: tensor<1x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mlc_graph.broadcast' op cannot broadcast [1,4] to [4]}}
  %0 = mlc_graph.broadcast %x : tensor<1x4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Broadcasting never shrinks a dim to 1.
func.func @broadcast_shrinks(%x: tensor<3x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{'mlc_graph.broadcast' op cannot broadcast [3,4] to [1,4]}}
  %0 = mlc_graph.broadcast %x : tensor<3x4xf32> -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

func.func @broadcast_element_type(%x: tensor<1x4xi64>) -> tensor<3x4xi32> {
  // expected-error @+1 {{'mlc_graph.broadcast' op failed to verify that all of {input, result} have same element type}}
  %0 = mlc_graph.broadcast %x : tensor<1x4xi64> -> tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

func.func @trilu_rank(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mlc_graph.trilu' op input must have rank >= 2}}
  %0 = mlc_graph.trilu %x {upper = true, k = 0 : i64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @trilu_no_upper(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'mlc_graph.trilu' op requires attribute 'upper'}}
  %0 = mlc_graph.trilu %x {k = 0 : i64} : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @pow_integer(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'mlc_graph.pow' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xi32>'}}
  %0 = mlc_graph.pow %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @and_float(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mlc_graph.and' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xf32>'}}
  %0 = mlc_graph.and %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @max_not_broadcastable(%a: tensor<2x3xi64>, %b: tensor<2xi64>) -> tensor<2x3xi64> {
  // expected-error @+2 {{shapes [2,3] and [2] are not broadcast-compatible}}
  // expected-error @+1 {{'mlc_graph.max' op failed to infer returned types}}
  %0 = mlc_graph.max %a, %b : (tensor<2x3xi64>, tensor<2xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

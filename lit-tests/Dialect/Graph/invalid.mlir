// RUN: mlc-opt %s --split-input-file --verify-diagnostics

func.func @add_not_broadcastable(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{shapes [2,3] and [4] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @add_wrong_result(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{'mlc_graph.add' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error @+1 {{'mlc_graph.add' op failed to infer returned types}}
  %0 = mlc_graph.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @relu_integer(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{must be ranked tensor of 32-bit float values}}
  %0 = mlc_graph.relu %a : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @softmax_axis(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = mlc_graph.softmax %a {axis = 2 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @matmul_rank(%a: tensor<3xf32>, %b: tensor<3x4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{matmul operands must have rank >= 2, got 1 and 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.matmul %a, %b : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @matmul_contraction(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+2 {{matmul contraction dims differ: [2,3] x [4,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x4x3xf32>, %b: tensor<3x3x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+2 {{shapes [2] and [3] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.matmul %a, %b : (tensor<2x4x3xf32>, tensor<3x3x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

func.func @gemm_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+2 {{gemm operands A and B must have rank 2, got 3 and 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.gemm %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @gemm_contraction(%a: tensor<2x3xf32>, %b: tensor<5x4xf32>) -> tensor<2x5xf32> {
  // expected-error @+2 {{gemm contraction dims differ: op(A) is [2,3], op(B) is [4,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.gemm %a, %b {trans_b = true} : (tensor<2x3xf32>, tensor<5x4xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @gemm_bias(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %c: tensor<3x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+2 {{shapes [2,5] and [3,5] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.gemm %a, %b, %c : (tensor<2x3xf32>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @gemm_bias_grows(%a: tensor<1x3xf32>, %b: tensor<3x5xf32>, %c: tensor<2x5xf32>) -> tensor<1x5xf32> {
  // expected-error @+2 {{gemm C of shape [2,5] does not broadcast to [1,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.gemm %a, %b, %c : (tensor<1x3xf32>, tensor<3x5xf32>, tensor<2x5xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

func.func @reshape_count(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{cannot reshape [2,3] (6 elements) to [7] (7 elements)}}
  %0 = mlc_graph.reshape %a : tensor<2x3xf32> -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @reshape_missing_size(%a: tensor<?x3xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{has 0 size operands for 1 dynamic result dims}}
  %0 = mlc_graph.reshape %a : tensor<?x3xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_extra_size(%a: tensor<4x8xf32>, %n: index) -> tensor<4x3xf32> {
  // expected-error @+1 {{has 1 size operands for 0 dynamic result dims}}
  %0 = mlc_graph.slice %a(%n) {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @broadcast_missing_size(%a: tensor<1x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{has 0 size operands for 1 dynamic result dims}}
  %0 = mlc_graph.broadcast %a : tensor<1x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @iota_rank(%n: index) -> tensor<?x2xi64> {
  // expected-error @+1 {{result must have rank 1}}
  %0 = mlc_graph.iota(%n) {start = 0 : i64, delta = 1 : i64} : tensor<?x2xi64>
  return %0 : tensor<?x2xi64>
}

// -----

func.func @transpose_length(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{permutation has 3 entries for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.transpose %a {permutation = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_repeat(%a: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{permutation [1,1] is not a permutation of 0..1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = mlc_graph.transpose %a {permutation = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @constant_type() -> tensor<3xf32> {
  // expected-error @+1 {{failed to verify that all of {value, result} have same type}}
  %0 = "mlc_graph.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @add_mixed_types(%a: tensor<2xi32>, %b: tensor<2xi64>) -> tensor<2xi32> {
  // expected-error @+1 {{failed to verify that all of {lhs, rhs, result} have same element type}}
  %0 = mlc_graph.add %a, %b : (tensor<2xi32>, tensor<2xi64>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @conv_rank(%x: tensor<1x4x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{conv2d expects rank-4 input and filter, got ranks 3 and 4}}
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x4x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{filter [8,4,3,3] with 2 groups does not match 4 input channels}}
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_bias(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{bias of shape [4] does not match 8 filters}}
  %0 = mlc_graph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_result(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{result shape [1,8,8,8] should be [1,8,6,6]}}
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_attrs(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{expected 2 strides, 2 dilations and 4 pads, got 1, 2 and 4}}
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @pool_window(%x: tensor<1x4x2x2xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{window of extent 3 does not fit the padded input of size 2}}
  %0 = mlc_graph.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x4x2x2xf32> -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @pool_stride(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{kernel, stride and dilation must be positive and pads non-negative}}
  %0 = mlc_graph.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 0, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x4x4x4xf32> -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @pool_kernel(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{expected a 2-D kernel, got 3 dims}}
  %0 = mlc_graph.avg_pool2d %x {kernel = array<i64: 3, 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x4x4x4xf32> -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @pool_rank(%x: tensor<4x4x4xf32>) -> tensor<4x1x1xf32> {
  // expected-error @+1 {{2-D pooling expects a rank-4 input, got rank 3}}
  %0 = mlc_graph.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<4x4x4xf32> -> tensor<4x1x1xf32>
  return %0 : tensor<4x1x1xf32>
}

// -----

func.func @concat_shapes(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{cannot concatenate [3,3] with [2,3] along axis 1}}
  %0 = mlc_graph.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = mlc_graph.concat %a {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @concat_types(%a: tensor<2x3xf32>, %b: tensor<2x3xi64>) -> tensor<4x3xf32> {
  // expected-error @+1 {{inputs and result must have one element type}}
  %0 = mlc_graph.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xi64>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concat_none() -> tensor<2x3xf32> {
  // expected-error @+1 {{concat needs at least one input}}
  %0 = mlc_graph.concat {axis = 0 : i64} : () -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @pad_count(%a: tensor<2x3xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{expected 4 non-negative pads, got [0,1,1]}}
  %0 = mlc_graph.pad %a {pads = array<i64: 0, 1, 1>, value = 0.0 : f32} : tensor<2x3xf32> -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @pad_result(%a: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{result shape [2,6] should be [2,5]}}
  %0 = mlc_graph.pad %a {pads = array<i64: 0, 1, 0, 1>, value = 0.0 : f32} : tensor<2x3xf32> -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @resize_mode(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{unsupported mode 'cubic'}}
  %0 = mlc_graph.resize %x {mode = "cubic", coordinate_mode = "half_pixel", nearest_mode = "floor", scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @resize_coord(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{unsupported coordinate mode 'tf_crop_and_resize'}}
  %0 = mlc_graph.resize %x {mode = "linear", coordinate_mode = "tf_crop_and_resize", nearest_mode = "floor", scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @resize_nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{unsupported nearest mode 'round'}}
  %0 = mlc_graph.resize %x {mode = "nearest", coordinate_mode = "half_pixel", nearest_mode = "round", scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @resize_scales(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{expected rank 4 result and 4 scales, got rank 4 and 2 scales}}
  %0 = mlc_graph.resize %x {mode = "nearest", coordinate_mode = "half_pixel", nearest_mode = "floor", scales = array<f32: 2.0, 2.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @resize_negative(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{scales must be positive}}
  %0 = mlc_graph.resize %x {mode = "nearest", coordinate_mode = "half_pixel", nearest_mode = "floor", scales = array<f32: 1.0, 1.0, -2.0, 2.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

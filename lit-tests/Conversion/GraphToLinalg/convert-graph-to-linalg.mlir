// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg))' --split-input-file | FileCheck %s

// Broadcasting becomes indexing maps: size-1 dims read index 0, missing
// leading dims are dropped.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[ONE:.+]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-LABEL: func.func @broadcast_add
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ONE]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: arith.addf
// CHECK-NOT: mlc_graph
func.func @broadcast_add(%a: tensor<4xf32>, %b: tensor<2x1x4xf32>) -> tensor<2x3x4xf32> {
  %c = mlc_graph.constant dense<0.0> : tensor<2x3x4xf32>
  %0 = mlc_graph.add %a, %b : (tensor<4xf32>, tensor<2x1x4xf32>) -> tensor<2x1x4xf32>
  %1 = mlc_graph.add %0, %c : (tensor<2x1x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @unary
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: arith.negf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: linalg.generic
// CHECK: math.tanh
func.func @unary(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = mlc_graph.relu %x : tensor<8xf32>
  %1 = mlc_graph.sigmoid %0 : tensor<8xf32>
  %2 = mlc_graph.tanh %1 : tensor<8xf32>
  return %2 : tensor<8xf32>
}

// -----

// Matmuls become linalg's named ops (a microkernel call on CPU): the batch
// dims of the lhs fold into its rows when the rhs has none; equal batch dims
// give linalg.batch_matmul. Both accumulate into a zero fill.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[ROWS:.+]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : tensor<2x4x8xf32> into tensor<8x8xf32>
// CHECK: %[[FILL:.+]] = linalg.fill {{.*}} -> tensor<8x3xf32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[ROWS]], %arg1 : tensor<8x8xf32>, tensor<8x3xf32>) outs(%[[FILL]] : tensor<8x3xf32>)
// CHECK: tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2]] output_shape [2, 4, 3]
func.func @matmul(%a: tensor<2x4x8xf32>, %b: tensor<8x3xf32>) -> tensor<2x4x3xf32> {
  %0 = mlc_graph.matmul %a, %b : (tensor<2x4x8xf32>, tensor<8x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// CHECK-LABEL: func.func @batch_matmul
// CHECK: %[[FILL:.+]] = linalg.fill {{.*}} -> tensor<6x4x3xf32>
// CHECK: linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<6x4x8xf32>, tensor<6x8x3xf32>) outs(%[[FILL]] : tensor<6x4x3xf32>)
func.func @batch_matmul(%a: tensor<2x3x4x8xf32>, %b: tensor<2x3x8x3xf32>) -> tensor<2x3x4x3xf32> {
  %0 = mlc_graph.matmul %a, %b : (tensor<2x3x4x8xf32>, tensor<2x3x8x3xf32>) -> tensor<2x3x4x3xf32>
  return %0 : tensor<2x3x4x3xf32>
}

// -----

// Other broadcasts keep a generic: the batch dim of the rank-2 lhs is absent
// from its map.
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_lhs
// CHECK: %[[FILL:.+]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: outs(%[[FILL]]
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @broadcast_lhs(%a: tensor<4x8xf32>, %b: tensor<2x8x3xf32>) -> tensor<2x4x3xf32> {
  %0 = mlc_graph.matmul %a, %b : (tensor<4x8xf32>, tensor<2x8x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// A Linear layer (gemm with a transposed B) is linalg.matmul_transpose_b.
// CHECK-LABEL: func.func @linear
// CHECK: linalg.matmul_transpose_b ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<16x8xf32>)
func.func @linear(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.gemm %a, %b {trans_b = true} : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Gemm: transposes are indexing maps; alpha/beta/C become an epilogue.
// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[BIAS:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @gemm
// CHECK: %[[MM:.+]] = linalg.generic {indexing_maps = [#[[A]], #[[B]], #{{.+}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[BIAS]], #{{.+}}], iterator_types = ["parallel", "parallel"]} ins(%[[MM]], %{{.+}} :
// CHECK: arith.constant 2.000000e+00
// CHECK: arith.constant 5.000000e-01
// CHECK: arith.addf
func.func @gemm(%a: tensor<8x4xf32>, %b: tensor<16x8xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.5 : f32, trans_a = true, trans_b = true} : (tensor<8x4xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Softmax: max-reduce, exp(x - max), sum-reduce, divide.
// CHECK-LABEL: func.func @softmax
// CHECK: linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<4xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: arith.divf
func.func @softmax(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = mlc_graph.softmax %x {axis = 1 : i64} : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @data_movement
// CHECK: %[[T:.+]] = linalg.transpose ins(%{{.+}} : tensor<2x3xf32>) outs(%{{.+}} : tensor<3x2xf32>) permutation = [1, 0]
// CHECK: %[[F:.+]] = tensor.collapse_shape %[[T]] {{\[}}[0, 1]] : tensor<3x2xf32> into tensor<6xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1, 2]] output_shape [1, 6, 1] : tensor<6xf32> into tensor<1x6x1xf32>
// CHECK: arith.constant dense<1.000000e+00> : tensor<2xf32>
func.func @data_movement(%x: tensor<2x3xf32>) -> (tensor<1x6x1xf32>, tensor<2xf32>) {
  %0 = mlc_graph.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  %1 = mlc_graph.reshape %0 : tensor<3x2xf32> -> tensor<1x6x1xf32>
  %c = mlc_graph.constant dense<1.0> : tensor<2xf32>
  return %1, %c : tensor<1x6x1xf32>, tensor<2xf32>
}

// -----

// Integer arithmetic; division never traps: a zero divisor gives 0 and
// MIN / -1 gives -MIN (wrapped).
// CHECK-LABEL: func.func @int_arith
// CHECK: arith.addi
// CHECK: arith.muli
// CHECK: linalg.generic
// CHECK: %[[ZERO:.+]] = arith.cmpi eq, %[[Y:.+]], %c0_i32
// CHECK: %[[NEG1:.+]] = arith.cmpi eq, %[[Y]], %c-1_i32
// CHECK: %[[EITHER:.+]] = arith.ori %[[ZERO]], %[[NEG1]]
// CHECK: %[[SAFE:.+]] = arith.select %[[EITHER]], %c1_i32, %[[Y]]
// CHECK: arith.divsi %{{.+}}, %[[SAFE]]
// CHECK: arith.select %[[NEG1]]
// CHECK: arith.select %[[ZERO]], %c0_i32
func.func @int_arith(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = mlc_graph.add %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = mlc_graph.mul %0, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = mlc_graph.div %1, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %2 : tensor<4xi32>
}

// -----

// Dense batch-1 conv: zero padding, im2col (a generic copying each window
// position, strided), then filter[F, C*KH*KW] x col[C*KH*KW, OH*OW] as a
// linalg.matmul; the bias is a per-channel epilogue.
// CHECK-DAG: #[[WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (0, d0, d3 * 2 + d1, d4 * 2 + d2)>
// CHECK-DAG: #[[CHANNEL:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_dense
// CHECK: %[[P:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[COL5:.+]] = linalg.generic {indexing_maps = [#[[WINDOW]], #{{.+}}]{{.*}} ins(%[[P]] : tensor<1x4x10x10xf32>) outs(%{{.+}} : tensor<4x3x3x4x4xf32>)
// CHECK: %[[COL:.+]] = tensor.collapse_shape %[[COL5]] {{\[\[}}0, 1, 2], [3, 4]] : tensor<4x3x3x4x4xf32> into tensor<36x16xf32>
// CHECK: %[[W:.+]] = tensor.collapse_shape %arg1 {{\[\[}}0], [1, 2, 3]] : tensor<8x4x3x3xf32> into tensor<8x36xf32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[W]], %[[COL]] : tensor<8x36xf32>, tensor<36x16xf32>)
// CHECK: %[[C:.+]] = tensor.expand_shape %[[MM]] {{\[\[}}0, 1], [2, 3]] output_shape [1, 8, 4, 4]
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[CHANNEL]], #{{.+}}]{{.*}} ins(%[[C]], %{{.+}} : tensor<1x8x4x4xf32>, tensor<8xf32>)
func.func @conv_dense(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x4x4xf32> {
  %0 = mlc_graph.conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

// A 1x1 stride-1 conv needs no copy: the input is the matmul's rhs.
// CHECK-LABEL: func.func @conv_1x1
// CHECK: %[[X:.+]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1], [2, 3]] : tensor<1x4x8x8xf32> into tensor<4x64xf32>
// CHECK: linalg.matmul ins(%{{.+}}, %[[X]] : tensor<8x4xf32>, tensor<4x64xf32>)
// CHECK-NOT: linalg.generic
func.func @conv_1x1(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x1x1xf32>) -> tensor<1x8x8x8xf32> {
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

// Batch 2 keeps the named NCHW/FCHW convolution.
// CHECK-LABEL: func.func @conv_batch2
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<2x4x8x8xf32>, tensor<8x4x3x3xf32>)
func.func @conv_batch2(%x: tensor<2x4x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<2x8x6x6xf32> {
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<2x4x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<2x8x6x6xf32>
  return %0 : tensor<2x8x6x6xf32>
}

// -----

// Depthwise (groups = channels) drops the unit filter dim; other group counts
// use the 5-D grouped convolution between expand/collapse reshapes.
// CHECK-LABEL: func.func @conv_groups
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2], [3]] : tensor<4x1x3x3xf32> into tensor<4x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2], [3], [4]] {{.*}} : tensor<1x4x8x8xf32> into tensor<1x2x2x8x8xf32>
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2], [3], [4]] {{.*}} : tensor<6x2x1x1xf32> into tensor<2x3x2x1x1xf32>
// CHECK: linalg.conv_2d_ngchw_gfchw {{.*}} -> tensor<1x2x3x8x8xf32>
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x8x8xf32> into tensor<1x6x8x8xf32>
func.func @conv_groups(%x: tensor<1x4x8x8xf32>, %dw: tensor<4x1x3x3xf32>, %gw: tensor<6x2x1x1xf32>) -> (tensor<1x4x6x6xf32>, tensor<1x6x8x8xf32>) {
  %0 = mlc_graph.conv2d %x, %dw {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  %1 = mlc_graph.conv2d %x, %gw {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<6x2x1x1xf32>) -> tensor<1x6x8x8xf32>
  return %0, %1 : tensor<1x4x6x6xf32>, tensor<1x6x8x8xf32>
}

// -----

// Max pooling pads with -inf, including the row/column a ceil_mode window
// hangs past the input; average pooling divides by per-position counts
// (here count_include_pad = false with pads of 1: corner windows hold 1 input
// element, edge windows 2, the center 4).
// CHECK-LABEL: func.func @pools
// CHECK: %[[NEG:.+]] = arith.constant 0xFF800000 : f32
// CHECK: tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK-NEXT: ^bb0
// CHECK-NEXT: tensor.yield %[[NEG]]
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} {{.*}} -> tensor<1x1x2x2xf32>
// CHECK: linalg.pooling_nchw_sum {{.*}} -> tensor<1x1x3x3xf32>
// CHECK: %[[DIV:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 1.000000e+00], [2.000000e+00, 4.000000e+00, 2.000000e+00], [1.000000e+00, 2.000000e+00, 1.000000e+00]]> : tensor<3x3xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.+}}, %[[DIV]] :
// CHECK: arith.divf
func.func @pools(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) {
  %0 = mlc_graph.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true} : tensor<1x1x4x4xf32> -> tensor<1x1x2x2xf32>
  %1 = mlc_graph.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x1x4x4xf32> -> tensor<1x1x3x3xf32>
  return %0, %1 : tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.mulf
// CHECK: arith.cmpf oge
// CHECK: arith.select
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
func.func @activations(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = mlc_graph.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<8xf32>
  %1 = mlc_graph.leaky_relu %0 {alpha = 0.1 : f32} : tensor<8xf32>
  %2 = mlc_graph.hard_sigmoid %x {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// CHECK-LABEL: func.func @concat_pad
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x5xf32>
// CHECK: %[[I0:.+]] = tensor.insert_slice %{{.+}} into %[[E]][0, 0] [2, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.+}} into %[[I0]][0, 2] [2, 3] [1, 1]
// CHECK: tensor.pad %{{.+}} low[1, 0] high[0, 2]
func.func @concat_pad(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>) -> (tensor<2x5xf32>, tensor<3x5xf32>) {
  %0 = mlc_graph.concat %a, %b {axis = 1 : i64} : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  %1 = mlc_graph.pad %b {pads = array<i64: 1, 0, 0, 2>, value = 0.5 : f32} : tensor<2x3xf32> -> tensor<3x5xf32>
  return %0, %1 : tensor<2x5xf32>, tensor<3x5xf32>
}

// -----

// Resize gathers through compile-time index tables; linear mode weights the
// two neighbors along each resized dim (here only W: 2 corners).
// CHECK-LABEL: func.func @resize
// CHECK-DAG: %[[LO:.+]] = arith.constant dense<[0, 0, 0, 1]> : tensor<4xindex>
// CHECK-DAG: %[[HI:.+]] = arith.constant dense<1> : tensor<4xindex>
// CHECK-DAG: %[[W:.+]] = arith.constant dense<[0.000000e+00, 2.500000e-01, 7.500000e-01, 0.000000e+00]> : tensor<4xf32>
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x2x4xf32>)
// CHECK: %[[I2:.+]] = linalg.index 2 : index
// CHECK: tensor.extract %[[LO]][%[[I2]]]
// CHECK: tensor.extract %[[HI]][%[[I2]]]
// CHECK: tensor.extract %[[W]][%[[I2]]]
// CHECK-COUNT-2: tensor.extract %arg0
func.func @resize(%x: tensor<1x2x2xf32>) -> tensor<1x2x4xf32> {
  %0 = mlc_graph.resize %x {mode = "linear", coordinate_mode = "half_pixel", nearest_mode = "round_prefer_floor", scales = array<f32: 1.0, 1.0, 2.0>} : tensor<1x2x2xf32> -> tensor<1x2x4xf32>
  return %0 : tensor<1x2x4xf32>
}

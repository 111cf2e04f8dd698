// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg,mlc-fuse-elementwise,mlc-fuse-contraction-epilogue,canonicalize))' --split-input-file | FileCheck %s
// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg,mlc-fuse-elementwise,mlc-fuse-contraction-epilogue{row-tile=2 col-tile=8},canonicalize))' --split-input-file | FileCheck %s --check-prefix=TILE
// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg,mlc-fuse-elementwise,mlc-fuse-contraction-epilogue{parallel-loops=true},canonicalize))' --split-input-file | FileCheck %s --check-prefix=PAR
// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg,mlc-fuse-elementwise,mlc-fuse-contraction-epilogue{col-tile=8 tile-elements=32 parallel-loops=true},canonicalize))' --split-input-file | FileCheck %s --check-prefix=ELEMS

// The contraction tile (a gemm with a transposed A stays a generic), its zero
// fill and the bias + relu epilogue share one loop nest; only a tile of the
// product exists at a time.
// CHECK-LABEL: func.func @bias_relu
// CHECK: scf.for %[[I:[a-z0-9_]+]] =
// CHECK: scf.for %[[J:[a-z0-9_]+]] =
// CHECK: %[[FILL:.+]] = linalg.fill {{.*}} -> tensor<1x1xf32>
// CHECK: %[[MM:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME: outs(%[[FILL]] : tensor<1x1xf32>)
// CHECK: %[[EPI:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[MM]], %{{.+}} : tensor<1x1xf32>, tensor<1xf32>)
// CHECK: arith.maximumf
// CHECK: tensor.insert_slice %[[EPI]] into %{{.+}}[%[[I]], %[[J]]] [1, 1]
// CHECK-NOT: linalg.generic
// With parallel loops: one scf.forall; the fill and the contraction start
// from the output tile, which the epilogue updates in place.
// PAR-LABEL: func.func @bias_relu
// PAR: scf.forall (%[[I:[a-z0-9_]+]], %[[J:[a-z0-9_]+]]) in (4, 16) shared_outs(%[[OUT:[a-z0-9_]+]] = %{{.+}})
// PAR: %[[SLICE:.+]] = tensor.extract_slice %[[OUT]][%[[I]], %[[J]]] [1, 1] [1, 1]
// PAR: %[[FILL:.+]] = linalg.fill {{.*}} outs(%[[SLICE]] : tensor<1x1xf32>)
// PAR: %[[MM:.+]] = linalg.generic {{.*}} outs(%[[FILL]] : tensor<1x1xf32>)
// PAR: %[[EPI:.+]] = linalg.generic {{.*}} ins(%[[MM]], %{{.+}} : tensor<1x1xf32>, tensor<1xf32>) outs(%[[MM]] : tensor<1x1xf32>)
// PAR: tensor.parallel_insert_slice %[[EPI]] into %[[OUT]][%[[I]], %[[J]]] [1, 1]
// TILE-LABEL: func.func @bias_relu
// TILE: linalg.fill {{.*}} -> tensor<2x8xf32>
// TILE: tensor.insert_slice {{.*}} [2, 8]
// Rows grow to 32 / 8 = 4 per tile (a divisor of the 4 rows).
// ELEMS-LABEL: func.func @bias_relu
// ELEMS: scf.forall (%{{.+}}) = (0) to (16) step (8)
// ELEMS: linalg.fill {{.*}} -> tensor<4x8xf32>
func.func @bias_relu(%x: tensor<8x4xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.gemm %x, %w, %b {trans_a = true, trans_b = true} : (tensor<8x4xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %1 = mlc_graph.relu %0 : tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// -----

// Batched contraction epilogues tile the batch dim by 1.
// CHECK-LABEL: func.func @batched
// CHECK-COUNT-3: scf.for
// CHECK: linalg.fill {{.*}} -> tensor<1x1x1xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK: math.tanh
func.func @batched(%a: tensor<4x8xf32>, %b: tensor<2x8x3xf32>) -> tensor<2x4x3xf32> {
  %0 = mlc_graph.matmul %a, %b : (tensor<4x8xf32>, tensor<2x8x3xf32>) -> tensor<2x4x3xf32>
  %1 = mlc_graph.tanh %0 : tensor<2x4x3xf32>
  return %1 : tensor<2x4x3xf32>
}

// -----

// linalg.matmul (a microkernel call on whole buffers) is never tiled into
// its epilogue.
// CHECK-LABEL: func.func @named_matmul
// CHECK-NOT: scf.for
// CHECK: linalg.matmul
// CHECK: linalg.generic
func.func @named_matmul(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = mlc_graph.relu %0 : tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// -----

// A contraction whose result has other uses is not fused (it would be
// computed twice).
// CHECK-LABEL: func.func @shared_product
// CHECK-NOT: scf.for
func.func @shared_product(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %0 = mlc_graph.matmul %x, %w : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = mlc_graph.relu %0 : tensor<4x16xf32>
  return %0, %1 : tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// Padding as wide as a tile's input rows would leave some tiles reading
// padding only: it stays in front of the loop.
// CHECK-LABEL: func.func @depthwise_wide_pad
// PAR-LABEL: func.func @depthwise_wide_pad
// PAR: tensor.pad %arg0 low[0, 0, 3, 3] high[0, 0, 3, 3]
// PAR: scf.forall
// PAR-NOT: tensor.pad
// PAR: linalg.depthwise_conv_2d_nchw_chw
func.func @depthwise_wide_pad(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x12x12xf32> {
  %0 = mlc_graph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 3, 3, 3, 3>, groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x12x12xf32>
  %1 = mlc_graph.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x4x12x12xf32>
  return %1 : tensor<1x4x12x12xf32>
}

// -----

// A ResNet block tail at batch 2 (batch 1 convolutions are a matmul):
// conv + bias + residual add + relu become one kernel —
// elementwise fusion merges bias, add and relu into one epilogue, which is
// tiled with the convolution fused into its loops.
// CHECK-LABEL: func.func @conv_bias_residual_relu
// CHECK-COUNT-3: scf.for
// CHECK: %[[FILL:.+]] = linalg.fill {{.*}} -> tensor<1x1x1x1xf32>
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[FILL]] : tensor<1x1x1x1xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[CONV]], %{{.+}}, %{{.+}} : tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1x1x1x1xf32>)
// CHECK: arith.addf
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK-NOT: linalg.generic
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv_bias_residual_relu(%x: tensor<2x4x8x8xf32>, %w: tensor<4x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<2x4x8x8xf32> {
  %0 = mlc_graph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64} : (tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<2x4x8x8xf32>
  %1 = mlc_graph.add %0, %x : (tensor<2x4x8x8xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32>
  %2 = mlc_graph.relu %1 : tensor<2x4x8x8xf32>
  return %2 : tensor<2x4x8x8xf32>
}

// -----

// Depthwise conv + bias + Relu6 (Clip) of MobileNetV2.
// CHECK-LABEL: func.func @depthwise_relu6
// CHECK: scf.for
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} -> tensor<1x1x1x1xf32>
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// The zero padding moves into the tile loop: each tile pads the input rows
// it reads, instead of the whole padded input being built in front of it.
// Only the tile buffer's border is filled (rows above and below the input
// rows, then columns left and right of them); the rows are copied in.
// PAR-LABEL: func.func @depthwise_relu6
// PAR-NOT: tensor.pad
// PAR: scf.forall
// PAR: %[[BUF:.+]] = tensor.empty() : tensor<1x1x3x3xf32>
// PAR: %[[TOP:.+]] = tensor.extract_slice %[[BUF]][0, 0, 0, 0] [1, %[[CH:.+]], %[[LOWH:.+]], 3] [1, 1, 1, 1]
// PAR: linalg.fill ins(%{{.+}} : f32) outs(%[[TOP]] : tensor<1x?x?x3xf32>)
// PAR: %[[BOTTOM:.+]] = tensor.extract_slice %{{.+}}[0, 0, %{{.+}}, 0] [1, %[[CH]], %{{.+}}, 3] [1, 1, 1, 1]
// PAR: linalg.fill ins(%{{.+}} : f32) outs(%[[BOTTOM]] : tensor<1x?x?x3xf32>)
// PAR: %[[LEFT:.+]] = tensor.extract_slice %{{.+}}[0, 0, %[[LOWH]], 0] [1, %[[CH]], %[[H:.+]], %[[LOWW:.+]]] [1, 1, 1, 1]
// PAR: linalg.fill ins(%{{.+}} : f32) outs(%[[LEFT]] : tensor<1x?x?x?xf32>)
// PAR: %[[RIGHT:.+]] = tensor.extract_slice %{{.+}}[0, 0, %[[LOWH]], %{{.+}}] [1, %[[CH]], %[[H]], %{{.+}}] [1, 1, 1, 1]
// PAR: linalg.fill ins(%{{.+}} : f32) outs(%[[RIGHT]] : tensor<1x?x?x?xf32>)
// PAR: %[[ROWS:.+]] = tensor.extract_slice %arg0[0, %{{.+}}, %{{.+}}, %{{.+}}] [1, %[[CH]], %[[H]], %{{.+}}] [1, 1, 1, 1] : tensor<1x4x8x8xf32> to tensor<1x?x?x?xf32>
// PAR: %[[PADDED:.+]] = tensor.insert_slice %[[ROWS]] into %{{.+}}[0, 0, %[[LOWH]], %[[LOWW]]] [1, %[[CH]], %[[H]], %{{.+}}] [1, 1, 1, 1] : tensor<1x?x?x?xf32> into tensor<1x1x3x3xf32>
// PAR-NOT: tensor.pad
// PAR: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%[[PADDED]], %{{.+}} : tensor<1x1x3x3xf32>, tensor<1x3x3xf32>)
// Four of the eight output rows per tile with 32 elements per tile.
// ELEMS-LABEL: func.func @depthwise_relu6
// ELEMS: scf.forall (%{{.+}}, %{{.+}}) = (0, 0) to (4, 8) step (1, 4)
// ELEMS: linalg.depthwise_conv_2d_nchw_chw {{.*}} -> tensor<1x1x4x8xf32>
func.func @depthwise_relu6(%x: tensor<1x4x8x8xf32>, %w: tensor<4x1x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %0 = mlc_graph.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %1 = mlc_graph.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x4x8x8xf32>
  return %1 : tensor<1x4x8x8xf32>
}

// -----

// A producer of the contraction's input (here another convolution) is not
// pulled into the epilogue's loops, where it would be recomputed per tile.
// CHECK-LABEL: func.func @conv_chain
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x4x8x8xf32>
// CHECK: scf.for
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x1x1x1xf32>
func.func @conv_chain(%x: tensor<2x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<2x4x8x8xf32> {
  %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64} : (tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<2x4x8x8xf32>
  %1 = mlc_graph.conv2d %0, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64} : (tensor<2x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<2x4x8x8xf32>
  %2 = mlc_graph.relu %1 : tensor<2x4x8x8xf32>
  return %2 : tensor<2x4x8x8xf32>
}

// RUN: mlc-opt %s --mlc-cpu-pack-matmul-weights --split-input-file | FileCheck %s

// A convolution filter used as A (through collapse_shape) takes the packed A
// layout [ceil(13/12)][2][12]; weights used as B take [ceil(33/32)][3][32]
// (transposed: panels of its rows), and the entry dims follow.
// CHECK: module attributes {mlc.entry_dims = [array<i64: 2, 5>, array<i64: 4, 3>, array<i64: 2, 2, 12>, array<i64: 2, 3, 32>, array<i64: 2, 3, 32>, array<i64: 13, 5>, array<i64: 4, 33>, array<i64: 4, 33>], mlc.weights = ["filter.packed", "w_kn.packed", "w_nk.packed"]}
// CHECK-DAG: func.func private @mlc_uk_matmul_f32_pa(memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index)
// CHECK-DAG: func.func private @mlc_uk_matmul_f32_pb(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index)
// CHECK-LABEL: func.func @main
// CHECK-SAME: %[[FILTER:[^:]+]]: memref<2x2x12xf32>
// CHECK-SAME: %[[KN:[^:]+]]: memref<2x3x32xf32>
// CHECK-SAME: %[[NK:[^:]+]]: memref<2x3x32xf32>
// CHECK-NOT: memref.collapse_shape
// CHECK: %[[A:.+]] = memref.cast %[[FILTER]] : memref<2x2x12xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK: call @mlc_uk_matmul_f32_pa(%[[A]], %{{.+}}, %{{.+}}, %c0)
// CHECK: %[[B:.+]] = memref.cast %[[KN]]
// CHECK: call @mlc_uk_matmul_f32_pb(%{{.+}}, %[[B]], %{{.+}}, %c0)
// CHECK-NOT: memref.transpose
// CHECK: %[[BT:.+]] = memref.cast %[[NK]]
// CHECK: call @mlc_uk_matmul_f32_pb(%{{.+}}, %[[BT]], %{{.+}}, %c1)
!view = memref<?x?xf32, strided<[?, ?], offset: ?>>
module attributes {mlc.entry_dims = [array<i64: 2, 5>, array<i64: 4, 3>, array<i64: 13, 1, 1, 2>, array<i64: 3, 33>, array<i64: 33, 3>, array<i64: 13, 5>, array<i64: 4, 33>, array<i64: 4, 33>]} {
  func.func private @mlc_uk_matmul_f32(!view, !view, !view, index)
  func.func @main(%cols: memref<2x5xf32>, %x: memref<4x3xf32>, %filter: memref<13x1x1x2xf32>, %w_kn: memref<3x33xf32>, %w_nk: memref<33x3xf32>, %conv: memref<13x5xf32>, %y: memref<4x33xf32>, %z: memref<4x33xf32>) attributes {mlc.num_inputs = 2 : i64, mlc.weights = ["filter", "w_kn", "w_nk"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %f = memref.collapse_shape %filter [[0], [1, 2, 3]] : memref<13x1x1x2xf32> into memref<13x2xf32>
    %a0 = memref.cast %f : memref<13x2xf32> to !view
    %b0 = memref.cast %cols : memref<2x5xf32> to !view
    %c0v = memref.cast %conv : memref<13x5xf32> to !view
    call @mlc_uk_matmul_f32(%a0, %b0, %c0v, %c0) : (!view, !view, !view, index) -> ()
    %a1 = memref.cast %x : memref<4x3xf32> to !view
    %b1 = memref.cast %w_kn : memref<3x33xf32> to !view
    %c1v = memref.cast %y : memref<4x33xf32> to !view
    call @mlc_uk_matmul_f32(%a1, %b1, %c1v, %c0) : (!view, !view, !view, index) -> ()
    %a2 = memref.cast %x : memref<4x3xf32> to !view
    %t = memref.transpose %w_nk (d0, d1) -> (d1, d0) : memref<33x3xf32> to memref<3x33xf32, strided<[1, 3]>>
    %b2 = memref.cast %t : memref<3x33xf32, strided<[1, 3]>> to !view
    %c2v = memref.cast %z : memref<4x33xf32> to !view
    call @mlc_uk_matmul_f32(%a2, %b2, %c2v, %c1) : (!view, !view, !view, index) -> ()
    return
  }
}
{-#
  dialect_resources: {
    builtin: {
      filter: "0x040000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      w_kn: "0x04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      w_nk: "0x04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    }
  }
#-}

// -----

// A weight with another use, and one used both as A and as B, keep their
// layout and their calls.
// CHECK-LABEL: func.func @main
// CHECK-SAME: %{{[^:]+}}: memref<4x4xf32>, %{{[^:]+}}: memref<4x4xf32>, %{{[^:]+}}: memref<4x4xf32>,
// CHECK-NOT: _pa
// CHECK-NOT: _pb
// CHECK: linalg.copy
!view = memref<?x?xf32, strided<[?, ?], offset: ?>>
module attributes {mlc.entry_dims = [array<i64: 4, 4>, array<i64: 4, 4>, array<i64: 4, 4>, array<i64: 4, 4>, array<i64: 4, 4>]} {
  func.func private @mlc_uk_matmul_f32(!view, !view, !view, index)
  func.func @main(%x: memref<4x4xf32>, %w: memref<4x4xf32>, %v: memref<4x4xf32>, %y: memref<4x4xf32>, %z: memref<4x4xf32>) attributes {mlc.num_inputs = 1 : i64, mlc.weights = ["w", "v"]} {
    %c0 = arith.constant 0 : index
    %a = memref.cast %x : memref<4x4xf32> to !view
    %b = memref.cast %w : memref<4x4xf32> to !view
    %c = memref.cast %y : memref<4x4xf32> to !view
    call @mlc_uk_matmul_f32(%a, %b, %c, %c0) : (!view, !view, !view, index) -> ()
    linalg.copy ins(%w : memref<4x4xf32>) outs(%z : memref<4x4xf32>)
    %va = memref.cast %v : memref<4x4xf32> to !view
    %vb = memref.cast %v : memref<4x4xf32> to !view
    call @mlc_uk_matmul_f32(%va, %vb, %c, %c0) : (!view, !view, !view, index) -> ()
    return
  }
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x0400000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      v: "0x0400000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    }
  }
#-}

// -----

// The filter of the convolution kernel packs as A too, and the call becomes
// its packed-filter form.
// CHECK: module attributes {mlc.entry_dims = [array<i64: 1, 1, 5, 5>, array<i64: 1, 4, 12>, array<i64: 5, 16>], mlc.weights = ["cfilter.packed"]}
// CHECK: func.func private @mlc_uk_conv2d_f32_pa(memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index, index, index, index, index, index, index, index)
// CHECK-LABEL: func.func @main
// CHECK-SAME: %[[FILTER:[^:]+]]: memref<1x4x12xf32>
// CHECK: %[[A:.+]] = memref.cast %[[FILTER]] : memref<1x4x12xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK: call @mlc_uk_conv2d_f32_pa(%[[A]], %{{.+}}, %{{.+}}, %c2, %c2, %c4, %c1, %c1, %c1, %c1, %c0)
!view = memref<?x?xf32, strided<[?, ?], offset: ?>>
!view4 = memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
module attributes {mlc.entry_dims = [array<i64: 1, 1, 5, 5>, array<i64: 5, 1, 2, 2>, array<i64: 5, 16>]} {
  func.func private @mlc_uk_conv2d_f32(!view, !view4, !view, index, index, index, index, index, index, index, index)
  func.func @main(%img: memref<1x1x5x5xf32>, %filter: memref<5x1x2x2xf32>, %out: memref<5x16xf32>) attributes {mlc.num_inputs = 1 : i64, mlc.weights = ["cfilter"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c4 = arith.constant 4 : index
    %f = memref.collapse_shape %filter [[0], [1, 2, 3]] : memref<5x1x2x2xf32> into memref<5x4xf32>
    %a = memref.cast %f : memref<5x4xf32> to !view
    %x = memref.cast %img : memref<1x1x5x5xf32> to !view4
    %c = memref.cast %out : memref<5x16xf32> to !view
    call @mlc_uk_conv2d_f32(%a, %x, %c, %c2, %c2, %c4, %c1, %c1, %c1, %c1, %c0) : (!view, !view4, !view, index, index, index, index, index, index, index, index) -> ()
    return
  }
}
{-#
  dialect_resources: {
    builtin: {
      cfilter: "0x040000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    }
  }
#-}

// -----

// A 3x3 stride-1 convolution with 16 or more 4x4 output tiles takes the
// Winograd kernel: its filter becomes the 36 transformed A operands,
// [36 * ceil(2/12)][1][12]. A stride-2 one, and one with 4 tiles, keep the
// packed direct kernel.
// CHECK: module attributes {mlc.entry_dims = [array<i64: 1, 1, 18, 18>, array<i64: 1, 1, 10, 10>, array<i64: 36, 1, 12>, array<i64: 1, 9, 12>, array<i64: 1, 9, 12>, array<i64: 2, 256>, array<i64: 2, 64>, array<i64: 2, 64>], mlc.weights = ["wg.packed", "strided.packed", "small.packed"]}
// CHECK-DAG: func.func private @mlc_uk_conv2d_f32_wg(memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index, index, index, index, f32, f32, index, index, index, index, index, index, index)
// CHECK-DAG: func.func private @mlc_uk_conv2d_f32_pa(
// CHECK-LABEL: func.func @main
// CHECK-SAME: %[[WG:[^:]+]]: memref<36x1x12xf32>
// CHECK: %[[U:.+]] = memref.cast %[[WG]] : memref<36x1x12xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK: call @mlc_uk_conv2d_f32_wg(%[[U]], %{{.+}}, %{{.+}}, %c0, %c0, %c0, %c0, %{{.+}}, %{{.+}}, %c3, %c3, %c16, %c1, %c1, %c1, %c1)
// CHECK: call @mlc_uk_conv2d_f32_pa(%{{.+}}, %{{.+}}, %{{.+}}, %c0, %c0, %c0, %c0, %{{.+}}, %{{.+}}, %c3, %c3, %c8, %c2, %c2, %c1, %c1)
// CHECK: call @mlc_uk_conv2d_f32_pa(%{{.+}}, %{{.+}}, %{{.+}}, %c0, %c0, %c0, %c0, %{{.+}}, %{{.+}}, %c3, %c3, %c8, %c1, %c1, %c1, %c1)
!view = memref<?x?xf32, strided<[?, ?], offset: ?>>
!view4 = memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
module attributes {mlc.entry_dims = [array<i64: 1, 1, 18, 18>, array<i64: 1, 1, 10, 10>, array<i64: 2, 1, 3, 3>, array<i64: 2, 1, 3, 3>, array<i64: 2, 1, 3, 3>, array<i64: 2, 256>, array<i64: 2, 64>, array<i64: 2, 64>]} {
  func.func private @mlc_uk_conv2d_f32(!view, !view4, !view, index, index, index, index, f32, f32, index, index, index, index, index, index, index)
  func.func @main(%img: memref<1x1x18x18xf32>, %img10: memref<1x1x10x10xf32>, %wg: memref<2x1x3x3xf32>, %strided: memref<2x1x3x3xf32>, %small: memref<2x1x3x3xf32>, %out: memref<2x256xf32>, %out2: memref<2x64xf32>, %out3: memref<2x64xf32>) attributes {mlc.num_inputs = 2 : i64, mlc.weights = ["wg", "strided", "small"]} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %c8 = arith.constant 8 : index
    %c16 = arith.constant 16 : index
    %lo = arith.constant 0.0 : f32
    %hi = arith.constant 6.0 : f32
    %x = memref.cast %img : memref<1x1x18x18xf32> to !view4
    %x10 = memref.cast %img10 : memref<1x1x10x10xf32> to !view4
    %f0 = memref.collapse_shape %wg [[0], [1, 2, 3]] : memref<2x1x3x3xf32> into memref<2x9xf32>
    %a0 = memref.cast %f0 : memref<2x9xf32> to !view
    %o0 = memref.cast %out : memref<2x256xf32> to !view
    call @mlc_uk_conv2d_f32(%a0, %x, %o0, %c0, %c0, %c0, %c0, %lo, %hi, %c3, %c3, %c16, %c1, %c1, %c1, %c1) : (!view, !view4, !view, index, index, index, index, f32, f32, index, index, index, index, index, index, index) -> ()
    %f1 = memref.collapse_shape %strided [[0], [1, 2, 3]] : memref<2x1x3x3xf32> into memref<2x9xf32>
    %a1 = memref.cast %f1 : memref<2x9xf32> to !view
    %o1 = memref.cast %out2 : memref<2x64xf32> to !view
    call @mlc_uk_conv2d_f32(%a1, %x, %o1, %c0, %c0, %c0, %c0, %lo, %hi, %c3, %c3, %c8, %c2, %c2, %c1, %c1) : (!view, !view4, !view, index, index, index, index, f32, f32, index, index, index, index, index, index, index) -> ()
    %f2 = memref.collapse_shape %small [[0], [1, 2, 3]] : memref<2x1x3x3xf32> into memref<2x9xf32>
    %a2 = memref.cast %f2 : memref<2x9xf32> to !view
    %o2 = memref.cast %out3 : memref<2x64xf32> to !view
    call @mlc_uk_conv2d_f32(%a2, %x10, %o2, %c0, %c0, %c0, %c0, %lo, %hi, %c3, %c3, %c8, %c1, %c1, %c1, %c1) : (!view, !view4, !view, index, index, index, index, f32, f32, index, index, index, index, index, index, index) -> ()
    return
  }
}
{-#
  dialect_resources: {
    builtin: {
      wg: "0x04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      strided: "0x04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      small: "0x04000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    }
  }
#-}

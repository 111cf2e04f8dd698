// RUN: mlc-opt %s --mlc-cpu-ukernel-calls --split-input-file | FileCheck %s

// linalg.matmul on f32 buffers: one microkernel call on strided 2-D views,
// accumulating into C (last operand 1).
// CHECK: func.func private @mlc_uk_matmul_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index)
// CHECK-LABEL: func.func @matmul
// CHECK: %[[A:.+]] = memref.cast %arg0 : memref<8x4xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[B:.+]] = memref.cast %arg1 : memref<4x16xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[C:.+]] = memref.cast %arg2 : memref<8x16xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: call @mlc_uk_matmul_f32(%[[A]], %[[B]], %[[C]], %c1)
// CHECK-NOT: linalg.matmul
func.func @matmul(%a: memref<8x4xf32>, %b: memref<4x16xf32>, %c: memref<8x16xf32>) {
  linalg.matmul ins(%a, %b : memref<8x4xf32>, memref<4x16xf32>) outs(%c : memref<8x16xf32>)
  return
}

// -----

// A transposed B is a transposed view; batches are a loop of 2-D slices.
// CHECK-LABEL: func.func @batch_transpose_b
// CHECK: scf.for %[[I:.+]] = %c0 to %{{.+}} step %c1
// CHECK: memref.subview %arg0[%[[I]], 0, 0] [1, 8, 4] [1, 1, 1]
// CHECK: %[[BS:.+]] = memref.subview %arg1[%[[I]], 0, 0] [1, 16, 4] [1, 1, 1]
// CHECK: memref.subview %arg2[%[[I]], 0, 0] [1, 8, 16] [1, 1, 1]
// CHECK: memref.transpose %[[BS]] (d0, d1) -> (d1, d0)
// CHECK: call @mlc_uk_matmul_f32({{.*}}, %c1)
func.func @batch_transpose_b(%a: memref<?x8x4xf32>, %b: memref<?x16x4xf32>, %c: memref<?x8x16xf32>) {
  linalg.batch_matmul_transpose_b ins(%a, %b : memref<?x8x4xf32>, memref<?x16x4xf32>) outs(%c : memref<?x8x16xf32>)
  return
}

// -----

// A zero fill of C right before the matmul is dropped: the call overwrites.
// CHECK-LABEL: func.func @zero_filled
// CHECK-NOT: linalg.fill
// CHECK: call @mlc_uk_matmul_f32({{.*}}, %c0)
func.func @zero_filled(%a: memref<8x4xf32>, %b: memref<4x16xf32>, %c: memref<8x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<8x16xf32>)
  linalg.matmul ins(%a, %b : memref<8x4xf32>, memref<4x16xf32>) outs(%c : memref<8x16xf32>)
  return
}

// -----

// A fill with another value stays, and the call accumulates onto it.
// CHECK-LABEL: func.func @one_filled
// CHECK: linalg.fill
// CHECK: call @mlc_uk_matmul_f32({{.*}}, %c1)
func.func @one_filled(%a: memref<8x4xf32>, %b: memref<4x16xf32>, %c: memref<8x16xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<8x16xf32>)
  linalg.matmul ins(%a, %b : memref<8x4xf32>, memref<4x16xf32>) outs(%c : memref<8x16xf32>)
  return
}

// -----

// Other element types keep the linalg op (lowered to loops later).
// CHECK-LABEL: func.func @int_matmul
// CHECK: linalg.matmul
// CHECK-NOT: mlc_uk_matmul_f32
func.func @int_matmul(%a: memref<8x4xi32>, %b: memref<4x16xi32>, %c: memref<8x16xi32>) {
  linalg.matmul ins(%a, %b : memref<8x4xi32>, memref<4x16xi32>) outs(%c : memref<8x16xi32>)
  return
}

// -----

// A depthwise convolution: the depthwise microkernel with strides 2, 2 and
// dilations 1, 1; its zero-filled output is overwritten.
// CHECK: func.func private @mlc_uk_depthwise_conv2d_f32(memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, index, index, index, index, index)
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: linalg.fill
// CHECK: %[[X:.+]] = memref.cast %arg0 : memref<1x4x9x9xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK: %[[W:.+]] = memref.cast %arg1 : memref<4x3x3xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK: %[[Y:.+]] = memref.cast %arg2 : memref<1x4x4x4xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK: call @mlc_uk_depthwise_conv2d_f32(%[[X]], %[[W]], %[[Y]], %c2{{.*}}, %c2{{.*}}, %c1{{.*}}, %c1{{.*}}, %c0)
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
func.func @depthwise(%x: memref<1x4x9x9xf32>, %w: memref<4x3x3xf32>, %y: memref<1x4x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x4x4x4xf32>)
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : memref<1x4x9x9xf32>, memref<4x3x3xf32>) outs(%y : memref<1x4x4x4xf32>)
  return
}

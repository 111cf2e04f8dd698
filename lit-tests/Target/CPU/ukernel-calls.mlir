// RUN: mlc-opt %s --mlc-cpu-ukernel-calls --split-input-file | FileCheck %s

// linalg.matmul on f32 buffers: one microkernel call on strided 2-D views,
// accumulating into C (operand 4: 1), with no epilogue (no bias address,
// strides 0, clamp to [-inf, inf]).
// CHECK: func.func private @mlc_uk_matmul_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index, index, index, index, f32, f32)
// CHECK-LABEL: func.func @matmul
// CHECK: %[[A:.+]] = memref.cast %arg0 : memref<8x4xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[B:.+]] = memref.cast %arg1 : memref<4x16xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[C:.+]] = memref.cast %arg2 : memref<8x16xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: call @mlc_uk_matmul_f32(%[[A]], %[[B]], %[[C]], %c1, %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %cst{{.*}}, %cst{{.*}})
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
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c1,
func.func @batch_transpose_b(%a: memref<?x8x4xf32>, %b: memref<?x16x4xf32>, %c: memref<?x8x16xf32>) {
  linalg.batch_matmul_transpose_b ins(%a, %b : memref<?x8x4xf32>, memref<?x16x4xf32>) outs(%c : memref<?x8x16xf32>)
  return
}

// -----

// A static batch of at least 8 (attention heads) is a parallel loop, its
// matrices shared out among the threads; 7 stay a serial loop.
// CHECK-LABEL: func.func @parallel_batch
// CHECK: scf.parallel (%[[I:.+]]) = (%{{.+}}) to (%{{.+}}) step (%{{.+}})
// CHECK: memref.subview %arg0[%[[I]], 0, 0] [1, 8, 4] [1, 1, 1]
// CHECK: call @mlc_uk_matmul_f32(
// CHECK-NEXT: scf.reduce
// CHECK: scf.for
// CHECK: call @mlc_uk_matmul_f32(
func.func @parallel_batch(%a: memref<8x8x4xf32>, %b: memref<8x4x16xf32>, %c: memref<8x8x16xf32>,
                          %a7: memref<7x8x4xf32>, %b7: memref<7x4x16xf32>, %c7: memref<7x8x16xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<8x8x4xf32>, memref<8x4x16xf32>) outs(%c : memref<8x8x16xf32>)
  linalg.batch_matmul ins(%a7, %b7 : memref<7x8x4xf32>, memref<7x4x16xf32>) outs(%c7 : memref<7x8x16xf32>)
  return
}

// -----

// A zero fill of C right before the matmul is dropped: the call overwrites.
// CHECK-LABEL: func.func @zero_filled
// CHECK-NOT: linalg.fill
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c0,
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
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c1,
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
// dilations 1, 1; its zero-filled output is overwritten, with no epilogue
// (no bias address, clamp bounds -inf and +inf).
// CHECK: func.func private @mlc_uk_depthwise_conv2d_f32(memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, index, index, index, index, index, index, index, index, f32, f32)
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: linalg.fill
// CHECK: %[[X:.+]] = memref.cast %arg0 : memref<1x4x9x9xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK: %[[W:.+]] = memref.cast %arg1 : memref<4x3x3xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
// CHECK: %[[Y:.+]] = memref.cast %arg2 : memref<1x4x4x4xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK: call @mlc_uk_depthwise_conv2d_f32(%[[X]], %[[W]], %[[Y]], %c2{{.*}}, %c2{{.*}}, %c1{{.*}}, %c1{{.*}}, %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %cst{{.*}}, %cst{{.*}}) :
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
func.func @depthwise(%x: memref<1x4x9x9xf32>, %w: memref<4x3x3xf32>, %y: memref<1x4x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x4x4x4xf32>)
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : memref<1x4x9x9xf32>, memref<4x3x3xf32>) outs(%y : memref<1x4x4x4xf32>)
  return
}

// -----

// A bias + ReLU6 generic updating a depthwise tile's output in place right
// after it (a tile loop's bias subview between them) is applied by the
// kernel: the subview moves before the call, whose epilogue arguments are
// the bias address, its stride per channel, no column stride and the
// bounds 0 and 6; the generic goes.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @depthwise_epilogue
// CHECK: %[[B:.+]] = memref.subview %arg3[%arg4] [2] [1]
// CHECK: %{{.+}}, %{{.+}}, %{{.+}}, %[[STRIDE:.+]] = memref.extract_strided_metadata %[[B]]
// CHECK: %[[PTR:.+]] = memref.extract_aligned_pointer_as_index %[[B]]
// CHECK: %[[ADDR:.+]] = arith.addi %[[PTR]]
// CHECK: %[[NONE:.+]] = arith.constant 0 : index
// CHECK: %[[LO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[HI:.+]] = arith.constant 6.000000e+00 : f32
// CHECK: call @mlc_uk_depthwise_conv2d_f32({{.*}}, %c0, %[[ADDR]], %[[STRIDE]], %[[NONE]], %[[LO]], %[[HI]]) :
// CHECK-NOT: linalg.generic
func.func @depthwise_epilogue(%x: memref<1x4x6x6xf32>, %w: memref<4x3x3xf32>, %y: memref<1x4x4x4xf32>, %bias: memref<4xf32>, %c: index) {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %xs = memref.subview %x[0, %c, 0, 0] [1, 2, 6, 6] [1, 1, 1, 1] : memref<1x4x6x6xf32> to memref<1x2x6x6xf32, strided<[144, 36, 6, 1], offset: ?>>
  %ws = memref.subview %w[%c, 0, 0] [2, 3, 3] [1, 1, 1] : memref<4x3x3xf32> to memref<2x3x3xf32, strided<[9, 3, 1], offset: ?>>
  %ys = memref.subview %y[0, %c, 0, 0] [1, 2, 4, 4] [1, 1, 1, 1] : memref<1x4x4x4xf32> to memref<1x2x4x4xf32, strided<[64, 16, 4, 1], offset: ?>>
  linalg.fill ins(%zero : f32) outs(%ys : memref<1x2x4x4xf32, strided<[64, 16, 4, 1], offset: ?>>)
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xs, %ws : memref<1x2x6x6xf32, strided<[144, 36, 6, 1], offset: ?>>, memref<2x3x3xf32, strided<[9, 3, 1], offset: ?>>) outs(%ys : memref<1x2x4x4xf32, strided<[64, 16, 4, 1], offset: ?>>)
  %bs = memref.subview %bias[%c] [2] [1] : memref<4xf32> to memref<2xf32, strided<[1], offset: ?>>
  linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%ys, %bs : memref<1x2x4x4xf32, strided<[64, 16, 4, 1], offset: ?>>, memref<2xf32, strided<[1], offset: ?>>)
      outs(%ys : memref<1x2x4x4xf32, strided<[64, 16, 4, 1], offset: ?>>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    %1 = arith.maximumf %0, %zero : f32
    %2 = arith.minimumf %1, %six : f32
    linalg.yield %2 : f32
  }
  return
}

// -----

// An elementwise generic that is not bias + clamp (here a square) stays
// after the depthwise kernel, which then applies no epilogue.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @depthwise_other_epilogue
// CHECK: call @mlc_uk_depthwise_conv2d_f32({{.*}}, %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %cst{{.*}}, %cst{{.*}}) :
// CHECK: linalg.generic
// CHECK: arith.mulf
func.func @depthwise_other_epilogue(%x: memref<1x4x6x6xf32>, %w: memref<4x3x3xf32>, %y: memref<1x4x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x4x4x4xf32>)
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x4x6x6xf32>, memref<4x3x3xf32>) outs(%y : memref<1x4x4x4xf32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : memref<1x4x4x4xf32>) outs(%y : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// A matmul of a filter by an im2col copy (stride 2, dilation 1 across the
// rows; stride 1, dilation 2 across the columns): the convolution kernel
// reads the copy's input with the window KH 3, KW 2, OW 3, and the copy and
// its buffer go. The window comes after the output operands.
// CHECK: func.func private @mlc_uk_conv2d_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, index, index, index, index, f32, f32, index, index, index, index, index, index, index)
// CHECK-LABEL: func.func @im2col
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.generic
// CHECK-NOT: linalg.fill
// CHECK: %[[F:.+]] = memref.cast %arg1 : memref<8x12xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[X:.+]] = memref.cast %arg0 : memref<1x2x9x5xf32> to memref<?x?x?x?xf32, strided<[?, ?, ?, ?], offset: ?>>
// CHECK: %[[Y:.+]] = memref.cast %arg2 : memref<8x12xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
// CHECK: call @mlc_uk_conv2d_f32(%[[F]], %[[X]], %[[Y]], %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %c0{{.*}}, %cst{{.*}}, %cst{{.*}}, %c3{{.*}}, %c2{{.*}}, %c3{{.*}}, %c2{{.*}}, %c1{{.*}}, %c1{{.*}}, %c2{{.*}})
// CHECK-NOT: linalg.matmul
#im2col_read = affine_map<(c, i, j, y, x) -> (0, c, y * 2 + i, x + j * 2)>
#im2col_write = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col(%x: memref<1x2x9x5xf32>, %f: memref<8x12xf32>, %y: memref<8x12xf32>) {
  %zero = arith.constant 0.0 : f32
  %col5 = memref.alloc() {alignment = 64 : i64} : memref<2x3x2x4x3xf32>
  linalg.generic {indexing_maps = [#im2col_read, #im2col_write], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : memref<1x2x9x5xf32>) outs(%col5 : memref<2x3x2x4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %col = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<2x3x2x4x3xf32> into memref<12x12xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<8x12xf32>)
  linalg.matmul ins(%f, %col : memref<8x12xf32>, memref<12x12xf32>) outs(%y : memref<8x12xf32>)
  return
}

// -----

// When the copy's input may change before the matmul (here a fill of it),
// the copy stays and the matmul kernel reads it.
// CHECK-LABEL: func.func @im2col_input_written
// CHECK: linalg.generic
// CHECK: linalg.fill
// CHECK: call @mlc_uk_matmul_f32(
#im2col_read1 = affine_map<(c, i, j, y, x) -> (0, c, y + i, x + j)>
#im2col_write1 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_input_written(%x: memref<1x1x4x4xf32>, %f: memref<2x4xf32>, %y: memref<2x9xf32>) {
  %one = arith.constant 1.0 : f32
  %col5 = memref.alloc() : memref<1x2x2x3x3xf32>
  linalg.generic {indexing_maps = [#im2col_read1, #im2col_write1], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.fill ins(%one : f32) outs(%x : memref<1x1x4x4xf32>)
  %col = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col : memref<2x4xf32>, memref<4x9xf32>) outs(%y : memref<2x9xf32>)
  return
}

// -----

// The copy's buffer goes with its deallocation.
// CHECK-LABEL: func.func @im2col_dealloc
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc
// CHECK: call @mlc_uk_conv2d_f32(
// CHECK-NOT: memref.dealloc
#im2col_read2 = affine_map<(c, i, j, y, x) -> (0, c, y + i, x + j)>
#im2col_write2 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_dealloc(%x: memref<1x1x4x4xf32>, %f: memref<2x4xf32>, %y: memref<2x9xf32>) {
  %col5 = memref.alloc() : memref<1x2x2x3x3xf32>
  linalg.generic {indexing_maps = [#im2col_read2, #im2col_write2], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %col = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col : memref<2x4xf32>, memref<4x9xf32>) outs(%y : memref<2x9xf32>)
  memref.dealloc %col5 : memref<1x2x2x3x3xf32>
  return
}

// -----

// Two convolutions sharing one im2col buffer: both become kernel calls, and
// the buffer goes after the second.
// CHECK-LABEL: func.func @im2col_shared_buffer
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.generic
// CHECK: call @mlc_uk_conv2d_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c1{{[^,]*}}, %c0{{[^,]*}}, %c0{{[^,]*}}, %c0{{[^,]*}}, %cst{{[^,]*}}, %cst{{[^,]*}}, %c2{{[^,]*}}, %c2{{[^,]*}}, %c3{{[^,]*}}, %c1{{[^,]*}}, %c1{{[^,]*}}, %c1{{[^,]*}}, %c1{{[^,]*}})
// CHECK-NOT: linalg.generic
// CHECK: call @mlc_uk_conv2d_f32(
// CHECK-NOT: memref.dealloc
#im2col_read3 = affine_map<(c, i, j, y, x) -> (0, c, y + i, x + j)>
#im2col_write3 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_shared_buffer(%x: memref<1x1x4x4xf32>, %x2: memref<1x1x4x4xf32>, %f: memref<2x4xf32>, %y: memref<2x9xf32>, %y2: memref<2x9xf32>) {
  %col5 = memref.alloc() : memref<1x2x2x3x3xf32>
  linalg.generic {indexing_maps = [#im2col_read3, #im2col_write3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %col = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col : memref<2x4xf32>, memref<4x9xf32>) outs(%y : memref<2x9xf32>)
  linalg.generic {indexing_maps = [#im2col_read3, #im2col_write3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x2 : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %col2 = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col2 : memref<2x4xf32>, memref<4x9xf32>) outs(%y2 : memref<2x9xf32>)
  memref.dealloc %col5 : memref<1x2x2x3x3xf32>
  return
}

// -----

// A copy read by a second view stays, for both matmuls.
// CHECK-LABEL: func.func @im2col_two_readers
// CHECK: linalg.generic
// CHECK: call @mlc_uk_matmul_f32(
// CHECK: call @mlc_uk_matmul_f32(
#im2col_read4 = affine_map<(c, i, j, y, x) -> (0, c, y + i, x + j)>
#im2col_write4 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_two_readers(%x: memref<1x1x4x4xf32>, %f: memref<2x4xf32>, %y: memref<2x9xf32>, %y2: memref<2x9xf32>) {
  %col5 = memref.alloc() : memref<1x2x2x3x3xf32>
  linalg.generic {indexing_maps = [#im2col_read4, #im2col_write4], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %col = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col : memref<2x4xf32>, memref<4x9xf32>) outs(%y : memref<2x9xf32>)
  %col2 = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col2 : memref<2x4xf32>, memref<4x9xf32>) outs(%y2 : memref<2x9xf32>)
  return
}

// -----

// Two convolutions sharing one im2col buffer and one (CSE'd) view of it.
// CHECK-LABEL: func.func @im2col_shared_view
// CHECK-NOT: memref.collapse_shape
// CHECK-NOT: linalg.generic
// CHECK: call @mlc_uk_conv2d_f32(
// CHECK-NOT: linalg.generic
// CHECK: call @mlc_uk_conv2d_f32(
// CHECK-NOT: memref.collapse_shape
#im2col_read5 = affine_map<(c, i, j, y, x) -> (0, c, y + i, x + j)>
#im2col_write5 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>
func.func @im2col_shared_view(%x: memref<1x1x4x4xf32>, %x2: memref<1x1x4x4xf32>, %f: memref<2x4xf32>, %y: memref<2x9xf32>, %y2: memref<2x9xf32>) {
  %col5 = memref.alloc() : memref<1x2x2x3x3xf32>
  linalg.generic {indexing_maps = [#im2col_read5, #im2col_write5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %col = memref.collapse_shape %col5 [[0, 1, 2], [3, 4]] : memref<1x2x2x3x3xf32> into memref<4x9xf32>
  linalg.matmul ins(%f, %col : memref<2x4xf32>, memref<4x9xf32>) outs(%y : memref<2x9xf32>)
  linalg.generic {indexing_maps = [#im2col_read5, #im2col_write5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x2 : memref<1x1x4x4xf32>) outs(%col5 : memref<1x2x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.matmul ins(%f, %col : memref<2x4xf32>, memref<4x9xf32>) outs(%y2 : memref<2x9xf32>)
  return
}

// -----

// The bias + relu6 after a zero-filled matmul (through an expand_shape of
// C): the kernel stores into the generic's output (a 2-D view of it), with
// the bias address, its stride as the row stride, column stride 0 and the
// clamp bounds 0 and 6; the generic, C and its view go.
// CHECK-LABEL: func.func @bias_relu6
// CHECK: %[[OUT:.+]] = memref.alloc() : memref<1x8x2x3xf32>
// CHECK: %[[OUT2:.+]] = memref.collapse_shape %[[OUT]] {{\[\[}}0, 1], [2, 3]]
// CHECK: %[[PTR:.+]] = memref.extract_aligned_pointer_as_index %arg2
// CHECK: %[[ADDR:.+]] = arith.addi %[[PTR]]
// CHECK: %[[LO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[HI:.+]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[Y:.+]] = memref.cast %[[OUT2]]
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %[[Y]], %c0{{[^,]*}}, %[[ADDR]], %strides, %c0{{[^,]*}}, %[[LO]], %[[HI]])
// CHECK-NOT: linalg.generic
// CHECK-NOT: memref.dealloc
// CHECK: return %[[OUT]]
#ep_id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ep_row = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @bias_relu6(%f: memref<8x4xf32>, %x: memref<4x6xf32>, %bias: memref<8xf32>) -> memref<1x8x2x3xf32> {
  %zero = arith.constant 0.0 : f32
  %six = arith.constant 6.0 : f32
  %c = memref.alloc() : memref<8x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x6xf32>)
  linalg.matmul ins(%f, %x : memref<8x4xf32>, memref<4x6xf32>) outs(%c : memref<8x6xf32>)
  %e = memref.expand_shape %c [[0, 1], [2, 3]] output_shape [1, 8, 2, 3] : memref<8x6xf32> into memref<1x8x2x3xf32>
  %out = memref.alloc() : memref<1x8x2x3xf32>
  linalg.generic {indexing_maps = [#ep_id, #ep_row, #ep_id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%e, %bias : memref<1x8x2x3xf32>, memref<8xf32>) outs(%out : memref<1x8x2x3xf32>) {
  ^bb0(%in: f32, %b: f32, %o: f32):
    %s = arith.addf %in, %b : f32
    %m = arith.maximumf %s, %zero : f32
    %n = arith.minimumf %m, %six : f32
    linalg.yield %n : f32
  }
  memref.dealloc %c : memref<8x6xf32>
  return %out : memref<1x8x2x3xf32>
}

// -----

// A column bias on C directly (a Linear layer's), no clamp; and a matmul that
// accumulates onto C (no zero fill) keeps its epilogue generic.
// CHECK-LABEL: func.func @column_bias
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c0{{[^,]*}}, %{{[^,]+}}, %c0{{[^,]*}}, %strides{{[^,]*}}, %cst{{[^,]*}}, %cst{{[^,]*}})
// CHECK-NOT: linalg.generic
// CHECK-LABEL: func.func @accumulating
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c1,
// CHECK: linalg.generic
#cb_id = affine_map<(d0, d1) -> (d0, d1)>
#cb_col = affine_map<(d0, d1) -> (d1)>
func.func @column_bias(%x: memref<4x8xf32>, %w: memref<8x6xf32>, %bias: memref<6xf32>, %out: memref<4x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<4x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%x, %w : memref<4x8xf32>, memref<8x6xf32>) outs(%c : memref<4x6xf32>)
  linalg.generic {indexing_maps = [#cb_id, #cb_col, #cb_id], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x6xf32>, memref<6xf32>) outs(%out : memref<4x6xf32>) {
  ^bb0(%in: f32, %b: f32, %o: f32):
    %s = arith.addf %b, %in : f32
    linalg.yield %s : f32
  }
  return
}
func.func @accumulating(%x: memref<4x8xf32>, %w: memref<8x6xf32>, %bias: memref<6xf32>, %out: memref<4x6xf32>) {
  %one = arith.constant 1.0 : f32
  %c = memref.alloc() : memref<4x6xf32>
  linalg.fill ins(%one : f32) outs(%c : memref<4x6xf32>)
  linalg.matmul ins(%x, %w : memref<4x8xf32>, memref<8x6xf32>) outs(%c : memref<4x6xf32>)
  linalg.generic {indexing_maps = [#cb_id, #cb_col, #cb_id], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<4x6xf32>, memref<6xf32>) outs(%out : memref<4x6xf32>) {
  ^bb0(%in: f32, %b: f32, %o: f32):
    %s = arith.addf %in, %b : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An epilogue whose output is a buffer the kernel reads (here B) stays a
// generic: the kernel would overwrite its input.
// CHECK-LABEL: func.func @epilogue_into_input
// CHECK: call @mlc_uk_matmul_f32(%{{[^,]+}}, %{{[^,]+}}, %{{[^,]+}}, %c0{{[^,]*}}, %c0
// CHECK: linalg.generic
#in_id = affine_map<(d0, d1) -> (d0, d1)>
#in_col = affine_map<(d0, d1) -> (d1)>
func.func @epilogue_into_input(%a: memref<6x6xf32>, %b: memref<6x6xf32>, %bias: memref<6xf32>) {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<6x6xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<6x6xf32>)
  linalg.matmul ins(%a, %b : memref<6x6xf32>, memref<6x6xf32>) outs(%c : memref<6x6xf32>)
  linalg.generic {indexing_maps = [#in_id, #in_col, #in_id], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<6x6xf32>, memref<6xf32>) outs(%b : memref<6x6xf32>) {
  ^bb0(%in: f32, %v: f32, %o: f32):
    %s = arith.addf %in, %v : f32
    linalg.yield %s : f32
  }
  return
}

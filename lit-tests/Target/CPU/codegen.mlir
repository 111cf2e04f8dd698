// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-outline-weights,mlc-convert-graph-to-linalg,mlc-fuse-elementwise,mlc-fuse-contraction-epilogue,canonicalize,cse),mlc-cpu-codegen)' | FileCheck %s

// Gemm (a Linear layer) + bias + relu at the LLVM-dialect level: the f32
// matmul microkernel writes the product into the output buffer (B passed
// transposed: sizes and strides swapped; accumulate operand 0: overwrite, no
// zero fill first; no kernel epilogue, as the relu reads the buffer it
// writes), and one loop nest adds the bias and applies relu in place. No
// heap buffer, no copy into the output.
// CHECK: llvm.func @mlc_uk_matmul_f32(!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, i64, i64, i64, i64, f32, f32)
// CHECK-LABEL: llvm.func internal @main
// The output's descriptor comes last; its aligned pointer is written.
// CHECK-SAME: %[[OUTBASE:[^:]+]]: !llvm.ptr, %[[OUT:[^:]+]]: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64)
// CHECK-NOT: llvm.call @_mlir_memref_to_llvm_alloc
// CHECK-NOT: llvm.store
// CHECK: llvm.call @mlc_uk_matmul_f32(%arg0, %arg1, %arg2, %arg3, %arg4, %arg5, %arg6, %arg7, %arg8, %arg9, %arg11, %arg10, %arg13, %arg12, %[[OUTBASE]], %[[OUT]],
// CHECK: llvm.getelementptr %[[OUT]]
// CHECK: llvm.load
// CHECK: llvm.fadd
// CHECK: llvm.intr.maximum
// CHECK: llvm.getelementptr %[[OUT]]
// CHECK: llvm.store
// CHECK-NOT: llvm.call @_mlir_memref_to_llvm_alloc
// CHECK-LABEL: llvm.func @mlc_entry
func.func @main(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.gemm %x, %w, %b {trans_b = true} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %1 = mlc_graph.relu %0 : tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

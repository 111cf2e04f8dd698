// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-outline-weights,mlc-convert-graph-to-linalg,mlc-fuse-elementwise,mlc-fuse-contraction-epilogue,canonicalize,cse),mlc-cpu-codegen)' | FileCheck %s

// Gemm + bias + relu at the LLVM-dialect level: the multiply-accumulate loop,
// the bias add and the relu sit in one loop nest of @main. The only temporary
// is the hoisted one-element tile on the stack: no heap buffer for the
// product, no copy loop into the output.
// CHECK-LABEL: llvm.func internal @main
// The output's descriptor comes last; its aligned pointer is stored to.
// CHECK-SAME: %[[OUT:[^:]+]]: !llvm.ptr, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64)
// CHECK-NOT: llvm.call @malloc
// CHECK: %[[TILE:.+]] = llvm.alloca %{{.+}} x f32
// CHECK-NOT: llvm.alloca
// CHECK: ^bb1(%[[I:.+]]: i64):
// CHECK: ^bb3(%[[J:.+]]: i64):
// CHECK: llvm.getelementptr %[[TILE]]
// CHECK: llvm.store
// CHECK: llvm.fmul
// CHECK: llvm.fadd
// CHECK: llvm.getelementptr %[[TILE]]
// CHECK: llvm.store
// CHECK: llvm.getelementptr %[[TILE]]
// CHECK: llvm.load
// CHECK: llvm.fadd
// CHECK: llvm.intr.maximum
// CHECK: llvm.getelementptr %[[OUT]]
// CHECK: llvm.store
// CHECK: llvm.br ^bb3
// CHECK: llvm.br ^bb1
// CHECK-NOT: llvm.call @malloc
// CHECK-LABEL: llvm.func @mlc_entry
func.func @main(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = mlc_graph.gemm %x, %w, %b {trans_b = true} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %1 = mlc_graph.relu %0 : tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-cpu-forall-to-parallel))' | FileCheck %s

// A loop whose body allocates nothing becomes scf.parallel.
// CHECK-LABEL: func.func @no_buffers
// CHECK-NOT: scf.forall
// CHECK: scf.parallel (%[[I:.+]], %[[J:.+]]) = (%{{.+}}, %{{.+}}) to (%{{.+}}, %{{.+}}) step
// CHECK: memref.store %{{.+}}, %{{.+}}[%[[I]], %[[J]]]
func.func @no_buffers(%out: memref<4x16xf32>, %v: f32) {
  scf.forall (%i, %j) in (4, 16) {
    memref.store %v, %out[%i, %j] : memref<4x16xf32>
  }
  return
}

// A loop with a buffer in its body becomes scf.for loops: hoisting the
// buffer out of a parallel loop would share it among iterations.
// CHECK-LABEL: func.func @tile_buffer
// CHECK-NOT: scf.forall
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.alloca
func.func @tile_buffer(%out: memref<4x16xf32>, %v: f32) {
  scf.forall (%i, %j) in (4, 16) {
    %t = memref.alloca() : memref<1xf32>
    %c0 = arith.constant 0 : index
    memref.store %v, %t[%c0] : memref<1xf32>
    %w = memref.load %t[%c0] : memref<1xf32>
    memref.store %w, %out[%i, %j] : memref<4x16xf32>
  }
  return
}

// Small static tile buffers (a padded input tile) move to the stack of each
// iteration, inside a memref.alloca_scope, and the loop stays parallel.
// CHECK-LABEL: func.func @stack_tile_buffer
// CHECK-NOT: scf.forall
// CHECK: scf.parallel
// CHECK-NEXT: memref.alloca_scope
// CHECK-NEXT: %[[T:.+]] = memref.alloca() {alignment = 64 : i64} : memref<10x114xf32>
// CHECK: memref.store %{{.+}}, %[[T]]
// CHECK-NOT: memref.alloc()
func.func @stack_tile_buffer(%out: memref<4x16xf32>, %v: f32) {
  scf.forall (%i, %j) in (4, 16) {
    %t = memref.alloc() {alignment = 64 : i64} : memref<10x114xf32>
    %c0 = arith.constant 0 : index
    memref.store %v, %t[%c0, %c0] : memref<10x114xf32>
    %w = memref.load %t[%c0, %c0] : memref<10x114xf32>
    memref.store %w, %out[%i, %j] : memref<4x16xf32>
  }
  return
}

// A buffer larger than 64 KiB stays on the heap, in scf.for loops.
// CHECK-LABEL: func.func @large_tile_buffer
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.alloc() : memref<128x129xf32>
func.func @large_tile_buffer(%out: memref<4x16xf32>, %v: f32) {
  scf.forall (%i, %j) in (4, 16) {
    %t = memref.alloc() : memref<128x129xf32>
    %c0 = arith.constant 0 : index
    memref.store %v, %t[%c0, %c0] : memref<128x129xf32>
    %w = memref.load %t[%c0, %c0] : memref<128x129xf32>
    memref.store %w, %out[%i, %j] : memref<4x16xf32>
  }
  return
}

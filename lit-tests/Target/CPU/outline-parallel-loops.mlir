// RUN: mlc-opt %s --mlc-cpu-outline-parallel-loops --split-input-file | FileCheck %s
// RUN: mlc-opt %s --mlc-cpu-outline-parallel-loops=min-work=1000000000 --split-input-file | FileCheck %s --check-prefix=SMALL

// A large loop moves into @mlc_par_body_0 over a sub-range of its first
// dimension with more than one trip (d1: d0 has one); the values it uses are
// arguments, constants are cloned. The small loop, and loops nested in an
// outlined one, stay.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.+]]: memref<1x256x64xf32>, %[[S:.+]]: f32, %[[Y:.+]]: memref<1x256x64xf32>)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C256:.+]] = arith.constant 256 : index
// CHECK: call @mlc_par_body_0(%[[C0]], %[[C256]], %[[X]], %[[S]], %[[Y]]) : (index, index, memref<1x256x64xf32>, f32, memref<1x256x64xf32>) -> ()
// CHECK: scf.parallel (%{{.+}}) = (%[[C0]]) to (%{{.+}}) step
// CHECK-NOT: mlc_par_body_1
// CHECK: func.func private @mlc_par_body_0(%[[LO:.+]]: index, %[[HI:.+]]: index, %[[BX:.+]]: memref<1x256x64xf32>, %[[BS:.+]]: f32, %[[BY:.+]]: memref<1x256x64xf32>)
// CHECK: scf.parallel (%[[I:.+]], %[[J:.+]], %[[K:.+]]) = (%{{.+}}, %[[LO]], %{{.+}}) to (%{{.+}}, %[[HI]], %{{.+}})
// CHECK: memref.load %[[BX]][%[[I]], %[[J]], %[[K]]]
// CHECK: arith.mulf %{{.+}}, %[[BS]]
// CHECK: memref.store %{{.+}}, %[[BY]][%[[I]], %[[J]], %[[K]]]
// CHECK: return

// SMALL-NOT: call @mlc_par_body
func.func @main(%x: memref<1x256x64xf32>, %s: f32, %y: memref<1x256x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  scf.parallel (%i, %j, %k) = (%c0, %c0, %c0) to (%c1, %c256, %c64) step (%c1, %c1, %c1) {
    %v = memref.load %x[%i, %j, %k] : memref<1x256x64xf32>
    %w = arith.mulf %v, %s : f32
    memref.store %w, %y[%i, %j, %k] : memref<1x256x64xf32>
    scf.reduce
  }
  scf.parallel (%k) = (%c0) to (%c4) step (%c1) {
    %v = memref.load %x[%c0, %c0, %k] : memref<1x256x64xf32>
    memref.store %v, %y[%c0, %c0, %k] : memref<1x256x64xf32>
    scf.reduce
  }
  return
}

// -----

// A call counts the elements of the buffers it is passed (through casts):
// 16 x 32 trips of a microkernel call on a 3 x 66 input row window and a
// 64-element output row is large work, though each trip is a few ops.
// CHECK-LABEL: func.func @main
// CHECK: call @mlc_par_body_0(
// CHECK: func.func private @mlc_par_body_0(
// CHECK: call @mlc_uk_row(
// SMALL-NOT: call @mlc_par_body
func.func private @mlc_uk_row(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>)
func.func @main(%x: memref<16x34x66xf32>, %y: memref<16x32x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  scf.parallel (%c, %r) = (%c0, %c0) to (%c16, %c32) step (%c1, %c1) {
    %in = memref.subview %x[%c, %r, 0] [1, 3, 66] [1, 1, 1] : memref<16x34x66xf32> to memref<3x66xf32, strided<[66, 1], offset: ?>>
    %out = memref.subview %y[%c, %r, 0] [1, 1, 64] [1, 1, 1] : memref<16x32x64xf32> to memref<64xf32, strided<[1], offset: ?>>
    %a = memref.cast %in : memref<3x66xf32, strided<[66, 1], offset: ?>> to memref<?x?xf32, strided<[?, ?], offset: ?>>
    %b = memref.cast %out : memref<64xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[?], offset: ?>>
    func.call @mlc_uk_row(%a, %b) : (memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?xf32, strided<[?], offset: ?>>) -> ()
    scf.reduce
  }
  return
}

// RUN: mlc-opt %s --mlc-cuda-prepare-kernels --split-input-file | FileCheck %s

// Fills, copies, transposes and reductions become generics (one kernel
// each); f32 matmuls stay named for the tiled matmul kernel.
// CHECK-LABEL: func.func @ops
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}} ins(%{{.*}} : f32) outs(%[[C:.*]] : memref<4x16xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x8xf32>, memref<8x16xf32>) outs(%[[C]] : memref<4x16xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[IN]], %[[OUT]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: linalg.generic {{.*}}ins(%{{.*}} : memref<4x16xf32>) outs(%{{.*}} : memref<16x4xf32>)
// CHECK: linalg.generic {{.*}}ins(%{{.*}} : memref<4x16xf32>) outs(%{{.*}} : memref<4x16xf32>)
// CHECK-NOT: memref.copy
// CHECK-NOT: linalg.fill
func.func @ops(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>,
               %r: memref<4xf32>, %t: memref<16x4xf32>, %d: memref<4x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<4x16xf32>)
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  linalg.reduce ins(%c : memref<4x16xf32>) outs(%r : memref<4xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
  linalg.transpose ins(%c : memref<4x16xf32>) outs(%t : memref<16x4xf32>) permutation = [1, 0]
  memref.copy %c, %d : memref<4x16xf32> to memref<4x16xf32>
  return
}

// -----

// linalg.map (what tensor.pad bufferizes to) becomes a generic with the
// output's block argument added.
// CHECK-LABEL: func.func @map
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : memref<2x3xf32>) outs(%{{.*}} : memref<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[N]] : f32
func.func @map(%in: memref<2x3xf32>, %out: memref<2x3xf32>) {
  linalg.map ins(%in : memref<2x3xf32>) outs(%out : memref<2x3xf32>)
    (%x: f32) {
      %n = arith.negf %x : f32
      linalg.yield %n : f32
    }
  return
}

// -----

// Matmuls of other element types are generalized (no tiled kernel for them).
// CHECK-LABEL: func.func @int_matmul
// CHECK-NOT: linalg.matmul
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
func.func @int_matmul(%a: memref<4x8xi32>, %b: memref<8x16xi32>, %c: memref<4x16xi32>) {
  linalg.matmul ins(%a, %b : memref<4x8xi32>, memref<8x16xi32>) outs(%c : memref<4x16xi32>)
  return
}

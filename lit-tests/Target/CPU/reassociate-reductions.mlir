// RUN: mlc-opt %s --mlc-cpu-reassociate-reductions | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A LayerNorm variance: the add into the accumulator may reassociate, the
// square of the deviation stays exact; a max keeps its flags.
// CHECK-LABEL: func.func @combiners
// CHECK: %[[D:.+]] = arith.subf %{{.+}}, %{{.+}} : f32
// CHECK-NEXT: %[[SQ:.+]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK-NEXT: arith.addf %[[SQ]], %{{.+}} fastmath<reassoc> : f32
// CHECK: arith.maximumf %{{.+}}, %{{.+}} fastmath<reassoc,nnan> : f32
func.func @combiners(%x: memref<4x8xf32>, %mean: memref<4xf32>, %var: memref<4xf32>, %max: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %mean : memref<4x8xf32>, memref<4xf32>) outs(%var : memref<4xf32>) {
  ^bb0(%in: f32, %m: f32, %acc: f32):
    %d = arith.subf %in, %m : f32
    %sq = arith.mulf %d, %d : f32
    %s = arith.addf %sq, %acc : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x8xf32>) outs(%max : memref<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc fastmath<nnan> : f32
    linalg.yield %m : f32
  }
  return
}

// An elementwise generic that reads its output keeps exact adds.
// CHECK-LABEL: func.func @elementwise
// CHECK: arith.addf %{{.+}}, %{{.+}} : f32
// CHECK-NOT: reassoc
func.func @elementwise(%x: memref<4x8xf32>, %y: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<4x8xf32>) outs(%y : memref<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  }
  return
}

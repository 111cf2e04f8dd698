// RUN: mlc-opt %s --mlc-cpu-approximate-math | FileCheck %s

// f32 exp, erf and tanh become polynomials (no math op left that LLVM would
// turn into a libm call); f64 exp and f32 log keep theirs.
// CHECK-LABEL: func.func @approximated
// CHECK-NOT: math.exp
// CHECK-NOT: math.erf
// CHECK-NOT: math.tanh
// CHECK: math.fma
// CHECK: arith.bitcast
// CHECK: return
func.func @approximated(%x: f32, %v: vector<8xf32>) -> (f32, f32, vector<8xf32>) {
  %0 = math.exp %x : f32
  %1 = math.erf %x : f32
  %2 = math.tanh %v : vector<8xf32>
  return %0, %1, %2 : f32, f32, vector<8xf32>
}

// CHECK-LABEL: func.func @kept
// CHECK: math.exp %{{.+}} : f64
// CHECK: math.log %{{.+}} : f32
func.func @kept(%x: f32, %y: f64) -> (f64, f32) {
  %0 = math.exp %y : f64
  %1 = math.log %x : f32
  return %0, %1 : f64, f32
}

// RUN: mlc-opt %s --mlc-cpu-emit-entry-point --split-input-file --verify-diagnostics | FileCheck %s

// The model function becomes internal; mlc_entry(args, symbols, parallel)
// hands |parallel| to the microkernels, loads one pointer per buffer and
// passes its memref descriptor: the pointer twice, offset 0, the sizes
// (static, or read from |symbols|) and row-major strides.
// CHECK-LABEL: llvm.func internal @main
// CHECK: llvm.func @mlc_uk_set_parallel(!llvm.ptr)
// CHECK-LABEL: llvm.func @mlc_entry
// CHECK-SAME: (%[[ARGS:.+]]: !llvm.ptr, %[[SYMS:.+]]: !llvm.ptr, %[[PAR:.+]]: !llvm.ptr)
// CHECK: llvm.call @mlc_uk_set_parallel(%[[PAR]]) : (!llvm.ptr) -> ()
// CHECK: %[[P0:.+]] = llvm.getelementptr %[[ARGS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A0:.+]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[S1:.+]] = llvm.getelementptr %[[SYMS]][1] : (!llvm.ptr) -> !llvm.ptr, i64
// CHECK: %[[N:.+]] = llvm.load %[[S1]] : !llvm.ptr -> i64
// CHECK: %[[C4:.+]] = llvm.mlir.constant(4 : i64) : i64
// CHECK: %[[ONE:.+]] = llvm.mlir.constant(1 : i64) : i64
// CHECK: %[[S0:.+]] = llvm.mul %[[ONE]], %[[C4]] : i64
// CHECK: %[[P1:.+]] = llvm.getelementptr %[[ARGS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A1:.+]] = llvm.load %[[P1]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call @main(%[[A0]], %[[A0]], %{{.+}}, %[[N]], %[[C4]], %[[S0]], %[[ONE]], %[[A1]], %[[A1]], %{{.+}}, %{{.+}}, %{{.+}})
// CHECK: llvm.return
module attributes {mlc.entry_dims = [array<i64: -2, 4>, array<i64: 8>]} {
  llvm.func @main(%a0: !llvm.ptr, %a1: !llvm.ptr, %o0: i64, %s0: i64, %s1: i64,
                  %t0: i64, %t1: i64, %b0: !llvm.ptr, %b1: !llvm.ptr, %o1: i64,
                  %u0: i64, %v0: i64) {
    llvm.return
  }
}

// -----

// expected-error @+1 {{no lowered model function @main}}
module {
  llvm.func @other() {
    llvm.return
  }
}

// -----

// expected-error @+1 {{missing mlc.entry_dims; run mlc-cpu-record-entry-shapes}}
module {
  llvm.func @main(%p: !llvm.ptr) {
    llvm.return
  }
}

// -----

module attributes {mlc.entry_dims = [array<i64: 4>]} {
  // expected-error @+1 {{model function has 1 parameters but mlc.entry_dims describes 5 (memref descriptors)}}
  llvm.func @main(%n: i64) {
    llvm.return
  }
}

// -----

// expected-error @+1 {{model function @main was not lowered to the LLVM dialect}}
func.func @main() {
  return
}

// RUN: mlc-opt %s --mlc-cpu-emit-entry-point --split-input-file --verify-diagnostics | FileCheck %s

// The model function becomes internal; mlc_entry loads one pointer per
// argument from its array and calls it.
// CHECK-LABEL: llvm.func internal @main
// CHECK-LABEL: llvm.func @mlc_entry
// CHECK-SAME: (%[[ARGS:.+]]: !llvm.ptr)
// CHECK: %[[P0:.+]] = llvm.getelementptr %[[ARGS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A0:.+]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[P1:.+]] = llvm.getelementptr %[[ARGS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A1:.+]] = llvm.load %[[P1]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call @main(%[[A0]], %[[A1]])
// CHECK: llvm.return
module {
  llvm.func @main(%in: !llvm.ptr, %out: !llvm.ptr) {
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

module {
  // expected-error @+1 {{model argument of type 'i64' is not a bare pointer; static shapes are required}}
  llvm.func @main(%n: i64) {
    llvm.return
  }
}

// -----

// expected-error @+1 {{model function @main was not lowered to the LLVM dialect}}
func.func @main() {
  return
}

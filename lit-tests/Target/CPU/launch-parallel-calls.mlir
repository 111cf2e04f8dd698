// RUN: mlc-opt %s --mlc-cpu-launch-parallel-calls | FileCheck %s

// The call's range and arguments go into a stack struct; the chunk count is
// min(hi - lo, 32); the trampoline runs the body (made internal) over its
// chunk.
// CHECK: llvm.func @mlc_uk_parallel_for(i64, !llvm.ptr, !llvm.ptr)
// CHECK: llvm.func internal @mlc_par_body_3(
// CHECK-LABEL: llvm.func @main
// CHECK-SAME: (%[[LO:.+]]: i64, %[[HI:.+]]: i64, %[[P:.+]]: !llvm.ptr, %[[F:.+]]: f32)
// CHECK: %[[ARGS:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(i64, i64, i64, ptr, f32)>
// CHECK: %[[N:.+]] = llvm.sub %[[HI]], %[[LO]]
// CHECK: %[[CHUNKS:.+]] = llvm.intr.smin(%[[N]], %{{.+}})
// CHECK: llvm.store %[[LO]]
// CHECK: llvm.store %[[HI]]
// CHECK: llvm.store %[[CHUNKS]]
// CHECK: llvm.store %[[P]]
// CHECK: llvm.store %[[F]]
// CHECK: %[[FN:.+]] = llvm.mlir.addressof @mlc_par_chunk_3
// CHECK: llvm.call @mlc_uk_parallel_for(%[[CHUNKS]], %[[FN]], %[[ARGS]])
// CHECK-NOT: llvm.call @mlc_par_body_3
// CHECK: llvm.func internal @mlc_par_chunk_3(%[[DATA:.+]]: !llvm.ptr, %[[I:.+]]: i64)
// CHECK-COUNT-5: llvm.load
// CHECK: llvm.sdiv
// CHECK: llvm.sdiv
// CHECK: llvm.call @mlc_par_body_3(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) : (i64, i64, !llvm.ptr, f32) -> ()
llvm.func @mlc_par_body_3(%lo: i64, %hi: i64, %p: !llvm.ptr, %f: f32) {
  llvm.return
}
llvm.func @main(%lo: i64, %hi: i64, %p: !llvm.ptr, %f: f32) {
  llvm.call @mlc_par_body_3(%lo, %hi, %p, %f) : (i64, i64, !llvm.ptr, f32) -> ()
  llvm.return
}

// RUN: mlc-opt %s --mlc-cpu-record-entry-shapes --split-input-file --verify-diagnostics | FileCheck %s

// Arguments, then results: static shapes as sizes, symbolic dims from the
// frontend's mlc.dims.
// CHECK: module attributes {mlc.entry_dims = [array<i64: -1, 64>, array<i64: 64>, array<i64: -1, 64>]}
module {
  func.func @main(%x: tensor<?x64xf32> {mlc.dims = array<i64: -1, 64>},
                  %w: tensor<64xf32>)
      -> (tensor<?x64xf32> {mlc.dims = array<i64: -1, 64>}) {
    return %x : tensor<?x64xf32>
  }
}

// -----

module {
  // expected-error @+1 {{entry tensor of type 'tensor<?xf32>' has neither a static shape nor mlc.dims}}
  func.func @main(%x: tensor<?xf32>) -> tensor<?xf32> {
    return %x : tensor<?xf32>
  }
}

// -----

// expected-error @+1 {{no model function @main}}
module {
}

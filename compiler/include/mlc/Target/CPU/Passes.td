// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_CPU_PASSES_TD
#define MLC_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def CopyForwardedResultsPass
    : Pass<"mlc-cpu-copy-forwarded-results", "func::FuncOp"> {
  let summary = "Copy function arguments (or repeated values) returned as results";
  let description = [{
    A model whose output is one of its inputs or weights (Identity, an
    identity Transpose) returns a function argument, and a model may return
    one value under two output names. Each such result becomes
    a `linalg.copy` into a fresh tensor, so that every result is computed into
    a buffer the entry point's output pointer can take over.

    ```mlir
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      return %x : tensor<4xf32>
    }
    // becomes
    %e = tensor.empty() : tensor<4xf32>
    %c = linalg.copy ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    return %c : tensor<4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def UkernelCallsPass : Pass<"mlc-cpu-ukernel-calls", "ModuleOp"> {
  let summary = "Call the f32 microkernels for matmuls and depthwise convolutions";
  let description = [{
    Runs after bufferization, on f32 memrefs (compiler/lib/Target/CPU/
    ukernels/*.c, linked into the model as bitcode):

    - `linalg.matmul`, `linalg.matmul_transpose_b`, `linalg.batch_matmul`
      and `linalg.batch_matmul_transpose_b` become calls of
      `mlc_uk_matmul_f32` (C += A * B on strided 2-D views): a transposed B
      is a `memref.transpose` view, and a batched op calls it once per batch
      index in an `scf.for`;
    - a `linalg.matmul` whose B is a convolution's im2col copy (a
      `memref.collapse_shape` of a buffer written only by the copy generic
      of ConvolutionToLinalg, with nothing written in between) becomes a call
      of `mlc_uk_conv2d_f32` on the copy's input, with the window's KH, KW,
      OW, strides and dilations; the kernel packs its B panels from the input
      directly, and the copy and its buffer go;
    - `linalg.depthwise_conv_2d_nchw_chw` becomes a call of
      `mlc_uk_depthwise_conv2d_f32` with its strides and dilations.

    A zero `linalg.fill` of the output right before the op is dropped and the
    call told to overwrite the output (operand 0) instead of accumulating
    (1). The matmul and convolution kernels then also take the elementwise
    op that alone reads their result (directly or through an
    `expand_shape`), when it is `min(max(C + bias, lo), hi)` with each step
    optional and the bias a vector along C's rows or columns: the kernel
    stores into that op's output with the bias address, strides and clamp
    bounds as arguments (`MatmulEpilogue.h`), and the op and C's buffer go.
    Without one, the arguments are 0, 0, 0, -inf, +inf.

    ```mlir
    linalg.matmul ins(%a, %b : memref<8x4xf32>, memref<4x16xf32>)
                  outs(%c : memref<8x16xf32>)
    // becomes
    %0 = memref.cast %a : memref<8x4xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
    ...
    func.call @mlc_uk_matmul_f32(%0, %1, %2, %c1) : (...) -> ()
    ```
  }];
  let dependentDialects = [
    "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::arith::ArithDialect",
  ];
}

def PackMatmulWeightsPass : Pass<"mlc-cpu-pack-matmul-weights", "ModuleOp"> {
  let summary = "Pack the matmul microkernel's weight operands at compile time";
  let description = [{
    Runs after `mlc-cpu-ukernel-calls`. A weight (an argument of `@main`
    listed in `mlc.weights`) whose every use is an operand of
    `mlc_uk_matmul_f32`, or the filter of `mlc_uk_conv2d_f32` (through `memref.collapse_shape`, e.g. a convolution's
    filter, and `memref.transpose`) gets the panel layout the kernel's tile
    reads (`ukernels/matmul_f32.c`): as A, `[ceil(M/12)][K][12]`; as B,
    `[ceil(N/32)][K][32]`; zero-padded. Its data becomes a new resource
    `<name>.packed`, the argument and its `mlc.entry_dims` entry take the
    3-D shape, and the calls become `mlc_uk_matmul_f32_pa` (`_pb`,
    `mlc_uk_conv2d_f32_pa`). The filter of a 3x3 stride-1 convolution with
    at least 16 4x4 output tiles is instead transformed for Winograd's
    F(4x4, 3x3) (`ukernels/winograd_f32.c`), U = G g G^T, and packed as the
    A operands of its 36 matrix products, `[36 * ceil(F/12)][C][12]`; the
    call becomes `mlc_uk_conv2d_f32_wg`. The
    module attribute `mlc.weights` lists the weight resources the artifact
    stores. A weight with any other use, or used both as A and as B, is left
    as it is.

    ```mlir
    %w = memref.collapse_shape %arg1 [[0], [1, 2, 3]] : memref<64x3x7x7xf32> into memref<64x147xf32>
    %0 = memref.cast %w : memref<64x147xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
    call @mlc_uk_matmul_f32(%0, %b, %c, %c0) : (...) -> ()
    // becomes, with %arg1 : memref<6x147x12xf32>
    %0 = memref.cast %arg1 : memref<6x147x12xf32> to memref<?x?x?xf32, strided<[?, ?, ?], offset: ?>>
    call @mlc_uk_matmul_f32_pa(%0, %b, %c, %c0) : (...) -> ()
    ```
  }];
}

def ApproximateMathPass : Pass<"mlc-cpu-approximate-math", "func::FuncOp"> {
  let summary = "Expand f32 exp, erf and tanh into vectorizable polynomials";
  let description = [{
    Rewrites f32 `math.exp`, `math.erf` and `math.tanh` (softmax, sigmoid,
    GELU) into MLIR's polynomial approximations (arith and math.fma/floor
    ops), so the loops around them have no libm calls and LLVM vectorizes
    them. Other math ops keep their libm calls.

    ```mlir
    %y = math.exp %x : f32
    // becomes
    %0 = arith.mulf %x, %cst_log2e : f32
    %1 = math.floor %0 : f32
    ...
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ReassociateReductionsPass
    : Pass<"mlc-cpu-reassociate-reductions", "func::FuncOp"> {
  let summary = "Let LLVM sum float reductions in any order, in vectors";
  let description = [{
    Sets `fastmath<reassoc>` on the float combiner (`arith.addf`, `mulf`,
    `maximumf`, `minimumf`, `maxnumf`, `minnumf`) that a `linalg.generic`
    with a reduction dimension applies to its accumulator. Without it, LLVM
    must add the elements of a softmax or LayerNorm row one after another,
    one dependent scalar add or max per element; with it, the loop
    vectorizer keeps one partial result per vector lane and combines the
    lanes at the end, as onnxruntime's kernels do. Other ops in the body,
    and elementwise generics, keep strict IEEE semantics.

    ```mlir
    linalg.generic {iterator_types = ["parallel", "reduction"], ...}
        ins(%x : memref<128x768xf32>) outs(%sum : memref<128xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %0 = arith.addf %in, %acc : f32
      linalg.yield %0 : f32
    }
    // becomes
      %0 = arith.addf %in, %acc fastmath<reassoc> : f32
    ```
  }];
}

def OutlineParallelLoopsPass : Pass<"mlc-cpu-outline-parallel-loops", "ModuleOp"> {
  let summary = "Move the model's large parallel loops into range functions";
  let description = [{
    Runs on `scf.parallel` loops (from `convert-linalg-to-parallel-loops`)
    in `@main`, before SCF lowering. Each outermost loop without results
    that does at least `min-work` operations (loop trips times body ops;
    dynamic loops count 64 trips, and a call counts the elements of the
    statically shaped buffers it is passed, seen through casts) and has a unit-step dimension with more
    than one trip moves into a private function
    `@mlc_par_body_<N>(%lo, %hi, values...)` that runs it over `[lo, hi)` of
    the first such dimension. The loop becomes a call over the full range,
    with the values it uses as arguments (constants are cloned into the
    function). `mlc-cpu-launch-parallel-calls` later shares such calls out
    among threads.

    ```mlir
    scf.parallel (%i, %j) = (%c0, %c0) to (%c128, %c768) step (%c1, %c1) {
      ... %x[%i, %j] ...
    }
    // becomes
    call @mlc_par_body_0(%c0, %c128, %x) : (index, index, memref<128x768xf32>) -> ()
    func.func private @mlc_par_body_0(%lo: index, %hi: index, %x: memref<128x768xf32>) {
      scf.parallel (%i, %j) = (%lo, %c0) to (%hi, %c768) step (%c1, %c1) { ... }
    }
    ```
  }];
  let options = [
    Option<"minWork", "min-work", "int64_t", /*default=*/"32768",
           "Fewest operations a loop must do to be outlined">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def LaunchParallelCallsPass : Pass<"mlc-cpu-launch-parallel-calls", "ModuleOp"> {
  let summary = "Share calls of outlined parallel loop bodies among threads";
  let description = [{
    Runs on the LLVM dialect. Each `llvm.call @mlc_par_body_<N>(lo, hi,
    args...)` becomes `mlc_uk_parallel_for(chunks, @mlc_par_chunk_<N>,
    &struct)`: the arguments, with `chunks = min(hi - lo, max-chunks)`, are
    stored in a struct on the caller's stack, and the trampoline
    `@mlc_par_chunk_<N>(ptr, i)` loads them and calls the body over chunk `i`,
    `[lo + i * (hi - lo) / chunks, lo + (i + 1) * (hi - lo) / chunks)`.
    The bodies become internal to the model.

    ```mlir
    llvm.call @mlc_par_body_0(%lo, %hi, %p) : (i64, i64, !llvm.ptr) -> ()
    // becomes
    %n = llvm.intr.smin(%count, %c32) : (i64, i64) -> i64
    ... llvm.store into %args ...
    llvm.call @mlc_uk_parallel_for(%n, %chunk_fn, %args) : (i64, !llvm.ptr, !llvm.ptr) -> ()
    ```
  }];
  let options = [
    Option<"maxChunks", "max-chunks", "int64_t", /*default=*/"32",
           "Most chunks a loop's range is split into">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def ForallToParallelPass : Pass<"mlc-cpu-forall-to-parallel", "func::FuncOp"> {
  let summary = "Bufferized scf.forall loops to scf.parallel (or scf.for)";
  let description = [{
    Runs right after bufferization, before allocations are hoisted out of
    loops. An `scf.forall` (the fused tile loops of
    `mlc-fuse-contraction-epilogue{parallel-loops}`) whose body allocates no
    buffer becomes an `scf.parallel`, which `mlc-cpu-outline-parallel-loops`
    may share out among threads. Static buffers of up to 64 KiB in all (a
    padded input tile) become `memref.alloca`s inside a `memref.alloca_scope`
    around the body, so each iteration has its own on the stack and the loop
    stays parallel. A loop with other buffers becomes nested `scf.for` loops,
    since hoisting would make its iterations share those buffers.

    ```mlir
    scf.forall (%c, %h) in (32, 112) {
      ... memref.subview %out[0, %c, %h, 0] ...
    }
    // becomes
    scf.parallel (%c, %h) = (%c0, %c0) to (%c32, %c112) step (%c1, %c1) { ... }
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def RecordEntryShapesPass : Pass<"mlc-cpu-record-entry-shapes", "ModuleOp"> {
  let summary = "Record the shapes of @main's arguments and results";
  let description = [{
    Runs on tensors, before bufferization. Sets the module attribute
    `mlc.entry_dims`: one `array<i64>` per entry-point buffer (the
    arguments, then the results, which become output arguments), with static
    dims as sizes and symbolic dims encoded as `-1 - symbol` from the
    frontend's `mlc.dims` argument/result attributes. `mlc-cpu-emit-entry-point`
    builds the memref descriptors from it.

    ```mlir
    module attributes {mlc.entry_dims = [array<i64: -1, 64>, array<i64: -1, 64>]} {
      func.func @main(%x: tensor<?x64xf32> {mlc.dims = array<i64: -1, 64>})
          -> (tensor<?x64xf32> {mlc.dims = array<i64: -1, 64>})
    }
    ```
  }];
}

def EmitEntryPointPass : Pass<"mlc-cpu-emit-entry-point", "ModuleOp"> {
  let summary = "Wrap the lowered model function in the artifact's C entry point";
  let description = [{
    Runs on the LLVM dialect after `func` lowering (memref descriptors
    expanded into arguments). Makes `@main` internal and adds the exported
    `void mlc_entry(void **args, const int64_t *symbols,
    const mlc_parallel_t *parallel)` (see
    runtime/include/mlc/runtime/artifact_format.h), which hands `parallel`
    to the microkernels (`mlc_uk_set_parallel`), loads one pointer per
    buffer from `args` and passes it with the sizes and row-major strides
    recorded in `mlc.entry_dims`, reading symbolic sizes from `symbols`.

    ```mlir
    llvm.func @mlc_entry(%args: !llvm.ptr, %symbols: !llvm.ptr, %parallel: !llvm.ptr) {
      llvm.call @mlc_uk_set_parallel(%parallel) : (!llvm.ptr) -> ()
      %p0 = llvm.getelementptr %args[0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
      %a0 = llvm.load %p0 : !llvm.ptr -> !llvm.ptr
      ...
      llvm.call @main(%a0, %a0, %c0, %n, %c64, %c64, %c1, ...) : (...) -> ()
      llvm.return
    }
    ```
  }];
  let options = [
    Option<"entrySymbol", "entry-symbol", "std::string", /*default=*/"\"mlc_entry\"",
           "Name of the exported entry point">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def CloneFillsPass : Pass<"mlc-clone-fills", "func::FuncOp"> {
  let summary = "Give every use of a filled tensor its own linalg.fill";
  let description = [{
    Runs on tensors, before bufferization. CSE merges equal fills (the zero
    init of a mean and of a variance), and bufferization then copies the one
    filled buffer for each reduction that accumulates into it. With a fill
    per use, each reduction gets its own buffer: on the CPU the zero fill
    right before a matmul then goes into the microkernel call (which
    overwrites its output), and the CUDA emitter folds the fill into the
    reduction's kernel, so no fill or copy remains. The first step of the
    model bufferization pipeline both targets share.

    ```mlir
    %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %a = linalg.generic ... outs(%f : tensor<4xf32>)
    %b = linalg.generic ... outs(%f : tensor<4xf32>)
    // becomes
    %f0 = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %a = linalg.generic ... outs(%f0 : tensor<4xf32>)
    %f1 = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    %b = linalg.generic ... outs(%f1 : tensor<4xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // MLC_TARGET_CPU_PASSES_TD

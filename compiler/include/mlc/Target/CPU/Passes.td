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

def EmitEntryPointPass : Pass<"mlc-cpu-emit-entry-point", "ModuleOp"> {
  let summary = "Wrap the lowered model function in the artifact's C entry point";
  let description = [{
    Runs on the LLVM dialect after `func` lowering with the bare-pointer
    calling convention. Makes `@main` private and adds the exported
    `void mlc_entry(void **args)` (see runtime/include/mlc/runtime/
    artifact_format.h), which loads one pointer per `@main` argument from
    `args` and calls it.

    ```mlir
    llvm.func @mlc_entry(%args: !llvm.ptr) {
      %p0 = llvm.getelementptr %args[0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
      %a0 = llvm.load %p0 : !llvm.ptr -> !llvm.ptr
      ...
      llvm.call @main(%a0, ...) : (!llvm.ptr, ...) -> ()
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

#endif // MLC_TARGET_CPU_PASSES_TD

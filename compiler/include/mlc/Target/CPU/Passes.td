// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_CPU_PASSES_TD
#define MLC_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

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

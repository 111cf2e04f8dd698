// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Links the microkernels and the buffer allocator (ukernels/*.c as LLVM
// bitcode, embedded at build time) into a model module that declares any of
// them.

#include "mlc/Target/CPU/CPUTarget.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;

static const unsigned char kUkernelBitcode[] = {
#include "UkernelBitcode.inc"
};

static bool isUkernel(const llvm::Function &f) {
  return f.getName().starts_with("mlc_uk_") ||
         f.getName().starts_with("_mlir_memref_to_llvm_");
}

LogicalResult mlc::linkUkernels(llvm::Module &module, std::string &error) {
  if (llvm::none_of(module.functions(), [](const llvm::Function &f) {
        return isUkernel(f) && f.isDeclaration();
      }))
    return success();
  llvm::MemoryBufferRef buffer(
      llvm::StringRef(reinterpret_cast<const char *>(kUkernelBitcode),
                      sizeof(kUkernelBitcode)),
      "ukernels.bc");
  llvm::Expected<std::unique_ptr<llvm::Module>> ukernels =
      llvm::parseBitcodeFile(buffer, module.getContext());
  if (!ukernels) {
    error = "cannot read the embedded microkernels: " +
            llvm::toString(ukernels.takeError());
    return failure();
  }
  // Compiled for a generic x86-64: the model's target machine decides.
  for (llvm::Function &f : **ukernels) {
    f.removeFnAttr("target-cpu");
    f.removeFnAttr("target-features");
    f.removeFnAttr("tune-cpu");
  }
  (*ukernels)->setTargetTriple(module.getTargetTriple());
  (*ukernels)->setDataLayout(module.getDataLayout());
  if (llvm::Linker::linkModules(module, std::move(*ukernels),
                                llvm::Linker::Flags::LinkOnlyNeeded)) {
    error = "cannot link the microkernels into the model";
    return failure();
  }
  for (llvm::Function &f : module.functions())
    if (isUkernel(f) && !f.isDeclaration())
      f.setLinkage(llvm::GlobalValue::InternalLinkage);
  return success();
}

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

// Makes the 16-wide variant of each microkernel (name + "_x16") the one
// models call.
static void preferWideVariants(llvm::Module &ukernels) {
  for (llvm::Function &wide : llvm::make_early_inc_range(ukernels)) {
    llvm::StringRef base = wide.getName();
    if (!base.consume_back("_x16"))
      continue;
    std::string name = base.str();
    if (llvm::Function *narrow = ukernels.getFunction(name))
      narrow->setName(name + "_x8");
    wide.setName(name);
  }
}

LogicalResult mlc::linkUkernels(llvm::Module &module, bool wideVectors,
                                std::string &error) {
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
  if (wideVectors)
    preferWideVariants(**ukernels);
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

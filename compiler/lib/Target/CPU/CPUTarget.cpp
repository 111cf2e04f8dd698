// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/CPUTarget.h"
#include "mlc/Target/CPU/Passes.h"

#include "mlc/runtime/artifact_format.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"

using namespace mlir;
using namespace mlir::mlc;

namespace {
class CPUTarget : public TargetBackend {
public:
  explicit CPUTarget(const CPUTargetOptions &options) : options(options) {}

  llvm::StringRef getName() const override { return "cpu"; }
  uint32_t getArtifactTarget() const override {
    return MLC_TARGET_CPU_X86_64_ELF;
  }
  void buildCodegenPipeline(OpPassManager &pm) const override {
    buildCPUCodegenPipeline(pm);
  }

  FailureOr<std::string> serialize(ModuleOp module, TargetDumpKind dump,
                                   llvm::raw_ostream &os) const override {
    registerBuiltinDialectTranslation(*module.getContext());
    registerLLVMDialectTranslation(*module.getContext());
    llvm::LLVMContext llvmContext;
    std::unique_ptr<llvm::Module> llvmModule =
        translateModuleToLLVMIR(module, llvmContext, "mlc_model");
    if (!llvmModule)
      return module.emitError("translation to LLVM IR failed"), failure();
    std::string code, error;
    bool assembly = dump == TargetDumpKind::Assembly;
    if (dump == TargetDumpKind::LLVMIR) {
      // Optimize without emitting, so the dump shows what gets compiled.
      if (failed(emitNativeCode(*llvmModule, options, true, code, error)))
        return module.emitError(error), failure();
      llvmModule->print(os, nullptr);
      return std::string();
    }
    if (failed(emitNativeCode(*llvmModule, options, assembly, code, error)))
      return module.emitError(error), failure();
    if (assembly) {
      os << code;
      return std::string();
    }
    FailureOr<std::string> shared = linkSharedObject(code, error);
    if (failed(shared))
      return module.emitError(error), failure();
    return shared;
  }

private:
  CPUTargetOptions options;
};
} // namespace

std::unique_ptr<TargetBackend>
mlir::mlc::createCPUTarget(const CPUTargetOptions &options) {
  return std::make_unique<CPUTarget>(options);
}

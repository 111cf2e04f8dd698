// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/CPUTarget.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

static std::string hostFeatures() {
  std::string features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features += (features.empty() ? "" : ",") +
                std::string(feature.second ? "+" : "-") +
                feature.first().str();
  return features;
}

// Every entry of a "+a,-b" list must be a feature LLVM knows for the target.
static bool checkFeatures(const llvm::MCSubtargetInfo &sti,
                          llvm::StringRef features, std::string &error) {
  llvm::SmallVector<llvm::StringRef> entries;
  features.split(entries, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef entry : entries) {
    llvm::StringRef name = entry.drop_front();
    bool known = llvm::any_of(sti.getAllProcessorFeatures(),
                              [&](const llvm::SubtargetFeatureKV &kv) {
                                return name == kv.Key;
                              });
    if ((!entry.starts_with("+") && !entry.starts_with("-")) || !known) {
      error = "unknown target feature '" + entry.str() +
              "' (expected +name or -name of an LLVM x86 feature)";
      return false;
    }
  }
  return true;
}

static std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const mlc::CPUTargetOptions &options, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string triple = llvm::sys::getDefaultTargetTriple();
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  bool host = options.cpu == "host";
  std::string cpu = host ? llvm::sys::getHostCPUName().str() : options.cpu;
  std::string features = host ? hostFeatures() : "";
  if (!options.features.empty())
    features += (features.empty() ? "" : ",") + options.features;
  std::unique_ptr<llvm::MCSubtargetInfo> sti(
      target->createMCSubtargetInfo(triple, cpu, ""));
  if (!sti || !sti->isCPUStringValid(cpu)) {
    error = "unknown target CPU '" + cpu + "'";
    return nullptr;
  }
  if (!checkFeatures(*sti, options.features, error))
    return nullptr;
  auto level = llvm::CodeGenOpt::getLevel(std::min(options.optLevel, 3u));
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, *level));
  if (!machine)
    error = "cannot create a target machine for " + triple + " " + cpu;
  return machine;
}

static void optimize(llvm::Module &module, llvm::TargetMachine &machine,
                     unsigned optLevel) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel == 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  builder.buildPerModuleDefaultPipeline(level).run(module, mam);
}

LogicalResult mlc::emitNativeCode(llvm::Module &module,
                                  const CPUTargetOptions &options,
                                  bool assembly, std::string &out,
                                  std::string &error) {
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(options, error);
  if (!machine)
    return failure();
  module.setTargetTriple(machine->getTargetTriple().str());
  module.setDataLayout(machine->createDataLayout());
  bool avx512 = machine->getMCSubtargetInfo()->checkFeatures("+avx512f");
  if (failed(linkUkernels(module, avx512, error)))
    return failure();
  optimize(module, *machine, options.optLevel);
  llvm::raw_string_ostream os(out);
  llvm::buffer_ostream stream(os);
  llvm::legacy::PassManager codegen;
  auto kind = assembly ? llvm::CodeGenFileType::AssemblyFile
                       : llvm::CodeGenFileType::ObjectFile;
  if (machine->addPassesToEmitFile(codegen, stream, nullptr, kind)) {
    error = "the target cannot emit this file type";
    return failure();
  }
  codegen.run(module);
  return success();
}

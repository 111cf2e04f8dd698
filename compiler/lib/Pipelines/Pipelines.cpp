// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Pipelines/Pipelines.h"

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Dialect/Graph/Transforms/Passes.h"
#include "mlc/Fusion/Passes.h"
#include "mlc/Target/CPU/Passes.h"
#include "mlc/Target/CUDA/Passes.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::mlc;

std::optional<Phase> mlc::parsePhase(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Phase>>(name)
      .Case("graph", Phase::Graph)
      .Case("linalg", Phase::Linalg)
      .Case("llvm", Phase::LLVMIR)
      .Case("asm", Phase::Assembly)
      .Case("cuda", Phase::CudaSource)
      .Case("ptx", Phase::Ptx)
      .Case("artifact", Phase::Artifact)
      .Default(std::nullopt);
}

void mlc::buildGraphPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(graph::createFoldConvAffinePass());
  pm.addNestedPass<func::FuncOp>(graph::createFuseNormalizationPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlc::buildLinalgPipeline(OpPassManager &pm,
                              bool fuseContractionEpilogues) {
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(createConvertGraphToLinalgPass());
  func.addPass(createFuseElementwisePass());
  // Whole output rows per tile, as many as fit 2048 elements (16 rows of
  // 112, 28 of 56, a whole 28x28 plane): the contraction (a depthwise
  // convolution's microkernel call) and its epilogue both run along them, in
  // parallel tile loops, and each tile pads its own input rows (2 more than
  // its output rows at stride 1).
  if (fuseContractionEpilogues)
    func.addPass(createFuseContractionEpiloguePass(
        {/*rowTile=*/1, /*colTile=*/4096, /*tileElements=*/2048,
         /*parallelLoops=*/true}));
  func.addPass(createCanonicalizerPass());
  func.addPass(createCSEPass());
}

static LogicalResult runPipeline(ModuleOp module,
                                 function_ref<void(OpPassManager &)> build) {
  PassManager pm(module.getContext());
  build(pm);
  return pm.run(module);
}

static void print(ModuleOp module, llvm::raw_ostream &os) {
  OpPrintingFlags flags;
  flags.elideLargeResourceString(64).elideLargeElementsAttrs(64);
  module.print(os, flags);
}

static LogicalResult checkLimits(func::FuncOp model,
                                 const ArtifactContents &contents,
                                 const CompileLimits &limits) {
  if (!limits.maxMemoryBytes)
    return success();
  if (!contents.symbols.empty())
    return model.emitError("--max-memory needs static shapes; pin the "
                           "symbolic dims with --shape");
  MemoryEstimate e = estimateMemory(model, contents);
  if (e.total() <= limits.maxMemoryBytes)
    return success();
  return model.emitError("the model needs an estimated ")
         << formatBytes(e.total()) << " at run time (weights "
         << formatBytes(e.weights) << ", inputs and outputs "
         << formatBytes(e.inputsOutputs) << ", intermediates up to "
         << formatBytes(e.intermediates) << "), more than --max-memory "
         << formatBytes(limits.maxMemoryBytes);
}

LogicalResult mlc::compileModule(ModuleOp module, const TargetBackend &target,
                                 Phase phase, llvm::raw_ostream &os,
                                 ArtifactContents &contents,
                                 const CompileLimits &limits) {
  if (failed(runPipeline(module, buildGraphPipeline)))
    return failure();
  if (phase == Phase::Graph)
    return print(module, os), success();
  auto model = module.lookupSymbol<func::FuncOp>(kModelFunctionName);
  if (!model)
    return module.emitError("no model function @") << kModelFunctionName;
  if (failed(runPipeline(module, [](OpPassManager &pm) {
        pm.addNestedPass<func::FuncOp>(graph::createOutlineWeightsPass());
      })) ||
      failed(collectInterface(model, contents)))
    return failure();
  if (failed(runPipeline(module,
                         [&](OpPassManager &pm) {
                           buildLinalgPipeline(
                               pm, target.fusesContractionEpilogues());
                         })) ||
      failed(checkLimits(model, contents, limits)))
    return failure();
  if (phase == Phase::Linalg)
    return print(module, os), success();
  if (failed(runPipeline(module, [&](OpPassManager &pm) {
        target.buildCodegenPipeline(pm);
      })) ||
      failed(updateWeights(module, contents)))
    return failure();
  TargetDumpKind dump = phase == Phase::LLVMIR       ? TargetDumpKind::LLVMIR
                        : phase == Phase::Assembly   ? TargetDumpKind::Assembly
                        : phase == Phase::CudaSource ? TargetDumpKind::CudaSource
                        : phase == Phase::Ptx        ? TargetDumpKind::Ptx
                                                     : TargetDumpKind::None;
  FailureOr<std::string> code = target.serialize(module, dump, os);
  if (failed(code))
    return failure();
  contents.code = std::move(*code);
  contents.target = target.getArtifactTarget();
  return success();
}

void mlc::registerMlcPasses() {
  graph::registerMlcGraphPasses();
  registerMlcGraphToLinalgPasses();
  registerMlcFusionPasses();
  registerMlcCPUPasses();
  registerCPUCodegenPipeline();
  registerMlcCUDAPasses();
  registerCUDACodegenPipeline();
}

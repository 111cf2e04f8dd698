// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "CudaEmitter.h"
#include "Nvrtc.h"

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Dialect/Graph/Transforms/Passes.h"
#include "mlc/Target/CPU/Passes.h"
#include "mlc/Target/TargetBackend.h"
#include "mlc/Target/CUDA/Passes.h"
#include "mlc/runtime/artifact_format.h"

#include <thread>

using namespace mlir;
using namespace mlir::mlc;

namespace {
class CUDATarget : public TargetBackend {
public:
  explicit CUDATarget(const CUDATargetOptions &options) : options(options) {}

  llvm::StringRef getName() const override { return "cuda"; }
  uint32_t getArtifactTarget() const override { return MLC_TARGET_CUDA_PTX; }
  bool fusesContractionEpilogues() const override { return false; }
  void buildCodegenPipeline(OpPassManager &pm) const override {
    buildCUDACodegenPipeline(pm);
  }
  FailureOr<std::string> serialize(ModuleOp module, TargetDumpKind dump,
                                   llvm::raw_ostream &os) const override;

private:
  CUDATargetOptions options;
};
} // namespace

// The model function and its input and weight counts.
static FailureOr<func::FuncOp> modelOf(ModuleOp module, unsigned &numInputs,
                                       unsigned &numWeights) {
  auto model = module.lookupSymbol<func::FuncOp>(kModelFunctionName);
  auto inputs = model ? model->getAttrOfType<IntegerAttr>(graph::kNumInputsAttr)
                      : nullptr;
  auto weights = model ? model->getAttrOfType<ArrayAttr>(graph::kWeightsAttr)
                       : nullptr;
  if (!inputs || !weights)
    return module.emitError("no model function processed by "
                            "mlc-outline-weights"), failure();
  auto symbols = model->getAttrOfType<ArrayAttr>(kSymbolsAttr);
  if (symbols && !symbols.empty())
    return model.emitError("the CUDA target needs static shapes; pin the "
                           "symbolic dims with --shape"), failure();
  numInputs = inputs.getInt();
  numWeights = weights.size();
  return model;
}

FailureOr<std::string> CUDATarget::serialize(ModuleOp module,
                                             TargetDumpKind dump,
                                             llvm::raw_ostream &os) const {
  if (dump == TargetDumpKind::LLVMIR || dump == TargetDumpKind::Assembly)
    return module.emitError("--emit=llvm and --emit=asm are for the CPU "
                            "target; the CUDA target emits cuda or ptx"),
           failure();
  unsigned numInputs = 0, numWeights = 0;
  FailureOr<func::FuncOp> model = modelOf(module, numInputs, numWeights);
  if (failed(model))
    return failure();
  FailureOr<cuda::Program> program =
      cuda::buildProgram(*model, numInputs, numWeights);
  if (failed(program))
    return failure();
  if (dump == TargetDumpKind::CudaSource)
    return os << program->source, std::string();
  // One NVRTC compile per arch, each on its own thread.
  size_t n = options.archs.size();
  std::vector<std::pair<unsigned, std::string>> images(n);
  std::vector<std::string> errors(n);
  std::vector<char> ok(n);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      images[i].first = options.archs[i];
      ok[i] = cuda::compileToPtx(program->source, options.archs[i],
                                 images[i].second, errors[i]);
    });
  for (std::thread &t : threads)
    t.join();
  for (size_t i = 0; i < n; ++i) {
    if (!ok[i])
      return module.emitError(errors[i]), failure();
    if (dump == TargetDumpKind::Ptx)
      os << "// mlc: PTX for sm_" << images[i].first << "\n"
         << images[i].second << "\n";
  }
  if (dump == TargetDumpKind::Ptx)
    return std::string();
  return cuda::encodeProgram(*program, images);
}

std::unique_ptr<TargetBackend>
mlir::mlc::createCUDATarget(const CUDATargetOptions &options) {
  return std::make_unique<CUDATarget>(options);
}

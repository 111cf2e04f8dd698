// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_TARGETBACKEND_H
#define MLC_TARGET_TARGETBACKEND_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir::mlc {

/// What a backend can print instead of producing code, in pipeline order
/// after the target-independent phases.
enum class TargetDumpKind { None, LLVMIR, Assembly, CudaSource, Ptx };

/// A code generation target. The target-independent pipeline produces
/// linalg on tensors with fusion decided; a backend lowers it further and
/// serializes the result into the artifact's code section. A new target
/// (CUDA/NVRTC) implements this interface without reshaping the pipeline.
class TargetBackend {
public:
  virtual ~TargetBackend() = default;
  /// Name used by `--target=` (e.g. "cpu").
  virtual llvm::StringRef getName() const = 0;
  /// mlc_target_t value stored in the artifact header.
  virtual uint32_t getArtifactTarget() const = 0;
  /// Whether the linalg pipeline tiles convolutions together with their
  /// elementwise epilogues (loops the CPU wants and a kernel per op does not).
  virtual bool fusesContractionEpilogues() const { return true; }
  /// Adds the passes lowering fused linalg on tensors to this target's
  /// codegen dialects (for the CPU: the LLVM dialect).
  virtual void buildCodegenPipeline(OpPassManager &pm) const = 0;
  /// Serializes the lowered |module| into a code blob. When |dump| is not
  /// None, prints that form to |os| instead and returns an empty blob.
  virtual FailureOr<std::string> serialize(ModuleOp module,
                                           TargetDumpKind dump,
                                           llvm::raw_ostream &os) const = 0;
};

/// Options of the host CPU backend.
struct CPUTargetOptions {
  /// LLVM CPU name, or "host" for the compiling machine's CPU and features.
  std::string cpu = "host";
  /// Extra LLVM feature string ("+avx2,-avx512f").
  std::string features;
  /// LLVM optimization level, 0-3.
  unsigned optLevel = 3;
};

/// Options of the CUDA backend.
struct CUDATargetOptions {
  /// Compute capabilities to emit PTX for (80 for sm_80), sorted, unique.
  std::vector<unsigned> archs = {80};
};

/// The CUDA backend: CUDA C per fused op -> PTX per arch (NVRTC) plus the
/// launch list (runtime/include/mlc/runtime/cuda_program_format.h).
std::unique_ptr<TargetBackend>
createCUDATarget(const CUDATargetOptions &options);

/// The x86-64 ELF backend: LLVM dialect -> LLVM IR -> object -> shared object.
std::unique_ptr<TargetBackend> createCPUTarget(const CPUTargetOptions &options);

} // namespace mlir::mlc

#endif // MLC_TARGET_TARGETBACKEND_H

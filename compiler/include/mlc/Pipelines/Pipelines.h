// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_PIPELINES_PIPELINES_H
#define MLC_PIPELINES_PIPELINES_H

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Target/TargetBackend.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::mlc {

/// Where compilation stops, for `mlc compile --emit=`. Each phase prints the
/// module (or code) as it stands after that phase.
enum class Phase { Graph, Linalg, LLVMIR, Assembly, CudaSource, Ptx, Artifact };

/// Parses "graph|linalg|llvm|asm|cuda|ptx|artifact".
std::optional<Phase> parsePhase(llvm::StringRef name);

/// Graph-level cleanup: canonicalization (with constant folding) and CSE.
void buildGraphPipeline(OpPassManager &pm);
/// mlc_graph -> fused linalg on tensors (weights outlined first); with
/// |fuseContractionEpilogues|, convolutions are tiled with their epilogues.
void buildLinalgPipeline(OpPassManager &pm, bool fuseContractionEpilogues = true);

/// Run-time memory of a compiled model, estimated from fused linalg.
struct MemoryEstimate {
  uint64_t weights = 0;
  uint64_t inputsOutputs = 0;
  /// Upper bound: every buffer the fused code allocates, as if all lived at
  /// once.
  uint64_t intermediates = 0;
  uint64_t total() const { return weights + inputsOutputs + intermediates; }
};

/// The estimate for |model| (fused linalg on tensors, weights outlined).
MemoryEstimate estimateMemory(func::FuncOp model,
                              const ArtifactContents &contents);
/// "1.50 MiB" etc.
std::string formatBytes(uint64_t bytes);

/// Limits a compilation must respect.
struct CompileLimits {
  /// Refuse models whose estimated run-time memory exceeds this (0: none).
  uint64_t maxMemoryBytes = 0;
};

/// Runs the pipelines on |module| up to |phase| for |target|. Intermediate
/// phases print to |os|; Phase::Artifact fills |contents| instead. Fails
/// with an error giving the figures when |limits| are exceeded.
LogicalResult compileModule(ModuleOp module, const TargetBackend &target,
                            Phase phase, llvm::raw_ostream &os,
                            ArtifactContents &contents,
                            const CompileLimits &limits = {});

/// Adds every dialect and external interface model mlc's pipelines use.
void registerMlcDialects(DialectRegistry &registry);

/// Registers mlc's dialects, passes and pipelines for mlc-opt.
void registerMlcPasses();

} // namespace mlir::mlc

#endif // MLC_PIPELINES_PIPELINES_H

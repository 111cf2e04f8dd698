// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TARGET_CPU_CPUTARGET_H
#define MLC_TARGET_CPU_CPUTARGET_H

#include "mlc/Target/TargetBackend.h"

#include "llvm/IR/Module.h"

namespace mlir::mlc {

/// Optimizes |module| with LLVM's O|optLevel| pipeline for |options| and
/// emits an object file (or assembly when |assembly|) into |out|.
LogicalResult emitNativeCode(llvm::Module &module,
                             const CPUTargetOptions &options, bool assembly,
                             std::string &out, std::string &error);

/// Links the ELF relocatable |object| into a shared object (lld as a
/// library) with libm as its only dependency.
/// Links the microkernels |module| declares (mlc_uk_*) into it: their
/// 16-wide variants when |wideVectors| (the target has AVX-512).
LogicalResult linkUkernels(llvm::Module &module, bool wideVectors,
                           std::string &error);

FailureOr<std::string> linkSharedObject(llvm::StringRef object,
                                        std::string &error);

} // namespace mlir::mlc

#endif // MLC_TARGET_CPU_CPUTARGET_H

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_LIB_TARGET_CUDA_NVRTC_H
#define MLC_LIB_TARGET_CUDA_NVRTC_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::mlc::cuda {

/// Compiles the CUDA C |source| to PTX for compute capability |sm| (80 for
/// compute_80) with NVRTC, which is loaded on first use: from $MLC_NVRTC
/// when set, else libnvrtc.so from the loader path or /usr/local/cuda. So
/// the compiler builds and runs without the CUDA toolkit; only this needs
/// it. On failure returns false with |error| set (the compile log for
/// errors in the source).
bool compileToPtx(llvm::StringRef source, unsigned sm, std::string &ptx,
                  std::string &error);

} // namespace mlir::mlc::cuda

#endif // MLC_LIB_TARGET_CUDA_NVRTC_H

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Minimal reader/writer of numpy .npy files (format 1.0-3.0, C order).

#ifndef MLC_TOOLS_MLC_NPY_H
#define MLC_TOOLS_MLC_NPY_H

#include "mlc/runtime/artifact_format.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mlc_tool {

struct NpyArray {
  mlc_dtype_t dtype = MLC_DTYPE_INVALID;
  llvm::SmallVector<int64_t> shape;
  std::vector<char> data;
};

/// Reads |path|; on failure returns false with a message naming the file.
bool readNpy(llvm::StringRef path, NpyArray &out, std::string &error);

/// Writes |data| of |dtype| and |shape| to |path| (format 1.0).
bool writeNpy(llvm::StringRef path, mlc_dtype_t dtype,
              llvm::ArrayRef<int64_t> shape, const void *data, size_t size,
              std::string &error);

} // namespace mlc_tool

#endif // MLC_TOOLS_MLC_NPY_H

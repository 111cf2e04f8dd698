// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for the safetensors reader: header validation, then every
// float tensor converted to f32 (bounded, so that the fuzzer does not chase
// huge but valid allocations). Errors are expected, crashes are not.

#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"

#include "llvm/Support/MemoryBuffer.h"

#include <vector>

using namespace mlc::safetensors;

// Conversions of larger tensors are skipped.
static constexpr uint64_t kMaxConvertedElements = 1 << 16;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.safetensors");
  auto file = SafeTensorsFile::fromBuffer(std::move(buffer));
  if (!file) {
    llvm::consumeError(file.takeError());
    return 0;
  }
  for (const TensorInfo &info : (*file)->tensors()) {
    (void)(*file)->data(info);
    bool isFloat = info.dtype == DType::F32 || info.dtype == DType::F16 ||
                   info.dtype == DType::BF16 || info.dtype == DType::F64;
    if (!isFloat || info.numElements > kMaxConvertedElements)
      continue;
    std::vector<float> values(info.numElements);
    llvm::consumeError((*file)->readAsF32(info, values));
  }
  return 0;
}

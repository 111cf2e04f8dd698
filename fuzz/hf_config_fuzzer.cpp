// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for the Hugging Face config.json parser.

#include "mlc/Frontends/SafeTensors/HfConfig.h"

using namespace mlc::safetensors;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::Expected<HfConfig> config = HfConfig::parse(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "config.json");
  if (!config) {
    llvm::consumeError(config.takeError());
    return 0;
  }
  (void)config->getHeadDim();
  return 0;
}

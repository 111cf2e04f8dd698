// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FRONTENDS_SAFETENSORS_HFCONFIG_H
#define MLC_FRONTENDS_SAFETENSORS_HFCONFIG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlc::safetensors {

/// The fields of a Hugging Face `config.json` that the BERT, GPT-2 and
/// Llama-family (Mistral, Qwen2) graph builders need. Keys are read under
/// their canonical (Llama/BERT) name or a GPT-2 alias (`n_embd`, `n_layer`,
/// `n_head`, `n_inner`, `n_positions`, `layer_norm_epsilon`,
/// `activation_function`); a JSON `null` counts as absent. Optional fields
/// stay unset when absent so that each model builder applies its own default.
struct HfConfig {
  /// The file the config was read from (names it in errors).
  std::string path;

  std::vector<std::string> architectures;
  std::string modelType;
  int64_t hiddenSize = 0;
  int64_t numHiddenLayers = 0;
  int64_t numAttentionHeads = 0;
  /// `num_key_value_heads`; numAttentionHeads when absent (no GQA).
  int64_t numKeyValueHeads = 0;
  int64_t vocabSize = 0;
  std::optional<int64_t> intermediateSize;
  std::optional<int64_t> maxPositionEmbeddings;
  std::optional<int64_t> typeVocabSize;
  std::optional<int64_t> headDim;
  /// `rms_norm_eps` (Llama family).
  std::optional<double> rmsNormEps;
  /// `layer_norm_eps` (BERT) or `layer_norm_epsilon` (GPT-2).
  std::optional<double> layerNormEps;
  std::optional<double> ropeTheta;
  /// `rope_scaling` as written (type/rope_type, factor, ...).
  std::optional<llvm::json::Object> ropeScaling;
  /// `hidden_act` or `activation_function`.
  std::optional<std::string> hiddenAct;
  std::optional<bool> tieWordEmbeddings;

  /// The whole document, for model-specific keys not listed above.
  llvm::json::Object raw;

  /// head_dim if given, else hiddenSize / numAttentionHeads.
  int64_t getHeadDim() const {
    return headDim ? *headDim : hiddenSize / numAttentionHeads;
  }

  /// Reads and validates the config file at |path|. Errors name the file and
  /// the missing or invalid key.
  static llvm::Expected<HfConfig> load(llvm::StringRef path);
  /// Validates |text|; |name| stands for the file in errors.
  static llvm::Expected<HfConfig> parse(llvm::StringRef text,
                                        llvm::StringRef name);
};

} // namespace mlc::safetensors

#endif // MLC_FRONTENDS_SAFETENSORS_HFCONFIG_H

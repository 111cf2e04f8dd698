// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FRONTENDS_SAFETENSORS_HFIMPORTER_H
#define MLC_FRONTENDS_SAFETENSORS_HFIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::mlc {

/// Options of the Hugging Face (safetensors + config.json) importer.
struct HfImportOptions {
  int64_t batch = 1;
  /// Sequence length of the compiled graph (static shapes).
  int64_t sequence = 0;
  /// When positive, decoders compile to one KV-cache decode step instead:
  /// inputs input_ids [1, 1], position [1] and past_key.L / past_value.L
  /// [1, kv_heads, kvCacheContext, head_dim] per layer; outputs logits
  /// [1, 1, vocab] and present_key.L / present_value.L (the caches with the
  /// step's row written).
  int64_t kvCacheContext = 0;
};

/// Whether |path| is a Hugging Face model directory (holds config.json).
bool isHfModelDirectory(llvm::StringRef path);

/// Builds the forward graph of the model in directory |dir| (config.json plus
/// model.safetensors or a sharded model.safetensors.index.json) as a module
/// with one `func.func @main` of mlc_graph ops. Supported: BertModel,
/// GPT2LMHeadModel and LlamaForCausalLM (also Mistral and Qwen2 configs).
/// Weights stay memory-mapped (f32) or are converted once (f16, bf16).
/// Errors name the file, config key or tensor.
FailureOr<OwningOpRef<ModuleOp>>
importHfModel(MLIRContext *context, llvm::StringRef dir,
              const HfImportOptions &options);

} // namespace mlir::mlc

#endif // MLC_FRONTENDS_SAFETENSORS_HFIMPORTER_H

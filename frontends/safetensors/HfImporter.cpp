// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Hugging Face model directory -> mlc_graph module.

#include "mlc/Frontends/SafeTensors/HfImporter.h"

#include "HfGraphBuilder.h"

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include "mlir/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::mlc;
using ::mlc::safetensors::HfConfig;
using ::mlc::safetensors::SafeTensorsIndex;

bool mlir::mlc::isHfModelDirectory(llvm::StringRef path) {
  llvm::SmallString<256> config(path);
  llvm::sys::path::append(config, "config.json");
  return llvm::sys::fs::is_directory(path) && llvm::sys::fs::exists(config);
}

namespace {

using BuildFn = FailureOr<hf::ModelGraph> (*)(hf::GraphBuilder &, func::FuncOp,
                                              const HfImportOptions &);

// The graph builder for the config's model_type.
BuildFn builderFor(const HfConfig &config) {
  llvm::StringRef type = config.modelType;
  if (type == "bert")
    return hf::buildBert;
  if (type == "gpt2")
    return hf::buildGpt2;
  if (type == "llama" || type == "mistral" || type == "qwen2")
    return hf::buildLlama;
  return nullptr;
}

LogicalResult checkConfig(const HfConfig &c, Location loc,
                          const HfImportOptions &options) {
  if (c.numAttentionHeads <= 0 || c.hiddenSize <= 0 ||
      (!c.headDim && c.hiddenSize % c.numAttentionHeads))
    return emitError(loc) << "'" << c.path << "': hidden_size " << c.hiddenSize
                          << " is not a multiple of num_attention_heads "
                          << c.numAttentionHeads;
  if (options.kvCacheContext > 0) {
    if (c.modelType == "bert")
      return emitError(loc) << "'" << c.path
                            << "': --kv-cache needs a decoder model, not bert";
    if (options.batch != 1 || options.sequence > 1)
      return emitError(loc) << "--kv-cache compiles one token per step: use "
                               "--shape input_ids=1x1 or none";
    return success();
  }
  if (options.sequence <= 0 || options.batch <= 0)
    return emitError(loc) << "the sequence length must be given (e.g. "
                             "--shape input_ids=1x128)";
  return success();
}

} // namespace

FailureOr<OwningOpRef<ModuleOp>>
mlir::mlc::importHfModel(MLIRContext *ctx, llvm::StringRef dir,
                   const HfImportOptions &options) {
  ctx->loadDialect<graph::GraphDialect, func::FuncDialect>();
  Location loc = FileLineColLoc::get(ctx, dir, 0, 0);
  llvm::SmallString<256> configPath(dir);
  llvm::sys::path::append(configPath, "config.json");
  llvm::Expected<HfConfig> config = HfConfig::load(configPath);
  if (!config)
    return emitError(loc) << llvm::toString(config.takeError()), failure();
  BuildFn build = builderFor(*config);
  if (!build)
    return emitError(loc) << "'" << configPath << "': model_type '"
                          << config->modelType
                          << "' is not supported (bert, gpt2, llama, "
                             "mistral, qwen2)",
           failure();
  if (failed(checkConfig(*config, loc, options)))
    return failure();
  auto index = SafeTensorsIndex::openModelDirectory(dir);
  if (!index)
    return emitError(loc) << llvm::toString(index.takeError()), failure();
  std::shared_ptr<SafeTensorsIndex> weights(std::move(*index));

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  hf::GraphBuilder g(ctx, weights, *config, loc);
  OpBuilder &b = g.builder();
  b.setInsertionPointToEnd(module->getBody());
  auto func = b.create<func::FuncOp>(loc, "main", b.getFunctionType({}, {}));
  b.setInsertionPointToStart(func.addEntryBlock());
  FailureOr<hf::ModelGraph> graph = build(g, func, options);
  if (failed(graph))
    return failure();
  auto ret = cast<func::ReturnOp>(func.front().getTerminator());
  func.setFunctionType(b.getFunctionType(func.front().getArgumentTypes(),
                                         ret.getOperandTypes()));
  auto names = [&](ArrayRef<std::string> list) {
    SmallVector<Attribute> attrs;
    for (const std::string &n : list)
      attrs.push_back(b.getStringAttr(n));
    return b.getArrayAttr(attrs);
  };
  func->setAttr(kInputNamesAttr, names(graph->inputNames));
  func->setAttr(kOutputNamesAttr, names(graph->outputNames));
  if (failed(verify(*module)))
    return failure();
  return module;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// BertModel (and sentence-transformers checkpoints of it): embeddings,
// post-LN encoder layers; output last_hidden_state.

#include "HfGraphBuilder.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::hf;

namespace {

struct BertDims {
  int64_t batch, seq, hidden, heads, inter, vocab, positions, types;
  double eps;
  std::string act;
};

// word + position (+ token type) embeddings, then LayerNorm.
FailureOr<Value> embeddings(GraphBuilder &g, const std::string &p,
                            const BertDims &d, Value ids, Value types) {
  OpBuilder &b = g.builder();
  Location loc = g.getLoc();
  auto gather = [&](Value table, Value idx, ArrayRef<int64_t> shape) {
    return b.create<graph::GatherOp>(
        loc, RankedTensorType::get(shape, b.getF32Type()), table, idx,
        b.getI64IntegerAttr(0));
  };
  FailureOr<Value> word = g.weight(p + "embeddings.word_embeddings.weight",
                                   {d.vocab, d.hidden});
  FailureOr<Value> pos = g.weight(p + "embeddings.position_embeddings.weight",
                                  {d.positions, d.hidden});
  if (failed(word) || failed(pos))
    return failure();
  SmallVector<int64_t> positions = llvm::to_vector(llvm::seq<int64_t>(0, d.seq));
  Value posIds = b.create<graph::ConstantOp>(
      loc, DenseElementsAttr::get(RankedTensorType::get({d.seq}, b.getI64Type()),
                                  ArrayRef<int64_t>(positions)));
  Value x = g.binary<graph::AddOp>(gather(*word, ids, {d.batch, d.seq, d.hidden}),
                                   gather(*pos, posIds, {d.seq, d.hidden}));
  if (types) {
    FailureOr<Value> typeTable = g.weight(
        p + "embeddings.token_type_embeddings.weight", {d.types, d.hidden});
    if (failed(typeTable))
      return failure();
    x = g.binary<graph::AddOp>(x, gather(*typeTable, types,
                                         {d.batch, d.seq, d.hidden}));
  }
  return g.layerNorm(x, p + "embeddings.LayerNorm", d.eps);
}

// (1 - mask) * lowest, as [B, 1, 1, S].
Value additiveMask(GraphBuilder &g, Value mask, const BertDims &d) {
  OpBuilder &b = g.builder();
  Value m = b.create<graph::CastOp>(
      g.getLoc(), RankedTensorType::get({d.batch, d.seq}, b.getF32Type()), mask);
  Value inverted = g.binary<graph::SubOp>(g.scalar(1.0f), m);
  Value scaled = g.binary<graph::MulOp>(
      inverted, g.scalar(std::numeric_limits<float>::lowest()));
  return g.reshape(scaled, {d.batch, 1, 1, d.seq});
}

FailureOr<Value> encoderLayer(GraphBuilder &g, const std::string &p, Value x,
                              Value mask, const BertDims &d) {
  int64_t h = d.hidden, hd = d.hidden / d.heads;
  FailureOr<Value> q = g.linear(x, p + "attention.self.query", h, h, true);
  FailureOr<Value> k = g.linear(x, p + "attention.self.key", h, h, true);
  FailureOr<Value> v = g.linear(x, p + "attention.self.value", h, h, true);
  if (failed(q) || failed(k) || failed(v))
    return failure();
  Value ctx = g.mergeHeads(g.attention(g.splitHeads(*q, d.heads, hd),
                                       g.splitHeads(*k, d.heads, hd),
                                       g.splitHeads(*v, d.heads, hd), mask));
  FailureOr<Value> attn = g.linear(ctx, p + "attention.output.dense", h, h, true);
  if (failed(attn))
    return failure();
  FailureOr<Value> y = g.layerNorm(g.binary<graph::AddOp>(*attn, x),
                                   p + "attention.output.LayerNorm", d.eps);
  if (failed(y))
    return failure();
  FailureOr<Value> inter = g.linear(*y, p + "intermediate.dense", h, d.inter, true);
  if (failed(inter))
    return failure();
  FailureOr<Value> act = g.activation(*inter, d.act);
  if (failed(act))
    return failure();
  FailureOr<Value> out = g.linear(*act, p + "output.dense", d.inter, h, true);
  if (failed(out))
    return failure();
  return g.layerNorm(g.binary<graph::AddOp>(*out, *y), p + "output.LayerNorm",
                     d.eps);
}

} // namespace

FailureOr<ModelGraph> hf::buildBert(GraphBuilder &g, func::FuncOp func,
                                    const HfImportOptions &options) {
  const HfConfig &c = g.getConfig();
  BertDims d{options.batch, options.sequence, c.hiddenSize,
             c.numAttentionHeads, c.intermediateSize.value_or(4 * c.hiddenSize),
             c.vocabSize, c.maxPositionEmbeddings.value_or(512),
             c.typeVocabSize.value_or(2), c.layerNormEps.value_or(1e-12),
             c.hiddenAct.value_or("gelu")};
  if (c.raw.getBoolean("is_decoder").value_or(false))
    return g.error() << "'" << c.path << "': is_decoder BERT (causal "
                        "self-attention) is not supported",
           failure();
  std::string posType =
      c.raw.getString("position_embedding_type").value_or("absolute").str();
  if (posType != "absolute")
    return g.error() << "'" << c.path << "': position_embedding_type '"
                     << posType << "' is not supported (absolute)",
           failure();
  if (d.seq > d.positions)
    return g.error() << "sequence length " << d.seq
                     << " exceeds max_position_embeddings " << d.positions,
           failure();
  std::string p = g.hasWeight("bert.embeddings.word_embeddings.weight") ? "bert." : "";
  bool hasTypes =
      g.hasWeight(p + "embeddings.token_type_embeddings.weight");
  Block &entry = func.front();
  OpBuilder &b = g.builder();
  auto ids = RankedTensorType::get({d.batch, d.seq}, b.getI64Type());
  ModelGraph graph;
  graph.inputNames = {"input_ids", "attention_mask"};
  Value inputIds = entry.addArgument(ids, g.getLoc());
  Value mask = entry.addArgument(ids, g.getLoc());
  Value types;
  if (hasTypes) {
    types = entry.addArgument(ids, g.getLoc());
    graph.inputNames.push_back("token_type_ids");
  }
  FailureOr<Value> x = embeddings(g, p, d, inputIds, types);
  if (failed(x))
    return failure();
  Value additive = additiveMask(g, mask, d);
  for (int64_t i = 0; i < c.numHiddenLayers; ++i) {
    x = encoderLayer(g, p + "encoder.layer." + std::to_string(i) + ".", *x,
                     additive, d);
    if (failed(x))
      return failure();
  }
  b.create<func::ReturnOp>(g.getLoc(), *x);
  graph.outputNames = {"last_hidden_state"};
  return graph;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Decoder-only language models: GPT2LMHeadModel (pre-LN, fused c_attn,
// learned positions, tied head) and LlamaForCausalLM / Mistral / Qwen2
// (RMSNorm, RoPE, grouped-query attention, SwiGLU). Output: logits.

#include "HfGraphBuilder.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::hf;

namespace {

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

// x[..., start:start+size] along the last dim.
Value sliceLast(GraphBuilder &g, Value x, int64_t start, int64_t size) {
  OpBuilder &b = g.builder();
  SmallVector<int64_t> shape(shapeOf(x)), starts(shape.size(), 0),
      steps(shape.size(), 1);
  starts.back() = start;
  shape.back() = size;
  return b.create<graph::SliceOp>(
      g.getLoc(), RankedTensorType::get(shape, b.getF32Type()), x,
      b.getDenseI64ArrayAttr(starts), b.getDenseI64ArrayAttr(steps));
}

Value gatherRows(GraphBuilder &g, Value table, Value ids) {
  OpBuilder &b = g.builder();
  SmallVector<int64_t> shape(shapeOf(ids));
  shape.push_back(shapeOf(table)[1]);
  return b.create<graph::GatherOp>(g.getLoc(),
                                   RankedTensorType::get(shape, b.getF32Type()),
                                   table, ids, b.getI64IntegerAttr(0));
}

Value positionIds(GraphBuilder &g, int64_t seq) {
  OpBuilder &b = g.builder();
  SmallVector<int64_t> values = llvm::to_vector(llvm::seq<int64_t>(0, seq));
  return b.create<graph::ConstantOp>(
      g.getLoc(), DenseElementsAttr::get(
                      RankedTensorType::get({seq}, b.getI64Type()),
                      ArrayRef<int64_t>(values)));
}

// The logits head: lm_head.weight when present, else the tied embeddings.
FailureOr<Value> lmHead(GraphBuilder &g, Value x, Value embeddings,
                        int64_t vocab, int64_t hidden) {
  FailureOr<Value> head = g.optionalWeight("lm_head.weight", {vocab, hidden});
  if (failed(head))
    return failure();
  // HF defaults: GPT-2 ties the head to the embeddings, Llama-family
  // configs do not.
  const HfConfig &c = g.getConfig();
  if (!*head && !c.tieWordEmbeddings.value_or(c.modelType == "gpt2"))
    return g.error() << "tensor 'lm_head.weight' is missing and "
                        "tie_word_embeddings is "
                     << (c.tieWordEmbeddings ? "false" : "absent (false for "
                                                         "this model type)"),
           failure();
  return g.linear(x, *head ? *head : embeddings, Value(), /*transposed=*/true);
}

// Rotary embedding tables cos/sin [S, dim] for positions 0..S-1, with the
// config's rope_theta and rope_scaling (none, linear or llama3).
FailureOr<std::pair<Value, Value>> ropeTables(GraphBuilder &g, int64_t seq,
                                              int64_t dim) {
  const HfConfig &c = g.getConfig();
  double theta = c.ropeTheta.value_or(10000.0);
  SmallVector<double> invFreq;
  for (int64_t i = 0; i < dim / 2; ++i)
    invFreq.push_back(1.0 / std::pow(theta, 2.0 * i / dim));
  double posScale = 1.0;
  if (c.ropeScaling) {
    const llvm::json::Object &s = *c.ropeScaling;
    std::string type = s.getString("rope_type").value_or(
        s.getString("type").value_or("default")).str();
    auto param = [&](StringRef key) -> FailureOr<double> {
      if (std::optional<double> v = s.getNumber(key); v && *v > 0)
        return *v;
      return g.error() << "'" << c.path << "': rope_scaling." << key
                       << " must be a positive number for rope type '" << type
                       << "'",
             failure();
    };
    if (type == "linear") {
      FailureOr<double> factor = param("factor");
      if (failed(factor))
        return failure();
      posScale = 1.0 / *factor;
    } else if (type == "llama3") {
      FailureOr<double> factorOr = param("factor"), lowOr = param("low_freq_factor"),
                        highOr = param("high_freq_factor"),
                        oldOr = param("original_max_position_embeddings");
      if (failed(factorOr) || failed(lowOr) || failed(highOr) || failed(oldOr))
        return failure();
      double factor = *factorOr, low = *lowOr, high = *highOr, old = *oldOr;
      for (double &f : invFreq) {
        double wavelen = 2 * M_PI / f;
        if (wavelen > old / low) {
          f /= factor;
        } else if (wavelen >= old / high) {
          double smooth = (old / wavelen - low) / (high - low);
          f = (1 - smooth) * f / factor + smooth * f;
        }
      }
    } else if (type != "default") {
      return g.error() << "rope_scaling type '" << type
                       << "' is not supported (default, linear, llama3)",
             failure();
    }
  }
  SmallVector<float> cosValues, sinValues;
  for (int64_t p = 0; p < seq; ++p)
    for (int64_t i = 0; i < dim; ++i) {
      double angle = p * posScale * invFreq[i % (dim / 2)];
      cosValues.push_back(std::cos(angle));
      sinValues.push_back(std::sin(angle));
    }
  OpBuilder &b = g.builder();
  auto type = RankedTensorType::get({seq, dim}, b.getF32Type());
  Value cosT = b.create<graph::ConstantOp>(
      g.getLoc(), graph::makeFloatConstant(type, cosValues, "rope_cos"));
  Value sinT = b.create<graph::ConstantOp>(
      g.getLoc(), graph::makeFloatConstant(type, sinValues, "rope_sin"));
  return std::pair(cosT, sinT);
}

// x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1].
Value applyRope(GraphBuilder &g, Value x, Value cosT, Value sinT) {
  int64_t half = shapeOf(x).back() / 2;
  OpBuilder &b = g.builder();
  Value x1 = sliceLast(g, x, 0, half), x2 = sliceLast(g, x, half, half);
  Value neg = b.create<graph::NegOp>(g.getLoc(), x2);
  Value rotated = b.create<graph::ConcatOp>(
      g.getLoc(), x.getType(), ValueRange{neg, x1},
      b.getI64IntegerAttr(shapeOf(x).size() - 1));
  return g.binary<graph::AddOp>(g.binary<graph::MulOp>(x, cosT),
                                g.binary<graph::MulOp>(rotated, sinT));
}

// [B, kv, S, D] -> [B, kv * rep, S, D], each kv head repeated rep times.
Value repeatKv(GraphBuilder &g, Value x, int64_t rep) {
  if (rep == 1)
    return x;
  ArrayRef<int64_t> s = shapeOf(x);
  SmallVector<int64_t> wide = {s[0], s[1], rep, s[2], s[3]};
  OpBuilder &b = g.builder();
  Value expanded = b.create<graph::BroadcastOp>(
      g.getLoc(), RankedTensorType::get(wide, b.getF32Type()),
      g.reshape(x, {s[0], s[1], 1, s[2], s[3]}));
  return g.reshape(expanded, {s[0], s[1] * rep, s[2], s[3]});
}

struct Rope {
  Value cos, sin;
};

// The KV-cache decode step: one token at `position` attends to the cache
// [1, kv, T, D] of every layer, whose row `position` it fills in.
struct StepState {
  func::FuncOp func;
  Value position; // i64 [1]
  Value iota;     // i64 [T]: 0 .. T-1
  int64_t context;
  SmallVector<std::string> inputNames, outputNames;
  SmallVector<Value> presents;
};

// The cache |kind| ("key"/"value") of |layer| with |fresh| [1, kv, 1, D]
// written at the step's position; adds the past input and present output.
Value appendToCache(GraphBuilder &g, StepState &step, Value fresh,
                    StringRef kind, int64_t layer) {
  OpBuilder &b = g.builder();
  Location loc = g.getLoc();
  ArrayRef<int64_t> s = shapeOf(fresh);
  auto cacheType = RankedTensorType::get({s[0], s[1], step.context, s[3]},
                                         b.getF32Type());
  std::string suffix = (kind + "." + std::to_string(layer)).str();
  Value past = step.func.front().addArgument(cacheType, loc);
  step.inputNames.push_back("past_" + suffix);
  auto boolType = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, b.getI1Type());
  };
  Value here = b.create<graph::EqualOp>(loc, boolType({step.context}),
                                        step.iota, step.position);
  Value rows = b.create<graph::ReshapeOp>(loc, boolType({1, 1, step.context, 1}),
                                          here);
  Value present = b.create<graph::WhereOp>(loc, cacheType, rows, fresh, past);
  step.outputNames.push_back("present_" + suffix);
  step.presents.push_back(present);
  return present;
}

// Additive mask [T] of the step: 0 for cache rows up to the position (and
// within the sliding |window| before it).
Value stepMask(GraphBuilder &g, const StepState &step,
               std::optional<int64_t> window) {
  OpBuilder &b = g.builder();
  Location loc = g.getLoc();
  auto boolType = RankedTensorType::get({step.context}, b.getI1Type());
  Value valid = b.create<graph::LessEqualOp>(loc, boolType, step.iota,
                                              step.position);
  if (window) {
    // iota + window > position
    auto i64 = RankedTensorType::get({step.context}, b.getI64Type());
    Value shift = b.create<graph::ConstantOp>(
        loc, DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                    b.getI64IntegerAttr(*window)));
    Value shifted = b.create<graph::AddOp>(loc, i64, step.iota, shift);
    Value recent = b.create<graph::GreaterOp>(loc, boolType, shifted,
                                              step.position);
    valid = b.create<graph::AndOp>(loc, boolType, valid, recent);
  }
  return b.create<graph::WhereOp>(
      loc, RankedTensorType::get({step.context}, b.getF32Type()), valid,
      g.scalar(0.0f), g.scalar(std::numeric_limits<float>::lowest()));
}

// Attention of q over k/v (repeated for GQA), through the cache in step
// mode.
Value attend(GraphBuilder &g, Value q, Value k, Value v, Value mask,
             StepState *step, int64_t layer, int64_t rep,
             std::optional<double> scale = std::nullopt) {
  if (step) {
    k = appendToCache(g, *step, k, "key", layer);
    v = appendToCache(g, *step, v, "value", layer);
  }
  return g.mergeHeads(
      g.attention(q, repeatKv(g, k, rep), repeatKv(g, v, rep), mask, scale));
}

// GPT-2's attention scale: 1/sqrt(D) unless scale_attn_weights is false,
// divided by layer + 1 with scale_attn_by_inverse_layer_idx.
double gpt2Scale(const HfConfig &c, int64_t headDim, int64_t layer) {
  double scale = c.raw.getBoolean("scale_attn_weights").value_or(true)
                     ? 1.0 / std::sqrt(static_cast<double>(headDim))
                     : 1.0;
  if (c.raw.getBoolean("scale_attn_by_inverse_layer_idx").value_or(false))
    scale /= static_cast<double>(layer + 1);
  return scale;
}

// Rows of a [T, D] position table for the step's position, or the table.
Value positionRows(GraphBuilder &g, Value table, StepState *step) {
  if (!step)
    return table;
  OpBuilder &b = g.builder();
  return b.create<graph::GatherOp>(
      g.getLoc(), RankedTensorType::get({1, shapeOf(table)[1]}, b.getF32Type()),
      table, step->position, b.getI64IntegerAttr(0));
}

FailureOr<Value> gpt2Block(GraphBuilder &g, const std::string &p, Value x,
                           Value mask, double eps, StringRef act,
                           StepState *step, int64_t layer) {
  const HfConfig &c = g.getConfig();
  int64_t h = c.hiddenSize, heads = c.numAttentionHeads, hd = h / heads;
  int64_t inter = c.intermediateSize.value_or(4 * h);
  FailureOr<Value> n1 = g.layerNorm(x, p + "ln_1", eps);
  if (failed(n1))
    return failure();
  FailureOr<Value> qkv = g.linear(*n1, p + "attn.c_attn", h, 3 * h, true, false);
  if (failed(qkv))
    return failure();
  Value ctx = attend(g, g.splitHeads(sliceLast(g, *qkv, 0, h), heads, hd),
                     g.splitHeads(sliceLast(g, *qkv, h, h), heads, hd),
                     g.splitHeads(sliceLast(g, *qkv, 2 * h, h), heads, hd), mask,
                     step, layer, 1, gpt2Scale(c, hd, layer));
  FailureOr<Value> proj = g.linear(ctx, p + "attn.c_proj", h, h, true, false);
  if (failed(proj))
    return failure();
  x = g.binary<graph::AddOp>(x, *proj);
  FailureOr<Value> n2 = g.layerNorm(x, p + "ln_2", eps);
  if (failed(n2))
    return failure();
  FailureOr<Value> fc = g.linear(*n2, p + "mlp.c_fc", h, inter, true, false);
  if (failed(fc))
    return failure();
  FailureOr<Value> a = g.activation(*fc, act);
  if (failed(a))
    return failure();
  FailureOr<Value> out = g.linear(*a, p + "mlp.c_proj", inter, h, true, false);
  if (failed(out))
    return failure();
  return g.binary<graph::AddOp>(x, *out);
}

FailureOr<Value> llamaBlock(GraphBuilder &g, const std::string &p, Value x,
                            Value mask, Rope rope, StepState *step,
                            int64_t layer) {
  const HfConfig &c = g.getConfig();
  int64_t h = c.hiddenSize, heads = c.numAttentionHeads;
  int64_t kv = c.numKeyValueHeads, hd = c.getHeadDim();
  int64_t inter = c.intermediateSize.value_or(4 * h);
  double eps = c.rmsNormEps.value_or(1e-6);
  FailureOr<Value> n1 = g.rmsNorm(x, p + "input_layernorm", eps);
  if (failed(n1))
    return failure();
  // Qwen2 always has q/k/v biases; attention_bias adds them everywhere.
  bool attnBias = c.raw.getBoolean("attention_bias").value_or(false);
  bool qkvBias = attnBias || c.modelType == "qwen2";
  bool mlpBias = c.raw.getBoolean("mlp_bias").value_or(false);
  FailureOr<Value> q = g.linear(*n1, p + "self_attn.q_proj", h, heads * hd, qkvBias);
  FailureOr<Value> k = g.linear(*n1, p + "self_attn.k_proj", h, kv * hd, qkvBias);
  FailureOr<Value> v = g.linear(*n1, p + "self_attn.v_proj", h, kv * hd, qkvBias);
  if (failed(q) || failed(k) || failed(v))
    return failure();
  Value qh = applyRope(g, g.splitHeads(*q, heads, hd), rope.cos, rope.sin);
  Value kh = applyRope(g, g.splitHeads(*k, kv, hd), rope.cos, rope.sin);
  Value ctx = attend(g, qh, kh, g.splitHeads(*v, kv, hd), mask, step, layer,
                     heads / kv);
  FailureOr<Value> o = g.linear(ctx, p + "self_attn.o_proj", heads * hd, h, attnBias);
  if (failed(o))
    return failure();
  x = g.binary<graph::AddOp>(x, *o);
  FailureOr<Value> n2 = g.rmsNorm(x, p + "post_attention_layernorm", eps);
  if (failed(n2))
    return failure();
  FailureOr<Value> gate = g.linear(*n2, p + "mlp.gate_proj", h, inter, mlpBias);
  FailureOr<Value> up = g.linear(*n2, p + "mlp.up_proj", h, inter, mlpBias);
  if (failed(gate) || failed(up))
    return failure();
  FailureOr<Value> act = g.activation(*gate, c.hiddenAct.value_or("silu"));
  if (failed(act))
    return failure();
  FailureOr<Value> down = g.linear(g.binary<graph::MulOp>(*act, *up),
                                   p + "mlp.down_proj", inter, h, mlpBias);
  if (failed(down))
    return failure();
  return g.binary<graph::AddOp>(x, *down);
}

// input_ids [B, S] (S = 1 per KV-cache step) and, in step mode, the
// position input and the cache state.
struct DecoderInputs {
  Value ids;
  int64_t rows; // positions the graph embeds: S, or the cache length
  std::optional<StepState> step;
};

DecoderInputs addDecoderInputs(GraphBuilder &g, func::FuncOp func,
                               const HfImportOptions &o) {
  OpBuilder &b = g.builder();
  Block &entry = func.front();
  bool stepMode = o.kvCacheContext > 0;
  int64_t seq = stepMode ? 1 : o.sequence;
  DecoderInputs in;
  in.ids = entry.addArgument(
      RankedTensorType::get({o.batch, seq}, b.getI64Type()), g.getLoc());
  in.rows = stepMode ? o.kvCacheContext : seq;
  if (!stepMode)
    return in;
  StepState step;
  step.func = func;
  step.context = o.kvCacheContext;
  step.position = entry.addArgument(RankedTensorType::get({1}, b.getI64Type()),
                                    g.getLoc());
  SmallVector<int64_t> iota = llvm::to_vector(llvm::seq<int64_t>(0, step.context));
  step.iota = b.create<graph::ConstantOp>(
      g.getLoc(), DenseElementsAttr::get(
                      RankedTensorType::get({step.context}, b.getI64Type()),
                      ArrayRef<int64_t>(iota)));
  in.step = std::move(step);
  return in;
}

// Returns logits (and the caches in step mode) and names the interface.
ModelGraph finishDecoder(GraphBuilder &g, Value logits, DecoderInputs &in) {
  SmallVector<Value> results = {logits};
  ModelGraph graph{{"input_ids"}, {"logits"}};
  if (in.step) {
    graph.inputNames.push_back("position");
    llvm::append_range(graph.inputNames, in.step->inputNames);
    llvm::append_range(graph.outputNames, in.step->outputNames);
    llvm::append_range(results, in.step->presents);
  }
  g.builder().create<func::ReturnOp>(g.getLoc(), results);
  return graph;
}

// Mistral's sliding attention window (Qwen2's per-layer windows are not
// supported).
FailureOr<std::optional<int64_t>> slidingWindow(GraphBuilder &g) {
  const HfConfig &c = g.getConfig();
  if (c.modelType == "qwen2" && c.raw.getBoolean("use_sliding_window").value_or(false))
    return g.error() << "'" << c.path << "': use_sliding_window (Qwen2 "
                        "per-layer windows) is not supported",
           failure();
  if (c.modelType != "mistral")
    return std::optional<int64_t>();
  std::optional<int64_t> window = c.raw.getInteger("sliding_window");
  if (window && *window <= 0)
    return g.error() << "'" << c.path << "': sliding_window must be positive",
           failure();
  return window;
}

LogicalResult checkPositions(GraphBuilder &g, const DecoderInputs &in,
                             int64_t limit, StringRef key) {
  if (in.rows <= limit)
    return success();
  return g.error() << (in.step ? "KV-cache context " : "sequence length ")
                   << in.rows << " exceeds " << key << " " << limit;
}

} // namespace

FailureOr<ModelGraph> hf::buildGpt2(GraphBuilder &g, func::FuncOp func,
                                    const HfImportOptions &options) {
  const HfConfig &c = g.getConfig();
  int64_t h = c.hiddenSize, positions = c.maxPositionEmbeddings.value_or(1024);
  DecoderInputs in = addDecoderInputs(g, func, options);
  if (failed(checkPositions(g, in, positions, "n_positions")))
    return failure();
  std::string p = g.hasWeight("transformer.wte.weight") ? "transformer." : "";
  FailureOr<Value> wte = g.weight(p + "wte.weight", {c.vocabSize, h});
  FailureOr<Value> wpe = g.weight(p + "wpe.weight", {positions, h});
  if (failed(wte) || failed(wpe))
    return failure();
  StepState *step = in.step ? &*in.step : nullptr;
  Value posIds = step ? step->position : positionIds(g, in.rows);
  FailureOr<Value> x = g.binary<graph::AddOp>(gatherRows(g, *wte, in.ids),
                                              gatherRows(g, *wpe, posIds));
  Value mask = step ? stepMask(g, *step, std::nullopt) : g.causalMask(in.rows);
  double eps = c.layerNormEps.value_or(1e-5);
  std::string act = c.hiddenAct.value_or("gelu_new");
  for (int64_t i = 0; i < c.numHiddenLayers && succeeded(x); ++i)
    x = gpt2Block(g, p + "h." + std::to_string(i) + ".", *x, mask, eps, act,
                  step, i);
  if (failed(x) || failed(x = g.layerNorm(*x, p + "ln_f", eps)))
    return failure();
  FailureOr<Value> logits = lmHead(g, *x, *wte, c.vocabSize, h);
  if (failed(logits))
    return failure();
  return finishDecoder(g, *logits, in);
}

FailureOr<ModelGraph> hf::buildLlama(GraphBuilder &g, func::FuncOp func,
                                     const HfImportOptions &options) {
  const HfConfig &c = g.getConfig();
  int64_t h = c.hiddenSize;
  if (c.numKeyValueHeads <= 0 || c.numAttentionHeads % c.numKeyValueHeads)
    return g.error() << "num_attention_heads " << c.numAttentionHeads
                     << " is not a multiple of num_key_value_heads "
                     << c.numKeyValueHeads,
           failure();
  DecoderInputs in = addDecoderInputs(g, func, options);
  if (c.maxPositionEmbeddings &&
      failed(checkPositions(g, in, *c.maxPositionEmbeddings,
                            "max_position_embeddings")))
    return failure();
  FailureOr<Value> embed = g.weight("model.embed_tokens.weight", {c.vocabSize, h});
  if (failed(embed))
    return failure();
  FailureOr<std::pair<Value, Value>> rope =
      ropeTables(g, in.rows, c.getHeadDim());
  if (failed(rope))
    return failure();
  StepState *step = in.step ? &*in.step : nullptr;
  Rope rows = {positionRows(g, rope->first, step),
               positionRows(g, rope->second, step)};
  FailureOr<std::optional<int64_t>> window = slidingWindow(g);
  if (failed(window))
    return failure();
  Value mask = step ? stepMask(g, *step, *window)
                    : g.causalMask(in.rows, *window);
  FailureOr<Value> x = gatherRows(g, *embed, in.ids);
  for (int64_t i = 0; i < c.numHiddenLayers && succeeded(x); ++i)
    x = llamaBlock(g, "model.layers." + std::to_string(i) + ".", *x, mask, rows,
                   step, i);
  if (failed(x) ||
      failed(x = g.rmsNorm(*x, "model.norm", c.rmsNormEps.value_or(1e-6))))
    return failure();
  FailureOr<Value> logits = lmHead(g, *x, *embed, c.vocabSize, h);
  if (failed(logits))
    return failure();
  return finishDecoder(g, *logits, in);
}

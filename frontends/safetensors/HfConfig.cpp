// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Frontends/SafeTensors/HfConfig.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>

using namespace llvm;

namespace mlc::safetensors {

namespace {

/// Every spelling of a config key across the supported architectures: the
/// canonical (Llama/BERT) name first, then the GPT-2 / other aliases in the
/// order they are tried. Keys without aliases need no entry.
struct KeyAliases {
  StringLiteral canonical;
  const char *aliases[2];
};

constexpr KeyAliases kKeyAliases[] = {
    {"hidden_size", {"n_embd", "d_model"}},
    {"num_hidden_layers", {"n_layer", nullptr}},
    {"num_attention_heads", {"n_head", nullptr}},
    {"intermediate_size", {"n_inner", nullptr}},
    {"max_position_embeddings", {"n_positions", nullptr}},
    {"layer_norm_eps", {"layer_norm_epsilon", nullptr}},
    {"hidden_act", {"activation_function", nullptr}},
};

SmallVector<StringRef, 3> spellings(StringRef key) {
  SmallVector<StringRef, 3> result{key};
  for (const KeyAliases &entry : kKeyAliases)
    if (entry.canonical == key)
      for (const char *alias : entry.aliases)
        if (alias)
          result.push_back(alias);
  return result;
}

/// Looks keys up through the alias table and reports errors naming the file
/// and the key as spelled in the file.
class ConfigReader {
public:
  ConfigReader(StringRef path, const json::Object &object)
      : path(path), object(object) {}

  Error error(const Twine &message) const {
    return createStringError("'" + path + "': " + message.str());
  }

  /// The value under |key| or one of its aliases (null counts as absent);
  /// |found| receives the spelling used.
  const json::Value *find(StringRef key, StringRef &found) const {
    for (StringRef name : spellings(key)) {
      const json::Value *value = object.get(name);
      if (value && value->kind() != json::Value::Null) {
        found = name;
        return value;
      }
    }
    return nullptr;
  }

  Error missing(StringRef key) const {
    SmallVector<StringRef, 3> names = spellings(key);
    std::string list = "'" + join(names, "' or '") + "'";
    return error("missing required key " + list);
  }

  Error invalid(StringRef key, const json::Value &value,
                StringRef expected) const {
    return error(
        formatv("key '{0}' must be {1}, got {2}", key, expected, value));
  }

  Error read(StringRef key, std::optional<int64_t> &out, int64_t min = 1) {
    StringRef found;
    const json::Value *value = find(key, found);
    if (!value)
      return Error::success();
    std::optional<int64_t> v = value->getAsInteger();
    if (!v || *v < min)
      return invalid(found, *value,
                     min == 1 ? "a positive integer"
                              : "a non-negative integer");
    out = *v;
    return Error::success();
  }

  Error read(StringRef key, int64_t &out) {
    std::optional<int64_t> v;
    if (Error err = read(key, v))
      return err;
    if (!v)
      return missing(key);
    out = *v;
    return Error::success();
  }

  Error read(StringRef key, std::optional<double> &out) {
    StringRef found;
    const json::Value *value = find(key, found);
    if (!value)
      return Error::success();
    std::optional<double> v = value->getAsNumber();
    if (!v || !std::isfinite(*v) || *v <= 0)
      return invalid(found, *value, "a positive number");
    out = *v;
    return Error::success();
  }

  Error read(StringRef key, std::optional<std::string> &out) {
    StringRef found;
    const json::Value *value = find(key, found);
    if (!value)
      return Error::success();
    std::optional<StringRef> v = value->getAsString();
    if (!v)
      return invalid(found, *value, "a string");
    out = v->str();
    return Error::success();
  }

  Error read(StringRef key, std::string &out) {
    std::optional<std::string> v;
    if (Error err = read(key, v))
      return err;
    if (!v)
      return missing(key);
    out = std::move(*v);
    return Error::success();
  }

  Error read(StringRef key, std::optional<bool> &out) {
    StringRef found;
    const json::Value *value = find(key, found);
    if (!value)
      return Error::success();
    std::optional<bool> v = value->getAsBoolean();
    if (!v)
      return invalid(found, *value, "a boolean");
    out = *v;
    return Error::success();
  }

  Error read(StringRef key, std::optional<json::Object> &out) {
    StringRef found;
    const json::Value *value = find(key, found);
    if (!value)
      return Error::success();
    const json::Object *v = value->getAsObject();
    if (!v)
      return invalid(found, *value, "an object");
    out = *v;
    return Error::success();
  }

  Error read(StringRef key, std::vector<std::string> &out) {
    StringRef found;
    const json::Value *value = find(key, found);
    if (!value)
      return Error::success();
    const json::Array *array = value->getAsArray();
    if (!array)
      return invalid(found, *value, "an array of strings");
    for (const json::Value &item : *array) {
      std::optional<StringRef> s = item.getAsString();
      if (!s)
        return invalid(found, *value, "an array of strings");
      out.push_back(s->str());
    }
    return Error::success();
  }

private:
  StringRef path;
  const json::Object &object;
};

Error readFields(ConfigReader &r, HfConfig &c) {
  std::optional<int64_t> kvHeads;
  Error errors[] = {
      r.read("architectures", c.architectures),
      r.read("model_type", c.modelType),
      r.read("hidden_size", c.hiddenSize),
      r.read("num_hidden_layers", c.numHiddenLayers),
      r.read("num_attention_heads", c.numAttentionHeads),
      r.read("num_key_value_heads", kvHeads),
      r.read("vocab_size", c.vocabSize),
      r.read("intermediate_size", c.intermediateSize),
      r.read("max_position_embeddings", c.maxPositionEmbeddings),
      r.read("type_vocab_size", c.typeVocabSize, /*min=*/0),
      r.read("head_dim", c.headDim),
      r.read("rms_norm_eps", c.rmsNormEps),
      r.read("layer_norm_eps", c.layerNormEps),
      r.read("rope_theta", c.ropeTheta),
      r.read("rope_scaling", c.ropeScaling),
      r.read("hidden_act", c.hiddenAct),
      r.read("tie_word_embeddings", c.tieWordEmbeddings),
  };
  // Report the first failure in table order; consume the rest.
  Error first = Error::success();
  for (Error &err : errors) {
    if (err && !first)
      first = std::move(err);
    else
      consumeError(std::move(err));
  }
  if (first)
    return first;
  c.numKeyValueHeads = kvHeads ? *kvHeads : c.numAttentionHeads;
  return Error::success();
}

Error checkHeads(const ConfigReader &r, const HfConfig &c) {
  if (c.numAttentionHeads % c.numKeyValueHeads != 0)
    return r.error(formatv("num_key_value_heads ({0}) must divide "
                           "num_attention_heads ({1})",
                           c.numKeyValueHeads, c.numAttentionHeads));
  if (!c.headDim && c.hiddenSize % c.numAttentionHeads != 0)
    return r.error(formatv("hidden_size ({0}) is not a multiple of "
                           "num_attention_heads ({1}) and head_dim is absent",
                           c.hiddenSize, c.numAttentionHeads));
  return Error::success();
}

} // namespace

Expected<HfConfig> HfConfig::parse(StringRef text, StringRef name) {
  Expected<json::Value> root = json::parse(text);
  if (!root)
    return createStringError(
        "'" + name + "': not valid JSON: " + toString(root.takeError()));
  json::Object *object = root->getAsObject();
  if (!object)
    return createStringError("'" + name + "': not a JSON object");
  HfConfig config;
  config.path = name.str();
  ConfigReader reader(config.path, *object);
  if (Error err = readFields(reader, config))
    return std::move(err);
  if (Error err = checkHeads(reader, config))
    return std::move(err);
  config.raw = std::move(*object);
  return std::move(config);
}

Expected<HfConfig> HfConfig::load(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> text = MemoryBuffer::getFile(path);
  if (!text)
    return createStringError("'" + path +
                             "': cannot read: " + text.getError().message());
  return parse((*text)->getBuffer(), path);
}

} // namespace mlc::safetensors

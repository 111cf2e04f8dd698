// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// config.json parsing for BERT, GPT-2 (key aliases) and Llama-family models.

#include "mlc/Frontends/SafeTensors/HfConfig.h"

#include "TestUtil.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace mlc::safetensors;
using namespace mlc::safetensors::test;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

constexpr const char *kLlama = R"({
  "architectures": ["LlamaForCausalLM"], "model_type": "llama",
  "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 8,
  "num_key_value_heads": 2, "intermediate_size": 172, "vocab_size": 128,
  "max_position_embeddings": 256, "rms_norm_eps": 1e-05,
  "rope_theta": 500000.0, "hidden_act": "silu", "tie_word_embeddings": false,
  "rope_scaling": {"rope_type": "llama3", "factor": 8.0,
                   "original_max_position_embeddings": 8192},
  "torch_dtype": "bfloat16"})";

constexpr const char *kGpt2 = R"({
  "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2",
  "n_embd": 48, "n_layer": 3, "n_head": 4, "n_inner": null, "n_positions": 64,
  "vocab_size": 100, "layer_norm_epsilon": 1e-05,
  "activation_function": "gelu_new", "n_ctx": 64})";

constexpr const char *kBert = R"({
  "architectures": ["BertModel"], "model_type": "bert", "hidden_size": 384,
  "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536,
  "vocab_size": 30522, "max_position_embeddings": 512, "type_vocab_size": 2,
  "layer_norm_eps": 1e-12, "hidden_act": "gelu"})";

/// Parses |text| as "config.json" and returns the error message.
std::string configError(llvm::StringRef text) {
  auto config = HfConfig::parse(text, "dir/config.json");
  return errorText(config);
}

/// kLlama with |from| replaced by |to|.
std::string llamaWith(llvm::StringRef from, llvm::StringRef to) {
  std::string text = kLlama;
  size_t pos = text.find(from.str());
  EXPECT_NE(pos, std::string::npos) << from.str();
  return text.replace(pos, from.size(), to.str());
}

TEST(HfConfigTest, Llama) {
  auto config = HfConfig::parse(kLlama, "config.json");
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_THAT(config->architectures, ElementsAre("LlamaForCausalLM"));
  EXPECT_EQ(config->modelType, "llama");
  EXPECT_EQ(config->hiddenSize, 64);
  EXPECT_EQ(config->numHiddenLayers, 2);
  EXPECT_EQ(config->numAttentionHeads, 8);
  EXPECT_EQ(config->numKeyValueHeads, 2);
  EXPECT_EQ(config->intermediateSize, 172);
  EXPECT_EQ(config->vocabSize, 128);
  EXPECT_EQ(config->maxPositionEmbeddings, 256);
  EXPECT_EQ(config->rmsNormEps, 1e-5);
  EXPECT_FALSE(config->layerNormEps.has_value());
  EXPECT_EQ(config->ropeTheta, 500000.0);
  EXPECT_EQ(config->hiddenAct, "silu");
  EXPECT_EQ(config->tieWordEmbeddings, false);
  EXPECT_EQ(config->getHeadDim(), 8);
  ASSERT_TRUE(config->ropeScaling.has_value());
  EXPECT_EQ(config->ropeScaling->getString("rope_type"), "llama3");
  EXPECT_EQ(config->ropeScaling->getNumber("factor"), 8.0);
  EXPECT_EQ(config->raw.getString("torch_dtype"), "bfloat16");
}

TEST(HfConfigTest, Gpt2KeyAliases) {
  auto config = HfConfig::parse(kGpt2, "config.json");
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_EQ(config->hiddenSize, 48);
  EXPECT_EQ(config->numHiddenLayers, 3);
  EXPECT_EQ(config->numAttentionHeads, 4);
  EXPECT_EQ(config->numKeyValueHeads, 4);
  EXPECT_FALSE(config->intermediateSize.has_value()); // n_inner: null
  EXPECT_EQ(config->maxPositionEmbeddings, 64);
  EXPECT_EQ(config->layerNormEps, 1e-5);
  EXPECT_EQ(config->hiddenAct, "gelu_new");
  EXPECT_FALSE(config->tieWordEmbeddings.has_value());
  EXPECT_FALSE(config->ropeScaling.has_value());
}

TEST(HfConfigTest, Bert) {
  auto config = HfConfig::parse(kBert, "config.json");
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_EQ(config->typeVocabSize, 2);
  EXPECT_EQ(config->layerNormEps, 1e-12);
  EXPECT_EQ(config->hiddenAct, "gelu");
  EXPECT_EQ(config->getHeadDim(), 32);
}

TEST(HfConfigTest, HeadDimAndNullRopeScaling) {
  auto config = HfConfig::parse(
      llamaWith(R"("hidden_size": 64)", R"("hidden_size": 60, "head_dim": 16)"),
      "config.json");
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_EQ(config->getHeadDim(), 16);
  config = HfConfig::parse(kBert, "config.json");
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_FALSE(config->ropeScaling.has_value());
  config = HfConfig::parse(
      llamaWith(R"("rope_scaling": {)", R"("rope_scaling": null, "x": {)"),
      "config.json");
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_FALSE(config->ropeScaling.has_value());
}

TEST(HfConfigTest, MissingRequiredKeys) {
  EXPECT_THAT(configError(llamaWith(R"("hidden_size": 64,)", "")),
              AllOf(HasSubstr("dir/config.json"),
                    HasSubstr("missing required key 'hidden_size' or "
                              "'n_embd'")));
  EXPECT_THAT(configError(llamaWith(R"("vocab_size": 128,)", "")),
              HasSubstr("missing required key 'vocab_size'"));
  EXPECT_THAT(configError(llamaWith(R"("model_type": "llama",)", "")),
              HasSubstr("missing required key 'model_type'"));
  std::string gpt2 = kGpt2;
  gpt2.replace(gpt2.find("\"n_head\": 4,"), 12, "");
  EXPECT_THAT(configError(gpt2),
              HasSubstr("missing required key 'num_attention_heads' or "
                        "'n_head'"));
}

TEST(HfConfigTest, WrongTypes) {
  struct Case {
    const char *from, *to, *message;
  } cases[] = {
      {R"("num_attention_heads": 8)", R"("num_attention_heads": "8")",
       "key 'num_attention_heads' must be a positive integer, got \"8\""},
      {R"("num_hidden_layers": 2)", R"("num_hidden_layers": 0)",
       "key 'num_hidden_layers' must be a positive integer"},
      {R"("intermediate_size": 172)", R"("intermediate_size": 1.5)",
       "key 'intermediate_size' must be a positive integer"},
      {R"("rms_norm_eps": 1e-05)", R"("rms_norm_eps": -1)",
       "key 'rms_norm_eps' must be a positive number"},
      {R"("tie_word_embeddings": false)", R"("tie_word_embeddings": "no")",
       "key 'tie_word_embeddings' must be a boolean"},
      {R"("hidden_act": "silu")", R"("hidden_act": 1)",
       "key 'hidden_act' must be a string"},
      {R"("architectures": ["LlamaForCausalLM"])", R"("architectures": [1])",
       "key 'architectures' must be an array of strings"},
      {R"("model_type": "llama")", R"("model_type": ["llama"])",
       "key 'model_type' must be a string"},
      {R"("rope_theta": 500000.0)", R"("rope_theta": "big")",
       "key 'rope_theta' must be a positive number"},
  };
  for (const Case &c : cases)
    EXPECT_THAT(configError(llamaWith(c.from, c.to)),
                AllOf(HasSubstr("dir/config.json"), HasSubstr(c.message)))
        << c.to;
  std::string msg = configError(
      llamaWith(R"("rope_scaling": {)", R"("rope_scaling": 3, "x": {)"));
  EXPECT_THAT(msg, HasSubstr("key 'rope_scaling' must be an object"));
  std::string gpt2 = kGpt2;
  gpt2.replace(gpt2.find("\"n_head\": 4"), 11, "\"n_head\": -4");
  EXPECT_THAT(configError(gpt2),
              HasSubstr("key 'n_head' must be a positive integer, got -4"));
}

TEST(HfConfigTest, HeadCounts) {
  EXPECT_THAT(configError(llamaWith(R"("num_key_value_heads": 2)",
                                    R"("num_key_value_heads": 3)")),
              HasSubstr("num_key_value_heads (3) must divide "
                        "num_attention_heads (8)"));
  EXPECT_THAT(
      configError(llamaWith(R"("hidden_size": 64)", R"("hidden_size": 60)")),
      HasSubstr("hidden_size (60) is not a multiple"));
}

TEST(HfConfigTest, NotJsonObject) {
  EXPECT_THAT(configError("{\"a\":"),
              AllOf(HasSubstr("dir/config.json"), HasSubstr("not valid JSON")));
  EXPECT_THAT(configError("[]"), HasSubstr("not a JSON object"));
}

class HfConfigFileTest : public TempDirTest {};

TEST_F(HfConfigFileTest, Load) {
  std::string p = write("config.json", kBert);
  auto config = HfConfig::load(p);
  ASSERT_TRUE(!!config) << llvm::toString(config.takeError());
  EXPECT_EQ(config->path, p);
  EXPECT_EQ(config->hiddenSize, 384);
  auto missing = HfConfig::load(path("absent.json"));
  EXPECT_THAT(errorText(missing),
              AllOf(HasSubstr("absent.json"), HasSubstr("cannot read")));
}

} // namespace

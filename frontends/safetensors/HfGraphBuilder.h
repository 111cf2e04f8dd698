// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Building blocks of the Hugging Face model builders: weights from the
// checkpoint as mlc_graph constants (checked against the shapes the config
// implies) and the layers transformers share.

#ifndef MLC_FRONTENDS_SAFETENSORS_HFGRAPHBUILDER_H
#define MLC_FRONTENDS_SAFETENSORS_HFGRAPHBUILDER_H

#include "mlc/Frontends/SafeTensors/HfConfig.h"
#include "mlc/Frontends/SafeTensors/HfImporter.h"
#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace mlir::mlc::hf {

using ::mlc::safetensors::HfConfig;
using ::mlc::safetensors::SafeTensorsIndex;

class GraphBuilder {
public:
  GraphBuilder(MLIRContext *ctx, std::shared_ptr<SafeTensorsIndex> weights,
               const HfConfig &config, Location loc)
      : b(ctx), weights(std::move(weights)), config(config), loc(loc) {}

  OpBuilder &builder() { return b; }
  const HfConfig &getConfig() const { return config; }
  Location getLoc() const { return loc; }

  /// The checkpoint tensor |name| as an f32 constant of |shape|; fails with
  /// an error naming the tensor when it is missing, has another shape or an
  /// unsupported dtype.
  FailureOr<Value> weight(const Twine &name, ArrayRef<int64_t> shape);
  /// Like weight(), or a null Value when the checkpoint has no |name|.
  FailureOr<Value> optionalWeight(const Twine &name, ArrayRef<int64_t> shape);
  /// Whether the checkpoint has a tensor called |name|.
  bool hasWeight(const Twine &name) const;

  /// x [..., in] times W: |transposed| for torch Linear ([out, in]), not for
  /// GPT-2's Conv1D ([in, out]); plus the optional bias [out].
  Value linear(Value x, Value w, Value bias, bool transposed);
  /// Loads |prefix|.weight (and .bias if |withBias|) and applies linear().
  FailureOr<Value> linear(Value x, const Twine &prefix, int64_t in,
                          int64_t out, bool withBias, bool transposed = true);
  /// LayerNorm over the last dim with |prefix|.weight and .bias.
  FailureOr<Value> layerNorm(Value x, const Twine &prefix, double eps);
  /// RMSNorm over the last dim with |prefix|.weight.
  FailureOr<Value> rmsNorm(Value x, const Twine &prefix, double eps);

  /// [B, S, heads * dim] -> [B, heads, S, dim].
  Value splitHeads(Value x, int64_t heads, int64_t dim);
  /// [B, heads, S, dim] -> [B, S, heads * dim].
  Value mergeHeads(Value x);
  /// softmax(q k^T * scale + mask) v for q [B, H, S, D], k/v [B, H, T, D]
  /// and an additive mask broadcasting to [B, H, S, T]; scale defaults to
  /// 1 / sqrt(D).
  Value attention(Value q, Value k, Value v, Value mask,
                  std::optional<double> scale = std::nullopt);
  /// Additive causal mask [S, S]: 0 where key <= query (and, with a sliding
  /// |window|, key > query - window), lowest float elsewhere.
  Value causalMask(int64_t seq, std::optional<int64_t> window = std::nullopt);

  Value reshape(Value x, ArrayRef<int64_t> shape);
  Value transpose(Value x, ArrayRef<int64_t> perm);
  Value matmul(Value a, Value b);
  Value scalar(float v);
  template <typename OpTy> Value binary(Value lhs, Value rhs);
  /// The activation |name| (gelu, gelu_new, gelu_pytorch_tanh, relu, silu).
  FailureOr<Value> activation(Value x, StringRef name);

  /// Error at the model's location.
  InFlightDiagnostic error() { return emitError(loc); }

private:
  OpBuilder b;
  std::shared_ptr<SafeTensorsIndex> weights;
  const HfConfig &config;
  Location loc;
};

/// Adds the forward function of each architecture to |func| (whose block is
/// the insertion point): arguments are the model inputs, results its outputs.
struct ModelGraph {
  SmallVector<std::string> inputNames, outputNames;
};
FailureOr<ModelGraph> buildBert(GraphBuilder &g, func::FuncOp func,
                                const HfImportOptions &options);
FailureOr<ModelGraph> buildGpt2(GraphBuilder &g, func::FuncOp func,
                                const HfImportOptions &options);
FailureOr<ModelGraph> buildLlama(GraphBuilder &g, func::FuncOp func,
                                 const HfImportOptions &options);

} // namespace mlir::mlc::hf

#endif // MLC_FRONTENDS_SAFETENSORS_HFGRAPHBUILDER_H

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// mlc_graph ops that transformer models need beyond the CNN set: comparisons
// and selection, casts, reductions, normalizations, and indexing.

#ifndef MLC_DIALECT_GRAPH_IR_TRANSFORMEROPS_TD
#define MLC_DIALECT_GRAPH_IR_TRANSFORMEROPS_TD

//===----------------------------------------------------------------------===//
// Activations, comparisons, selection, casts
//===----------------------------------------------------------------------===//

def Graph_GeluOp : Graph_Op<"gelu", [Pure, SameOperandsAndResultType]> {
  let summary = "Gaussian error linear unit";
  let description = [{
    `approximate = "none"`: `0.5 * x * (1 + erf(x / sqrt(2)))`;
    `approximate = "tanh"`: `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.

    ```mlir
    %0 = mlc_graph.gelu %x {approximate = "none"} : tensor<4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input,
                   DefaultValuedStrAttr<StrAttr, "none">:$approximate);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

class Graph_CompareOp<string mnemonic, string formula>
    : Graph_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                          AllElementTypesMatch<["lhs", "rhs"]>]> {
  let summary = "Elementwise " # formula # " with numpy broadcasting";
  let description = [{
    Compares `}] # formula # [{` elementwise into an i1 tensor of the
    broadcast shape.

    ```mlir
    %0 = mlc_graph.}] # mnemonic # [{ %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
    ```
  }];
  let arguments = (ins Graph_ElementTensor:$lhs, Graph_ElementTensor:$rhs);
  let results = (outs Graph_BoolTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Graph_EqualOp : Graph_CompareOp<"equal", "lhs == rhs">;
def Graph_LessOp : Graph_CompareOp<"less", "lhs < rhs">;
def Graph_LessEqualOp : Graph_CompareOp<"less_equal", "lhs <= rhs">;
def Graph_GreaterOp : Graph_CompareOp<"greater", "lhs > rhs">;
def Graph_GreaterEqualOp : Graph_CompareOp<"greater_equal", "lhs >= rhs">;

def Graph_NotOp : Graph_Op<"not", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise logical not";
  let arguments = (ins Graph_BoolTensor:$input);
  let results = (outs Graph_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def Graph_WhereOp : Graph_Op<"where", [Pure, InferTypeOpAdaptor,
    AllElementTypesMatch<["true_value", "false_value", "result"]>]> {
  let summary = "Elementwise condition ? true_value : false_value";
  let description = [{
    All three operands broadcast (numpy rules) to the result's shape.

    ```mlir
    %0 = mlc_graph.where %c, %x, %y : (tensor<4x4xi1>, tensor<1x4x4xf32>, tensor<f32>) -> tensor<1x4x4xf32>
    ```
  }];
  let arguments = (ins Graph_BoolTensor:$condition,
                   Graph_ElementTensor:$true_value,
                   Graph_ElementTensor:$false_value);
  let results = (outs Graph_ElementTensor:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Graph_CastOp : Graph_Op<"cast", [Pure]> {
  let summary = "Elementwise conversion to the result's element type";
  let description = [{
    float -> integer truncates toward zero (out-of-range values saturate);
    integer -> integer sign-extends or truncates; any -> i1 is `!= 0`;
    i1 -> any is 0 or 1.

    ```mlir
    %0 = mlc_graph.cast %x : tensor<2x3xi64> -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Graph_ElementTensor:$input);
  let results = (outs Graph_ElementTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Reductions and normalizations
//===----------------------------------------------------------------------===//

class Graph_ReduceOp<string mnemonic, string what, Type type>
    : Graph_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                          AllElementTypesMatch<["input", "result"]>]> {
  let summary = what # " over `axes`";
  let description = [{
    Reduces over `axes` (sorted, distinct, in [0, rank)). With `keep_dims`
    the reduced dims stay as size 1, otherwise they are removed.

    ```mlir
    %0 = mlc_graph.}] # mnemonic # [{ %x {axes = array<i64: 1>, keep_dims = true} : tensor<2x3xf32> -> tensor<2x1xf32>
    ```
  }];
  let arguments = (ins type:$input, DenseI64ArrayAttr:$axes,
                   DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs type:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Graph_ReduceSumOp : Graph_ReduceOp<"reduce_sum", "Sum", Graph_NumericTensor>;
def Graph_ReduceMeanOp : Graph_ReduceOp<"reduce_mean", "Mean", Graph_FloatTensor>;
def Graph_ReduceMaxOp : Graph_ReduceOp<"reduce_max", "Maximum", Graph_NumericTensor>;
def Graph_ReduceMinOp : Graph_ReduceOp<"reduce_min", "Minimum", Graph_NumericTensor>;

def Graph_LayerNormOp : Graph_Op<"layer_norm", [Pure,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "Layer normalization over the dims from `axis` on";
  let description = [{
    `(x - mean) / sqrt(var + epsilon) * scale + bias`, with mean and (biased)
    variance over dims [axis, rank). `scale` and the optional `bias`
    broadcast to those dims.

    ```mlir
    %0 = mlc_graph.layer_norm %x, %g, %b {axis = 2 : i64, epsilon = 1.0e-5 : f32}
        : (tensor<1x7x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, Graph_FloatTensor:$scale,
                   Optional<Graph_FloatTensor>:$bias, I64Attr:$axis,
                   F32Attr:$epsilon);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Graph_RmsNormOp : Graph_Op<"rms_norm", [Pure,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "Root-mean-square normalization over the last dim";
  let description = [{
    `x / sqrt(mean(x^2) + epsilon) * scale` over the last dim; `scale` has
    the last dim's size.

    ```mlir
    %0 = mlc_graph.rms_norm %x, %g {epsilon = 1.0e-6 : f32}
        : (tensor<1x7x64xf32>, tensor<64xf32>) -> tensor<1x7x64xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, Graph_FloatTensor:$scale,
                   F32Attr:$epsilon);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input `,` $scale attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Graph_CumSumOp : Graph_Op<"cumsum", [Pure, SameOperandsAndResultType]> {
  let summary = "Cumulative sum along one axis";
  let description = [{
    `exclusive` leaves out the element itself; `reverse` sums from the end.

    ```mlir
    %0 = mlc_graph.cumsum %x {axis = 1 : i64} : tensor<1x7xi64>
    ```
  }];
  let arguments = (ins Graph_NumericTensor:$input, I64Attr:$axis,
                   DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                   DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs Graph_NumericTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

def Graph_GatherOp : Graph_Op<"gather", [Pure, InferTypeOpAdaptor]> {
  let summary = "Gather slices along `axis` (embedding lookup)";
  let description = [{
    ONNX Gather: the result's shape is `data.shape[:axis] + indices.shape +
    data.shape[axis+1:]`. Negative indices count from the end; indices out of
    [-n, n) are clamped into range (never read outside `data`).

    ```mlir
    %0 = mlc_graph.gather %table, %ids {axis = 0 : i64} : (tensor<1000x64xf32>, tensor<1x7xi64>) -> tensor<1x7x64xf32>
    ```
  }];
  let arguments = (ins Graph_ElementTensor:$data, Graph_IntTensor:$indices,
                   I64Attr:$axis);
  let results = (outs Graph_ElementTensor:$result);
  let assemblyFormat = "$data `,` $indices attr-dict `:` functional-type(operands, results)";
}

def Graph_SliceOp : Graph_Op<"slice", [Pure,
    AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Strided slice with the result's sizes";
  let description = [{
    `result[i...] = input[starts[d] + i[d] * steps[d] ...]`; steps are
    non-zero (negative steps walk backwards) and every index read lies inside
    the input. `sizes` holds the result's dynamic dims, in order; the
    frontend guarantees (through symbol bounds) that they stay in range.

    ```mlir
    %0 = mlc_graph.slice %x {starts = array<i64: 0, 2>, steps = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins Graph_ElementTensor:$input, Variadic<Index>:$sizes,
                   DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$steps);
  let results = (outs Graph_ElementTensor:$result);
  let assemblyFormat = [{
    $input (`(` $sizes^ `)`)? attr-dict `:` type($input) `->` type($result)
  }];
  let builders = [
    OpBuilder<(ins "Type":$type, "Value":$input, "DenseI64ArrayAttr":$starts,
                   "DenseI64ArrayAttr":$steps), [{
      build($_builder, $_state, type, input, ValueRange(), starts, steps);
    }]>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Graph_BroadcastOp : Graph_Op<"broadcast", [Pure,
    AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Broadcast (numpy rules) to the result's shape";
  let description = [{
    ONNX Expand once its shape is known: the input broadcasts to the result,
    whose shape is the broadcast of the two. `sizes` holds the result's
    dynamic dims, in order; a dynamic input dim is never broadcast.

    ```mlir
    %0 = mlc_graph.broadcast %x : tensor<1x4xf32> -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Graph_ElementTensor:$input, Variadic<Index>:$sizes);
  let results = (outs Graph_ElementTensor:$result);
  let assemblyFormat = [{
    $input (`(` $sizes^ `)`)? attr-dict `:` type($input) `->` type($result)
  }];
  let builders = [
    OpBuilder<(ins "Type":$type, "Value":$input), [{
      build($_builder, $_state, type, input, ValueRange());
    }]>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Graph_IotaOp : Graph_Op<"iota", [Pure]> {
  let summary = "1-D integer sequence start, start + delta, ...";
  let description = [{
    ONNX Range with a run-time length: `result[i] = start + i * delta`.
    `sizes` holds the length when the result's dim is dynamic.

    ```mlir
    %0 = mlc_graph.iota(%n) {start = 0 : i64, delta = 1 : i64} : tensor<?xi64>
    ```
  }];
  let arguments = (ins Variadic<Index>:$sizes, I64Attr:$start, I64Attr:$delta);
  let results = (outs RankedTensorOf<[I32, I64]>:$result);
  let assemblyFormat = "(`(` $sizes^ `)`)? attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Graph_TriluOp : Graph_Op<"trilu", [Pure, SameOperandsAndResultType]> {
  let summary = "Upper or lower triangle of the last two dims";
  let description = [{
    Keeps elements with `j - i >= k` (`upper`) or `j - i <= k` (lower) in
    the last two dims; the rest become 0.

    ```mlir
    %0 = mlc_graph.trilu %x {upper = false, k = 0 : i64} : tensor<4x4xf32>
    ```
  }];
  let arguments = (ins Graph_ElementTensor:$input, BoolAttr:$upper,
                   I64Attr:$k);
  let results = (outs Graph_ElementTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // MLC_DIALECT_GRAPH_IR_TRANSFORMEROPS_TD

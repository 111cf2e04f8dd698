// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_DIALECT_GRAPH_IR_GRAPHOPS_TD
#define MLC_DIALECT_GRAPH_IR_GRAPHOPS_TD

include "mlc/Dialect/Graph/IR/GraphBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Graph_ConstantOp : Graph_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "Constant tensor or model weight";
  let description = [{
    A constant tensor. Small constants hold a `dense<...>` value and take part
    in constant folding; model weights hold a `dense_resource<...>` blob whose
    bytes stay outside the IR and end up in the artifact's weights section.

    ```mlir
    %0 = mlc_graph.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Graph_AnyTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class Graph_BinaryOp<string mnemonic, string formula,
                     Type operandType = Graph_NumericTensor>
    : Graph_Op<mnemonic, [Pure, InferTypeOpAdaptor,
                          AllElementTypesMatch<["lhs", "rhs", "result"]>]> {
  let summary = "Elementwise " # formula # " with numpy broadcasting";
  let description = [{
    Computes `}] # formula # [{` elementwise. Operand shapes broadcast as in
    numpy (and ONNX multidirectional broadcasting); the result has the
    broadcast shape. Operands are float32 or signless integers of one type;
    integer division truncates toward zero, and a zero divisor yields 0
    (instead of trapping).

    ```mlir
    %0 = mlc_graph.}] # mnemonic # [{ %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Graph_AddOp : Graph_BinaryOp<"add", "lhs + rhs">;
def Graph_SubOp : Graph_BinaryOp<"sub", "lhs - rhs">;
def Graph_MulOp : Graph_BinaryOp<"mul", "lhs * rhs">;
def Graph_DivOp : Graph_BinaryOp<"div", "lhs / rhs">;
def Graph_MaxOp : Graph_BinaryOp<"max", "max(lhs, rhs)">;
def Graph_MinOp : Graph_BinaryOp<"min", "min(lhs, rhs)">;
def Graph_PowOp : Graph_BinaryOp<"pow", "pow(lhs, rhs)", Graph_FloatTensor>;
def Graph_AndOp : Graph_BinaryOp<"and", "lhs and rhs", Graph_BoolTensor>;
def Graph_OrOp : Graph_BinaryOp<"or", "lhs or rhs", Graph_BoolTensor>;
def Graph_XorOp : Graph_BinaryOp<"xor", "lhs xor rhs", Graph_BoolTensor>;

class Graph_UnaryOp<string mnemonic, string formula>
    : Graph_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise " # formula;
  let description = [{
    Computes `}] # formula # [{` elementwise.

    ```mlir
    %0 = mlc_graph.}] # mnemonic # [{ %x : tensor<4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def Graph_ReluOp : Graph_UnaryOp<"relu", "max(x, 0)">;
def Graph_SigmoidOp : Graph_UnaryOp<"sigmoid", "1 / (1 + exp(-x))">;
def Graph_TanhOp : Graph_UnaryOp<"tanh", "tanh(x)">;
def Graph_ExpOp : Graph_UnaryOp<"exp", "exp(x)">;
def Graph_LogOp : Graph_UnaryOp<"log", "log(x)">;
def Graph_SqrtOp : Graph_UnaryOp<"sqrt", "sqrt(x)">;
def Graph_NegOp : Graph_UnaryOp<"neg", "-x">;
def Graph_AbsOp : Graph_UnaryOp<"abs", "|x|">;
def Graph_ErfOp : Graph_UnaryOp<"erf", "erf(x)">;
def Graph_SinOp : Graph_UnaryOp<"sin", "sin(x)">;
def Graph_CosOp : Graph_UnaryOp<"cos", "cos(x)">;
def Graph_ReciprocalOp : Graph_UnaryOp<"reciprocal", "1 / x">;

def Graph_ClipOp : Graph_Op<"clip", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise min(max(x, min), max)";
  let description = [{
    Clamps to [min, max] (ONNX Clip, Relu6).

    ```mlir
    %0 = mlc_graph.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, F32Attr:$min, F32Attr:$max);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Graph_LeakyReluOp : Graph_Op<"leaky_relu", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise x >= 0 ? x : alpha * x";
  let description = [{
    ```mlir
    %0 = mlc_graph.leaky_relu %x {alpha = 0.01 : f32} : tensor<4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, F32Attr:$alpha);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Graph_HardSigmoidOp : Graph_Op<"hard_sigmoid", [Pure, SameOperandsAndResultType]> {
  let summary = "Elementwise max(0, min(1, alpha * x + beta))";
  let description = [{
    ```mlir
    %0 = mlc_graph.hard_sigmoid %x {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, F32Attr:$alpha, F32Attr:$beta);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Graph_SoftmaxOp : Graph_Op<"softmax", [Pure, SameOperandsAndResultType]> {
  let summary = "Softmax along one axis";
  let description = [{
    `exp(x - max(x)) / sum(exp(x - max(x)))` along `axis` (non-negative, less
    than the rank).

    ```mlir
    %0 = mlc_graph.softmax %x {axis = 1 : i64} : tensor<4x10xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Graph_MatMulOp : Graph_Op<"matmul", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "Batched matrix product with numpy broadcasting";
  let description = [{
    numpy `matmul` on operands of rank >= 2: the last two dims multiply as
    matrices ([..., M, K] x [..., K, N] -> [..., M, N]) and the leading batch
    dims broadcast. Rank-1 operands are reshaped by the frontend.

    ```mlir
    %0 = mlc_graph.matmul %a, %b : (tensor<2x4x8xf32>, tensor<8x3xf32>) -> tensor<2x4x3xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$lhs, Graph_FloatTensor:$rhs);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

def Graph_GemmOp : Graph_Op<"gemm", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "General matrix multiply: alpha * op(A) * op(B) + beta * C";
  let description = [{
    ONNX Gemm: `op(X)` transposes X when `trans_a`/`trans_b` is set. The
    optional `c` broadcasts to [M, N].

    ```mlir
    %0 = mlc_graph.gemm %a, %b, %c {trans_b = true} : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$a, Graph_FloatTensor:$b,
                   Optional<Graph_FloatTensor>:$c,
                   DefaultValuedAttr<F32Attr, "1.0">:$alpha,
                   DefaultValuedAttr<F32Attr, "1.0">:$beta,
                   DefaultValuedAttr<BoolAttr, "false">:$trans_a,
                   DefaultValuedAttr<BoolAttr, "false">:$trans_b);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Convolution and pooling (NCHW)
//===----------------------------------------------------------------------===//

def Graph_Conv2DOp : Graph_Op<"conv2d", [Pure]> {
  let summary = "2-D convolution, NCHW input and FCHW filter, with groups";
  let description = [{
    ONNX Conv in two spatial dims: `input` [N, C, H, W], `filter`
    [F, C / groups, KH, KW], optional `bias` [F]. `pads` holds
    [top, left, bottom, right]; padding is with zeros.

    ```mlir
    %0 = mlc_graph.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>,
        pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
        : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, Graph_FloatTensor:$filter,
                   Optional<Graph_FloatTensor>:$bias,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads, I64Attr:$groups);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class Graph_Pool2DOp<string mnemonic, string what> : Graph_Op<mnemonic, [Pure]> {
  let summary = what # " pooling over 2-D windows of an NCHW tensor";
  let description = [{
    Windows of `kernel` [KH, KW] with `strides`, `dilations` and `pads`
    [top, left, bottom, right]. With `ceil_mode` the output size rounds up
    (a last window starting inside the padded input is kept).
  }];
  let arguments = (ins Graph_FloatTensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads,
                   DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Graph_MaxPool2DOp : Graph_Pool2DOp<"max_pool2d", "Max"> {
  let description = [{
    Max over windows; padding never wins the max.

    ```mlir
    %0 = mlc_graph.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>,
        dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>}
        : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
    ```
  }];
}

def Graph_AvgPool2DOp : Graph_Pool2DOp<"avg_pool2d", "Average"> {
  let description = [{
    Mean over windows. With `count_include_pad` the divisor counts the
    explicit pads (never the part a `ceil_mode` window hangs past them);
    without it only input elements count.

    ```mlir
    %0 = mlc_graph.avg_pool2d %x {kernel = array<i64: 7, 7>, strides = array<i64: 1, 1>,
        dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
        : tensor<1x4x7x7xf32> -> tensor<1x4x1x1xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads,
                   DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                   DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Graph_ReshapeOp : Graph_Op<"reshape", [Pure,
    AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Reshape to the result type";
  let description = [{
    Reinterprets the row-major elements of `input` with the result's shape;
    both have the same number of elements. `sizes` holds the result's
    dynamic dims, in order.

    ```mlir
    %0 = mlc_graph.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
    %1 = mlc_graph.reshape %y(%n) : tensor<?x64xf32> -> tensor<?x4x16xf32>
    ```
  }];
  let arguments = (ins Graph_AnyTensor:$input, Variadic<Index>:$sizes);
  let results = (outs Graph_AnyTensor:$result);
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
  let hasCanonicalizer = 1;
}

def Graph_ConcatOp : Graph_Op<"concat", [Pure]> {
  let summary = "Concatenate tensors along one axis";
  let description = [{
    All inputs have the same rank, element type and sizes except along
    `axis`.

    ```mlir
    %0 = mlc_graph.concat %a, %b {axis = 1 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
    ```
  }];
  let arguments = (ins Variadic<Graph_AnyTensor>:$inputs, I64Attr:$axis);
  let results = (outs Graph_AnyTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Graph_PadOp : Graph_Op<"pad", [Pure, AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Pad with a constant";
  let description = [{
    `pads` holds the non-negative amounts before each dim, then after each
    dim (ONNX order).

    ```mlir
    %0 = mlc_graph.pad %x {pads = array<i64: 0, 1, 0, 2>, value = 0.0 : f32} : tensor<2x3xf32> -> tensor<2x6xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, DenseI64ArrayAttr:$pads,
                   F32Attr:$value);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Graph_ResizeOp : Graph_Op<"resize", [Pure,
    AllElementTypesMatch<["input", "result"]>]> {
  let summary = "Nearest or (multi-)linear resampling to the result's shape";
  let description = [{
    ONNX Resize without cropping. For every dim, an output coordinate maps to
    an input coordinate through `coordinate_mode` (half_pixel,
    pytorch_half_pixel, align_corners, asymmetric, half_pixel_symmetric) with
    `scales[d]`; `nearest` rounds it by `nearest_mode` (round_prefer_floor,
    round_prefer_ceil, floor, ceil), `linear` interpolates between the two
    neighbors (clamped to the input). Dims with scale 1 and equal sizes are
    copied.

    ```mlir
    %0 = mlc_graph.resize %x {mode = "linear", coordinate_mode = "half_pixel",
        nearest_mode = "round_prefer_floor", scales = array<f32: 1.0, 1.0, 2.0, 2.0>}
        : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
    ```
  }];
  let arguments = (ins Graph_FloatTensor:$input, StrAttr:$mode,
                   StrAttr:$coordinate_mode, StrAttr:$nearest_mode,
                   DenseF32ArrayAttr:$scales);
  let results = (outs Graph_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Graph_TransposeOp : Graph_Op<"transpose", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "Permute dimensions";
  let description = [{
    `result.shape[i] = input.shape[permutation[i]]`.

    ```mlir
    %0 = mlc_graph.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Graph_AnyTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Graph_AnyTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

include "mlc/Dialect/Graph/IR/TransformerOps.td"

#endif // MLC_DIALECT_GRAPH_IR_GRAPHOPS_TD

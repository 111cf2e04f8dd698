// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FRONTENDS_ONNX_ONNXOPS_H
#define MLC_FRONTENDS_ONNX_ONNXOPS_H

#include "GraphImporter.h"

namespace mlir::mlc::onnx_import {

using ConverterMap = llvm::StringMap<ConvertFn>;

/// Elementwise arithmetic, activations, softmax, matmul and gemm.
void addMathConverters(ConverterMap &map);
/// Constant, Identity, Reshape, Flatten, Transpose.
void addTensorConverters(ConverterMap &map);
/// Concat, Pad, Squeeze, Unsqueeze, Shape, Gather (of constants).
void addShapeConverters(ConverterMap &map);
/// Conv, pooling, BatchNormalization, Clip and parameterized activations.
void addNNConverters(ConverterMap &map);

/// Static shape of a ranked tensor value.
ArrayRef<int64_t> shapeOf(Value v);

/// |value| reshaped to |shape| (no op when it already has that shape).
Value reshapeTo(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> shape);

} // namespace mlir::mlc::onnx_import

#endif // MLC_FRONTENDS_ONNX_ONNXOPS_H

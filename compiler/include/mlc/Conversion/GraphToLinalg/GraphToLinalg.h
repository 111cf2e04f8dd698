// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_CONVERSION_GRAPHTOLINALG_GRAPHTOLINALG_H
#define MLC_CONVERSION_GRAPHTOLINALG_GRAPHTOLINALG_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

namespace mlir::mlc {

#define GEN_PASS_DECL
#include "mlc/Conversion/GraphToLinalg/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mlc/Conversion/GraphToLinalg/Passes.h.inc"

/// Patterns lowering elementwise mlc_graph ops (binary, unary, softmax).
void populateElementwiseToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering matmul and gemm.
void populateContractionToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering conv2d and 2-D pooling.
void populateConvolutionToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering resize.
void populateResizeToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering constant, reshape and transpose.
void populateDataMovementToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering gelu, comparisons, logical not, where and cast.
void populateSelectCastToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering reductions, layer_norm, rms_norm and cumsum.
void populateReductionToLinalgPatterns(RewritePatternSet &patterns);
/// Patterns lowering gather, slice, broadcast and trilu.
void populateIndexingToLinalgPatterns(RewritePatternSet &patterns);

namespace lowering {
/// `tensor.empty` of |type|; its dynamic dims are taken from |dims| (one
/// entry per dim of |type|).
Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type,
                  ArrayRef<OpFoldResult> dims = {});
/// `linalg.fill` of a `tensor.empty` of |type| with the f32 |value|.
Value createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                   float value, ArrayRef<OpFoldResult> dims = {});
/// Dims of the single result of mlc_graph |op| (graph::reifyResultDims);
/// empty when it has no rule.
SmallVector<OpFoldResult> resultDims(OpBuilder &b, Operation *op);
/// |value| reshaped to |type| with the run-time |dims| (tensor.reshape).
Value reshapeToDims(OpBuilder &b, Location loc, Value value,
                    RankedTensorType type, ArrayRef<OpFoldResult> dims);
/// Every dim of the tensor |v|.
SmallVector<OpFoldResult> mixedSizes(OpBuilder &b, Location loc, Value v);
/// Indexing map reading an operand of |operandShape| broadcast (numpy rules,
/// right-aligned) into an iteration space whose leading dims have |outShape|;
/// |numDims| is the iteration space rank (>= outShape.size()).
AffineMap getBroadcastMap(MLIRContext *ctx, ArrayRef<int64_t> operandShape,
                          ArrayRef<int64_t> outShape, unsigned numDims);
/// Scalar body of an elementwise op: block arguments of the operands in.
using ElementwiseBodyFn =
    function_ref<Value(OpBuilder &, Location, ValueRange)>;
/// One parallel linalg.generic over the result shape of |op|, reading every
/// operand with numpy broadcasting.
Value buildElementwise(PatternRewriter &rewriter, Operation *op,
                       ElementwiseBodyFn body);
/// `arith.constant` of float |type| with |value|.
Value floatConstant(OpBuilder &b, Location loc, Type type, double value);
} // namespace lowering

} // namespace mlir::mlc

#endif // MLC_CONVERSION_GRAPHTOLINALG_GRAPHTOLINALG_H

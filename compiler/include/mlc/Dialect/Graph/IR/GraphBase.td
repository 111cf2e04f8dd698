// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_DIALECT_GRAPH_IR_GRAPHBASE_TD
#define MLC_DIALECT_GRAPH_IR_GRAPHBASE_TD

include "mlir/IR/OpBase.td"

def Graph_Dialect : Dialect {
  let name = "mlc_graph";
  let summary = "Tensor-level graph of an imported model";
  let description = [{
    The mlc_graph dialect holds a model as imported from ONNX or safetensors:
    value-semantic ops on ranked tensors with inferred static shapes. Locations
    carry the source node names so that every diagnostic can name the node.
  }];
  let cppNamespace = "::mlir::mlc::graph";
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

class Graph_Op<string mnemonic, list<Trait> traits = []>
    : Op<Graph_Dialect, mnemonic, traits>;

def Graph_FloatTensor : RankedTensorOf<[F32]>;
def Graph_NumericTensor : RankedTensorOf<[F32, I8, I16, I32, I64]>;
def Graph_AnyTensor : RankedTensorOf<[AnyType]>;
def Graph_BoolTensor : RankedTensorOf<[I1]>;
def Graph_IntTensor : RankedTensorOf<[I8, I16, I32, I64]>;
def Graph_ElementTensor : RankedTensorOf<[F32, I1, I8, I16, I32, I64]>;

#endif // MLC_DIALECT_GRAPH_IR_GRAPHBASE_TD

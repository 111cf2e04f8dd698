// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_DIALECT_GRAPH_IR_GRAPHDIALECT_H
#define MLC_DIALECT_GRAPH_IR_GRAPHDIALECT_H

#include "mlir/IR/Dialect.h"

#include "mlc/Dialect/Graph/IR/GraphDialect.h.inc"

#endif // MLC_DIALECT_GRAPH_IR_GRAPHDIALECT_H

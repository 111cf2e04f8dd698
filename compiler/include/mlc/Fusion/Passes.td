// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FUSION_PASSES_TD
#define MLC_FUSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def FuseElementwisePass : Pass<"mlc-fuse-elementwise", "func::FuncOp"> {
  let summary = "Merge chains of elementwise linalg.generic ops";
  let description = [{
    Upstream elementwise fusion with mlc's cost model: a single-use
    elementwise producer merges into an all-parallel consumer only. Producers
    are never fused into contractions or reductions, where they would be
    recomputed once per reduction step (a bias-add + relu epilogue must stay
    in front of the next matmul, not inside its inner loop).

    Before:
    ```mlir
    %a = linalg.generic {parallel} ins(%mm, %bias) { addf }
    %b = linalg.generic {parallel} ins(%a) { maximumf }
    ```
    After:
    ```mlir
    %b = linalg.generic {parallel} ins(%mm, %bias) { addf; maximumf }
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def FuseContractionEpiloguePass
    : Pass<"mlc-fuse-contraction-epilogue", "func::FuncOp"> {
  let summary = "Fuse a contraction into the loops of its elementwise epilogue";
  let description = [{
    For every all-parallel `linalg.generic` (an epilogue such as bias-add +
    activation, already merged by elementwise fusion) that reads the result of
    a single-use contraction, tiles the epilogue along its parallel dims (by default to single elements) and
    fuses the contraction (and its zero fill) into the tile loop. The
    contraction's result then lives only as one tile per iteration: no
    intermediate full-size buffer exists. A zero pad of the contraction's
    input (a convolution's padding) moves into the loop as well, where every
    tile reads some of the unpadded input: each tile pads just the input
    rows it reads, into a `tensor.empty` of the tile's shape whose border
    alone is filled (`linalg.fill` of one slab before and after the rows in
    each padded dim) before the rows are inserted.

    Before:
    ```mlir
    %mm = linalg.generic {iterator_types = [parallel, parallel, reduction]} ...
    %y = linalg.generic {iterator_types = [parallel, parallel]} ins(%mm, %bias ...)
    ```
    After:
    ```mlir
    %y = scf.for %i = ... iter_args(%acc = %init) {
      %t = linalg.generic {... reduction} ... -> tensor<TMxNxf32>
      %e = linalg.generic {... parallel} ins(%t, ...) -> tensor<TMxNxf32>
      %r = tensor.insert_slice %e into %acc ...
    ```
  }];
  let options = [
    Option<"rowTile", "row-tile", "int64_t", /*default=*/"1",
           "Largest tile along the result's second-to-last dim (a divisor of it is used)">,
    Option<"colTile", "col-tile", "int64_t", /*default=*/"1",
           "Largest tile along the result's last dim (a divisor of it is used)">,
    Option<"tileElements", "tile-elements", "int64_t", /*default=*/"0",
           "Row tiles grow (up to the largest divisor of the rows) while a "
           "tile holds at most this many elements">,
    Option<"parallelLoops", "parallel-loops", "bool", /*default=*/"false",
           "Tile into one scf.forall, with the contraction computing into the "
           "epilogue's output tile where it can">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // MLC_FUSION_PASSES_TD

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Fusion/Passes.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/TensorTilingInterfaceImpl.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_FUSECONTRACTIONEPILOGUEPASS
#include "mlc/Fusion/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

linalg::LinalgOp mlir::mlc::getFusableContraction(linalg::GenericOp epilogue) {
  if (epilogue.getNumReductionLoops() != 0 || epilogue.getNumLoops() < 2)
    return {};
  for (OpOperand *input : epilogue.getDpsInputOperands()) {
    auto producer = input->get().getDefiningOp<linalg::LinalgOp>();
    // The matmul family runs as a microkernel call on whole buffers.
    if (isa_and_nonnull<linalg::MatmulOp, linalg::MatmulTransposeBOp,
                        linalg::BatchMatmulOp, linalg::BatchMatmulTransposeBOp>(
            producer.getOperation()))
      continue;
    if (producer && producer.getNumReductionLoops() > 0 &&
        producer->hasOneUse() && producer->getNumResults() == 1 &&
        epilogue.getMatchingIndexingMap(input).isIdentity())
      return producer;
  }
  return {};
}

// Largest divisor of |size| that is <= |limit|.
static int64_t largestDivisor(int64_t size, int64_t limit) {
  for (int64_t t = std::min(size, limit); t > 1; --t)
    if (size % t == 0)
      return t;
  return 1;
}

// Whether every operand of |op| is available before |point| (block arguments
// and values of enclosing blocks, or ops earlier in its block).
static bool definedBefore(Operation *op, Operation *point) {
  return llvm::all_of(op->getOperands(), [&](Value v) {
    Operation *def = v.getDefiningOp();
    Block *block = def ? def->getBlock() : v.getParentBlock();
    Operation *ancestor = block->findAncestorOpInBlock(*point);
    return ancestor && (!def || def->isBeforeInBlock(ancestor));
  });
}

// In the tile loop, makes the contraction compute into the epilogue's output
// tile and the epilogue update it in place, so that no tile buffer is shared
// between iterations. Applies when the epilogue reads the contraction's tile
// with its own output's indexing and never reads its output.
static void computeInPlace(RewriterBase &rewriter,
                           const scf::SCFTileAndFuseResult &result) {
  for (Operation *op : result.tiledAndFusedOps) {
    auto epilogue = dyn_cast<linalg::GenericOp>(op);
    if (!epilogue || epilogue.getNumDpsInits() != 1 ||
        epilogue.getNumReductionLoops() != 0 ||
        !epilogue.getRegionOutputArgs()[0].use_empty())
      continue;
    OpOperand *init = epilogue.getDpsInitOperand(0);
    auto slice = init->get().getDefiningOp<tensor::ExtractSliceOp>();
    if (!slice)
      continue;
    for (OpOperand *input : epilogue.getDpsInputOperands()) {
      auto contraction = input->get().getDefiningOp<linalg::LinalgOp>();
      if (!contraction || !result.tiledAndFusedOps.contains(contraction) ||
          contraction->getNumResults() != 1 || !contraction->hasOneUse() ||
          epilogue.getMatchingIndexingMap(input) !=
              epilogue.getMatchingIndexingMap(init))
        continue;
      OpOperand *start = contraction.getDpsInitOperand(0);
      auto fill = start->get().getDefiningOp<linalg::FillOp>();
      if (fill && fill->hasOneUse())
        start = fill.getDpsInitOperand(0);
      if (start->get().getType() != init->get().getType() ||
          !definedBefore(slice, start->getOwner()))
        break;
      // A copy of the output tile's slice where the chain starts.
      rewriter.setInsertionPoint(start->getOwner());
      Operation *copy = rewriter.clone(*slice);
      rewriter.modifyOpInPlace(start->getOwner(),
                               [&] { start->set(copy->getResult(0)); });
      rewriter.modifyOpInPlace(epilogue, [&] { init->set(input->get()); });
      break;
    }
  }
}

// Whether every |slice| of |pad|'s shape overlaps the pad's source: each
// static slice size exceeds the static padding on both sides of its dim.
static bool slicesOverlapSource(tensor::PadOp pad,
                                tensor::ExtractSliceOp slice) {
  if (slice.getType().getRank() != pad.getResultType().getRank() ||
      !slice.hasUnitStride())
    return false;
  for (auto [size, low, high] : llvm::zip(
           slice.getStaticSizes(), pad.getStaticLow(), pad.getStaticHigh()))
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(low) ||
        ShapedType::isDynamic(high) || size <= low || size <= high)
      return false;
  return true;
}

// |pad| (its padding a constant) as a buffer of |type| whose border alone is
// filled, one slab before and after the source in each padded dim, and the
// source inserted in between: the source's part is written once, by the
// copy, not filled first.
static Value padBorders(RewriterBase &rewriter, tensor::PadOp pad,
                        RankedTensorType type) {
  Location loc = pad.getLoc();
  Value value = pad.getConstantPaddingValue();
  SmallVector<OpFoldResult> low = pad.getMixedLowPad(),
                            high = pad.getMixedHighPad(),
                            sizes = tensor::getMixedSizes(rewriter, loc,
                                                          pad.getSource());
  Value result =
      rewriter.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  SmallVector<OpFoldResult> full = tensor::getMixedSizes(rewriter, loc, result),
                            ones(type.getRank(), rewriter.getIndexAttr(1));
  auto fillSlab = [&](SmallVector<OpFoldResult> offsets,
                      SmallVector<OpFoldResult> extent) {
    Value slab = rewriter.create<tensor::ExtractSliceOp>(loc, result, offsets,
                                                         extent, ones);
    Value filled =
        rewriter.create<linalg::FillOp>(loc, value, slab).getResult(0);
    result = rewriter.create<tensor::InsertSliceOp>(loc, filled, result,
                                                    offsets, extent, ones);
  };
  // Slabs of dim d span the source's extent in the dims before d and all of
  // the result in the dims after it.
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (isConstantIntValue(low[d], 0) && isConstantIntValue(high[d], 0))
      continue;
    SmallVector<OpFoldResult> offsets(low.begin(), low.begin() + d),
        extent(sizes.begin(), sizes.begin() + d);
    offsets.append(type.getRank() - d, rewriter.getIndexAttr(0));
    extent.append(full.begin() + d, full.end());
    extent[d] = low[d];
    fillSlab(offsets, extent);
    AffineExpr s0, s1;
    bindSymbols(rewriter.getContext(), s0, s1);
    offsets[d] = affine::makeComposedFoldedAffineApply(rewriter, loc, s0 + s1,
                                                       {low[d], sizes[d]});
    extent[d] = high[d];
    fillSlab(offsets, extent);
  }
  return rewriter.create<tensor::InsertSliceOp>(loc, pad.getSource(), result,
                                                low, sizes, ones);
}

// Moves the padding of a tiled contraction's inputs into the tile loop: each
// tile pads only the input rows it reads, in a tile-sized buffer that stays
// in cache, instead of the whole padded input being filled and copied once
// in front of the loop; only the tile's border is filled.
static void padInputTiles(RewriterBase &rewriter, Operation *contraction) {
  for (OpOperand &operand : contraction->getOpOperands()) {
    auto slice = operand.get().getDefiningOp<tensor::ExtractSliceOp>();
    auto pad = slice ? slice.getSource().getDefiningOp<tensor::PadOp>()
                     : tensor::PadOp();
    if (!pad || !slicesOverlapSource(pad, slice))
      continue;
    rewriter.setInsertionPoint(slice);
    FailureOr<TilingResult> tile = tensor::bubbleUpPadSlice(
        rewriter, pad, slice.getMixedOffsets(), slice.getMixedSizes(),
        /*generateZeroSliceGuard=*/false);
    if (failed(tile))
      continue;
    Value padded = tile->tiledValues.front();
    auto cast = padded.getDefiningOp<tensor::CastOp>();
    auto tiledPad = (cast ? cast.getSource() : padded)
                        .getDefiningOp<tensor::PadOp>();
    if (tiledPad && tiledPad.getConstantPaddingValue()) {
      padded = padBorders(rewriter, tiledPad, slice.getType());
      if (cast)
        rewriter.eraseOp(cast);
      rewriter.eraseOp(tiledPad);
    }
    if (padded.getType() != slice.getType())
      padded = rewriter.create<tensor::CastOp>(slice.getLoc(), slice.getType(),
                                               padded);
    rewriter.replaceOp(slice, padded);
  }
}

LogicalResult mlir::mlc::fuseContractionIntoEpilogue(RewriterBase &rewriter,
                                                     linalg::GenericOp epilogue,
                                                     int64_t rowTile,
                                                     int64_t colTile,
                                                     int64_t tileElements,
                                                     bool parallelLoops) {
  SmallVector<int64_t> ranges = epilogue.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(ranges))
    return failure();
  // Static tiles (divisors) keep the tile buffer's size fixed, so it is
  // allocated once outside the loops.
  size_t rank = ranges.size();
  SmallVector<OpFoldResult> tiles(rank, rewriter.getIndexAttr(1));
  int64_t cols = largestDivisor(ranges[rank - 1], colTile);
  int64_t rows = std::max(rowTile, tileElements / cols);
  tiles[rank - 2] = rewriter.getIndexAttr(largestDivisor(ranges[rank - 2], rows));
  tiles[rank - 1] = rewriter.getIndexAttr(cols);

  // Only the contraction and its fill move into the loops: other producers
  // (another convolution, a pooling) would be recomputed for every tile.
  Operation *contraction = getFusableContraction(epilogue);
  scf::SCFTileAndFuseOptions options;
  options.tilingOptions.setTileSizes(tiles);
  if (parallelLoops)
    options.tilingOptions.setLoopType(
        scf::SCFTilingOptions::LoopType::ForallOp);
  options.setFusionControlFn(
      [contraction](tensor::ExtractSliceOp, OpResult producer, bool) {
        Operation *owner = producer.getOwner();
        return std::make_tuple(
            owner == contraction || isa<linalg::FillOp>(owner), false);
      });
  rewriter.setInsertionPoint(epilogue);
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(epilogue.getOperation()), options);
  if (failed(result))
    return failure();
  if (parallelLoops)
    computeInPlace(rewriter, *result);
  for (Operation *op : result->tiledAndFusedOps)
    if (auto tiled = dyn_cast<linalg::LinalgOp>(op);
        tiled && tiled.getNumReductionLoops() > 0)
      padInputTiles(rewriter, op);
  for (OpResult res : epilogue->getResults())
    rewriter.replaceAllUsesWith(res, result->replacements.lookup(res));
  return success();
}

namespace {
struct FuseContractionEpiloguePass
    : mlc::impl::FuseContractionEpiloguePassBase<FuseContractionEpiloguePass> {
  using FuseContractionEpiloguePassBase::FuseContractionEpiloguePassBase;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> epilogues;
    getOperation().walk([&](linalg::GenericOp op) {
      if (getFusableContraction(op))
        epilogues.push_back(op);
    });
    // Fusion is an optimization: an epilogue that cannot be tiled (dynamic
    // shapes) stays as it is.
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : epilogues)
      (void)fuseContractionIntoEpilogue(rewriter, op, rowTile, colTile,
                                        tileElements, parallelLoops);
  }
};
} // namespace

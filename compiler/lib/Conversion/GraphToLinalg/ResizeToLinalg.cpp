// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// resize -> a linalg.generic over the output that gathers from the input.
// Shapes are static, so the source index (and linear weight) of every output
// coordinate along every resized dim is computed at compile time into small
// constant tables.

#include "mlc/Conversion/GraphToLinalg/GraphToLinalg.h"
#include "mlc/Dialect/Graph/IR/GraphOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::graph;

namespace {

// Source neighbors and the weight of the upper one, per output coordinate.
struct AxisTable {
  int64_t dim;
  SmallVector<int64_t> lo, hi;
  SmallVector<float> weight;
};

// Input coordinate of output coordinate |x| (ONNX Resize).
float sourceCoordinate(StringRef mode, int64_t x, float scale, int64_t in,
                       int64_t out) {
  float xf = static_cast<float>(x);
  if (mode == "asymmetric")
    return xf / scale;
  if (mode == "align_corners")
    return out == 1 ? 0.0f : xf * (in - 1) / static_cast<float>(out - 1);
  if (mode == "pytorch_half_pixel" && out == 1)
    return 0.0f;
  if (mode == "half_pixel_symmetric") {
    float adjustment = out / (scale * in);
    float offset = in / 2.0f * (1.0f - adjustment);
    return offset + (xf + 0.5f) / scale - 0.5f;
  }
  return (xf + 0.5f) / scale - 0.5f; // half_pixel, pytorch_half_pixel
}

int64_t nearestIndex(StringRef mode, float x, int64_t in) {
  float floor = std::floor(x);
  bool half = x - floor == 0.5f;
  float r;
  if (mode == "floor")
    r = floor;
  else if (mode == "ceil")
    r = std::ceil(x);
  else if (half)
    r = mode == "round_prefer_ceil" ? floor + 1.0f : floor;
  else
    r = std::round(x);
  return std::clamp<int64_t>(static_cast<int64_t>(r), 0, in - 1);
}

std::optional<AxisTable> buildTable(ResizeOp op, int64_t d) {
  int64_t in = op.getInput().getType().getDimSize(d);
  int64_t out = op.getType().getDimSize(d);
  float scale = op.getScales()[d];
  if (in == out && scale == 1.0f)
    return std::nullopt;
  AxisTable t{d, {}, {}, {}};
  bool linear = op.getMode() == "linear";
  for (int64_t x = 0; x < out; ++x) {
    float c = sourceCoordinate(op.getCoordinateMode(), x, scale, in, out);
    if (!linear) {
      t.lo.push_back(nearestIndex(op.getNearestMode(), c, in));
      t.hi.push_back(t.lo.back());
      t.weight.push_back(0.0f);
      continue;
    }
    c = std::clamp(c, 0.0f, static_cast<float>(in - 1));
    int64_t lo = static_cast<int64_t>(std::floor(c));
    t.lo.push_back(lo);
    t.hi.push_back(std::min(lo + 1, in - 1));
    t.weight.push_back(c - lo);
  }
  return t;
}

Value indexTable(OpBuilder &b, Location loc, ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getIndexType());
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, values));
}

// Input element at |coords| with the resized |dims| replaced by |sources|.
Value gather(OpBuilder &b, Location l, Value input, ArrayRef<Value> coords,
             ArrayRef<int64_t> dims, ArrayRef<Value> sources) {
  SmallVector<Value> at(coords);
  for (auto [d, src] : llvm::zip(dims, sources))
    at[d] = src;
  return b.create<tensor::ExtractOp>(l, input, at);
}

// Sum over the 2^k corners of the neighbors, weighted per dim by w or 1-w.
Value interpolate(OpBuilder &b, Location l, Value input, ArrayRef<Value> coords,
                  ArrayRef<int64_t> dims, ArrayRef<Value> los,
                  ArrayRef<Value> his, ArrayRef<Value> ws) {
  Value one = b.create<arith::ConstantOp>(l, b.getF32FloatAttr(1.0f));
  Value sum;
  for (unsigned mask = 0; mask < (1u << los.size()); ++mask) {
    SmallVector<Value> corner;
    Value w = one;
    for (unsigned j = 0; j < los.size(); ++j) {
      bool upper = mask & (1u << j);
      corner.push_back(upper ? his[j] : los[j]);
      Value f = upper ? ws[j] : b.create<arith::SubFOp>(l, one, ws[j]);
      w = b.create<arith::MulFOp>(l, w, f);
    }
    Value term = b.create<arith::MulFOp>(
        l, w, gather(b, l, input, coords, dims, corner));
    sum = sum ? b.create<arith::AddFOp>(l, sum, term).getResult() : term;
  }
  return sum;
}

struct ResizeToLinalg : OpRewritePattern<ResizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ResizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    int64_t rank = type.getRank();
    SmallVector<AxisTable> tables;
    for (int64_t d = 0; d < rank; ++d)
      if (std::optional<AxisTable> t = buildTable(op, d))
        tables.push_back(std::move(*t));
    if (tables.size() > 4)
      return rewriter.notifyMatchFailure(op, "more than 4 resized dims");
    // Tables are created outside the generic's body.
    SmallVector<Value> lo, hi, weight;
    SmallVector<int64_t> dims;
    for (const AxisTable &t : tables) {
      dims.push_back(t.dim);
      lo.push_back(indexTable(rewriter, loc, t.lo));
      hi.push_back(indexTable(rewriter, loc, t.hi));
      auto wType = RankedTensorType::get({(int64_t)t.weight.size()},
                                         rewriter.getF32Type());
      weight.push_back(rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(wType, ArrayRef<float>(t.weight))));
    }
    bool linear = op.getMode() == "linear";
    Value input = op.getInput();
    auto body = [&](OpBuilder &b, Location l, ValueRange) {
      SmallVector<Value> coords, los, his, ws;
      for (int64_t d = 0; d < rank; ++d)
        coords.push_back(b.create<linalg::IndexOp>(l, d));
      for (auto [i, t] : llvm::enumerate(tables)) {
        Value x = coords[t.dim];
        los.push_back(b.create<tensor::ExtractOp>(l, lo[i], x));
        his.push_back(b.create<tensor::ExtractOp>(l, hi[i], x));
        ws.push_back(b.create<tensor::ExtractOp>(l, weight[i], x));
      }
      b.create<linalg::YieldOp>(
          l, linear ? interpolate(b, l, input, coords, dims, los, his, ws)
                    : gather(b, l, input, coords, dims, los));
    };
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, ValueRange{}, lowering::createEmpty(rewriter, loc, type),
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank)}, iterators,
        body);
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }

};

} // namespace

void mlir::mlc::populateResizeToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<ResizeToLinalg>(patterns.getContext());
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Packs weight operands of the matmul microkernel at compile time into the
// panel layout its tile reads (ukernels/matmul_f32.c), so no run packs or
// transposes them again.

#include "mlc/Target/CPU/Passes.h"

#include "mlc/Dialect/Graph/Transforms/Passes.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <algorithm>
#include <cstring>

namespace mlir::mlc {
#define GEN_PASS_DEF_PACKMATMULWEIGHTSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

static constexpr llvm::StringLiteral kMatmul = "mlc_uk_matmul_f32";
// Its convolution form, whose A (the filter) is a matmul operand too.
static constexpr llvm::StringLiteral kConv = "mlc_uk_conv2d_f32";
// Panel widths of packed A and B (PA and PB in matmul_f32.c).
static constexpr int64_t kPanelA = 12, kPanelB = 32;
// The points of F(4x4, 3x3)'s 6x6 transform (ukernels/winograd_f32.c).
static constexpr int64_t kWinogradPoints = 36;
// Winograd convolutions need at least this many 4x4 output tiles (fewer make
// its matrix products too narrow to gain), and at most this many floats of
// scratch per row of tiles (STACK_FLOATS in winograd_f32.c).
static constexpr int64_t kWinogradMinTiles = 16;
static constexpr int64_t kWinogradStackFloats = 72 * 1024;

namespace {
// How the kernel reads a weight stored as a row-major rows x cols matrix:
// as A (panels of rows) or as B (panels of columns, or of rows when B is the
// weight transposed).
// A 3x3 filter of a Winograd convolution (rows filters x cols = C * 9) is
// packed as the 36 A operands of its products, [36 * panels][C][width].
struct Packing {
  unsigned operand = 0;
  bool panelsOfRows = true;
  int64_t rows = 0, cols = 0;
  bool winograd = false;

  int64_t width() const { return operand == 0 ? kPanelA : kPanelB; }
  int64_t steps() const {
    return winograd ? cols / 9 : panelsOfRows ? cols : rows;
  }
  int64_t panelsPerMatrix() const {
    return ((panelsOfRows ? rows : cols) + width() - 1) / width();
  }
  int64_t panels() const {
    return panelsPerMatrix() * (winograd ? kWinogradPoints : 1);
  }
  bool operator==(const Packing &o) const {
    return operand == o.operand && panelsOfRows == o.panelsOfRows &&
           rows == o.rows && cols == o.cols && winograd == o.winograd;
  }
};

// One use of a weight: the view ops from the argument to the call.
struct WeightUse {
  SmallVector<Operation *> views;
  func::CallOp call;
  Packing packing;
};

// The static type of the view cast to the call's operand |i|.
MemRefType staticOperandType(func::CallOp call, unsigned i) {
  auto cast = call.getOperand(i).getDefiningOp<memref::CastOp>();
  auto type = cast ? dyn_cast<MemRefType>(cast.getSource().getType()) : nullptr;
  return type && type.hasStaticShape() ? type : MemRefType();
}

// Whether the convolution kernel's |call| (filter, input and C views, six
// output scalars, then the window: kh, kw, ow, sh, sw, dh, dw) is a 3x3
// stride-1 convolution the Winograd kernel computes, and gains on.
bool isWinogradConvolution(func::CallOp call) {
  constexpr unsigned kWindow = 9;
  SmallVector<int64_t, 7> w;
  for (unsigned i = kWindow; i < kWindow + 7 && i < call.getNumOperands(); ++i)
    if (std::optional<int64_t> v = getConstantIntValue(call.getOperand(i)))
      w.push_back(*v);
  MemRefType x = staticOperandType(call, 1), c = staticOperandType(call, 2);
  if (w.size() != 7 || w != ArrayRef<int64_t>{3, 3, w[2], 1, 1, 1, 1} ||
      w[2] <= 0 || !x || !c || x.getRank() != 4 || c.getRank() != 2)
    return false;
  int64_t ow = w[2], oh = c.getDimSize(1) / ow;
  int64_t tilesX = (ow + 3) / 4, tiles = (oh + 3) / 4 * tilesX;
  int64_t rowFloats =
      kWinogradPoints * (x.getDimSize(1) + c.getDimSize(0)) * tilesX;
  return tiles >= kWinogradMinTiles && rowFloats <= kWinogradStackFloats;
}

bool isRowMajor(MemRefType t) {
  return t.getLayout().isIdentity() && t.hasStaticShape() && t.getRank() == 2;
}

// The chain arg -> [collapse_shape] -> [transpose] -> cast -> call operand
// of the matmul microkernel starting at |user|, or failure.
FailureOr<WeightUse> matchUse(Operation *user) {
  WeightUse use;
  Operation *op = user;
  bool transposed = false;
  MemRefType matrix;
  if (auto collapse = dyn_cast<memref::CollapseShapeOp>(op)) {
    matrix = collapse.getResultType();
    use.views.push_back(op);
    if (!collapse->hasOneUse())
      return failure();
    op = *collapse->user_begin();
  } else {
    matrix = cast<MemRefType>(user->getOperand(0).getType());
  }
  if (!isRowMajor(matrix))
    return failure();
  if (auto transpose = dyn_cast<memref::TransposeOp>(op)) {
    AffineMap perm = transpose.getPermutation();
    if (perm.isIdentity() || !transpose->hasOneUse())
      return failure();
    transposed = true;
    use.views.push_back(op);
    op = *transpose->user_begin();
  }
  auto cast = dyn_cast<memref::CastOp>(op);
  if (!cast || !cast->hasOneUse())
    return failure();
  use.views.push_back(cast);
  use.call = dyn_cast<func::CallOp>(*cast->user_begin());
  if (!use.call ||
      (use.call.getCallee() != kMatmul && use.call.getCallee() != kConv))
    return failure();
  unsigned operand = cast->use_begin()->getOperandNumber();
  // A transposed A is not a layout the rewrite produces; leave it alone.
  if (operand > 1 || (operand == 0 && transposed) ||
      (operand == 1 && use.call.getCallee() == kConv))
    return failure();
  use.packing = {operand, operand == 0 || transposed, matrix.getDimSize(0),
                 matrix.getDimSize(1),
                 use.call.getCallee() == kConv && matrix.getDimSize(1) % 9 == 0 &&
                     isWinogradConvolution(use.call)};
  return use;
}

// Every use of |arg| as a microkernel operand with one shared packing, or
// failure.
FailureOr<SmallVector<WeightUse>> matchUses(BlockArgument arg) {
  auto type = dyn_cast<MemRefType>(arg.getType());
  if (!type || !type.getElementType().isF32() || arg.use_empty())
    return failure();
  SmallVector<WeightUse> uses;
  for (Operation *user : arg.getUsers()) {
    FailureOr<WeightUse> use = matchUse(user);
    if (failed(use) || (!uses.empty() && !(use->packing == uses[0].packing)))
      return failure();
    uses.push_back(std::move(*use));
  }
  return uses;
}

float floatAt(ArrayRef<char> bytes, int64_t i) {
  float v;
  std::memcpy(&v, bytes.data() + i * sizeof(float), sizeof(float));
  return v;
}

// The filter |in| (F x C x 3 x 3) transformed to U[xi][f][c] = (G g G^T)[xi]
// and packed as A for each point xi: [36][panels][C][width], zero-padded.
void packWinograd(ArrayRef<char> in, const Packing &p,
                  MutableArrayRef<char> out) {
  static constexpr double g[6][3] = {{1.0 / 4, 0, 0},
                                     {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                                     {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                     {1.0 / 24, 1.0 / 12, 1.0 / 6},
                                     {1.0 / 24, -1.0 / 12, 1.0 / 6},
                                     {0, 0, 1}};
  int64_t channels = p.steps(), width = p.width(), panels = p.panelsPerMatrix();
  for (int64_t f = 0; f < p.rows; ++f)
    for (int64_t c = 0; c < channels; ++c) {
      double gg[6][3] = {};  // G g
      for (int r = 0; r < 6; ++r)
        for (int k = 0; k < 3; ++k)
          for (int i = 0; i < 3; ++i)
            gg[r][k] += g[r][i] * floatAt(in, f * p.cols + c * 9 + i * 3 + k);
      for (int r = 0; r < 6; ++r)
        for (int q = 0; q < 6; ++q) {
          double u = 0;
          for (int k = 0; k < 3; ++k)
            u += gg[r][k] * g[q][k];
          auto value = static_cast<float>(u);
          int64_t to = (((r * 6 + q) * panels + f / width) * channels + c) *
                           width + f % width;
          std::memcpy(out.data() + to * sizeof(float), &value, sizeof(float));
        }
    }
}

// |in| (rows x cols f32) into |out| as [panels][steps][width], zero-padded.
void pack(ArrayRef<char> in, const Packing &p, MutableArrayRef<char> out) {
  std::fill(out.begin(), out.end(), 0);
  if (p.winograd)
    return packWinograd(in, p, out);
  int64_t width = p.width(), steps = p.steps();
  int64_t lines = p.panelsOfRows ? p.rows : p.cols;
  for (int64_t i = 0; i < lines; ++i)
    for (int64_t k = 0; k < steps; ++k) {
      int64_t from = p.panelsOfRows ? i * p.cols + k : k * p.cols + i;
      int64_t to = (i / width * steps + k) * width + i % width;
      std::memcpy(out.data() + to * sizeof(float),
                  in.data() + from * sizeof(float), sizeof(float));
    }
}

struct PackMatmulWeightsPass
    : mlc::impl::PackMatmulWeightsPassBase<PackMatmulWeightsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto model = module.lookupSymbol<func::FuncOp>(kModelFunctionName);
    if (!model || model.isExternal())
      return;
    auto numInputs = model->getAttrOfType<IntegerAttr>(graph::kNumInputsAttr);
    auto weights = model->getAttrOfType<ArrayAttr>(graph::kWeightsAttr);
    auto dims = module->getAttrOfType<ArrayAttr>(kEntryDimsAttr);
    if (!numInputs || !weights || !dims)
      return;
    SmallVector<Attribute> names(weights.begin(), weights.end());
    SmallVector<Attribute> entryDims(dims.begin(), dims.end());
    for (auto [i, name] : llvm::enumerate(names)) {
      unsigned index = numInputs.getInt() + i;
      if (index >= model.getNumArguments() || index >= entryDims.size())
        break;
      FailureOr<SmallVector<WeightUse>> uses =
          matchUses(model.getArgument(index));
      if (failed(uses))
        continue;
      const Packing &packing = (*uses)[0].packing;
      std::optional<StringAttr> packed =
          packBlob(cast<StringAttr>(name), packing);
      if (!packed)
        continue;
      rewrite(model, index, *uses);
      name = *packed;
      entryDims[index] = DenseI64ArrayAttr::get(
          &getContext(), {packing.panels(), packing.steps(), packing.width()});
    }
    module->setAttr(kEntryDimsAttr, ArrayAttr::get(&getContext(), entryDims));
    module->setAttr(graph::kWeightsAttr, ArrayAttr::get(&getContext(), names));
  }

  // The packed copy of weight |name| as a new resource, or none when its
  // data is not that of a rows x cols f32 matrix.
  std::optional<StringAttr> packBlob(StringAttr name, const Packing &packing) {
    auto &manager =
        DenseResourceElementsHandle::getManagerInterface(&getContext());
    auto *entry = manager.getBlobManager().lookup(name.getValue());
    if (!entry || !entry->getBlob())
      return std::nullopt;
    ArrayRef<char> bytes = entry->getBlob()->getData();
    if (static_cast<int64_t>(bytes.size()) !=
        packing.rows * packing.cols * static_cast<int64_t>(sizeof(float)))
      return std::nullopt;
    AsmResourceBlob blob = HeapAsmResourceBlob::allocate(
        packing.panels() * packing.steps() * packing.width() * sizeof(float),
        alignof(float));
    pack(bytes, packing, blob.getMutableData());
    auto handle =
        manager.insert((name.getValue() + ".packed").str(), std::move(blob));
    return StringAttr::get(&getContext(), handle.getKey());
  }

  // Gives argument |index| its packed type and calls the packed-operand
  // microkernel for each use.
  void rewrite(func::FuncOp model, unsigned index,
               ArrayRef<WeightUse> uses) {
    const Packing &p = uses[0].packing;
    auto type = MemRefType::get({p.panels(), p.steps(), p.width()},
                                Float32Type::get(&getContext()));
    BlockArgument arg = model.getArgument(index);
    arg.setType(type);
    SmallVector<Type> inputs(model.front().getArgumentTypes());
    model.setType(FunctionType::get(&getContext(), inputs,
                                    model.getResultTypes()));
    MemRefType view = ukernelViewType(&getContext(), 3);
    for (const WeightUse &use : uses) {
      func::CallOp call = use.call;
      func::FuncOp callee = declarePacked(model, call, p);
      OpBuilder b(call);
      SmallVector<Value> operands(call.getOperands());
      operands[p.operand] = b.create<memref::CastOp>(call.getLoc(), view, arg);
      b.create<func::CallOp>(call.getLoc(), callee, operands);
      call->erase();
      for (Operation *op : llvm::reverse(use.views))
        op->erase();
    }
  }

  // @mlc_uk_matmul_f32_pa (_pb), @mlc_uk_conv2d_f32_pa (_wg: Winograd):
  // the kernel |call| calls with operand |operand| packed, a 3-D view.
  static func::FuncOp declarePacked(func::FuncOp model, func::CallOp call,
                                    const Packing &p) {
    auto module = model->getParentOfType<ModuleOp>();
    unsigned operand = p.operand;
    std::string name =
        (call.getCallee() + (p.winograd ? "_wg" : operand == 0 ? "_pa" : "_pb"))
            .str();
    if (auto f = module.lookupSymbol<func::FuncOp>(name))
      return f;
    SmallVector<Type> types(call.getOperandTypes());
    types[operand] = ukernelViewType(model.getContext(), 3);
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto f = b.create<func::FuncOp>(module.getLoc(), name,
                                    b.getFunctionType(types, {}));
    f.setPrivate();
    return f;
  }
};
} // namespace

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// linalg.generic on static memrefs as a CUDA kernel: thread t of the grid
// computes point t of the parallel loops (the last parallel dim varies
// fastest, so neighbouring threads touch neighbouring elements of row-major
// outputs) and runs the reduction loops itself, accumulating in registers.

#include "CudaEmitter.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::cuda;

static constexpr unsigned kThreadsPerBlock = 256;
// Reductions over at least this many points get a block per output point.
static constexpr int64_t kCooperativeMinPoints = 128;

Value cuda::rootBuffer(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

std::string cuda::paramList(ArrayRef<Value> params, ArrayRef<Value> written) {
  std::string text = "(";
  for (auto [i, param] : llvm::enumerate(params)) {
    Value root = rootBuffer(param);
    bool aliased = llvm::any_of(params, [&](Value other) {
      return other != param && rootBuffer(other) == root;
    });
    Type element = cast<MemRefType>(param.getType()).getElementType();
    text += llvm::formatv("{0}{1}{2}* {3}p{4}", i ? ", " : "",
                          llvm::is_contained(written, param) ? "" : "const ",
                          cTypeOf(element), aliased ? "" : "__restrict__ ", i)
                .str();
  }
  return text + ")";
}

namespace {
// Static strides of a memref operand, or failure with an error on |op|.
FailureOr<SmallVector<int64_t>> staticStrides(Operation *op, Value memref) {
  auto type = dyn_cast<MemRefType>(memref.getType());
  SmallVector<int64_t> strides;
  int64_t offset = 0;
  if (!type || !type.hasStaticShape() ||
      failed(getStridesAndOffset(type, strides, offset)) ||
      llvm::is_contained(strides, ShapedType::kDynamic) ||
      ShapedType::isDynamic(offset) || cTypeOf(type.getElementType()).empty())
    return op->emitError("the CUDA target needs static shapes and layouts of "
                         "a supported element type, got ")
           << memref.getType(), failure();
  return strides;
}

// Index arithmetic of a kernel: 32-bit when every index and element offset
// fits (64-bit division and remainder are slow on GPUs), else 64-bit.
struct IndexStyle {
  bool narrow = true;
  const char *type() const { return narrow ? "int" : "long long"; }
  std::string lit(int64_t v) const {
    return std::to_string(v) + (narrow ? "" : "LL");
  }
};

std::string affineToC(AffineExpr e, const IndexStyle &style) {
  if (auto d = dyn_cast<AffineDimExpr>(e))
    return "d" + std::to_string(d.getPosition());
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return style.lit(c.getValue());
  auto bin = cast<AffineBinaryOpExpr>(e);
  std::string l = affineToC(bin.getLHS(), style),
              r = affineToC(bin.getRHS(), style);
  switch (e.getKind()) {
  case AffineExprKind::Add: return "(" + l + " + " + r + ")";
  case AffineExprKind::Mul: return "(" + l + " * " + r + ")";
  case AffineExprKind::Mod: return "mlc_mod(" + l + ", " + r + ")";
  case AffineExprKind::FloorDiv: return "mlc_floordiv(" + l + ", " + r + ")";
  default: return "mlc_ceildiv(" + l + ", " + r + ")";
  }
}

// Element offset of the point |map| gives in a buffer with |strides|.
std::string elementOffset(AffineMap map, ArrayRef<int64_t> strides,
                          const IndexStyle &style) {
  std::string sum;
  for (auto [expr, stride] : llvm::zip(map.getResults(), strides)) {
    auto c = dyn_cast<AffineConstantExpr>(expr);
    if (stride == 0 || (c && c.getValue() == 0))
      continue;
    std::string term = affineToC(expr, style);
    if (stride != 1)
      term += " * " + style.lit(stride);
    sum += (sum.empty() ? "" : " + ") + term;
  }
  return sum.empty() ? "0" : sum;
}

// Whether every element offset of |memref| (static strides) fits in int.
bool offsetsFitInt(Value memref, ArrayRef<int64_t> strides) {
  int64_t last = 0;
  for (auto [size, stride] :
       llvm::zip(cast<MemRefType>(memref.getType()).getShape(), strides))
    last += (size - 1) * std::abs(stride);
  return last < INT32_MAX;
}

class GenericEmitter {
public:
  GenericEmitter(linalg::GenericOp op, const InitValues &init)
      : op(op), init(init), body(text), scalars(body, "  ") {}
  FailureOr<KernelText> emit();
  FailureOr<InlineText> emitInline(OpOperand &source, llvm::StringRef value,
                                   llvm::StringRef linear,
                                   llvm::StringRef indent, unsigned firstParam);

private:
  LogicalResult collectParams();
  LogicalResult checkOutputs();
  LogicalResult emitBody(Block &block, const std::string &indent);
  void emitThreadIndex();
  void emitDecomposition(llvm::StringRef var, ArrayRef<unsigned> dims,
                         llvm::StringRef indent);
  std::optional<Combiner> cooperativeCombiner();
  FailureOr<KernelText> emitCooperative(const Combiner &c);
  KernelText finish(unsigned threads, uint32_t blocks);
  // Whether |input| is read, inside the reduction loops or outside them.
  bool needed(OpOperand *input, bool inLoops) {
    return usesReductionDim(op.getMatchingIndexingMap(input)) == inLoops &&
           !op.getMatchingBlockArgument(input).use_empty();
  }
  void chooseIndexStyle();
  LogicalResult loadInput(OpOperand &operand);
  void declareAccumulators();
  std::string offsetOf(OpOperand &operand) {
    return elementOffset(op.getMatchingIndexingMap(&operand),
                         strides[operand.get()], style);
  }
  std::string param(Value v) const {
    return "p" + std::to_string(paramBase + (llvm::find(params, v) -
                                             params.begin()));
  }
  int64_t reductionPoints() const {
    int64_t points = 1;
    for (unsigned d : reductionDims)
      points *= ranges[d];
    return points;
  }
  int64_t parallelPoints() const {
    int64_t points = 1;
    for (unsigned d : parallelDims)
      points *= ranges[d];
    return points;
  }
  bool usesReductionDim(AffineMap map) const {
    return llvm::any_of(reductionDims, [&](unsigned d) {
      return map.isFunctionOfDim(d);
    });
  }

  linalg::GenericOp op;
  const InitValues &init;
  IndexStyle style;
  unsigned paramBase = 0;
  std::string text;
  llvm::raw_string_ostream body;
  ScalarEmitter scalars;
  llvm::SetVector<Value> params;
  llvm::DenseMap<Value, SmallVector<int64_t>> strides;
  SmallVector<int64_t> ranges;
  SmallVector<unsigned> parallelDims, reductionDims;
  SmallVector<std::string> accumulators;
};
} // namespace

LogicalResult GenericEmitter::collectParams() {
  if (!op.hasPureBufferSemantics())
    return op.emitError("the CUDA target needs bufferized linalg ops");
  auto add = [&](Value v) -> LogicalResult {
    FailureOr<SmallVector<int64_t>> s = staticStrides(op, v);
    if (failed(s))
      return failure();
    strides[v] = *s;
    params.insert(v);
    return success();
  };
  for (OpOperand &operand : op->getOpOperands())
    if (isa<MemRefType>(operand.get().getType()) && failed(add(operand.get())))
      return failure();
  WalkResult walk = op.getRegion().walk([&](memref::LoadOp load) {
    return failed(add(load.getMemRef())) ? WalkResult::interrupt()
                                         : WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

// Each output element must belong to one thread: the output's indexing map
// is a permutation of the parallel dims.
LogicalResult GenericEmitter::checkOutputs() {
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (!map.isProjectedPermutation() || usesReductionDim(map) ||
        map.getNumResults() != parallelDims.size())
      return op.emitError("the CUDA target needs each output of a kernel "
                          "indexed by all its parallel loops, got ")
             << AffineMapAttr::get(map);
  }
  return success();
}

void GenericEmitter::chooseIndexStyle() {
  int64_t largest = std::max(parallelPoints(), reductionPoints()) +
                    kThreadsPerBlock;
  style.narrow = largest < INT32_MAX &&
                 llvm::all_of(params, [&](Value v) {
                   return offsetsFitInt(v, strides[v]);
                 });
}

// Declares |dims| as |var| split by their ranges, the last dim fastest; the
// outermost is what remains of |var|.
void GenericEmitter::emitDecomposition(llvm::StringRef var,
                                       ArrayRef<unsigned> dims,
                                       llvm::StringRef indent) {
  for (unsigned d : llvm::reverse(dims)) {
    body << indent << "const " << style.type() << " d" << d << " = ";
    if (ranges[d] == 1)
      body << "0;\n";
    else if (d == dims.front())
      body << var << ";\n";
    else
      body << var << " % " << style.lit(ranges[d]) << "; " << var
           << " /= " << style.lit(ranges[d]) << ";\n";
  }
}

void GenericEmitter::emitThreadIndex() {
  body << "  " << style.type() << " t = blockIdx.x * " << kThreadsPerBlock
       << " + threadIdx.x;\n  if (t >= " << style.lit(parallelPoints())
       << ") return;\n";
  emitDecomposition("t", parallelDims, "  ");
}

// The combiner of a reduction the threads of a block can share: one output
// whose block argument feeds only an associative op that the body yields,
// over enough points to keep a block busy.
std::optional<Combiner> GenericEmitter::cooperativeCombiner() {
  if (reductionDims.empty() || op.getNumDpsInits() != 1 ||
      reductionPoints() < kCooperativeMinPoints)
    return std::nullopt;
  BlockArgument acc = op.getMatchingBlockArgument(op.getDpsInitOperand(0));
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  Operation *combine = yield.getValues()[0].getDefiningOp();
  if (!combine || !acc.hasOneUse() || !combine->hasOneUse() ||
      acc.getUses().begin()->getOwner() != combine)
    return std::nullopt;
  return combinerOf(combine);
}

// A block per parallel point: its threads stride over the reduction space
// (neighbouring threads read neighbouring elements when the innermost
// reduction dim is contiguous), then combine their partial results through
// shared memory in a tree.
FailureOr<KernelText> GenericEmitter::emitCooperative(const Combiner &c) {
  unsigned threads = 32;
  while (threads < kThreadsPerBlock && threads < reductionPoints())
    threads *= 2;
  OpOperand &out = op.getDpsInitsMutable()[0];
  std::string type = cTypeOf(op.getMatchingBlockArgument(&out).getType());
  body << "  __shared__ " << type << " mlc_red[" << threads << "];\n  "
       << style.type() << " t = blockIdx.x;\n";
  emitDecomposition("t", parallelDims, "  ");
  for (OpOperand *input : op.getDpsInputOperands())
    if (needed(input, false) && failed(loadInput(*input)))
      return failure();
  body << "  " << type << " a0 = " << c.identity << ";\n";
  scalars.bind(op.getMatchingBlockArgument(&out), "a0");
  accumulators = {"a0"};
  body << "  for (" << style.type() << " r = threadIdx.x; r < "
       << style.lit(reductionPoints()) << "; r += " << threads << ") {\n    "
       << style.type() << " q = r;\n";
  emitDecomposition("q", reductionDims, "    ");
  scalars.setIndent("    ");
  for (OpOperand *input : op.getDpsInputOperands())
    if (needed(input, true) && failed(loadInput(*input)))
      return failure();
  if (failed(emitBody(op.getRegion().front(), "    ")))
    return failure();
  std::string mine = "mlc_red[threadIdx.x]";
  std::string initial = init.size() && init[0]
                            ? *init[0]
                            : param(out.get()) + "[" + offsetOf(out) + "]";
  body << "  }\n  " << mine << " = a0;\n  __syncthreads();\n  for (int s = "
       << threads / 2 << "; s > 0; s >>= 1) {\n    if (threadIdx.x < s) "
       << mine << " = "
       << fillTemplate(c.expression, {mine, "mlc_red[threadIdx.x + s]"})
       << ";\n    __syncthreads();\n  }\n  if (threadIdx.x == 0) "
       << param(out.get()) << "[" << offsetOf(out)
       << "] = " << fillTemplate(c.expression, {initial, "mlc_red[0]"})
       << ";\n";
  if (parallelPoints() > INT32_MAX)
    return op.emitError("the CUDA target cannot launch a kernel of ")
           << parallelPoints() << " blocks", failure();
  return finish(threads, static_cast<uint32_t>(parallelPoints()));
}

// The kernel of the text emitted so far, |threads| per block.
KernelText GenericEmitter::finish(unsigned threads, uint32_t blocks) {
  KernelText kernel;
  SmallVector<Value> written(op.getDpsInits());
  kernel.params.assign(params.begin(), params.end());
  kernel.text = paramList(kernel.params, written) + " {\n" + text + "}\n";
  kernel.threadsPerBlock = threads;
  kernel.block = {threads, 1, 1};
  kernel.grid = {blocks, 1, 1};
  return kernel;
}

LogicalResult GenericEmitter::emitBody(Block &block, const std::string &indent) {
  ScalarEmitter &s = scalars;
  for (Operation &inner : block.without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      s.bind(index, "d" + std::to_string(index.getDim()));
    } else if (auto load = dyn_cast<memref::LoadOp>(inner)) {
      std::string offset;
      for (auto [i, stride] : llvm::enumerate(strides[load.getMemRef()])) {
        FailureOr<std::string> idx = s.get(load.getIndices()[i]);
        if (failed(idx))
          return failure();
        offset += (offset.empty() ? "" : " + ") + ("(long long)" + *idx) +
                  " * " + std::to_string(stride) + "LL";
      }
      s.bind(load, s.declare(load.getType(), param(load.getMemRef()) + "[" +
                                                 (offset.empty() ? "0" : offset) +
                                                 "]"));
    } else if (failed(s.emit(&inner))) {
      return failure();
    }
  }
  auto yield = cast<linalg::YieldOp>(block.getTerminator());
  for (auto [i, value] : llvm::enumerate(yield.getValues())) {
    FailureOr<std::string> v = s.get(value);
    if (failed(v))
      return failure();
    body << indent << accumulators[i] << " = " << *v << ";\n";
  }
  return success();
}

// Binds the block argument of |operand| to its value at the current point:
// a literal for a scalar, else a load.
LogicalResult GenericEmitter::loadInput(OpOperand &operand) {
  BlockArgument arg = op.getMatchingBlockArgument(&operand);
  Value v = operand.get();
  if (!isa<MemRefType>(v.getType())) {
    FailureOr<std::string> literal = scalars.get(v);
    if (failed(literal))
      return failure();
    scalars.bind(arg, *literal);
    return success();
  }
  scalars.bind(arg, scalars.declare(arg.getType(),
                                    param(v) + "[" + offsetOf(operand) + "]"));
  return success();
}

// One register per output, holding the output's value at the thread's point
// (the init value a fill folded in, else a load when the body reads it).
void GenericEmitter::declareAccumulators() {
  for (OpOperand &out : op.getDpsInitsMutable()) {
    BlockArgument arg = op.getMatchingBlockArgument(&out);
    size_t i = accumulators.size();
    std::string name = "a" + std::to_string(i);
    body << "  " << cTypeOf(arg.getType()) << " " << name;
    if (i < init.size() && init[i])
      body << " = " << *init[i];
    else if (!arg.use_empty())
      body << " = " << param(out.get()) << "[" << offsetOf(out) << "]";
    body << ";\n";
    scalars.bind(arg, name);
    accumulators.push_back(name);
  }
}

FailureOr<KernelText> GenericEmitter::emit() {
  if (failed(collectParams()))
    return failure();
  ranges = op.getStaticLoopRanges();
  for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray()))
    (type == utils::IteratorType::parallel ? parallelDims : reductionDims)
        .push_back(d);
  if (failed(checkOutputs()))
    return failure();
  chooseIndexStyle();
  if (std::optional<Combiner> combiner = cooperativeCombiner())
    return emitCooperative(*combiner);
  emitThreadIndex();
  // Inputs read at the thread's point are loaded once, outside the loops.
  for (OpOperand *input : op.getDpsInputOperands())
    if (needed(input, false) && failed(loadInput(*input)))
      return failure();
  declareAccumulators();
  std::string indent = "  ";
  for (unsigned d : reductionDims) {
    body << indent << "for (" << style.type() << " d" << d << " = 0; d" << d
         << " < " << style.lit(ranges[d]) << "; ++d" << d << ") {\n";
    indent += "  ";
  }
  scalars.setIndent(indent);
  for (OpOperand *input : op.getDpsInputOperands())
    if (needed(input, true) && failed(loadInput(*input)))
      return failure();
  if (failed(emitBody(op.getRegion().front(), indent)))
    return failure();
  for (size_t i = 0; i < reductionDims.size(); ++i) {
    indent.resize(indent.size() - 2);
    body << indent << "}\n";
  }
  for (auto [out, acc] : llvm::zip(op.getDpsInitsMutable(), accumulators))
    body << "  " << param(out.get()) << "[" << offsetOf(out) << "] = " << acc
         << ";\n";
  int64_t blocks = (parallelPoints() + kThreadsPerBlock - 1) / kThreadsPerBlock;
  if (blocks > INT32_MAX)
    return op.emitError("the CUDA target cannot launch a kernel of ")
           << parallelPoints() << " threads", failure();
  return finish(kThreadsPerBlock, static_cast<uint32_t>(blocks));
}

// The body for one point inside another kernel: the dims come from
// |linear| (the point's row-major index), |source|'s block argument is
// |value|.
FailureOr<InlineText> GenericEmitter::emitInline(OpOperand &source,
                                                 llvm::StringRef value,
                                                 llvm::StringRef linear,
                                                 llvm::StringRef indent,
                                                 unsigned firstParam) {
  paramBase = firstParam;
  style.narrow = false;
  if (failed(collectParams()))
    return failure();
  ranges = op.getStaticLoopRanges();
  for (unsigned d = 0; d < ranges.size(); ++d)
    parallelDims.push_back(d);
  body << indent << "long long e = " << linear << ";\n";
  emitDecomposition("e", parallelDims, indent);
  scalars.setIndent(indent.str());
  scalars.bind(op.getMatchingBlockArgument(&source), value.str());
  for (OpOperand *input : op.getDpsInputOperands())
    if (input != &source && needed(input, false) && failed(loadInput(*input)))
      return failure();
  for (OpOperand &out : op.getDpsInitsMutable()) {
    BlockArgument arg = op.getMatchingBlockArgument(&out);
    std::string name = "a" + std::to_string(accumulators.size());
    body << indent << cTypeOf(arg.getType()) << " " << name;
    if (&out == &source)
      body << " = " << value;
    else if (!arg.use_empty())
      body << " = " << param(out.get()) << "[" << offsetOf(out) << "]";
    body << ";\n";
    scalars.bind(arg, name);
    accumulators.push_back(name);
  }
  if (failed(emitBody(op.getRegion().front(), indent.str())))
    return failure();
  for (auto [out, acc] : llvm::zip(op.getDpsInitsMutable(), accumulators))
    body << indent << param(out.get()) << "[" << offsetOf(out) << "] = " << acc
         << ";\n";
  InlineText result;
  result.code = text;
  result.params.assign(params.begin(), params.end());
  result.written.assign(op.getDpsInits().begin(), op.getDpsInits().end());
  return result;
}

FailureOr<InlineText> cuda::emitInlineEpilogue(const Epilogue &epilogue,
                                               unsigned firstParam,
                                               llvm::StringRef value,
                                               llvm::StringRef linear,
                                               llvm::StringRef indent) {
  InitValues none;
  return GenericEmitter(epilogue.op, none)
      .emitInline(*epilogue.source, value, linear, indent, firstParam);
}

FailureOr<KernelText> cuda::emitGenericKernel(linalg::GenericOp op,
                                              const InitValues &init) {
  return GenericEmitter(op, init).emit();
}

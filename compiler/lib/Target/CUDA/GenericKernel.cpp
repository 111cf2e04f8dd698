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

std::string affineToC(AffineExpr e) {
  if (auto d = dyn_cast<AffineDimExpr>(e))
    return "d" + std::to_string(d.getPosition());
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return std::to_string(c.getValue()) + "LL";
  auto bin = cast<AffineBinaryOpExpr>(e);
  std::string l = affineToC(bin.getLHS()), r = affineToC(bin.getRHS());
  switch (e.getKind()) {
  case AffineExprKind::Add: return "(" + l + " + " + r + ")";
  case AffineExprKind::Mul: return "(" + l + " * " + r + ")";
  case AffineExprKind::Mod: return "mlc_mod(" + l + ", " + r + ")";
  case AffineExprKind::FloorDiv: return "mlc_floordiv(" + l + ", " + r + ")";
  default: return "mlc_ceildiv(" + l + ", " + r + ")";
  }
}

// Element offset of the point |map| gives in a buffer with |strides|.
std::string elementOffset(AffineMap map, ArrayRef<int64_t> strides) {
  std::string sum;
  for (auto [expr, stride] : llvm::zip(map.getResults(), strides)) {
    auto c = dyn_cast<AffineConstantExpr>(expr);
    if (stride == 0 || (c && c.getValue() == 0))
      continue;
    sum += (sum.empty() ? "" : " + ") + affineToC(expr) + " * " +
           std::to_string(stride) + "LL";
  }
  return sum.empty() ? "0" : sum;
}

class GenericEmitter {
public:
  explicit GenericEmitter(linalg::GenericOp op)
      : op(op), body(text), scalars(body, "  ") {}
  FailureOr<KernelText> emit();

private:
  LogicalResult collectParams();
  LogicalResult checkOutputs();
  LogicalResult emitBody(Block &block, const std::string &indent);
  void emitThreadIndex();
  std::string param(Value v) const {
    return "p" + std::to_string(llvm::find(params, v) - params.begin());
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

void GenericEmitter::emitThreadIndex() {
  int64_t points = parallelPoints();
  body << "  long long t = (long long)blockIdx.x * " << kThreadsPerBlock
       << " + threadIdx.x;\n  if (t >= " << points << "LL) return;\n";
  for (unsigned d : llvm::reverse(parallelDims)) {
    body << "  const long long d" << d << " = t % " << ranges[d] << "LL; t /= "
         << ranges[d] << "LL;\n";
  }
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

FailureOr<KernelText> GenericEmitter::emit() {
  if (failed(collectParams()))
    return failure();
  ranges = op.getStaticLoopRanges();
  for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray()))
    (type == utils::IteratorType::parallel ? parallelDims : reductionDims)
        .push_back(d);
  if (failed(checkOutputs()))
    return failure();
  emitThreadIndex();
  Block &block = op.getRegion().front();
  // Inputs read at the thread's point are loaded once, outside the loops.
  auto load = [&](OpOperand &operand) {
    BlockArgument arg = block.getArgument(operand.getOperandNumber());
    Value v = operand.get();
    if (!isa<MemRefType>(v.getType())) {
      FailureOr<std::string> literal = scalars.get(v);
      return succeeded(literal) ? (scalars.bind(arg, *literal), success())
                                : failure();
    }
    std::string offset =
        elementOffset(op.getMatchingIndexingMap(&operand), strides[v]);
    scalars.bind(arg, scalars.declare(arg.getType(),
                                      param(v) + "[" + offset + "]"));
    return success();
  };
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (usesReductionDim(op.getMatchingIndexingMap(input)) ||
        block.getArgument(input->getOperandNumber()).use_empty())
      continue;
    if (failed(load(*input)))
      return failure();
  }
  for (OpOperand &init : op.getDpsInitsMutable()) {
    BlockArgument arg = block.getArgument(init.getOperandNumber());
    std::string type = cTypeOf(arg.getType());
    std::string name = "a" + std::to_string(accumulators.size());
    std::string offset =
        elementOffset(op.getMatchingIndexingMap(&init), strides[init.get()]);
    body << "  " << type << " " << name;
    if (!arg.use_empty())
      body << " = " << param(init.get()) << "[" << offset << "]";
    body << ";\n";
    scalars.bind(arg, name);
    accumulators.push_back(name);
  }
  std::string indent = "  ";
  for (unsigned d : reductionDims) {
    body << indent << "for (long long d" << d << " = 0; d" << d << " < "
         << ranges[d] << "LL; ++d" << d << ") {\n";
    indent += "  ";
  }
  scalars.setIndent(indent);
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (usesReductionDim(op.getMatchingIndexingMap(input)) &&
        !block.getArgument(input->getOperandNumber()).use_empty() &&
        failed(load(*input)))
      return failure();
  }
  if (failed(emitBody(block, indent)))
    return failure();
  for (size_t i = 0; i < reductionDims.size(); ++i) {
    indent.resize(indent.size() - 2);
    body << indent << "}\n";
  }
  for (auto [init, acc] : llvm::zip(op.getDpsInitsMutable(), accumulators)) {
    body << "  " << param(init.get()) << "["
         << elementOffset(op.getMatchingIndexingMap(&init), strides[init.get()])
         << "] = " << acc << ";\n";
  }
  KernelText kernel;
  SmallVector<Value> written(op.getDpsInits());
  kernel.params.assign(params.begin(), params.end());
  kernel.text = paramList(kernel.params, written) + " {\n" + text + "}\n";
  int64_t blocks = (parallelPoints() + kThreadsPerBlock - 1) / kThreadsPerBlock;
  if (blocks > INT32_MAX)
    return op.emitError("the CUDA target cannot launch a kernel of ")
           << parallelPoints() << " threads", failure();
  kernel.threadsPerBlock = kThreadsPerBlock;
  kernel.block = {kThreadsPerBlock, 1, 1};
  kernel.grid = {static_cast<uint32_t>(blocks), 1, 1};
  return kernel;
}

FailureOr<KernelText> cuda::emitGenericKernel(linalg::GenericOp op) {
  return GenericEmitter(op).emit();
}

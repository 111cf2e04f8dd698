// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The model function (bufferized, one linalg op per kernel) as a CUDA
// program: kernels deduplicated by text, intermediates packed into one
// arena by liveness (buffers whose live ranges do not overlap share bytes;
// the stream runs kernels in order), views resolved to buffer + offset.

#include "CudaEmitter.h"

#include "mlc/Target/CUDA/Passes.h"
#include "mlc/runtime/cuda_program_format.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::cuda;

static constexpr uint64_t kArenaAlignment = 256;

std::string cuda::fillTemplate(llvm::StringRef text, ArrayRef<std::string> args) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '@' || i + 1 >= text.size() || !llvm::isDigit(text[i + 1])) {
      out += text[i];
      continue;
    }
    size_t index = 0;
    while (i + 1 < text.size() && llvm::isDigit(text[i + 1]))
      index = index * 10 + (text[++i] - '0');
    out += args[index];
  }
  return out;
}

namespace {
uint64_t alignTo(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

uint64_t elementBytes(Type type) {
  return type.isInteger(1) ? 1 : type.getIntOrFloatBitWidth() / 8;
}

// Bytes of a dense constant as the kernels read them: one byte per i1, splats
// expanded.
std::optional<std::string> constantBytes(Attribute value) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    auto type = cast<ShapedType>(dense.getType());
    if (type.getElementType().isInteger(1)) {
      std::string bytes;
      for (bool b : dense.getValues<bool>())
        bytes += static_cast<char>(b);
      return bytes;
    }
    ArrayRef<char> raw = dense.getRawData();
    if (!dense.isSplat())
      return std::string(raw.data(), raw.size());
    std::string bytes;
    for (int64_t i = 0; i < type.getNumElements(); ++i)
      bytes.append(raw.data(), raw.size());
    return bytes;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (blob)
      return std::string(blob->getData().data(), blob->getData().size());
  }
  return std::nullopt;
}

class ProgramBuilder {
public:
  ProgramBuilder(func::FuncOp model, unsigned numInputs, unsigned numWeights)
      : model(model), numInputs(numInputs), numWeights(numWeights) {}
  FailureOr<Program> build();

private:
  LogicalResult planArena();
  LogicalResult addConstant(memref::GetGlobalOp get);
  LogicalResult addKernel(Operation *op, const Epilogue *epilogue);
  std::optional<Epilogue> epilogueOf(size_t index);
  size_t lastUse(Value buffer);
  bool readAfter(Value buffer, size_t index);
  FailureOr<BufferRef> resolve(Operation *user, Value view);
  void foldFill(size_t index);

  func::FuncOp model;
  unsigned numInputs, numWeights;
  Program program;
  SmallVector<Operation *> ops;
  llvm::DenseMap<Operation *, size_t> position;
  llvm::DenseMap<Operation *, uint64_t> arenaOffsets;
  llvm::StringMap<uint32_t> constantIndex;
  llvm::DenseMap<Operation *, uint32_t> globalConstants;
  llvm::StringMap<uint32_t> kernelIndex;
  std::string kernels;
  // Fills folded into the kernel after them, and those kernels' init values.
  llvm::DenseSet<Operation *> droppedFills;
  llvm::DenseMap<Operation *, InitValues> initValues;
};
} // namespace

// Index of the top-level op of the model that holds |op|.
static Operation *topLevel(func::FuncOp model, Operation *op) {
  return model.getBody().front().findAncestorOpInBlock(*op);
}

LogicalResult ProgramBuilder::planArena() {
  struct Interval {
    size_t begin, end;
    uint64_t offset, size;
  };
  std::vector<Interval> placed;
  for (Operation *op : ops) {
    auto alloc = dyn_cast<memref::AllocOp>(op);
    if (!alloc)
      continue;
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || !type.getLayout().isIdentity())
      return alloc.emitError("the CUDA target needs static shapes; pin "
                             "symbolic dims with --shape"),
             failure();
    size_t end = std::max(position[op], lastUse(alloc.getResult()));
    uint64_t size = alignTo(type.getNumElements() *
                                elementBytes(type.getElementType()),
                            kArenaAlignment);
    Interval mine{position[op], end, 0, std::max<uint64_t>(size, 1)};
    // First fit below the buffers whose live ranges overlap this one.
    std::vector<Interval> live;
    for (const Interval &p : placed)
      if (p.end >= mine.begin)
        live.push_back(p);
    llvm::sort(live, [](auto &a, auto &b) { return a.offset < b.offset; });
    for (const Interval &p : live)
      if (mine.offset + mine.size > p.offset && p.offset + p.size > mine.offset)
        mine.offset = alignTo(p.offset + p.size, kArenaAlignment);
    placed.push_back(mine);
    arenaOffsets[op] = mine.offset;
    program.arenaSize = std::max(program.arenaSize, mine.offset + mine.size);
  }
  return success();
}

LogicalResult ProgramBuilder::addConstant(memref::GetGlobalOp get) {
  auto it = constantIndex.find(get.getName());
  if (it != constantIndex.end())
    return globalConstants[get] = it->second, success();
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      get, get.getNameAttr());
  std::optional<std::string> bytes;
  if (global && global.getInitialValue())
    bytes = constantBytes(*global.getInitialValue());
  if (!bytes)
    return get.emitError("the CUDA target cannot read the data of constant ")
           << get.getName();
  uint32_t index = program.constants.size();
  program.constants.push_back(std::move(*bytes));
  constantIndex[get.getName()] = index;
  globalConstants[get] = index;
  return success();
}

FailureOr<BufferRef> ProgramBuilder::resolve(Operation *user, Value view) {
  auto type = cast<MemRefType>(view.getType());
  SmallVector<int64_t> strides;
  int64_t offset = 0;
  if (failed(getStridesAndOffset(type, strides, offset)) ||
      ShapedType::isDynamic(offset))
    return user->emitError("the CUDA target needs static view offsets, got ")
           << type, failure();
  BufferRef ref;
  ref.offset = offset * elementBytes(type.getElementType());
  Value root = rootBuffer(view);
  if (auto arg = dyn_cast<BlockArgument>(root)) {
    unsigned i = arg.getArgNumber();
    ref.space = i < numInputs                ? MLC_CUDA_ARG_INPUT
                : i < numInputs + numWeights ? MLC_CUDA_ARG_WEIGHT
                                             : MLC_CUDA_ARG_OUTPUT;
    ref.index = i < numInputs                ? i
                : i < numInputs + numWeights ? i - numInputs
                                             : i - numInputs - numWeights;
    return ref;
  }
  Operation *def = root.getDefiningOp();
  if (arenaOffsets.count(def)) {
    ref.space = MLC_CUDA_ARG_ARENA;
    ref.offset += arenaOffsets[def];
    return ref;
  }
  if (globalConstants.count(def)) {
    ref.space = MLC_CUDA_ARG_CONSTANT;
    ref.index = globalConstants[def];
    return ref;
  }
  return user->emitError("the CUDA target cannot locate this kernel operand"),
         failure();
}

// The value a fill generic (scalar input yielded into its one output)
// writes, as a C literal.
static std::optional<std::string> fillLiteral(Operation *op) {
  auto fill = dyn_cast<linalg::GenericOp>(op);
  if (!fill || fill.getNumDpsInits() != 1 || fill.getNumDpsInputs() != 1 ||
      isa<ShapedType>(fill.getDpsInputs()[0].getType()))
    return std::nullopt;
  auto yield = cast<linalg::YieldOp>(fill.getBody()->getTerminator());
  auto arg = dyn_cast<BlockArgument>(yield.getValues()[0]);
  if (!arg || arg.getArgNumber() != 0)
    return std::nullopt;
  return constantLiteral(fill.getDpsInputs()[0]);
}

// Folds the fill at ops[index] into the kernel after it when that kernel's
// init is the filled buffer (so it overwrites every element) and reads the
// buffer through no other operand.
void ProgramBuilder::foldFill(size_t index) {
  std::optional<std::string> literal = fillLiteral(ops[index]);
  auto consumer = index + 1 < ops.size()
                      ? dyn_cast<linalg::LinalgOp>(ops[index + 1])
                      : nullptr;
  if (!literal || !consumer || droppedFills.count(consumer))
    return;
  Value filled = cast<linalg::GenericOp>(ops[index]).getDpsInits()[0];
  unsigned uses = 0;
  consumer->walk([&](Operation *inner) {
    for (Value operand : inner->getOperands())
      uses += isa<MemRefType>(operand.getType()) &&
              rootBuffer(operand) == rootBuffer(filled);
  });
  auto inits = consumer.getDpsInits();
  auto it = llvm::find(inits, filled);
  if (uses != 1 || it == inits.end())
    return;
  InitValues &values = initValues[consumer];
  values.resize(inits.size());
  values[it - inits.begin()] = *literal;
  droppedFills.insert(ops[index]);
}

// Position of the last op that reads or writes |buffer| through it or any
// view of it (views themselves touch no memory); 0 when none does.
size_t ProgramBuilder::lastUse(Value buffer) {
  size_t last = 0;
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (Operation *user : v.getUsers()) {
      auto view = dyn_cast<ViewLikeOpInterface>(user);
      if (view && view.getViewSource() == v)
        worklist.push_back(user->getResult(0));
      else if (!isa<memref::DeallocOp>(user))
        last = std::max(last, position[topLevel(model, user)]);
    }
  }
  return last;
}

// Whether any op after ops[index] uses |buffer|'s root, or the root is a
// model argument (an output the caller reads).
bool ProgramBuilder::readAfter(Value buffer, size_t index) {
  Value root = rootBuffer(buffer);
  return isa<BlockArgument>(root) || lastUse(root) > index;
}

// Whether |v| is |c| or a chain of reshapes of it (same linear order).
static bool reshapes(Value v, Value c) {
  while (v != c) {
    if (auto e = v.getDefiningOp<memref::ExpandShapeOp>())
      v = e.getSrc();
    else if (auto col = v.getDefiningOp<memref::CollapseShapeOp>())
      v = col.getSrc();
    else
      return false;
  }
  return true;
}

// The generic right after the matmul at ops[index], when it can run in the
// matmul's stores: all parallel over C's elements, reading C (or a reshape
// of it) once with the identity map, through no other operand, and writing
// with identity maps.
std::optional<Epilogue> ProgramBuilder::epilogueOf(size_t index) {
  auto matmul = dyn_cast<linalg::LinalgOp>(ops[index]);
  auto g = index + 1 < ops.size() ? dyn_cast<linalg::GenericOp>(ops[index + 1])
                                  : nullptr;
  if (!matmul || !g || !isCudaMatmul(matmul) || droppedFills.count(g) ||
      g.getNumReductionLoops() != 0 ||
      !llvm::all_of(g.getIndexingMapsArray(),
                    [](AffineMap m) { return m.isProjectedPermutation(); }))
    return std::nullopt;
  Value c = matmul.getDpsInits()[0];
  auto cType = cast<MemRefType>(c.getType());
  if (!cType.getLayout().isIdentity())
    return std::nullopt;
  Epilogue epilogue;
  epilogue.op = g;
  // At most one input and one output may be C (or a reshape of it): the
  // input reads the element being stored, the output writes it in place.
  OpOperand *input = nullptr, *output = nullptr;
  for (OpOperand &operand : g->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()) ||
        rootBuffer(operand.get()) != rootBuffer(c))
      continue;
    OpOperand *&slot = g.isDpsInit(&operand) ? output : input;
    if (slot || !g.getMatchingIndexingMap(&operand).isIdentity() ||
        !reshapes(operand.get(), c))
      return std::nullopt;
    slot = &operand;
  }
  // An in-place output whose old value the body reads would read C before
  // the kernel stored it.
  if (input && output && !g.getMatchingBlockArgument(output).use_empty())
    return std::nullopt;
  epilogue.source = input ? input : output;
  int64_t points = 1;
  for (int64_t r : g.getStaticLoopRanges())
    points *= r;
  bool capturesC = false;
  g.getRegion().walk([&](memref::LoadOp load) {
    capturesC |= rootBuffer(load.getMemRef()) == rootBuffer(c);
  });
  if (!epilogue.source || capturesC ||
      points != cType.getNumElements() ||
      !llvm::all_of(g.getDpsInitsMutable(), [&](OpOperand &out) {
        return g.getMatchingIndexingMap(&out).isIdentity();
      }))
    return std::nullopt;
  epilogue.storesMatmulResult = !output && readAfter(c, index + 1);
  return epilogue;
}

LogicalResult ProgramBuilder::addKernel(Operation *op,
                                        const Epilogue *epilogue) {
  InitValues init = initValues.lookup(op);
  init.resize(cast<linalg::LinalgOp>(op).getNumDpsInits());
  FailureOr<KernelText> kernel =
      isa<linalg::GenericOp>(op)
          ? emitGenericKernel(cast<linalg::GenericOp>(op), init)
          : emitMatmulKernel(cast<linalg::LinalgOp>(op), init, epilogue);
  if (failed(kernel))
    return failure();
  std::string key = std::to_string(kernel->threadsPerBlock) + kernel->text;
  auto [it, inserted] = kernelIndex.try_emplace(key, kernelIndex.size());
  if (inserted) {
    std::string name = "mlc_k" + std::to_string(it->second);
    program.kernelNames.push_back(name);
    kernels += "\nextern \"C\" __global__ void __launch_bounds__(" +
               std::to_string(kernel->threadsPerBlock) + ") " + name +
               kernel->text;
  }
  Launch launch;
  launch.kernel = it->second;
  launch.grid = kernel->grid;
  launch.block = kernel->block;
  for (Value param : kernel->params) {
    FailureOr<BufferRef> ref = resolve(op, param);
    if (failed(ref))
      return failure();
    launch.args.push_back(*ref);
  }
  if (launch.args.size() > MLC_CUDA_MAX_KERNEL_ARGS)
    return op->emitError("the CUDA target supports at most ")
           << MLC_CUDA_MAX_KERNEL_ARGS << " buffers per kernel";
  program.launches.push_back(std::move(launch));
  return success();
}

FailureOr<Program> ProgramBuilder::build() {
  for (Operation &op : model.getBody().front()) {
    position[&op] = ops.size();
    ops.push_back(&op);
  }
  if (failed(planArena()))
    return failure();
  for (size_t i = 0; i < ops.size(); ++i)
    foldFill(i);
  for (size_t i = 0; i < ops.size(); ++i) {
    Operation *op = ops[i];
    if (isa<arith::ConstantOp, memref::AllocOp, memref::DeallocOp,
            ViewLikeOpInterface, func::ReturnOp>(op) ||
        droppedFills.count(op))
      continue;
    if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
      if (failed(addConstant(get)))
        return failure();
      continue;
    }
    bool isKernel = isa<linalg::GenericOp>(op) ||
                    (isa<linalg::LinalgOp>(op) &&
                     isCudaMatmul(cast<linalg::LinalgOp>(op)));
    if (!isKernel)
      return op->emitError("the CUDA target cannot lower '")
             << op->getName() << "'", failure();
    std::optional<Epilogue> epilogue =
        isa<linalg::GenericOp>(op) ? std::nullopt : epilogueOf(i);
    if (failed(addKernel(op, epilogue ? &*epilogue : nullptr)))
      return failure();
    // The fused epilogue needs no kernel of its own.
    if (epilogue)
      ++i;
  }
  program.source = kernelPrelude().str() + kernels;
  return std::move(program);
}

FailureOr<Program> cuda::buildProgram(func::FuncOp model, unsigned numInputs,
                                      unsigned numWeights) {
  return ProgramBuilder(model, numInputs, numWeights).build();
}

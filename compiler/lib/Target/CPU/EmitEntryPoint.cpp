// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_EMITENTRYPOINTPASS
#define GEN_PASS_DEF_RECORDENTRYSHAPESPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

static constexpr llvm::StringLiteral kSetParallel = "mlc_uk_set_parallel";

namespace {
struct RecordEntryShapesPass
    : mlc::impl::RecordEntryShapesPassBase<RecordEntryShapesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto model = module.lookupSymbol<func::FuncOp>(kModelFunctionName);
    if (!model) {
      module.emitError("no model function @") << kModelFunctionName;
      return signalPassFailure();
    }
    SmallVector<Attribute> dims;
    FunctionType type = model.getFunctionType();
    for (auto [i, t] : llvm::enumerate(type.getInputs()))
      if (failed(record(model, t, model.getArgAttrDict(i), dims)))
        return signalPassFailure();
    for (auto [i, t] : llvm::enumerate(type.getResults()))
      if (failed(record(model, t, model.getResultAttrDict(i), dims)))
        return signalPassFailure();
    module->setAttr(kEntryDimsAttr, ArrayAttr::get(&getContext(), dims));
  }

  static LogicalResult record(func::FuncOp model, Type t, DictionaryAttr attrs,
                              SmallVectorImpl<Attribute> &dims) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    auto encoded = attrs ? attrs.getAs<DenseI64ArrayAttr>(kDimsAttr) : nullptr;
    if (tensor && tensor.hasStaticShape()) {
      dims.push_back(
          DenseI64ArrayAttr::get(model.getContext(), tensor.getShape()));
      return success();
    }
    if (!tensor || !encoded || encoded.size() != tensor.getRank())
      return model.emitError("entry tensor of type ")
             << t << " has neither a static shape nor " << kDimsAttr;
    dims.push_back(encoded);
    return success();
  }
};

struct EmitEntryPointPass
    : mlc::impl::EmitEntryPointPassBase<EmitEntryPointPass> {
  using EmitEntryPointPassBase::EmitEntryPointPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    Operation *symbol = module.lookupSymbol(kModelFunctionName);
    if (symbol && !isa<LLVM::LLVMFuncOp>(symbol)) {
      symbol->emitError("model function @")
          << kModelFunctionName << " was not lowered to the LLVM dialect";
      return signalPassFailure();
    }
    auto model = dyn_cast_or_null<LLVM::LLVMFuncOp>(symbol);
    if (!model || model.isExternal()) {
      module.emitError("no lowered model function @") << kModelFunctionName;
      return signalPassFailure();
    }
    auto dims = module->getAttrOfType<ArrayAttr>(kEntryDimsAttr);
    if (!dims) {
      module.emitError("missing ") << kEntryDimsAttr
                                   << "; run mlc-cpu-record-entry-shapes";
      return signalPassFailure();
    }
    size_t expected = 0;
    for (Attribute d : dims)
      expected += 3 + 2 * cast<DenseI64ArrayAttr>(d).size();
    if (model.getNumArguments() != expected) {
      model.emitError("model function has ")
          << model.getNumArguments() << " parameters but " << kEntryDimsAttr
          << " describes " << expected << " (memref descriptors)";
      return signalPassFailure();
    }
    model.setLinkage(LLVM::Linkage::Internal);
    buildEntry(module, model, dims);
  }

  // The expanded descriptor of buffer |index| with dims |encoded|:
  // allocated and aligned pointer, offset 0, sizes, row-major strides.
  static void appendDescriptor(OpBuilder &b, Location loc, Value args,
                               Value symbols, unsigned index,
                               ArrayRef<int64_t> encoded,
                               SmallVectorImpl<Value> &out) {
    MLIRContext *ctx = b.getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = b.getI64Type();
    Value slot = b.create<LLVM::GEPOp>(loc, ptr, ptr, args,
                                       ArrayRef<LLVM::GEPArg>{int32_t(index)});
    Value p = b.create<LLVM::LoadOp>(loc, ptr, slot);
    auto constant = [&](int64_t v) -> Value {
      return b.create<LLVM::ConstantOp>(loc, i64, b.getI64IntegerAttr(v));
    };
    SmallVector<Value> sizes;
    for (int64_t d : encoded) {
      if (d >= 0) {
        sizes.push_back(constant(d));
        continue;
      }
      Value at = b.create<LLVM::GEPOp>(
          loc, ptr, i64, symbols, ArrayRef<LLVM::GEPArg>{int32_t(-1 - d)});
      sizes.push_back(b.create<LLVM::LoadOp>(loc, i64, at));
    }
    SmallVector<Value> strides(sizes.size());
    Value stride = constant(1);
    for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
      strides[d] = stride;
      if (d > 0)
        stride = b.create<LLVM::MulOp>(loc, stride, sizes[d]);
    }
    out.append({p, p, constant(0)});
    out.append(sizes);
    out.append(strides);
  }

  // The microkernels' hook that records the session's mlc_parallel_t.
  static LLVM::LLVMFuncOp declareSetParallel(OpBuilder &b, ModuleOp module) {
    if (auto f = module.lookupSymbol<LLVM::LLVMFuncOp>(kSetParallel))
      return f;
    MLIRContext *ctx = b.getContext();
    auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                            {LLVM::LLVMPointerType::get(ctx)});
    return b.create<LLVM::LLVMFuncOp>(module.getLoc(), kSetParallel, type);
  }

  void buildEntry(ModuleOp module, LLVM::LLVMFuncOp model, ArrayAttr dims) {
    MLIRContext *ctx = &getContext();
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = model.getLoc();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    LLVM::LLVMFuncOp setParallel = declareSetParallel(b, module);
    auto fnType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                              {ptr, ptr, ptr});
    auto entry = b.create<LLVM::LLVMFuncOp>(loc, entrySymbol, fnType);
    Block *body = entry.addEntryBlock(b);
    b.setInsertionPointToStart(body);
    b.create<LLVM::CallOp>(loc, setParallel, body->getArgument(2));
    SmallVector<Value> args;
    for (auto [i, d] : llvm::enumerate(dims))
      appendDescriptor(b, loc, body->getArgument(0), body->getArgument(1), i,
                       cast<DenseI64ArrayAttr>(d).asArrayRef(), args);
    b.create<LLVM::CallOp>(loc, model, args);
    b.create<LLVM::ReturnOp>(loc, ValueRange{});
    module->removeAttr(kEntryDimsAttr);
  }
};
} // namespace

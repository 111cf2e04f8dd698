// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Target/CPU/Passes.h"

#include "mlir/IR/Builders.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_EMITENTRYPOINTPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

namespace {
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
    for (Type t : model.getFunctionType().getParams()) {
      if (!isa<LLVM::LLVMPointerType>(t)) {
        model.emitError("model argument of type ")
            << t << " is not a bare pointer; static shapes are required";
        return signalPassFailure();
      }
    }
    model.setLinkage(LLVM::Linkage::Internal);
    buildEntry(module, model);
  }

  void buildEntry(ModuleOp module, LLVM::LLVMFuncOp model) {
    MLIRContext *ctx = &getContext();
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = model.getLoc();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto fnType =
        LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr});
    auto entry = b.create<LLVM::LLVMFuncOp>(loc, entrySymbol, fnType);
    Block *body = entry.addEntryBlock(b);
    b.setInsertionPointToStart(body);
    SmallVector<Value> args;
    for (unsigned i = 0, e = model.getNumArguments(); i < e; ++i) {
      Value slot = b.create<LLVM::GEPOp>(loc, ptr, ptr, body->getArgument(0),
                                         ArrayRef<LLVM::GEPArg>{int32_t(i)});
      args.push_back(b.create<LLVM::LoadOp>(loc, ptr, slot));
    }
    b.create<LLVM::CallOp>(loc, model, args);
    b.create<LLVM::ReturnOp>(loc, ValueRange{});
  }
};
} // namespace

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Turns each call of an outlined parallel loop body (lowered to the LLVM
// dialect) into mlc_uk_parallel_for over chunks of its range: the call's
// arguments go into a struct on the caller's stack, and a trampoline
// unpacks them and runs the body over one chunk.

#include "mlc/Target/CPU/Passes.h"

namespace mlir::mlc {
#define GEN_PASS_DEF_LAUNCHPARALLELCALLSPASS
#include "mlc/Target/CPU/Passes.h.inc"
} // namespace mlir::mlc

using namespace mlir;
using namespace mlir::mlc;

static constexpr llvm::StringLiteral kParallelFor = "mlc_uk_parallel_for";
static constexpr llvm::StringLiteral kTrampolinePrefix = "mlc_par_chunk_";

namespace {
// Field |i| of the argument struct at |base|.
Value field(OpBuilder &b, Location loc, LLVM::LLVMStructType type, Value base,
            int32_t i) {
  return b.create<LLVM::GEPOp>(loc, LLVM::LLVMPointerType::get(b.getContext()),
                               type, base, ArrayRef<LLVM::GEPArg>{0, i});
}

struct LaunchParallelCallsPass
    : mlc::impl::LaunchParallelCallsPassBase<LaunchParallelCallsPass> {
  using LaunchParallelCallsPassBase::LaunchParallelCallsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::CallOp> calls;
    module.walk([&](LLVM::CallOp call) {
      std::optional<StringRef> callee = call.getCallee();
      if (callee && callee->starts_with(kParallelBodyPrefix))
        calls.push_back(call);
    });
    if (calls.empty())
      return;
    LLVM::LLVMFuncOp parallelFor = declareParallelFor(module);
    for (LLVM::CallOp call : calls) {
      auto body = module.lookupSymbol<LLVM::LLVMFuncOp>(*call.getCallee());
      if (!body || call.getNumOperands() < 2) {
        call.emitError("malformed parallel loop body call");
        return signalPassFailure();
      }
      body.setLinkage(LLVM::Linkage::Internal);
      launch(module, call, body, parallelFor);
    }
  }

  LLVM::LLVMFuncOp declareParallelFor(ModuleOp module) {
    if (auto f = module.lookupSymbol<LLVM::LLVMFuncOp>(kParallelFor))
      return f;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto ptr = LLVM::LLVMPointerType::get(&getContext());
    auto type = LLVM::LLVMFunctionType::get(
        LLVM::LLVMVoidType::get(&getContext()), {b.getI64Type(), ptr, ptr});
    return b.create<LLVM::LLVMFuncOp>(module.getLoc(), kParallelFor, type);
  }

  // {lo, hi, chunks, the call's other arguments}.
  static LLVM::LLVMStructType argsType(LLVM::CallOp call) {
    Type i64 = IntegerType::get(call.getContext(), 64);
    SmallVector<Type> fields = {i64, i64, i64};
    for (Value v : call.getOperands().drop_front(2))
      fields.push_back(v.getType());
    return LLVM::LLVMStructType::getLiteral(call.getContext(), fields);
  }

  void launch(ModuleOp module, LLVM::CallOp call, LLVM::LLVMFuncOp body,
              LLVM::LLVMFuncOp parallelFor) {
    Location loc = call.getLoc();
    LLVM::LLVMStructType type = argsType(call);
    LLVM::LLVMFuncOp chunk = createTrampoline(module, body, type);
    auto caller = call->getParentOfType<LLVM::LLVMFuncOp>();
    OpBuilder b = OpBuilder::atBlockBegin(&caller.getBody().front());
    Value one = b.create<LLVM::ConstantOp>(loc, b.getI64Type(), 1);
    auto ptr = LLVM::LLVMPointerType::get(&getContext());
    Value args = b.create<LLVM::AllocaOp>(loc, ptr, type, one);

    b.setInsertionPoint(call);
    Value lo = call.getOperand(0), hi = call.getOperand(1);
    Value count = b.create<LLVM::SubOp>(loc, hi, lo);
    Value most = b.create<LLVM::ConstantOp>(loc, b.getI64Type(), maxChunks);
    Value chunks = b.create<LLVM::SMinOp>(loc, count, most);
    SmallVector<Value> values = {lo, hi, chunks};
    llvm::append_range(values, call.getOperands().drop_front(2));
    for (auto [i, v] : llvm::enumerate(values))
      b.create<LLVM::StoreOp>(loc, v, field(b, loc, type, args, i));
    Value fn = b.create<LLVM::AddressOfOp>(loc, chunk);
    b.create<LLVM::CallOp>(loc, parallelFor, ValueRange{chunks, fn, args});
    call->erase();
  }

  // void mlc_par_chunk_N(ptr args, i64 i): the body over chunk i of the
  // range, [lo + i * n / chunks, lo + (i + 1) * n / chunks).
  static LLVM::LLVMFuncOp createTrampoline(ModuleOp module,
                                           LLVM::LLVMFuncOp body,
                                           LLVM::LLVMStructType type) {
    MLIRContext *ctx = module.getContext();
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = body.getLoc();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = b.getI64Type();
    auto fnType = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                              {ptr, i64});
    std::string name =
        (kTrampolinePrefix + body.getName().drop_front(kParallelBodyPrefix.size()))
            .str();
    auto fn = b.create<LLVM::LLVMFuncOp>(loc, name, fnType,
                                         LLVM::Linkage::Internal);
    Block *entry = fn.addEntryBlock(b);
    b.setInsertionPointToStart(entry);
    Value args = entry->getArgument(0), i = entry->getArgument(1);
    SmallVector<Value> values;
    for (auto [k, t] : llvm::enumerate(type.getBody()))
      values.push_back(
          b.create<LLVM::LoadOp>(loc, t, field(b, loc, type, args, k)));
    Value lo = values[0], n = b.create<LLVM::SubOp>(loc, values[1], lo);
    Value chunks = values[2];
    Value one = b.create<LLVM::ConstantOp>(loc, i64, 1);
    auto bound = [&](Value k) -> Value {
      Value scaled = b.create<LLVM::MulOp>(loc, k, n);
      return b.create<LLVM::AddOp>(loc, lo,
                                   b.create<LLVM::SDivOp>(loc, scaled, chunks));
    };
    SmallVector<Value> callArgs = {bound(i),
                                   bound(b.create<LLVM::AddOp>(loc, i, one))};
    callArgs.append(values.begin() + 3, values.end());
    b.create<LLVM::CallOp>(loc, body, callArgs);
    b.create<LLVM::ReturnOp>(loc, ValueRange{});
    return fn;
  }
};
} // namespace

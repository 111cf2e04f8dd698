// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The CUDA backend's emitter: bufferized linalg on memrefs (after
// mlc-cuda-prepare-kernels, static shapes) -> CUDA C source, one kernel per
// op, plus the launch list and buffer plan of cuda_program_format.h.

#ifndef MLC_LIB_TARGET_CUDA_CUDAEMITTER_H
#define MLC_LIB_TARGET_CUDA_CUDAEMITTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <string>
#include <vector>

namespace mlir::mlc::cuda {

/// A kernel parameter: a buffer of the launch list (cuda_program_format.h).
struct BufferRef {
  uint32_t space = 0;
  uint32_t index = 0;
  uint64_t offset = 0;
};

struct Launch {
  uint32_t kernel = 0;
  std::array<uint32_t, 3> grid{1, 1, 1}, block{1, 1, 1};
  std::vector<BufferRef> args;
};

/// Everything the CUDA code section holds except the PTX.
struct Program {
  std::string source;
  std::vector<std::string> kernelNames;
  std::vector<std::string> constants;
  uint64_t arenaSize = 0;
  std::vector<Launch> launches;
};

/// One kernel of one op: its text after the kernel name ("(params) {...}"),
/// its parameters (memref values, in order) and launch dims.
struct KernelText {
  std::string text;
  unsigned threadsPerBlock = 256;
  SmallVector<Value> params;
  std::array<uint32_t, 3> grid{1, 1, 1}, block{1, 1, 1};
};

/// The buffer a memref view is carved from (a function argument, an
/// allocation or a global), following view-like ops.
Value rootBuffer(Value memref);

/// C type of a scalar element type, or "" when CUDA C has none here.
std::string cTypeOf(Type type);

/// "(T* __restrict__ p0, const U* __restrict__ p1, ...)" for |params|; a
/// parameter is const when |written| lacks it, __restrict__ when no other
/// parameter shares its root buffer.
std::string paramList(ArrayRef<Value> params, ArrayRef<Value> written);

/// The C literal of a scalar arith.constant, if |v| is one.
std::optional<std::string> constantLiteral(Value v);

/// An associative, commutative reduction op: its identity (C literal) and
/// its C expression over "@0" and "@1".
struct Combiner {
  std::string identity, expression;
};
/// The combiner of a binary arith op (addf, mulf, maximumf, minimumf,
/// maxnumf, minnumf, addi, maxsi, minsi), if it is one.
std::optional<Combiner> combinerOf(Operation *op);

/// Names of SSA values as C expressions while emitting a kernel body.
class ScalarEmitter {
public:
  explicit ScalarEmitter(llvm::raw_ostream &os, std::string indent)
      : os(os), indent(std::move(indent)) {}
  void bind(Value v, std::string expr) { names[v] = std::move(expr); }
  /// Indentation of the statements emitted from now on.
  void setIndent(std::string text) { indent = std::move(text); }
  /// The C expression of |v|: a bound name, or a literal for a constant
  /// defined outside the kernel.
  FailureOr<std::string> get(Value v);
  /// Emits |op| (arith/math) as "T vN = ...;" and binds its result.
  LogicalResult emit(Operation *op);
  /// Declares a fresh variable of |type| initialized to |expr|; returns its
  /// name.
  std::string declare(Type type, const std::string &expr);

private:
  FailureOr<std::string> expression(Operation *op);
  llvm::raw_ostream &os;
  std::string indent;
  llvm::DenseMap<Value, std::string> names;
  unsigned counter = 0;
};

/// Per output (init) of an op, the C literal its buffer holds when the op
/// starts, when a fill just wrote it: the kernel starts from that value
/// instead of loading it, and the fill needs no kernel of its own.
using InitValues = SmallVector<std::optional<std::string>>;

/// A generic op as a kernel: one thread per point of its parallel loops.
FailureOr<KernelText> emitGenericKernel(linalg::GenericOp op,
                                        const InitValues &init);
/// An all-parallel generic applied by a matmul kernel as it stores each
/// element of its output C (bias, activation, residual add): |source| is the
/// operand reading C (C itself or a reshape of it, with the identity map),
/// so the generic's point is C's row-major linear index.
struct Epilogue {
  linalg::GenericOp op;
  OpOperand *source = nullptr;
  /// Whether C is also stored (something later reads it).
  bool storesMatmulResult = false;
};

/// The statements of an epilogue for one element: parameters are numbered
/// from |firstParam|, |value| is the element of C and |linear| its linear
/// index.
struct InlineText {
  std::string code;
  SmallVector<Value> params, written;
};
FailureOr<InlineText> emitInlineEpilogue(const Epilogue &epilogue,
                                         unsigned firstParam,
                                         llvm::StringRef value,
                                         llvm::StringRef linear,
                                         llvm::StringRef indent);

/// A matmul-family op (isCudaMatmul) as a tiled shared-memory kernel, with
/// |epilogue| (may be null) fused into its stores.
FailureOr<KernelText> emitMatmulKernel(linalg::LinalgOp op,
                                       const InitValues &init,
                                       const Epilogue *epilogue);

/// |text| with each "@N" (N a digit) replaced by |args|[N].
std::string fillTemplate(llvm::StringRef text, ArrayRef<std::string> args);

/// Helper functions every kernel source starts with.
llvm::StringRef kernelPrelude();

/// Builds the program of |model| (bufferized, prepared): its arguments are
/// |numInputs| inputs, |numWeights| weights, then the outputs.
FailureOr<Program> buildProgram(func::FuncOp model, unsigned numInputs,
                                unsigned numWeights);

/// The code section: |images| (sm, PTX) and |program| in the format of
/// cuda_program_format.h.
std::string encodeProgram(const Program &program,
                          ArrayRef<std::pair<unsigned, std::string>> images);

} // namespace mlir::mlc::cuda

#endif // MLC_LIB_TARGET_CUDA_CUDAEMITTER_H

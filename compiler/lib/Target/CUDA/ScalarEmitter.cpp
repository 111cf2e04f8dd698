// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// arith and math ops of kernel bodies as CUDA C expressions. Integers are
// signless in MLIR: signed C types by default, cast to the unsigned type of
// the same width where the op says so.

#include "CudaEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::cuda;

std::string cuda::cTypeOf(Type type) {
  if (type.isF32()) return "float";
  if (type.isF64()) return "double";
  if (type.isIndex()) return "long long";
  if (auto i = dyn_cast<IntegerType>(type)) {
    switch (i.getWidth()) {
    case 1: return "bool";
    case 8: return "signed char";
    case 16: return "short";
    case 32: return "int";
    case 64: return "long long";
    }
  }
  return "";
}

// The unsigned C type of an integer type's width.
static std::string unsignedOf(Type type) {
  std::string t = cTypeOf(type);
  if (t == "signed char") return "unsigned char";
  if (t == "bool") return "bool";
  return "unsigned " + t;
}

static std::string floatLiteral(const APFloat &value, Type type) {
  bool f32 = type.isF32();
  if (value.isNaN())
    return f32 ? "__int_as_float(0x7fc00000)"
               : "__longlong_as_double(0x7ff8000000000000LL)";
  if (value.isInfinity()) {
    std::string inf = f32 ? "__int_as_float(0x7f800000)"
                          : "__longlong_as_double(0x7ff0000000000000LL)";
    return value.isNegative() ? "(-" + inf + ")" : inf;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), f32 ? "%af" : "%a",
                f32 ? value.convertToFloat() : value.convertToDouble());
  return buffer;
}

static std::string intLiteral(const APInt &value, Type type) {
  if (type.isInteger(1))
    return value.isZero() ? "false" : "true";
  int64_t v = value.getSExtValue();
  std::string t = cTypeOf(type);
  // The most negative value has no literal of its own.
  if (v == INT64_MIN)
    return "(-9223372036854775807LL - 1)";
  return llvm::formatv("(({0}){1}LL)", t, v).str();
}

std::optional<std::string> cuda::constantLiteral(Value v) {
  Attribute attr;
  if (auto constant = v.getDefiningOp<arith::ConstantOp>())
    attr = constant.getValue();
  if (auto f = dyn_cast_or_null<FloatAttr>(attr))
    return floatLiteral(f.getValue(), f.getType());
  if (auto i = dyn_cast_or_null<IntegerAttr>(attr))
    return intLiteral(i.getValue(), i.getType());
  return std::nullopt;
}

FailureOr<std::string> ScalarEmitter::get(Value v) {
  auto it = names.find(v);
  if (it != names.end())
    return it->second;
  if (std::optional<std::string> literal = constantLiteral(v))
    return *literal;
  if (Operation *def = v.getDefiningOp())
    return def->emitError("the CUDA target cannot use the value of '")
           << def->getName() << "' inside a kernel", failure();
  return emitError(v.getLoc(), "the CUDA target cannot use this value inside "
                               "a kernel"), failure();
}

std::string ScalarEmitter::declare(Type type, const std::string &expr) {
  std::string name = "v" + std::to_string(counter++);
  os << indent << cTypeOf(type) << " " << name << " = " << expr << ";\n";
  return name;
}

// Name of a libm-style function for |type|: "expf" for f32, "exp" for f64.
static std::string mathFn(llvm::StringRef base, Type type) {
  return type.isF32() ? (base + "f").str() : base.str();
}

static std::string cmpf(arith::CmpFPredicate p, const std::string &a,
                        const std::string &b) {
  std::string ord = "(!isnan(" + a + ") && !isnan(" + b + "))";
  switch (p) {
  case arith::CmpFPredicate::AlwaysFalse: return "false";
  case arith::CmpFPredicate::OEQ: return a + " == " + b;
  case arith::CmpFPredicate::OGT: return a + " > " + b;
  case arith::CmpFPredicate::OGE: return a + " >= " + b;
  case arith::CmpFPredicate::OLT: return a + " < " + b;
  case arith::CmpFPredicate::OLE: return a + " <= " + b;
  case arith::CmpFPredicate::ONE: return "(" + a + " != " + b + " && " + ord + ")";
  case arith::CmpFPredicate::ORD: return ord;
  case arith::CmpFPredicate::UEQ: return "!(" + a + " != " + b + " && " + ord + ")";
  case arith::CmpFPredicate::UGT: return "!(" + a + " <= " + b + ")";
  case arith::CmpFPredicate::UGE: return "!(" + a + " < " + b + ")";
  case arith::CmpFPredicate::ULT: return "!(" + a + " >= " + b + ")";
  case arith::CmpFPredicate::ULE: return "!(" + a + " > " + b + ")";
  case arith::CmpFPredicate::UNE: return a + " != " + b;
  case arith::CmpFPredicate::UNO: return "!" + ord;
  case arith::CmpFPredicate::AlwaysTrue: return "true";
  }
  return "false";
}

static std::string cmpi(arith::CmpIPredicate p, Type type, const std::string &a,
                        const std::string &b) {
  std::string ua = "(" + unsignedOf(type) + ")" + a;
  std::string ub = "(" + unsignedOf(type) + ")" + b;
  switch (p) {
  case arith::CmpIPredicate::eq: return a + " == " + b;
  case arith::CmpIPredicate::ne: return a + " != " + b;
  case arith::CmpIPredicate::slt: return a + " < " + b;
  case arith::CmpIPredicate::sle: return a + " <= " + b;
  case arith::CmpIPredicate::sgt: return a + " > " + b;
  case arith::CmpIPredicate::sge: return a + " >= " + b;
  case arith::CmpIPredicate::ult: return ua + " < " + ub;
  case arith::CmpIPredicate::ule: return ua + " <= " + ub;
  case arith::CmpIPredicate::ugt: return ua + " > " + ub;
  case arith::CmpIPredicate::uge: return ua + " >= " + ub;
  }
  return "false";
}

// "a OP b" for the binary ops C spells as operators.
static std::optional<llvm::StringRef> binaryOperator(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<llvm::StringRef>>(op)
      .Case<arith::AddFOp, arith::AddIOp>([](auto) { return "+"; })
      .Case<arith::SubFOp, arith::SubIOp>([](auto) { return "-"; })
      .Case<arith::MulFOp, arith::MulIOp>([](auto) { return "*"; })
      .Case<arith::DivFOp, arith::DivSIOp>([](auto) { return "/"; })
      .Case<arith::RemSIOp>([](auto) { return "%"; })
      .Case<arith::AndIOp>([](auto) { return "&"; })
      .Case<arith::OrIOp>([](auto) { return "|"; })
      .Case<arith::XOrIOp>([](auto) { return "^"; })
      .Case<arith::ShLIOp>([](auto) { return "<<"; })
      .Case<arith::ShRSIOp>([](auto) { return ">>"; })
      .Default([](Operation *) { return std::nullopt; });
}

// Helper or libm function of an op applied to its operands in order.
static std::optional<std::string> functionName(Operation *op, Type type) {
  bool f32 = type.isF32();
  return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
      .Case([&](arith::MaximumFOp) { return f32 ? "mlc_maximumf" : "mlc_maximum"; })
      .Case([&](arith::MinimumFOp) { return f32 ? "mlc_minimumf" : "mlc_minimum"; })
      .Case([&](arith::MaxNumFOp) { return mathFn("fmax", type); })
      .Case([&](arith::MinNumFOp) { return mathFn("fmin", type); })
      .Case([&](arith::RemFOp) { return mathFn("fmod", type); })
      .Case([&](arith::MaxSIOp) { return std::string("mlc_smax"); })
      .Case([&](arith::MinSIOp) { return std::string("mlc_smin"); })
      .Case([&](arith::FloorDivSIOp) { return std::string("mlc_floordiv"); })
      .Case([&](arith::CeilDivSIOp) { return std::string("mlc_ceildiv"); })
      .Case([&](math::ExpOp) { return mathFn("exp", type); })
      .Case([&](math::Exp2Op) { return mathFn("exp2", type); })
      .Case([&](math::ExpM1Op) { return mathFn("expm1", type); })
      .Case([&](math::LogOp) { return mathFn("log", type); })
      .Case([&](math::Log2Op) { return mathFn("log2", type); })
      .Case([&](math::Log1pOp) { return mathFn("log1p", type); })
      .Case([&](math::TanhOp) { return mathFn("tanh", type); })
      .Case([&](math::ErfOp) { return mathFn("erf", type); })
      .Case([&](math::SqrtOp) { return mathFn("sqrt", type); })
      .Case([&](math::RsqrtOp) { return mathFn("rsqrt", type); })
      .Case([&](math::AbsFOp) { return mathFn("fabs", type); })
      .Case([&](math::FloorOp) { return mathFn("floor", type); })
      .Case([&](math::CeilOp) { return mathFn("ceil", type); })
      .Case([&](math::RoundOp) { return mathFn("round", type); })
      .Case([&](math::RoundEvenOp) { return mathFn("rint", type); })
      .Case([&](math::TruncOp) { return mathFn("trunc", type); })
      .Case([&](math::PowFOp) { return mathFn("pow", type); })
      .Case([&](math::FmaOp) { return mathFn("fma", type); })
      .Case([&](math::SinOp) { return mathFn("sin", type); })
      .Case([&](math::CosOp) { return mathFn("cos", type); })
      .Case([&](math::TanOp) { return mathFn("tan", type); })
      .Case([&](math::AtanOp) { return mathFn("atan", type); })
      .Case([&](math::Atan2Op) { return mathFn("atan2", type); })
      .Case([&](math::AbsIOp) { return std::string("mlc_absi"); })
      .Default([](Operation *) { return std::nullopt; });
}

// A cast op: "(T)a", through the unsigned type for the unsigned variants.
static std::optional<std::string> castExpression(Operation *op,
                                                 const std::string &a) {
  Type in = op->getNumOperands() ? op->getOperand(0).getType() : Type();
  Type out = op->getNumResults() ? op->getResult(0).getType() : Type();
  std::string to = "(" + cTypeOf(out) + ")";
  return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
      .Case<arith::SIToFPOp, arith::FPToSIOp, arith::ExtFOp, arith::TruncFOp,
            arith::ExtSIOp, arith::IndexCastOp>(
          [&](auto) { return to + a; })
      .Case<arith::UIToFPOp, arith::ExtUIOp, arith::IndexCastUIOp>(
          [&](auto) { return to + "(" + unsignedOf(in) + ")" + a; })
      .Case([&](arith::FPToUIOp) { return to + "(" + unsignedOf(out) + ")" + a; })
      .Case([&](arith::TruncIOp) {
        return out.isInteger(1) ? "(bool)(" + a + " & 1)" : to + a;
      })
      .Case([&](arith::BitcastOp) -> std::optional<std::string> {
        if (out.isF32()) return "__int_as_float(" + a + ")";
        if (out.isF64()) return "__longlong_as_double(" + a + ")";
        if (in.isF32()) return "__float_as_int(" + a + ")";
        if (in.isF64()) return "__double_as_longlong(" + a + ")";
        return to + a;
      })
      .Default([](Operation *) { return std::nullopt; });
}

FailureOr<std::string> ScalarEmitter::expression(Operation *op) {
  SmallVector<std::string> args;
  for (Value operand : op->getOperands()) {
    FailureOr<std::string> name = get(operand);
    if (failed(name))
      return failure();
    args.push_back(*name);
  }
  Type type = op->getResult(0).getType();
  Type operandType = op->getNumOperands() ? op->getOperand(0).getType() : type;
  if (auto c = dyn_cast<arith::ConstantOp>(op))
    return get(c.getResult());
  if (std::optional<llvm::StringRef> infix = binaryOperator(op))
    return args[0] + " " + infix->str() + " " + args[1];
  if (isa<arith::DivUIOp, arith::RemUIOp, arith::ShRUIOp>(op)) {
    llvm::StringRef infix = isa<arith::DivUIOp>(op)   ? "/"
                            : isa<arith::RemUIOp>(op) ? "%"
                                                      : ">>";
    std::string u = "(" + unsignedOf(type) + ")";
    return "(" + cTypeOf(type) + ")(" + u + args[0] + " " + infix.str() + " " +
           u + args[1] + ")";
  }
  if (isa<arith::NegFOp>(op))
    return "-" + args[0];
  if (auto c = dyn_cast<arith::CmpFOp>(op))
    return cmpf(c.getPredicate(), args[0], args[1]);
  if (auto c = dyn_cast<arith::CmpIOp>(op))
    return cmpi(c.getPredicate(), operandType, args[0], args[1]);
  if (isa<arith::SelectOp>(op))
    return args[0] + " ? " + args[1] + " : " + args[2];
  if (std::optional<std::string> cast = castExpression(op, args[0]))
    return *cast;
  if (std::optional<std::string> fn = functionName(op, operandType))
    return *fn + "(" + llvm::join(args, ", ") + ")";
  return op->emitError("the CUDA target cannot emit '")
         << op->getName() << "' in a kernel", failure();
}

LogicalResult ScalarEmitter::emit(Operation *op) {
  if (op->getNumResults() != 1 || op->getNumRegions() != 0 ||
      cTypeOf(op->getResult(0).getType()).empty())
    return op->emitError("the CUDA target cannot emit '")
           << op->getName() << "' in a kernel";
  FailureOr<std::string> expr = expression(op);
  if (failed(expr))
    return failure();
  bind(op->getResult(0), declare(op->getResult(0).getType(), *expr));
  return success();
}

std::optional<Combiner> cuda::combinerOf(Operation *op) {
  if (op->getNumOperands() != 2 || op->getNumResults() != 1)
    return std::nullopt;
  Type type = op->getResult(0).getType();
  auto floatType = dyn_cast<FloatType>(type);
  auto intType = dyn_cast<IntegerType>(type);
  auto f = [&](double v) {
    APFloat value(v);
    bool lost = false;
    value.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                  &lost);
    return floatLiteral(value, type);
  };
  auto inf = [&](bool negative) {
    return floatLiteral(APFloat::getInf(floatType.getFloatSemantics(), negative),
                        type);
  };
  auto i = [&](APInt v) { return intLiteral(v, type); };
  std::string suffix = type.isF32() ? "f" : "";
  using C = std::optional<Combiner>;
  if (floatType && cTypeOf(type) != "")
    return llvm::TypeSwitch<Operation *, C>(op)
        .Case([&](arith::AddFOp) { return Combiner{f(0), "(@0 + @1)"}; })
        .Case([&](arith::MulFOp) { return Combiner{f(1), "(@0 * @1)"}; })
        .Case([&](arith::MaximumFOp) {
          return Combiner{inf(true), "mlc_maximum" + suffix + "(@0, @1)"};
        })
        .Case([&](arith::MinimumFOp) {
          return Combiner{inf(false), "mlc_minimum" + suffix + "(@0, @1)"};
        })
        .Case([&](arith::MaxNumFOp) {
          return Combiner{inf(true), "fmax" + suffix + "(@0, @1)"};
        })
        .Case([&](arith::MinNumFOp) {
          return Combiner{inf(false), "fmin" + suffix + "(@0, @1)"};
        })
        .Default([](Operation *) { return std::nullopt; });
  if (!intType || intType.getWidth() == 1)
    return std::nullopt;
  unsigned w = intType.getWidth();
  return llvm::TypeSwitch<Operation *, C>(op)
      .Case([&](arith::AddIOp) { return Combiner{i(APInt(w, 0)), "(@0 + @1)"}; })
      .Case([&](arith::MaxSIOp) {
        return Combiner{i(APInt::getSignedMinValue(w)), "mlc_smax(@0, @1)"};
      })
      .Case([&](arith::MinSIOp) {
        return Combiner{i(APInt::getSignedMaxValue(w)), "mlc_smin(@0, @1)"};
      })
      .Default([](Operation *) { return std::nullopt; });
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// mlc: compile ONNX models to .mlc artifacts, run and inspect them.

#include "Commands.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlc_tool;

static const char kMainUsage[] =
    "usage: mlc <command> [options]\n"
    "\n"
    "commands:\n"
    "  compile MODEL.onnx -o MODEL.mlc   compile a model to an artifact\n"
    "  run MODEL.mlc --input NAME=X.npy  run an artifact, print or save outputs\n"
    "  inspect MODEL.mlc                 show an artifact's interface\n"
    "  bench MODEL.mlc                   time runs: median, p10/p90, peak memory\n"
    "\n"
    "`mlc <command> --help` describes each command. Exit status: 0 ok, 1 error,\n"
    "2 usage error.\n";

int mlc_tool::fail(llvm::StringRef command, const llvm::Twine &message,
                   int code) {
  llvm::errs() << "mlc" << (command.empty() ? "" : " ") << command
               << ": error: " << message << "\n";
  return code;
}

bool mlc_tool::takeValue(llvm::ArrayRef<llvm::StringRef> args, size_t &i,
                         llvm::StringRef name, llvm::StringRef &value) {
  llvm::StringRef arg = args[i];
  if (arg.consume_front(name)) {
    if (arg.consume_front("=")) {
      value = arg;
      return true;
    }
    if (arg.empty() && i + 1 < args.size()) {
      value = args[++i];
      return true;
    }
  }
  return false;
}

int main(int argc, char **argv) {
  llvm::SmallVector<llvm::StringRef> args(argv + 1, argv + argc);
  if (args.empty())
    return llvm::errs() << kMainUsage, kUsage;
  llvm::StringRef command = args.front();
  llvm::ArrayRef<llvm::StringRef> rest = llvm::ArrayRef(args).drop_front();
  if (command == "--help" || command == "-h" || command == "help")
    return llvm::outs() << kMainUsage, kOk;
  if (command == "compile")
    return runCompile(rest);
  if (command == "run")
    return runRun(rest);
  if (command == "inspect")
    return runInspect(rest);
  if (command == "bench")
    return runBench(rest);
  llvm::errs() << "mlc: error: unknown command '" << command << "'\n\n"
               << kMainUsage;
  return kUsage;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_TOOLS_MLC_COMMANDS_H
#define MLC_TOOLS_MLC_COMMANDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace mlc_tool {

/// Exit codes of every command.
enum ExitCode { kOk = 0, kError = 1, kUsage = 2 };

/// `mlc compile`, `mlc run`, `mlc inspect`, `mlc bench`: |args| excludes the command name.
int runCompile(llvm::ArrayRef<llvm::StringRef> args);
int runRun(llvm::ArrayRef<llvm::StringRef> args);
int runInspect(llvm::ArrayRef<llvm::StringRef> args);
int runBench(llvm::ArrayRef<llvm::StringRef> args);

/// Prints "mlc <command>: error: <message>" to stderr and returns |code|.
int fail(llvm::StringRef command, const llvm::Twine &message,
         int code = kError);

/// If |arg| is "--name=value" or "--name" followed by a value in |args|
/// (consumed through |i|), stores the value and returns true.
bool takeValue(llvm::ArrayRef<llvm::StringRef> args, size_t &i,
               llvm::StringRef name, llvm::StringRef &value);

} // namespace mlc_tool

#endif // MLC_TOOLS_MLC_COMMANDS_H

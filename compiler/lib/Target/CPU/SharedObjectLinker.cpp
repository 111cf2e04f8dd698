// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Links the object file into a shared object with lld as a library, so the
// compiler needs no external linker. lld resets LLVM's cl::opt values while
// it runs: nothing here reads them afterwards.

#include "mlc/Target/CPU/CPUTarget.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

LLD_HAS_DRIVER(elf)

using namespace mlir;

// Directory holding the system's libm.so.6, to record it as DT_NEEDED.
static std::string findLibmDir() {
  for (const char *dir : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
                          "/lib64", "/usr/lib64", "/lib", "/usr/lib"}) {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, "libm.so.6");
    if (llvm::sys::fs::exists(path))
      return dir;
  }
  return "";
}

namespace {
// A temporary directory removed with its files on destruction.
struct TempDir {
  llvm::SmallString<128> path;
  ~TempDir() {
    if (!path.empty())
      llvm::sys::fs::remove_directories(path);
  }
  std::string file(llvm::StringRef name) const {
    llvm::SmallString<128> p(path);
    llvm::sys::path::append(p, name);
    return std::string(p);
  }
};
} // namespace

FailureOr<std::string> mlc::linkSharedObject(llvm::StringRef object,
                                             std::string &error) {
  TempDir dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("mlc-link", dir.path)) {
    error = "cannot create a temporary directory: " + ec.message();
    return failure();
  }
  std::string objPath = dir.file("model.o"), soPath = dir.file("model.so");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(objPath, ec);
    if (ec) {
      error = "cannot write " + objPath + ": " + ec.message();
      return failure();
    }
    os << object;
  }
  std::string libmDir = findLibmDir();
  if (libmDir.empty()) {
    error = "cannot find libm.so.6 to link against";
    return failure();
  }
  std::string libPath = "-L" + libmDir;
  std::vector<const char *> args = {
      "ld.lld", "-shared", "--no-undefined-version", "-z", "now", "-z",
      "noexecstack", "-O1", "--gc-sections", "-o", soPath.c_str(),
      objPath.c_str(), libPath.c_str(), "-l:libm.so.6"};
  std::string log;
  llvm::raw_string_ostream logStream(log);
  lld::Result result =
      lld::lldMain(args, logStream, logStream, {{lld::Gnu, &lld::elf::link}});
  if (result.retCode != 0) {
    error = "linking the model's shared object failed: " + log;
    return failure();
  }
  auto buffer = llvm::MemoryBuffer::getFile(soPath);
  if (!buffer) {
    error = "cannot read " + soPath + ": " + buffer.getError().message();
    return failure();
  }
  return (*buffer)->getBuffer().str();
}

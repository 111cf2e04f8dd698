// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "Nvrtc.h"

#include "llvm/Support/DynamicLibrary.h"

#include <cstdlib>
#include <vector>

using namespace mlir::mlc;

namespace {
// The part of nvrtc.h used here (the C ABI is stable across releases).
using nvrtcResult = int;
using nvrtcProgram = struct _nvrtcProgram *;

struct NvrtcApi {
  nvrtcResult (*createProgram)(nvrtcProgram *, const char *, const char *, int,
                               const char *const *, const char *const *);
  nvrtcResult (*compileProgram)(nvrtcProgram, int, const char *const *);
  nvrtcResult (*getPTXSize)(nvrtcProgram, size_t *);
  nvrtcResult (*getPTX)(nvrtcProgram, char *);
  nvrtcResult (*getProgramLogSize)(nvrtcProgram, size_t *);
  nvrtcResult (*getProgramLog)(nvrtcProgram, char *);
  nvrtcResult (*destroyProgram)(nvrtcProgram *);
  const char *(*getErrorString)(nvrtcResult);
};

// Loads the library and resolves the API, or says why not.
bool loadApi(NvrtcApi &api, std::string &error) {
  std::vector<std::string> candidates;
  if (const char *path = std::getenv("MLC_NVRTC"))
    candidates.push_back(path);
  else
    candidates = {"libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12",
                  "/usr/local/cuda/lib64/libnvrtc.so"};
  llvm::sys::DynamicLibrary lib;
  std::string tried;
  for (const std::string &path : candidates) {
    std::string why;
    lib = llvm::sys::DynamicLibrary::getPermanentLibrary(path.c_str(), &why);
    if (lib.isValid())
      break;
    tried += "\n  " + path + ": " + why;
  }
  if (!lib.isValid()) {
    error = "--target=cuda needs NVRTC (libnvrtc.so of the CUDA toolkit, or "
            "set MLC_NVRTC to its path); tried:" + tried;
    return false;
  }
  auto get = [&](const char *name, auto &fn) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(
        lib.getAddressOfSymbol(name));
    if (!fn && error.empty())
      error = std::string("NVRTC library lacks ") + name;
  };
  get("nvrtcCreateProgram", api.createProgram);
  get("nvrtcCompileProgram", api.compileProgram);
  get("nvrtcGetPTXSize", api.getPTXSize);
  get("nvrtcGetPTX", api.getPTX);
  get("nvrtcGetProgramLogSize", api.getProgramLogSize);
  get("nvrtcGetProgramLog", api.getProgramLog);
  get("nvrtcDestroyProgram", api.destroyProgram);
  get("nvrtcGetErrorString", api.getErrorString);
  return error.empty();
}

// Loaded once per process (a function-local static is initialized once,
// thread-safely).
const NvrtcApi *nvrtc(std::string &error) {
  struct Loaded {
    NvrtcApi api;
    std::string error;
    bool ok = false;
  };
  static const Loaded loaded = [] {
    Loaded l;
    l.ok = loadApi(l.api, l.error);
    return l;
  }();
  error = loaded.error;
  return loaded.ok ? &loaded.api : nullptr;
}

std::string programLog(const NvrtcApi &api, nvrtcProgram program) {
  size_t size = 0;
  if (api.getProgramLogSize(program, &size) != 0 || size == 0)
    return "";
  std::string log(size, '\0');
  if (api.getProgramLog(program, log.data()) != 0)
    return "";
  log.resize(log.find('\0') == std::string::npos ? log.size()
                                                 : log.find('\0'));
  return log;
}
} // namespace

bool cuda::compileToPtx(llvm::StringRef source, unsigned sm, std::string &ptx,
                        std::string &error) {
  const NvrtcApi *api = nvrtc(error);
  if (!api)
    return false;
  std::string text = source.str();
  nvrtcProgram program = nullptr;
  nvrtcResult rc = api->createProgram(&program, text.c_str(), "mlc_kernels.cu",
                                      0, nullptr, nullptr);
  if (rc != 0) {
    error = std::string("nvrtcCreateProgram: ") + api->getErrorString(rc);
    return false;
  }
  std::string arch = "--gpu-architecture=compute_" + std::to_string(sm);
  const char *options[] = {arch.c_str(), "--std=c++17"};
  rc = api->compileProgram(program, 2, options);
  size_t size = 0;
  if (rc == 0)
    rc = api->getPTXSize(program, &size);
  if (rc == 0) {
    ptx.assign(size, '\0');
    rc = api->getPTX(program, ptx.data());
    ptx.resize(ptx.find('\0') == std::string::npos ? size : ptx.find('\0'));
  }
  if (rc != 0)
    error = "NVRTC failed for sm_" + std::to_string(sm) + ": " +
            api->getErrorString(rc) + "\n" + programLog(*api, program);
  api->destroyProgram(&program);
  return rc == 0;
}

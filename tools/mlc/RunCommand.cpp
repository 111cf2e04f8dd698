// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// `mlc run` and `mlc inspect`: thin clients of the runtime C API.

#include "Commands.h"
#include "Npy.h"

#include "mlc/runtime/api.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlc_tool;

static const char kRunUsage[] =
    "usage: mlc run MODEL.mlc --input NAME=FILE.npy [...] [--output-dir DIR]\n"
    "\n"
    "Runs the artifact once. Every model input needs an --input. Outputs are\n"
    "printed (shape and leading values) and, with --output-dir, written as\n"
    "DIR/<name>.npy (characters outside [A-Za-z0-9_.-] become '_').\n";

static const char kInspectUsage[] =
    "usage: mlc inspect MODEL.mlc\n\nPrints the artifact's inputs, outputs and "
    "section sizes.\n";

namespace {
// Owns a module or session reference.
template <typename T, void (*Release)(T *)> struct Ref {
  T *ptr = nullptr;
  ~Ref() {
    if (ptr)
      Release(ptr);
  }
};
using ModuleRef = Ref<mlc_module_t, mlc_module_release>;
using SessionRef = Ref<mlc_session_t, mlc_session_release>;

int statusFail(llvm::StringRef command, mlc_status_t status) {
  int rc = fail(command, mlc_status_message(status));
  mlc_status_free(status);
  return rc;
}

std::string describe(const mlc_tensor_info_t &info) {
  std::string s = std::string(info.name) + ": " + mlc_dtype_name(info.dtype) + "[";
  for (uint32_t i = 0; i < info.rank; ++i)
    s += (i ? "," : "") + std::to_string(info.dims[i]);
  return s + "]";
}

std::string fileNameFor(llvm::StringRef name) {
  std::string s = name.str();
  for (char &c : s)
    if (!llvm::isAlnum(c) && c != '_' && c != '.' && c != '-')
      c = '_';
  return s + ".npy";
}

void printValues(const mlc_tensor_info_t &info, const void *data, size_t size) {
  llvm::outs() << describe(info);
  if (info.dtype != MLC_DTYPE_F32)
    return void(llvm::outs() << "\n");
  const float *v = static_cast<const float *>(data);
  size_t n = size / sizeof(float), shown = std::min<size_t>(n, 16);
  llvm::outs() << " = [";
  for (size_t i = 0; i < shown; ++i)
    llvm::outs() << (i ? ", " : "") << llvm::format("%.6g", v[i]);
  llvm::outs() << (n > shown ? ", ...]\n" : "]\n");
}

int bindInputs(const mlc_module_t *module, mlc_session_t *session,
               const llvm::StringMap<std::string> &files,
               std::vector<NpyArray> &arrays) {
  for (size_t i = 0, e = mlc_module_input_count(module); i < e; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_input_info(module, i, &info))
      return statusFail("run", s);
    if (!files.count(info.name))
      return fail("run", llvm::Twine("model input '") + info.name +
                             "' needs --input " + info.name + "=FILE.npy");
  }
  for (const auto &entry : files) {
    NpyArray array;
    std::string error;
    if (!readNpy(entry.second, array, error))
      return fail("run", "input '" + entry.first() + "': " + error);
    arrays.push_back(std::move(array));
    NpyArray &a = arrays.back();
    if (mlc_status_t s = mlc_session_bind_input(
            session, entry.first().str().c_str(), a.dtype, a.shape.size(),
            a.shape.data(), a.data.data(), a.data.size()))
      return statusFail("run", s);
  }
  return kOk;
}

int writeOutputs(const mlc_module_t *module, mlc_session_t *session,
                 llvm::StringRef outputDir) {
  llvm::StringMap<std::string> files; // file name -> output name
  for (size_t i = 0, e = mlc_module_output_count(module); i < e; ++i) {
    mlc_tensor_info_t info;
    const void *data = nullptr;
    size_t size = 0;
    if (mlc_status_t s = mlc_module_output_info(module, i, &info))
      return statusFail("run", s);
    if (mlc_status_t s = mlc_session_output(session, info.name, nullptr, &data, &size))
      return statusFail("run", s);
    printValues(info, data, size);
    if (outputDir.empty())
      continue;
    auto [it, inserted] = files.try_emplace(fileNameFor(info.name), info.name);
    if (!inserted)
      return fail("run", "outputs '" + it->second + "' and '" + info.name +
                             "' would both be written to " + it->first());
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(path, fileNameFor(info.name));
    std::string error;
    if (!writeNpy(path, info.dtype, llvm::ArrayRef(info.dims, info.rank), data,
                  size, error))
      return fail("run", error);
  }
  return kOk;
}
} // namespace

int mlc_tool::runRun(llvm::ArrayRef<llvm::StringRef> args) {
  std::string model, outputDir;
  llvm::StringMap<std::string> inputs;
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef a = args[i], v;
    if (a == "--help" || a == "-h")
      return llvm::outs() << kRunUsage, kOk;
    if (takeValue(args, i, "--input", v)) {
      auto [name, file] = v.split('=');
      if (name.empty() || file.empty())
        return fail("run", "--input expects NAME=FILE.npy, got '" + v + "'", kUsage);
      if (!inputs.try_emplace(name, file.str()).second)
        return fail("run", "--input " + name + " is given twice", kUsage);
    } else if (takeValue(args, i, "--output-dir", v)) {
      outputDir = v.str();
    } else if (a.starts_with("-") || !model.empty()) {
      return fail("run", "unexpected argument '" + a + "'\n" + kRunUsage, kUsage);
    } else {
      model = a.str();
    }
  }
  if (model.empty())
    return fail("run", llvm::Twine("no artifact given\n") + kRunUsage, kUsage);
  if (!outputDir.empty())
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
      return fail("run", "cannot create '" + outputDir + "': " + ec.message());
  ModuleRef module;
  if (mlc_status_t s = mlc_module_load_file(model.c_str(), mlc_allocator_system(), &module.ptr))
    return statusFail("run", s);
  SessionRef session;
  if (mlc_status_t s = mlc_session_create(module.ptr, mlc_allocator_system(), &session.ptr))
    return statusFail("run", s);
  std::vector<NpyArray> arrays;
  arrays.reserve(inputs.size());
  if (int rc = bindInputs(module.ptr, session.ptr, inputs, arrays))
    return rc;
  if (mlc_status_t s = mlc_session_run(session.ptr))
    return statusFail("run", s);
  return writeOutputs(module.ptr, session.ptr, outputDir);
}

int mlc_tool::runInspect(llvm::ArrayRef<llvm::StringRef> args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h"))
    return llvm::outs() << kInspectUsage, kOk;
  if (args.size() != 1 || args[0].starts_with("-"))
    return fail("inspect", llvm::Twine("expected one artifact\n") + kInspectUsage,
                kUsage);
  ModuleRef module;
  if (mlc_status_t s = mlc_module_load_file(args[0].str().c_str(),
                                            mlc_allocator_system(), &module.ptr))
    return statusFail("inspect", s);
  llvm::outs() << args[0] << "\n  code: " << mlc_module_code_size(module.ptr)
               << " bytes\n  weights: " << mlc_module_weights_size(module.ptr)
               << " bytes\n";
  for (size_t i = 0, e = mlc_module_input_count(module.ptr); i < e; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_input_info(module.ptr, i, &info))
      return statusFail("inspect", s);
    llvm::outs() << "  input " << describe(info) << "\n";
  }
  for (size_t i = 0, e = mlc_module_output_count(module.ptr); i < e; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_output_info(module.ptr, i, &info))
      return statusFail("inspect", s);
    llvm::outs() << "  output " << describe(info) << "\n";
  }
  return kOk;
}

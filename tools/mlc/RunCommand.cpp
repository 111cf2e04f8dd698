// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// `mlc run` and `mlc inspect`: thin clients of the runtime C API.

#include "Commands.h"
#include "Npy.h"
#include "RuntimeRefs.h"

#include "mlc/runtime/api.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstring>

using namespace mlc_tool;

static const char kRunUsage[] =
    "usage: mlc run MODEL.mlc --input NAME=FILE.npy [...] [--output-dir DIR]\n"
    "               [--threads N]\n"
    "       mlc run MODEL.mlc --prompt-ids 1,2,3 [--max-new-tokens N]\n"
    "\n"
    "Runs the artifact once. Every model input needs an --input. Outputs are\n"
    "printed (shape and leading values) and, with --output-dir, written as\n"
    "DIR/<name>.npy (characters outside [A-Za-z0-9_.-] become '_').\n"
    "--threads N (default 1) runs the session on N threads.\n"
    "\n"
    "With --prompt-ids, MODEL must be a decoder compiled with --kv-cache: the\n"
    "prompt is fed one token per step, then N tokens (default 32) are decoded\n"
    "greedily; the generated ids are printed on one line.\n";

static const char kInspectUsage[] =
    "usage: mlc inspect MODEL.mlc\n\nPrints the artifact's inputs, outputs and "
    "section sizes.\n";

namespace {

// "name: dtype[dims]"; with |module|, symbolic dims print by name
// ("seq<=256" when bounded).
std::string describe(const mlc_tensor_info_t &info,
                     const mlc_module_t *module = nullptr, int isOutput = 0,
                     size_t index = 0) {
  std::string s = std::string(info.name) + ": " + mlc_dtype_name(info.dtype) + "[";
  for (uint32_t i = 0; i < info.rank; ++i) {
    s += i ? "," : "";
    const char *name =
        module ? mlc_module_dim_name(module, isOutput, index, i) : nullptr;
    int64_t max = module ? mlc_module_dim_max(module, isOutput, index, i) : 0;
    s += name ? std::string(name) : std::to_string(info.dims[i]);
    if (name && max > 0)
      s += "<=" + std::to_string(max);
  }
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
    // The session's info has the run's dims (the module's may be symbolic).
    if (mlc_status_t s =
            mlc_session_output(session, info.name, &info, &data, &size))
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
// A KV-cache decode-step artifact: its inputs and zeroed cache buffers,
// bound once; each step rewrites the token and position in place.
struct Decoder {
  mlc_session_t *session;
  int64_t token = 0, position = 0;
  std::vector<std::vector<float>> caches;  // past_* inputs, in input order
  std::vector<std::string> presentNames;   // matching present_* outputs
  int64_t context = 0;
};

// Whether input |info| belongs to a KV-cache decode step's interface.
bool isStepInput(const mlc_tensor_info_t &info) {
  llvm::StringRef name = info.name;
  if (name == "input_ids")
    return info.rank == 2 && info.dims[0] == 1 && info.dims[1] == 1;
  if (name == "position")
    return info.rank == 1 && info.dims[0] == 1;
  return name.starts_with("past_") && info.rank == 4 &&
         info.dtype == MLC_DTYPE_F32 &&
         llvm::all_of(llvm::ArrayRef(info.dims, 4),
                      [](int64_t d) { return d > 0; });
}

int bindDecoder(const mlc_module_t *module, Decoder &d) {
  static const int64_t one[2] = {1, 1};
  size_t count = mlc_module_input_count(module);
  for (size_t i = 0; i < count; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_input_info(module, i, &info))
      return statusFail("run", s);
    if (!isStepInput(info) || count < 3)
      return fail("run", "--prompt-ids needs an artifact compiled with "
                         "--kv-cache (inputs input_ids [1,1], position [1], "
                         "past_*); input '" + llvm::Twine(info.name) +
                         "' does not fit");
  }
  for (size_t i = 0; i < count; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_input_info(module, i, &info))
      return statusFail("run", s);
    llvm::StringRef name = info.name;
    mlc_status_t s = nullptr;
    if (name == "input_ids")
      s = mlc_session_bind_input(d.session, info.name, MLC_DTYPE_I64, 2, one,
                                 &d.token, sizeof(d.token));
    else if (name == "position")
      s = mlc_session_bind_input(d.session, info.name, MLC_DTYPE_I64, 1, one,
                                 &d.position, sizeof(d.position));
    else {
      name.consume_front("past_");
      size_t n = info.dims[0] * info.dims[1] * info.dims[2] * info.dims[3];
      d.context = info.dims[2];
      d.caches.emplace_back(n, 0.0f);
      d.presentNames.push_back(("present_" + name).str());
      s = mlc_session_bind_input(d.session, info.name, MLC_DTYPE_F32, 4,
                                 info.dims, d.caches.back().data(),
                                 n * sizeof(float));
    }
    if (s)
      return statusFail("run", s);
  }
  return kOk;
}

// Runs one step; on success |next| is the argmax of the logits.
int decodeStep(Decoder &d, int64_t &next) {
  if (mlc_status_t s = mlc_session_run(d.session))
    return statusFail("run", s);
  const void *data = nullptr;
  size_t size = 0;
  if (mlc_status_t s = mlc_session_output(d.session, "logits", nullptr, &data, &size))
    return statusFail("run", s);
  const float *logits = static_cast<const float *>(data);
  size_t n = size / sizeof(float);
  next = std::max_element(logits, logits + n) - logits;
  for (size_t i = 0; i < d.caches.size(); ++i) {
    const void *present = nullptr;
    if (mlc_status_t s = mlc_session_output(d.session, d.presentNames[i].c_str(),
                                            nullptr, &present, &size))
      return statusFail("run", s);
    std::memcpy(d.caches[i].data(), present, size);
  }
  return kOk;
}

int generate(mlc_module_t *module, mlc_session_t *session,
             llvm::ArrayRef<int64_t> prompt, int64_t maxNew) {
  Decoder d{session};
  if (int rc = bindDecoder(module, d))
    return rc;
  if (static_cast<int64_t>(prompt.size()) + maxNew > d.context)
    return fail("run", "prompt (" + llvm::Twine(prompt.size()) + ") plus " +
                           llvm::Twine(maxNew) + " new tokens exceed the KV "
                           "cache of " + llvm::Twine(d.context) + " positions");
  std::vector<int64_t> generated;
  int64_t next = 0;
  auto start = std::chrono::steady_clock::now();
  for (int64_t t = 0; t + 1 < static_cast<int64_t>(prompt.size()) + maxNew; ++t) {
    d.token = t < static_cast<int64_t>(prompt.size()) ? prompt[t] : next;
    d.position = t;
    if (int rc = decodeStep(d, next))
      return rc;
    if (t + 1 >= static_cast<int64_t>(prompt.size()))
      generated.push_back(next);
  }
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start).count();
  for (size_t i = 0; i < generated.size(); ++i)
    llvm::outs() << (i ? "," : "") << generated[i];
  llvm::outs() << "\n";
  llvm::outs().flush();
  llvm::errs() << llvm::format("%zu steps in %.3f s: %.1f tokens/s\n",
                               prompt.size() + maxNew - 1, seconds,
                               (prompt.size() + maxNew - 1) / seconds);
  return kOk;
}

int parseIds(llvm::StringRef list, std::vector<int64_t> &ids) {
  llvm::SmallVector<llvm::StringRef> parts;
  list.split(parts, ',');
  for (llvm::StringRef p : parts) {
    int64_t id = 0;
    if (p.trim().getAsInteger(10, id) || id < 0)
      return fail("run", "--prompt-ids expects non-negative integers separated "
                         "by commas, got '" + list + "'", kUsage);
    ids.push_back(id);
  }
  return kOk;
}

} // namespace

int mlc_tool::runRun(llvm::ArrayRef<llvm::StringRef> args) {
  std::string model, outputDir;
  llvm::StringMap<std::string> inputs;
  std::vector<int64_t> prompt;
  int64_t maxNew = 32, threads = 1;
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
    } else if (takeValue(args, i, "--threads", v)) {
      if (v.getAsInteger(10, threads) || threads < 1)
        return fail("run", "--threads expects a positive integer, got '" + v +
                               "'", kUsage);
    } else if (takeValue(args, i, "--prompt-ids", v)) {
      if (int rc = parseIds(v, prompt))
        return rc;
    } else if (takeValue(args, i, "--max-new-tokens", v)) {
      if (v.getAsInteger(10, maxNew) || maxNew < 1)
        return fail("run", "--max-new-tokens expects a positive integer, got '" +
                               v + "'", kUsage);
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
  if (mlc_status_t s = mlc_session_set_num_threads(session.ptr, threads))
    return statusFail("run", s);
  if (!prompt.empty()) {
    if (!inputs.empty() || !outputDir.empty())
      return fail("run", "--prompt-ids does not take --input or --output-dir",
                  kUsage);
    return generate(module.ptr, session.ptr, prompt, maxNew);
  }
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
  // Only the description: a CUDA artifact is inspectable without a GPU.
  ModuleRef module;
  if (mlc_status_t s = mlc_module_load_file_info(
          args[0].str().c_str(), mlc_allocator_system(), &module.ptr))
    return statusFail("inspect", s);
  bool cuda = mlc_module_target(module.ptr) == MLC_TARGET_CUDA_PTX;
  llvm::outs() << args[0] << "\n  target: "
               << (cuda ? "cuda (PTX)" : "cpu (x86-64 ELF)")
               << "\n  code: " << mlc_module_code_size(module.ptr)
               << " bytes\n  weights: " << mlc_module_weights_size(module.ptr)
               << " bytes\n";
  for (size_t i = 0, e = mlc_module_input_count(module.ptr); i < e; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_input_info(module.ptr, i, &info))
      return statusFail("inspect", s);
    llvm::outs() << "  input " << describe(info, module.ptr, 0, i)
                 << "\n";
  }
  for (size_t i = 0, e = mlc_module_output_count(module.ptr); i < e; ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_output_info(module.ptr, i, &info))
      return statusFail("inspect", s);
    llvm::outs() << "  output " << describe(info, module.ptr, 1, i)
                 << "\n";
  }
  return kOk;
}

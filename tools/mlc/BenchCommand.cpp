// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// `mlc bench`: latency of mlc_session_run on one session (median, p10, p90
// over the timed iterations) and the process's peak memory.

#include "Commands.h"
#include "Npy.h"
#include "RuntimeRefs.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <sys/resource.h>

using namespace mlc_tool;

static const char kBenchUsage[] =
    "usage: mlc bench MODEL.mlc [--input NAME=FILE.npy ...] [--shape NAME=DxD...]\n"
    "                 [--iterations N] [--warmup N] [--threads N]\n"
    "\n"
    "Runs the artifact --warmup times (default 3), then times --iterations runs\n"
    "(default 20) of one session and prints the median, p10 and p90 latency and\n"
    "the process's peak resident memory. Inputs without --input get fixed\n"
    "values (float32 uniform in [-1, 1) from seed 0; integers and bools 0);\n"
    "their symbolic dims come from --shape. --threads N (default 1) runs the\n"
    "session on N threads (mlc_session_set_num_threads).\n";

namespace {
struct BenchOptions {
  std::string model;
  llvm::StringMap<std::string> files;
  llvm::StringMap<llvm::SmallVector<int64_t>> shapes;
  int64_t iterations = 20, warmup = 3, threads = 1;
};

int parseShape(llvm::StringRef v, BenchOptions &o) {
  auto [name, dims] = v.split('=');
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, 'x');
  llvm::SmallVector<int64_t> shape;
  for (llvm::StringRef p : parts) {
    int64_t d = 0;
    if (p.getAsInteger(10, d) || d < 1)
      return fail("bench", "--shape expects NAME=DxD... with positive sizes, got '" +
                               v + "'", kUsage);
    shape.push_back(d);
  }
  if (name.empty() || !o.shapes.try_emplace(name, shape).second)
    return fail("bench", "--shape '" + v + "' has no name or repeats one", kUsage);
  return kOk;
}

int parseCount(llvm::StringRef flag, llvm::StringRef v, int64_t min,
               int64_t &out) {
  if (v.getAsInteger(10, out) || out < min)
    return fail("bench", flag + " expects an integer >= " + llvm::Twine(min) +
                             ", got '" + v + "'", kUsage);
  return kOk;
}

int parseArgs(llvm::ArrayRef<llvm::StringRef> args, BenchOptions &o) {
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef a = args[i], v;
    int rc = kOk;
    if (a == "--help" || a == "-h") {
      llvm::outs() << kBenchUsage;
      return -1;
    }
    if (takeValue(args, i, "--input", v)) {
      auto [name, file] = v.split('=');
      if (name.empty() || file.empty() ||
          !o.files.try_emplace(name, file.str()).second)
        return fail("bench", "--input expects NAME=FILE.npy once per input, got '" +
                                 v + "'", kUsage);
    } else if (takeValue(args, i, "--shape", v)) {
      rc = parseShape(v, o);
    } else if (takeValue(args, i, "--iterations", v)) {
      rc = parseCount("--iterations", v, 1, o.iterations);
    } else if (takeValue(args, i, "--warmup", v)) {
      rc = parseCount("--warmup", v, 0, o.warmup);
    } else if (takeValue(args, i, "--threads", v)) {
      rc = parseCount("--threads", v, 1, o.threads);
    } else if (a.starts_with("-") || !o.model.empty()) {
      return fail("bench", "unexpected argument '" + a + "'\n" + kBenchUsage,
                  kUsage);
    } else {
      o.model = a.str();
    }
    if (rc != kOk)
      return rc;
  }
  if (o.model.empty())
    return fail("bench", llvm::Twine("no artifact given\n") + kBenchUsage, kUsage);
  return kOk;
}

// Fixed values of |info|'s dtype and |shape|.
NpyArray generated(const mlc_tensor_info_t &info,
                   llvm::ArrayRef<int64_t> shape) {
  NpyArray a;
  a.dtype = static_cast<mlc_dtype_t>(info.dtype);
  a.shape.assign(shape.begin(), shape.end());
  size_t n = 1;
  for (int64_t d : shape)
    n *= static_cast<size_t>(d);
  a.data.assign(n * mlc_dtype_size(info.dtype), 0);
  if (info.dtype == MLC_DTYPE_F32) {
    std::mt19937 rng(0);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    float *f = reinterpret_cast<float *>(a.data.data());
    for (size_t i = 0; i < n; ++i)
      f[i] = uniform(rng);
  }
  return a;
}

// The array input |info| is bound to: its file, or generated values.
int inputArray(const BenchOptions &o, const mlc_tensor_info_t &info,
               NpyArray &out) {
  if (auto it = o.files.find(info.name); it != o.files.end()) {
    std::string error;
    return readNpy(it->second, out, error) ? kOk : fail("bench", error);
  }
  llvm::SmallVector<int64_t> shape(info.dims, info.dims + info.rank);
  if (auto it = o.shapes.find(info.name); it != o.shapes.end())
    shape = it->second;
  if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
    return fail("bench", llvm::Twine("input '") + info.name +
                             "' has symbolic dims; give --shape " + info.name +
                             "=DxD... or --input " + info.name + "=FILE.npy",
                kUsage);
  out = generated(info, shape);
  return kOk;
}

int bindAll(const BenchOptions &o, mlc_module_t *module,
            mlc_session_t *session, std::vector<NpyArray> &arrays) {
  arrays.resize(mlc_module_input_count(module));
  for (size_t i = 0; i < arrays.size(); ++i) {
    mlc_tensor_info_t info;
    if (mlc_status_t s = mlc_module_input_info(module, i, &info))
      return statusFail("bench", s);
    if (int rc = inputArray(o, info, arrays[i]))
      return rc;
    const NpyArray &a = arrays[i];
    if (mlc_status_t s = mlc_session_bind_input(
            session, info.name, a.dtype, a.shape.size(), a.shape.data(),
            a.data.data(), a.data.size()))
      return statusFail("bench", s);
  }
  return kOk;
}

// Peak resident memory of this process in MiB: VmHWM, which starts afresh
// at exec (ru_maxrss can include the parent's before a fork + exec).
double peakMemoryMiB() {
  auto status = llvm::MemoryBuffer::getFileAsStream("/proc/self/status");
  if (status) {
    llvm::StringRef text = (*status)->getBuffer();
    size_t at = text.find("VmHWM:");
    unsigned long long kib = 0;
    if (at != llvm::StringRef::npos &&
        !text.substr(at + 6).ltrim().split(' ').first.getAsInteger(10, kib))
      return kib / 1024.0;
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

double percentile(const std::vector<double> &sorted, double p) {
  size_t rank = static_cast<size_t>(p * (sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

int timeRuns(const BenchOptions &o, mlc_session_t *session) {
  for (int64_t i = 0; i < o.warmup; ++i)
    if (mlc_status_t s = mlc_session_run(session))
      return statusFail("bench", s);
  std::vector<double> ms;
  for (int64_t i = 0; i < o.iterations; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (mlc_status_t s = mlc_session_run(session))
      return statusFail("bench", s);
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  llvm::outs() << llvm::format(
      "%s: %lld iterations after %lld warmup, %lld thread%s\n"
      "median %.3f ms, p10 %.3f ms, p90 %.3f ms, min %.3f ms, "
      "peak memory %.1f MiB\n",
      o.model.c_str(), static_cast<long long>(o.iterations),
      static_cast<long long>(o.warmup), static_cast<long long>(o.threads),
      o.threads == 1 ? "" : "s",
      percentile(ms, 0.5), percentile(ms, 0.1), percentile(ms, 0.9), ms[0],
      peakMemoryMiB());
  return kOk;
}
} // namespace

int mlc_tool::runBench(llvm::ArrayRef<llvm::StringRef> args) {
  BenchOptions o;
  if (int rc = parseArgs(args, o))
    return rc < 0 ? kOk : rc;
  ModuleRef module;
  if (mlc_status_t s = mlc_module_load_file(o.model.c_str(),
                                            mlc_allocator_system(), &module.ptr))
    return statusFail("bench", s);
  SessionRef session;
  if (mlc_status_t s = mlc_session_create(module.ptr, mlc_allocator_system(),
                                          &session.ptr))
    return statusFail("bench", s);
  if (mlc_status_t s = mlc_session_set_num_threads(session.ptr, o.threads))
    return statusFail("bench", s);
  std::vector<NpyArray> arrays;
  if (int rc = bindAll(o, module.ptr, session.ptr, arrays))
    return rc;
  return timeRuns(o, session.ptr);
}

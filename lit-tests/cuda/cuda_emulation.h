// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Prelude that lets the CUDA C source of `mlc compile --emit=cuda` compile as
// host C++ (c++ -std=c++17 -pthread -include cuda_emulation.h -x c++), so
// emulate_cuda.py can check the generated kernels' numerics without a GPU.
//
// The blocks of a launch are independent, so they run on a few OS threads,
// each taking the next block not yet taken. Each block runs on one OS thread
// from start to end, so `__shared__` arrays become function-local
// `static thread_local`: every thread of the block sees the same storage, as
// on the GPU. Kernels without __syncthreads run their threads as a plain
// loop; kernels with it run them as fibers (cuda_emulation_fibers.h) meeting
// at the barrier. Warp-level behaviour (lockstep, shuffles) and atomics are
// not emulated.

#include <math.h>
#include <pthread.h>
#include <sched.h>

#include <array>
#include <atomic>
#include <cstring>
#include <type_traits>
#include <utility>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static thread_local
// __restrict__ is already a GCC/Clang keyword.

struct dim3 {
  unsigned int x, y, z;
};
// Set by mlc_emu_launch: threadIdx/blockIdx per OS thread (the fibers of a
// block set threadIdx when they resume), the rest per launch.
static thread_local dim3 threadIdx, blockIdx;
static dim3 blockDim, gridDim;

static inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
static inline double rsqrt(double x) { return 1.0 / sqrt(x); }

namespace mlc_emu {
template <class To, class From> inline To bitCast(From v) {
  static_assert(sizeof(To) == sizeof(From), "bit cast between sizes");
  To r;
  std::memcpy(&r, &v, sizeof(r));
  return r;
}
// The type CUDA's integer min/max return: both operands after the usual
// arithmetic conversions (so min(int, unsigned) compares as unsigned).
template <class A, class B>
using IntegerPair =
    std::enable_if_t<std::is_integral_v<A> && std::is_integral_v<B>,
                     decltype(std::declval<A>() + std::declval<B>())>;
} // namespace mlc_emu

static inline float __int_as_float(int v) { return mlc_emu::bitCast<float>(v); }
static inline int __float_as_int(float v) { return mlc_emu::bitCast<int>(v); }
static inline double __longlong_as_double(long long v) {
  return mlc_emu::bitCast<double>(v);
}
static inline long long __double_as_longlong(double v) {
  return mlc_emu::bitCast<long long>(v);
}
template <class A, class B> inline mlc_emu::IntegerPair<A, B> min(A a, B b) {
  using T = mlc_emu::IntegerPair<A, B>;
  return T(a) < T(b) ? T(a) : T(b);
}
template <class A, class B> inline mlc_emu::IntegerPair<A, B> max(A a, B b) {
  using T = mlc_emu::IntegerPair<A, B>;
  return T(a) < T(b) ? T(b) : T(a);
}
template <class T> inline T __ldg(const T *p) { return *p; }

#include "cuda_emulation_fibers.h"

namespace mlc_emu {

// Status codes of mlc_emu_launch (emulate_cuda.py has their messages).
enum Status {
  kOk = 0,
  kBadArgCount = 1,  // nargs outside [1, kMaxArgs]
  kBadBlock = 2,     // a dimension zero or over CUDA's limits
  kNoStacks = 3,     // the fiber stacks of a block could not be mapped
  kDivergedSync = 4, // __syncthreads while some threads had returned
  kStraySync = 5,    // __syncthreads in a launch run without fibers
};
// emulate_cuda.py defines MLC_EMU_MAX_ARGS as the largest kernel arity of
// the source: each arity up to it costs an instantiation of callN.
#ifndef MLC_EMU_MAX_ARGS
#define MLC_EMU_MAX_ARGS 64
#endif
constexpr int kMaxArgs = MLC_EMU_MAX_ARGS;
static_assert(kMaxArgs >= 1 && kMaxArgs <= 64, "kernels take 1 to 64 args");
constexpr unsigned kMaxBlockThreads = 1024;
// CUDA's largest grid; it keeps the block count below 2^63.
constexpr unsigned kMaxGrid[3] = {0x7fffffffu, 65535u, 65535u};
// A launch runs on one OS thread per core, up to this many.
constexpr unsigned kMaxWorkers = 16;

// Calls |fn| with args[0..N) as N pointer parameters. Every kernel parameter
// is a pointer, so on x86-64 this is the kernel's own calling convention.
template <std::size_t> using Ptr = void *;
template <std::size_t... I>
void callWith(void *fn, void **args, std::index_sequence<I...>) {
  reinterpret_cast<void (*)(Ptr<I>...)>(fn)(args[I]...);
}
template <std::size_t N> void callN(void *fn, void **args) {
  callWith(fn, args, std::make_index_sequence<N>{});
}
// kCallers[n - 1] calls a kernel of arity n.
template <std::size_t... I>
constexpr std::array<Caller, sizeof...(I)>
makeCallers(std::index_sequence<I...>) {
  return {{&callN<I + 1>...}};
}
constexpr auto kCallers = makeCallers(std::make_index_sequence<kMaxArgs>{});

static std::atomic<bool> straySync;

// One launch, shared by the OS threads that run its blocks.
struct Launch {
  Caller call;
  void *fn;
  void **args;
  bool usesBarrier;
  unsigned long long blocks;
  std::atomic<unsigned long long> nextBlock{0};
  std::atomic<int> status{kOk};

  // Runs blocks until none is left; each OS thread maps its own fibers.
  void work() {
    if (!usesBarrier)
      return runBlocks([&] {
        for (unsigned z = 0; z < blockDim.z; ++z)
          for (unsigned y = 0; y < blockDim.y; ++y)
            for (unsigned x = 0; x < blockDim.x; ++x) {
              threadIdx = {x, y, z};
              call(fn, args);
            }
      });
    BlockFibers fibers(call, fn, args, blockDim);
    if (!fibers.ok()) {
      status = kNoStacks;
      return;
    }
    currentBlock = &fibers;
    runBlocks([&] { fibers.run(); });
    currentBlock = nullptr;
    if (fibers.diverged())
      status = kDivergedSync;
  }

  template <class Fn> void runBlocks(Fn &&runBlock) {
    for (unsigned long long b; (b = nextBlock++) < blocks;) {
      blockIdx = {static_cast<unsigned>(b % gridDim.x),
                  static_cast<unsigned>(b / gridDim.x % gridDim.y),
                  static_cast<unsigned>(b / gridDim.x / gridDim.y)};
      runBlock();
    }
  }

  static void *helper(void *launch) {
    static_cast<Launch *>(launch)->work();
    return nullptr;
  }
};

} // namespace mlc_emu

static inline void __syncthreads() {
  if (mlc_emu::currentBlock)
    mlc_emu::currentBlock->sync();
  else
    mlc_emu::straySync = true;
}

// Runs kernel |fn| over grid x block with |nargs| pointer arguments, on the
// calling thread and one more OS thread per further core; blocks start in
// order (x fastest) but may finish in any order. |uses_barrier| selects
// fibers per CUDA thread; otherwise a block's threads run one after another.
// Returns a mlc_emu::Status. Not thread-safe: one launch at a time.
extern "C" int mlc_emu_launch(void *fn, int nargs, void **args,
                              const unsigned grid[3], const unsigned block[3],
                              int uses_barrier) {
  using namespace mlc_emu;
  if (nargs < 1 || nargs > kMaxArgs)
    return kBadArgCount;
  for (int i = 0; i < 3; ++i)
    if (block[i] == 0 || block[i] > kMaxBlockThreads || grid[i] == 0 ||
        grid[i] > kMaxGrid[i])
      return kBadBlock;
  unsigned threads = block[0] * block[1] * block[2]; // <= 2^30: no overflow
  if (threads > kMaxBlockThreads)
    return kBadBlock;
  gridDim = {grid[0], grid[1], grid[2]};
  blockDim = {block[0], block[1], block[2]};
  straySync = false;
  Launch launch{kCallers[nargs - 1], fn, args, uses_barrier != 0,
                1ull * grid[0] * grid[1] * grid[2]};
  // The cores this process may run on (taskset narrows them).
  cpu_set_t cpus;
  unsigned cores = sched_getaffinity(0, sizeof(cpus), &cpus) == 0
                       ? static_cast<unsigned>(CPU_COUNT(&cpus))
                       : 1;
  unsigned workers = cores < 1 ? 1 : cores < kMaxWorkers ? cores : kMaxWorkers;
  if (workers > launch.blocks)
    workers = static_cast<unsigned>(launch.blocks);
  // A helper the OS refuses only makes the launch slower.
  pthread_t helpers[kMaxWorkers];
  unsigned started = 0;
  while (started + 1 < workers &&
         pthread_create(&helpers[started], nullptr, &Launch::helper,
                        &launch) == 0)
    ++started;
  launch.work();
  for (unsigned i = 0; i < started; ++i)
    pthread_join(helpers[i], nullptr);
  if (launch.status != kOk)
    return launch.status;
  return straySync ? kStraySync : kOk;
}

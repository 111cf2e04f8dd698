// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Part of the cuda_emulation.h prelude, which includes it after declaring
// dim3 and threadIdx: the CUDA threads of one block as fibers (user-level
// contexts) on one OS thread, for kernels that call __syncthreads. A thread
// reaching the barrier costs a switch of some nanoseconds, where OS threads
// meeting at a condition variable took over a millisecond per barrier of a
// 256-thread block. Since every fiber of a block runs on the same OS thread,
// the block's thread_local `__shared__` arrays are the same storage for all
// of them, as on the GPU.

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>

#if !defined(__x86_64__)
#error "cuda_emulation.h switches fibers with x86-64 code"
#endif

namespace mlc_emu {

// Saves the callee-saved registers on the current stack, stores the stack
// pointer in *from and resumes the context whose saved stack pointer is |to|
// (the reverse of the same steps). A hand-written switch, since ucontext's
// swapcontext makes a sigprocmask system call on every switch. The SSE and
// x87 control words are callee-saved too but no kernel changes them.
extern "C" __attribute__((visibility("hidden"))) void
mlc_emu_switch(void **from, void *to);
asm(R"(
  .pushsection .text
  .p2align 4
  .globl mlc_emu_switch
  .hidden mlc_emu_switch
  .type mlc_emu_switch, @function
mlc_emu_switch:
  pushq %rbp
  pushq %rbx
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  movq %rsp, (%rdi)
  movq %rsi, %rsp
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbx
  popq %rbp
  ret
  .size mlc_emu_switch, .-mlc_emu_switch
  .popsection
)");

// Calls the kernel of a launch with its arguments (see callWith).
using Caller = void (*)(void *fn, void **args);

// One fiber per thread of a block, on one OS thread, reused for every block
// that OS thread runs. A block runs in barrier phases: each fiber runs, in
// thread order, until it calls __syncthreads (sync()) or returns, then
// switches straight to the next fiber of the phase; the last one releases
// the barrier and resumes the first waiting fiber. A phase in which some
// threads had returned and others reached a barrier is undefined on a GPU:
// it is recorded (diverged()), and the barrier releases the threads still
// running rather than hanging.
class BlockFibers {
public:
  // Kernels keep a few registers' worth of locals, so 64 KiB stacks are
  // ample; the lowest page of each is a guard, so an overflow faults instead
  // of writing into the next fiber's stack (emulate_cuda.py compiles with
  // stack clash probes, so no large frame skips the guard).
  static constexpr std::size_t kStackBytes = 64 << 10;

  BlockFibers(Caller call, void *fn, void **args, const dim3 &block)
      : call_(call), fn_(fn), args_(args),
        size_(block.x * block.y * block.z), fibers_(new Fiber[size_]) {
    std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    void *map = mmap(nullptr, size_ * kStackBytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                     -1, 0);
    if (map == MAP_FAILED)
      return;
    stacks_ = static_cast<char *>(map);
    for (unsigned t = 0; t < size_; ++t) {
      char *base = stacks_ + t * kStackBytes;
      if (mprotect(base, page, PROT_NONE) != 0) {
        munmap(stacks_, size_ * kStackBytes);
        stacks_ = nullptr;
        return;
      }
      // What mlc_emu_switch pops: six zeroed registers, then entry() as the
      // return address. entry() then starts with its stack pointer 8 bytes
      // below a 16-byte boundary, as after a call, and a null return address.
      auto *top = reinterpret_cast<void **>(base + kStackBytes) - 8;
      for (int i = 0; i < 8; ++i)
        top[i] = nullptr;
      top[6] = reinterpret_cast<void *>(&entry);
      fibers_[t].sp = top;
      fibers_[t].index = {t % block.x, t / block.x % block.y,
                          t / (block.x * block.y)};
    }
  }
  ~BlockFibers() {
    if (stacks_)
      munmap(stacks_, size_ * kStackBytes);
    delete[] fibers_;
  }
  BlockFibers(const BlockFibers &) = delete;
  BlockFibers &operator=(const BlockFibers &) = delete;

  // False when the stacks could not be mapped.
  bool ok() const { return stacks_ != nullptr; }
  bool diverged() const { return diverged_; }

  // Runs the block blockIdx names; the caller sets currentBlock to this.
  void run() {
    for (unsigned t = 0; t < size_; ++t)
      fibers_[t].state = kRunning;
    waiting_ = done_ = 0;
    resume(0);
    mlc_emu_switch(&schedulerSp_, fibers_[0].sp);
  }

  // __syncthreads on the current fiber.
  void sync() {
    fibers_[current_].state = kWaiting;
    ++waiting_;
    switchFrom(current_);
  }

private:
  enum State : unsigned char { kRunning, kWaiting, kDone };
  struct Fiber {
    void *sp; // saved stack pointer while suspended
    dim3 index;
    State state;
  };

  // Every fiber's body: one kernel call per block. A returned fiber stays
  // suspended in switchFrom(); the next block's run() resumes it there.
  [[noreturn]] static void entry();

  void resume(unsigned t) {
    current_ = t;
    threadIdx = fibers_[t].index;
  }

  // Leaves fiber |t|, which waits or has returned, for the next fiber to run.
  void switchFrom(unsigned t) {
    unsigned next = t + 1;
    while (next < size_ && fibers_[next].state != kRunning)
      ++next;
    if (next == size_) { // the phase ends
      if (waiting_ == 0)  // every fiber returned: the block is done
        return mlc_emu_switch(&fibers_[t].sp, schedulerSp_);
      diverged_ |= done_ > 0;
      for (unsigned u = size_; u-- > 0;)
        if (fibers_[u].state == kWaiting) {
          fibers_[u].state = kRunning;
          next = u;
        }
      waiting_ = 0;
    }
    resume(next);
    if (next != t)
      mlc_emu_switch(&fibers_[t].sp, fibers_[next].sp);
  }

  const Caller call_;
  void *const fn_;
  void **const args_;
  const unsigned size_;
  Fiber *const fibers_;
  void *schedulerSp_ = nullptr;
  unsigned current_ = 0, waiting_ = 0, done_ = 0;
  char *stacks_ = nullptr;
  bool diverged_ = false;
};

// The fibers of the block this OS thread runs; null while it runs a kernel
// without __syncthreads, whose threads are a plain loop.
static thread_local BlockFibers *currentBlock;

void BlockFibers::entry() {
  BlockFibers *self = currentBlock;
  for (;;) {
    self->call_(self->fn_, self->args_);
    unsigned t = self->current_;
    self->fibers_[t].state = kDone;
    ++self->done_;
    self->switchFrom(t);
  }
}

} // namespace mlc_emu

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// mlc runtime C API: load a compiled model (.mlc), create sessions, bind
// inputs, run, read outputs. The library links only libc/libm/libdl/libpthread.
//
// Targets: an artifact holds code for the CPU (MLC_TARGET_CPU_X86_64_ELF) or
// for NVIDIA GPUs (MLC_TARGET_CUDA_PTX); the API is the same for both. CUDA
// artifacts need the NVIDIA driver, which the runtime loads with dlopen when
// the first one is loaded (no CUDA toolkit is needed). Environment:
// - MLC_CUDA_DRIVER: the driver library to load instead of libcuda.so.1.
//   Each library is loaded once per process and never unloaded.
// - MLC_CUDA_DEVICE: the ordinal of the GPU that CUDA modules load on
//   (default 0).
//
// Ownership and threading rules:
// - Every function returning mlc_status_t returns NULL (MLC_OK) on success.
//   A non-NULL status carries a code and message and must be released with
//   mlc_status_free by the caller.
// - mlc_module_t is immutable after load and thread-safe: any number of
//   sessions on any threads may share one module. Modules and sessions are
//   reference counted; *_release drops the caller's reference.
// - mlc_session_t is not thread-safe: use one session per thread at a time.
//   Each session owns its output buffers.

#ifndef MLC_RUNTIME_API_H_
#define MLC_RUNTIME_API_H_

#include <stddef.h>
#include <stdint.h>

#include "mlc/runtime/artifact_format.h"

#ifdef __cplusplus
extern "C" {
#endif

//===----------------------------------------------------------------------===//
// Status
//===----------------------------------------------------------------------===//

typedef enum mlc_status_code_e {
  MLC_STATUS_OK = 0,
  MLC_STATUS_INVALID_ARGUMENT = 1,   // API misuse, bad input tensor
  MLC_STATUS_NOT_FOUND = 2,          // missing file, unknown tensor name
  MLC_STATUS_DATA_LOSS = 3,          // truncated or corrupt artifact
  MLC_STATUS_UNAVAILABLE = 4,        // a system facility is missing
  MLC_STATUS_RESOURCE_EXHAUSTED = 5, // out of memory
  MLC_STATUS_UNIMPLEMENTED = 6,      // artifact format/target unsupported
  MLC_STATUS_INTERNAL = 7,
} mlc_status_code_t;

typedef struct mlc_status_impl_t* mlc_status_t;
#define MLC_OK ((mlc_status_t)0)

// Creates a status with a printf-style message. Never returns NULL for a
// non-OK code; returns a static out-of-memory status if allocation fails.
mlc_status_t mlc_make_status(mlc_status_code_t code, const char* fmt, ...)
    __attribute__((format(printf, 2, 3)));
// Code of |status| (MLC_STATUS_OK for NULL).
mlc_status_code_t mlc_status_code(mlc_status_t status);
// Message of |status|; valid until mlc_status_free. "OK" for NULL.
const char* mlc_status_message(mlc_status_t status);
// Releases |status|; NULL is allowed.
void mlc_status_free(mlc_status_t status);
// Name of a status code ("INVALID_ARGUMENT", ...).
const char* mlc_status_code_string(mlc_status_code_t code);

#define MLC_RETURN_IF_ERROR(expr)         \
  do {                                    \
    mlc_status_t mlc_status_tmp_ = (expr); \
    if (mlc_status_tmp_) return mlc_status_tmp_; \
  } while (0)

//===----------------------------------------------------------------------===//
// Allocator
//===----------------------------------------------------------------------===//

// Allocation callbacks. |alloc| returns NULL on failure; memory is 64-byte
// aligned. |free| accepts NULL.
typedef struct mlc_allocator_t {
  void* self;
  void* (*alloc)(void* self, size_t size);
  void (*free)(void* self, void* ptr);
} mlc_allocator_t;

// The libc-backed allocator.
mlc_allocator_t mlc_allocator_system(void);

//===----------------------------------------------------------------------===//
// Tensor descriptions
//===----------------------------------------------------------------------===//

// A dim whose size is only known once the inputs are bound (a symbolic dim,
// e.g. a batch or sequence length; see mlc_module_dim_name).
#define MLC_DIM_DYNAMIC (-1)

typedef struct mlc_tensor_info_t {
  const char* name;     // owned by the module
  mlc_dtype_t dtype;
  uint32_t rank;
  // |rank| entries, owned by the module (by the session for
  // mlc_session_output). MLC_DIM_DYNAMIC marks a symbolic dim in module info.
  const int64_t* dims;
} mlc_tensor_info_t;

// Name of |dtype| ("float32", ...), "invalid" for unknown values.
const char* mlc_dtype_name(mlc_dtype_t dtype);

//===----------------------------------------------------------------------===//
// Module: one loaded artifact
//===----------------------------------------------------------------------===//

typedef struct mlc_module_t mlc_module_t;

// Loads the artifact at |path|: validates header, section bounds and checksum,
// maps the weights read-only and zero-copy, and loads the native code.
// For a CUDA artifact it instead validates the CUDA program, loads the
// driver, retains the device's primary context, loads the PTX of the newest
// architecture the GPU supports and copies the weights to the GPU. Fails with
// UNAVAILABLE when the driver cannot be loaded or finds no GPU, with
// UNIMPLEMENTED when the artifact has symbolic dims or no PTX the GPU can run
// (PTX for sm_XY runs on compute capability X.Y and newer), and with the
// failing driver call named in the message for other driver errors.
// |out_module| must be released by the caller.
mlc_status_t mlc_module_load_file(const char* path, mlc_allocator_t allocator,
                                  mlc_module_t** out_module);
// Loads only what describes the model: validates the artifact like
// mlc_module_load_file but loads no code (no driver, no GPU needed), so the
// mlc_module_* queries work on an artifact for a target this machine cannot
// run, e.g. a CUDA artifact on a build machine. mlc_session_create fails on
// such a module with INVALID_ARGUMENT.
mlc_status_t mlc_module_load_file_info(const char* path,
                                       mlc_allocator_t allocator,
                                       mlc_module_t** out_module);
void mlc_module_retain(mlc_module_t* module);
void mlc_module_release(mlc_module_t* module);

size_t mlc_module_input_count(const mlc_module_t* module);
size_t mlc_module_output_count(const mlc_module_t* module);
// Describes input/output |index|; fails with INVALID_ARGUMENT when out of range.
// A symbolic dim is reported as MLC_DIM_DYNAMIC.
mlc_status_t mlc_module_input_info(const mlc_module_t* module, size_t index,
                                   mlc_tensor_info_t* out_info);
mlc_status_t mlc_module_output_info(const mlc_module_t* module, size_t index,
                                    mlc_tensor_info_t* out_info);
// Name of the symbol (e.g. "batch") of dim |dim| of input |index| (output
// |index| when |is_output| is non-zero), owned by the module. Dims with the
// same name have the same size in a run. NULL for a static dim and for
// out-of-range arguments.
const char* mlc_module_dim_name(const mlc_module_t* module, int is_output,
                                size_t index, uint32_t dim);
// Largest size the model supports for the symbolic dim that
// mlc_module_dim_name describes; mlc_session_run rejects larger ones. 0 when
// the symbol has no limit, for a static dim and for out-of-range arguments.
int64_t mlc_module_dim_max(const mlc_module_t* module, int is_output,
                           size_t index, uint32_t dim);
// The target the module's code is for; 0 for NULL.
mlc_target_t mlc_module_target(const mlc_module_t* module);
// Total byte size of the mapped weights and of the native code (for a CUDA
// module, of its CUDA program).
uint64_t mlc_module_weights_size(const mlc_module_t* module);
uint64_t mlc_module_code_size(const mlc_module_t* module);

//===----------------------------------------------------------------------===//
// Session: per-thread execution state
//===----------------------------------------------------------------------===//

typedef struct mlc_session_t mlc_session_t;

// Creates a session on |module| (retained) and allocates its outputs. On a
// CUDA module it also allocates GPU memory for the inputs, the outputs and
// the intermediates, and creates a CUDA stream of its own.
// |out_session| must be released by the caller. A CUDA session waits for its
// own stream when released; work enqueued on another stream with
// mlc_session_run_async must be finished before the release.
mlc_status_t mlc_session_create(mlc_module_t* module, mlc_allocator_t allocator,
                                mlc_session_t** out_session);
void mlc_session_retain(mlc_session_t* session);
void mlc_session_release(mlc_session_t* session);

// Binds input |name| to caller memory (not copied): |data| must stay valid
// and unchanged while any mlc_session_run using it is in progress (after
// mlc_session_run_async: until its stream is synchronized). A binding
// stays in effect for later runs until the input is bound again; a failed
// bind leaves the input unbound. dtype and rank must match the module's
// description of the input, and so must each static dim; a symbolic dim
// (MLC_DIM_DYNAMIC) accepts any size >= 1. |data_size| must equal the byte
// size of |dims|. Sizes of the same symbol across inputs are checked by
// mlc_session_run.
mlc_status_t mlc_session_bind_input(mlc_session_t* session, const char* name,
                                    mlc_dtype_t dtype, uint32_t rank,
                                    const int64_t* dims, const void* data,
                                    size_t data_size);

// Most threads one session may use.
#define MLC_MAX_THREADS 256

// Runs the session's models on |num_threads| threads (the calling thread and
// num_threads - 1 workers the session owns; default 1). Must not be called
// while mlc_session_run is in progress. Fails with INVALID_ARGUMENT outside
// [1, MLC_MAX_THREADS] and RESOURCE_EXHAUSTED when a thread cannot start
// (the session keeps its previous setting). A session on a CUDA module
// accepts and ignores the setting: its work runs on the GPU.
mlc_status_t mlc_session_set_num_threads(mlc_session_t* session,
                                         int64_t num_threads);

// Runs the model. Fails with INVALID_ARGUMENT naming the first unbound input,
// when the bound inputs give one symbol two different sizes or a size above
// its maximum (see mlc_module_dim_max), and with
// RESOURCE_EXHAUSTED when an output does not fit in memory. The session
// (re)allocates the outputs of dynamic shape as needed. After a failed run no
// output is available until the next successful run. On a CUDA module it
// copies the inputs to the GPU, launches the kernels, copies the outputs back
// and waits for all that on the session's stream (mlc_session_run_async
// followed by a synchronization of that stream); a failing driver call is
// named in the message.
mlc_status_t mlc_session_run(mlc_session_t* session);

// Enqueues the work of mlc_session_run on a CUDA module on |cuda_stream| (a
// CUstream; NULL selects the session's own stream, and CUDA's
// CU_STREAM_LEGACY or CU_STREAM_PER_THREAD handles select those streams) and
// returns without waiting for it. Until the caller has synchronized that
// stream, the bound inputs must stay valid and unchanged and the outputs must
// not be read: mlc_session_output already returns them, since enqueueing
// counts as a successful run. Copies between the GPU and the inputs or the
// session's outputs, which live in pageable host memory, may make this call
// block until they are done (a rule of the CUDA driver). Fails with
// INVALID_ARGUMENT "mlc_session_run_async needs a CUDA module; this module
// targets the CPU" on a CPU module, and like mlc_session_run otherwise.
mlc_status_t mlc_session_run_async(mlc_session_t* session, void* cuda_stream);

// Returns output |name| after a successful run. |out_data| points into memory
// owned by the session, valid until the next run or the session's release.
// |out_info| and |out_size| may be NULL; |out_info->dims| are the concrete
// dims of the last run (never MLC_DIM_DYNAMIC) and |*out_size| its byte size;
// the dims are owned by the session and valid as long as |out_data|. Fails
// with NOT_FOUND for an unknown |name| and with INVALID_ARGUMENT before the
// first successful run.
mlc_status_t mlc_session_output(mlc_session_t* session, const char* name,
                                mlc_tensor_info_t* out_info,
                                const void** out_data, size_t* out_size);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // MLC_RUNTIME_API_H_

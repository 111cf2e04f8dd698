// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// A model passes when its artifact loads as a CUDA module, runs, and every
// output matches both references: onnxruntime (the ground truth) and the CPU
// path (telling GPU-only bugs from compiler bugs both targets share). The
// outputs are compared again after the timed runs, so kernels whose results
// change from run to run (races, uninitialized scratch) fail too.

#include "check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlc/runtime/api.h"
#include "npy.h"

typedef struct gc_run_t {
  const gc_model_t* model;
  const gc_options_t* options;
  gc_result_t* result;
  mlc_module_t* module;
  mlc_session_t* session;
  npy_array_t* inputs;  // one per manifest input; bound, so kept until the end
} gc_run_t;

// How the values of one output differ from a reference.
typedef struct gc_diff_t {
  double max_abs;     // NaN when a NaN met a number
  size_t mismatches;  // elements outside the tolerance
  size_t first;       // index of the first of them
} gc_diff_t;

// Prints "FAIL <model>: <message>" and marks the model failed; returns false.
static bool fail(gc_run_t* r, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  printf("FAIL %s: ", r->model->name);
  vprintf(fmt, args);
  printf("\n");
  va_end(args);
  r->result->pass = false;
  return false;
}

// Fails with |what| and the runtime's message unless |status| is OK.
static bool check(gc_run_t* r, mlc_status_t status, const char* what) {
  if (status == MLC_OK) return true;
  fail(r, "%s: %s: %s", what, mlc_status_code_string(mlc_status_code(status)),
       mlc_status_message(status));
  mlc_status_free(status);
  return false;
}

// Loads the artifact and creates a session. Sets |*fatal| when the driver or
// GPU is missing.
static bool load(gc_run_t* r, bool* fatal) {
  mlc_status_t status = mlc_module_load_file(
      r->model->artifact, mlc_allocator_system(), &r->module);
  if (mlc_status_code(status) == MLC_STATUS_UNAVAILABLE) {
    fprintf(stderr, "gpu_check: error: %s\n", mlc_status_message(status));
    mlc_status_free(status);
    *fatal = true;
    r->result->pass = false;
    return false;
  }
  if (!check(r, status, "load")) return false;
  if (mlc_module_target(r->module) != MLC_TARGET_CUDA_PTX) {
    return fail(r, "%s is not a CUDA artifact", r->model->artifact);
  }
  return check(r, mlc_session_create(r->module, mlc_allocator_system(),
                                     &r->session),
               "mlc_session_create");
}

static bool bind_inputs(gc_run_t* r) {
  char error[1024];
  for (size_t i = 0; i < r->model->num_inputs; ++i) {
    const gc_tensor_t* t = &r->model->inputs[i];
    npy_array_t* a = &r->inputs[i];
    if (!npy_read(t->path, a, error, sizeof(error))) {
      return fail(r, "input '%s': %s", t->name, error);
    }
    if (!check(r, mlc_session_bind_input(r->session, t->name, a->dtype,
                                         a->rank, a->dims, a->data, a->size),
               "mlc_session_bind_input")) {
      return false;
    }
  }
  return true;
}

static double element(const void* data, mlc_dtype_t dtype, size_t i) {
  switch (dtype) {
    case MLC_DTYPE_F32: return ((const float*)data)[i];
    case MLC_DTYPE_F64: return ((const double*)data)[i];
    case MLC_DTYPE_I64: return (double)((const int64_t*)data)[i];
    case MLC_DTYPE_I32: return ((const int32_t*)data)[i];
    case MLC_DTYPE_I16: return ((const int16_t*)data)[i];
    case MLC_DTYPE_I8: return ((const int8_t*)data)[i];
    default: return ((const uint8_t*)data)[i];  // u8, bool
  }
}

// numpy.allclose(got, want, rtol, atol, equal_nan=True), element by element.
static gc_diff_t diff_values(const void* got, const npy_array_t* want,
                             double rtol, double atol) {
  gc_diff_t d = {0};
  size_t count = want->size / npy_dtype_size(want->dtype);
  for (size_t i = 0; i < count; ++i) {
    double g = element(got, want->dtype, i);
    double w = element(want->data, want->dtype, i);
    if (g == w || (isnan(g) && isnan(w))) continue;  // also equal infinities
    double err = fabs(g - w);  // NaN when exactly one is NaN
    d.max_abs = isnan(err) || isnan(d.max_abs) ? NAN : fmax(d.max_abs, err);
    if (!(err <= atol + rtol * fabs(w)) && d.mismatches++ == 0) d.first = i;
  }
  return d;
}

// Writes e.g. "float32[1, 1000]" to |buffer|.
static const char* shape_text(mlc_dtype_t dtype, uint32_t rank,
                              const int64_t* dims, char* buffer, size_t size) {
  int n = snprintf(buffer, size, "%s[", mlc_dtype_name(dtype));
  for (uint32_t d = 0; d < rank && n > 0 && (size_t)n < size; ++d) {
    n += snprintf(buffer + n, size - (size_t)n, d ? ", %lld" : "%lld",
                  (long long)dims[d]);
  }
  if (n > 0 && (size_t)n < size) snprintf(buffer + n, size - (size_t)n, "]");
  return buffer;
}

static bool same_shape(const mlc_tensor_info_t* info, const npy_array_t* a) {
  if (info->dtype != a->dtype || info->rank != a->rank) return false;
  for (uint32_t d = 0; d < a->rank; ++d) {
    if (info->dims[d] != a->dims[d]) return false;
  }
  return true;
}

static double worse(double a, double b) {
  return isnan(a) || isnan(b) ? NAN : fmax(a, b);
}

// Compares output |t| (|info|, |data|) with the reference at |path|.
static bool compare_with(gc_run_t* r, const gc_tensor_t* t,
                         const mlc_tensor_info_t* info, const void* data,
                         const char* path, const char* against,
                         double* max_err, const char* when) {
  npy_array_t want;
  char error[1024];
  if (!npy_read(path, &want, error, sizeof(error))) {
    return fail(r, "output '%s': %s", t->name, error);
  }
  char got_shape[256];
  char want_shape[256];
  bool ok = same_shape(info, &want);
  if (!ok) {
    fail(r, "output '%s' is %s%s, %s has %s", t->name,
         shape_text(info->dtype, info->rank, info->dims, got_shape, 256),
         when, against, shape_text(want.dtype, want.rank, want.dims,
                                   want_shape, 256));
  } else {
    gc_diff_t d = diff_values(data, &want, r->model->rtol, r->model->atol);
    *max_err = worse(*max_err, d.max_abs);
    ok = d.mismatches == 0;
    if (!ok) {
      fail(r, "output '%s' vs %s%s: %zu elements outside rtol %g atol %g, "
           "max abs error %.3e; first at index %zu: got %.9g, want %.9g",
           t->name, against, when, d.mismatches, r->model->rtol,
           r->model->atol, d.max_abs, d.first,
           element(data, want.dtype, d.first),
           element(want.data, want.dtype, d.first));
    }
  }
  npy_free(&want);
  return ok;
}

// Compares every output with both references; |when| qualifies messages.
static bool compare_outputs(gc_run_t* r, const char* when) {
  size_t count = mlc_module_output_count(r->module);
  if (count != r->model->num_outputs) {
    return fail(r, "the artifact has %zu outputs, the manifest %zu", count,
                r->model->num_outputs);
  }
  bool ok = true;
  for (size_t i = 0; i < count; ++i) {
    const gc_tensor_t* t = &r->model->outputs[i];
    mlc_tensor_info_t info;
    const void* data = NULL;
    if (!check(r, mlc_session_output(r->session, t->name, &info, &data, NULL),
               "mlc_session_output")) {
      ok = false;
      continue;
    }
    ok = compare_with(r, t, &info, data, t->path, "onnxruntime",
                      &r->result->err_ref, when) && ok;
    ok = compare_with(r, t, &info, data, t->cpu_path, "the CPU path",
                      &r->result->err_cpu, when) && ok;
  }
  return ok;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_doubles(const void* a, const void* b) {
  double x = *(const double*)a;
  double y = *(const double*)b;
  return (x > y) - (x < y);
}

// Nearest-rank percentile, as `mlc bench` computes it.
static double percentile(const double* sorted, size_t n, double p) {
  size_t rank = (size_t)(p * (double)(n - 1) + 0.5);
  return sorted[rank < n ? rank : n - 1];
}

// mlc_session_run copies the inputs in, launches, copies the outputs back
// and synchronizes, so each sample is the end-to-end latency a caller sees.
static bool time_runs(gc_run_t* r) {
  for (long i = 0; i < r->options->warmup; ++i) {
    if (!check(r, mlc_session_run(r->session), "warmup run")) return false;
  }
  size_t n = (size_t)r->options->runs;
  double* ms = malloc(n * sizeof(*ms));
  if (ms == NULL) return fail(r, "out of memory");
  bool ok = true;
  for (size_t i = 0; i < n && ok; ++i) {
    double start = now_ms();
    ok = check(r, mlc_session_run(r->session), "timed run");
    ms[i] = now_ms() - start;
  }
  if (ok) {
    qsort(ms, n, sizeof(*ms), compare_doubles);
    r->result->median = percentile(ms, n, 0.5);
    r->result->p10 = percentile(ms, n, 0.1);
    r->result->p90 = percentile(ms, n, 0.9);
    r->result->timed = true;
  }
  free(ms);
  return ok;
}

static void print_summary(const gc_run_t* r) {
  const gc_result_t* res = r->result;
  printf("%s: %s", r->model->name, res->pass ? "PASS" : "FAIL");
  if (res->timed) printf(", median %.3f ms", res->median);
  printf("\n");
}

bool gc_check_model(const gc_model_t* model, const gc_options_t* options,
                    gc_result_t* result) {
  *result = (gc_result_t){.pass = true, .err_ref = -1, .err_cpu = -1};
  gc_run_t r = {.model = model, .options = options, .result = result};
  bool fatal = false;
  r.inputs = calloc(model->num_inputs + 1, sizeof(*r.inputs));  // never 0
  bool ran = r.inputs ? true : fail(&r, "out of memory");
  ran = ran && load(&r, &fatal) && bind_inputs(&r) &&
        check(&r, mlc_session_run(r.session), "first run");
  // Timing a model with wrong outputs still tells whether its launches run.
  bool matched = ran && compare_outputs(&r, "");
  if (ran && time_runs(&r) && matched) {
    compare_outputs(&r, " after the timed runs");
  }
  if (r.session) mlc_session_release(r.session);
  if (r.module) mlc_module_release(r.module);
  for (size_t i = 0; r.inputs && i < model->num_inputs; ++i) {
    npy_free(&r.inputs[i]);
  }
  free(r.inputs);
  if (!fatal) print_summary(&r);
  return !fatal;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// gpu_check: runs the CUDA artifacts of a `scripts/gpu-check prepare`
// manifest (manifest.h) on the GPU through the runtime's C API, compares
// every output with onnxruntime's and the CPU path's (max abs error and
// numpy-style allclose with the model's rtol/atol), times mlc_session_run
// (median, p10, p90 after a warmup) and prints a markdown table.
//
// Usage: gpu_check MANIFEST [--runs N] [--warmup N] [--timeout S]
//                  [--model NAME]...
// Exit status: 0 every model passes; 1 a model fails, or the driver or GPU
// is unavailable (nothing can pass then, so the run stops at the first
// load); 2 bad arguments or an unreadable manifest.
//
// Each model is checked in a child process: a faulting kernel leaves the
// CUDA context unusable for the rest of its process (sticky errors), and a
// crash or a hang must not cost the other models' results. The parent never
// loads the driver, so forking is safe.
//
// It is compiled together with the runtime's sources by one cc command (see
// scripts/gpu-check), so GPU machines need neither cmake nor a prebuilt
// libmlc_runtime.so.

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "manifest.h"

static const char kUsage[] =
    "usage: gpu_check MANIFEST [--runs N] [--warmup N] [--timeout S]\n"
    "                 [--model NAME]...\n"
    "  --runs N      timed mlc_session_run calls per model (default 50)\n"
    "  --warmup N    untimed runs before them (default 5)\n"
    "  --timeout S   seconds after which a model's check is killed "
    "(default 300)\n"
    "  --model NAME  check only this model (repeatable)\n";

static int usage_error(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  fputs("gpu_check: error: ", stderr);
  vfprintf(stderr, fmt, args);
  fputs("\n", stderr);
  va_end(args);
  fputs(kUsage, stderr);
  return 2;
}

// Parses a count in [minimum, 1000000] into |*out|.
static bool parse_count(const char* text, long minimum, long* out) {
  char* end = NULL;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < minimum ||
      value > 1000000) {
    return false;
  }
  *out = value;
  return true;
}

// The field of the option |arg| that takes a count, or NULL.
static long* count_option(gc_options_t* options, const char* arg,
                          long* minimum) {
  *minimum = 1;
  if (strcmp(arg, "--runs") == 0) return &options->runs;
  if (strcmp(arg, "--timeout") == 0) return &options->timeout;
  *minimum = 0;
  return strcmp(arg, "--warmup") == 0 ? &options->warmup : NULL;
}

// Fills |options|; returns 0 or the exit status of a usage error.
static int parse_args(int argc, char** argv, gc_options_t* options) {
  *options = (gc_options_t){.runs = 50, .warmup = 5, .timeout = 300};
  options->only = calloc((size_t)argc, sizeof(char*));
  if (options->only == NULL) return usage_error("out of memory");
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : NULL;
    long minimum = 0;
    long* count = count_option(options, arg, &minimum);
    if (count) {
      if (!value || !parse_count(value, minimum, count)) {
        return usage_error("%s needs a number from %ld to 1000000", arg,
                           minimum);
      }
      ++i;
    } else if (strcmp(arg, "--model") == 0) {
      if (!value) return usage_error("--model needs a NAME");
      options->only[options->num_only++] = value;
      ++i;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      fputs(kUsage, stdout);
      exit(0);
    } else if (arg[0] == '-' || options->manifest) {
      return usage_error("unexpected argument '%s'", arg);
    } else {
      options->manifest = arg;
    }
  }
  return options->manifest ? 0 : usage_error("no MANIFEST given");
}

// True when |name| was selected (every model when --model was not given).
static bool selected(const gc_options_t* options, const char* name) {
  for (size_t i = 0; i < options->num_only; ++i) {
    if (strcmp(options->only[i], name) == 0) return true;
  }
  return options->num_only == 0;
}

// Every --model NAME must name a model of the manifest.
static int check_selection(const gc_options_t* options,
                           const gc_manifest_t* manifest) {
  for (size_t i = 0; i < options->num_only; ++i) {
    size_t m = 0;
    while (m < manifest->num_models &&
           strcmp(manifest->models[m].name, options->only[i]) != 0) {
      ++m;
    }
    if (m == manifest->num_models) {
      fprintf(stderr, "gpu_check: error: no model '%s' in %s; it has:",
              options->only[i], options->manifest);
      for (m = 0; m < manifest->num_models; ++m) {
        fprintf(stderr, " %s", manifest->models[m].name);
      }
      fputs("\n", stderr);
      return 2;
    }
  }
  return 0;
}

static void print_ms(double ms, bool timed) {
  if (timed) printf(" %.3f |", ms);
  else printf(" - |");
}

static void print_error(double error) {
  if (error < 0) printf(" - |");  // never compared
  else printf(" %.2e |", error);  // "nan" when a NaN did not match
}

static void print_table(const gc_manifest_t* manifest,
                        const gc_options_t* options,
                        const gc_result_t* results) {
  printf("\n| model | GPU ms median | p10 | p90 | max abs err vs onnxruntime "
         "| vs CPU | result |\n|---|---:|---:|---:|---:|---:|---|\n");
  for (size_t i = 0; i < manifest->num_models; ++i) {
    if (!selected(options, manifest->models[i].name)) continue;
    const gc_result_t* r = &results[i];
    printf("| %s |", manifest->models[i].name);
    print_ms(r->median, r->timed);
    print_ms(r->p10, r->timed);
    print_ms(r->p90, r->timed);
    print_error(r->err_ref);
    print_error(r->err_cpu);
    printf(" %s |\n", r->pass ? "PASS" : "FAIL");
  }
}

// What a child sends its parent.
typedef struct gc_report_t {
  bool usable;  // false when the driver or GPU is unavailable
  gc_result_t result;
} gc_report_t;

// Checks |model| under the deadline and reports through |fd|. exit() rather
// than _exit(): the driver, loaded in the child, tears down as usual (and
// LeakSanitizer runs), while the parent flushed its buffers before forking.
static void run_child(const gc_model_t* model, const gc_options_t* options,
                      int fd) {
  alarm((unsigned)options->timeout);
  gc_report_t report = {0};
  report.usable = gc_check_model(model, options, &report.result);
  // Below PIPE_BUF bytes, so the write is atomic.
  bool sent = write(fd, &report, sizeof(report)) == (ssize_t)sizeof(report);
  exit(sent ? 0 : 1);
}

// Explains a child that ended without a report.
static void report_death(const gc_model_t* model, const gc_options_t* options,
                         int status, gc_result_t* result) {
  *result = (gc_result_t){.pass = false, .err_ref = -1, .err_cpu = -1};
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
    printf("FAIL %s: killed after %ld s (--timeout)\n", model->name,
           options->timeout);
  } else if (WIFSIGNALED(status)) {
    printf("FAIL %s: the check crashed: %s\n", model->name,
           strsignal(WTERMSIG(status)));
  } else {
    printf("FAIL %s: the check exited with status %d and no result\n",
           model->name, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  printf("%s: FAIL\n", model->name);
}

// Checks |model| in a child process; false when nothing more can run.
static bool check_isolated(const gc_model_t* model,
                           const gc_options_t* options, gc_result_t* result) {
  int fds[2];
  fflush(stdout);
  fflush(stderr);
  pid_t pid = pipe(fds) == 0 ? fork() : -1;
  if (pid < 0) {
    fprintf(stderr, "gpu_check: error: cannot start a check: %s\n",
            strerror(errno));
    return false;
  }
  if (pid == 0) {
    close(fds[0]);
    run_child(model, options, fds[1]);
  }
  close(fds[1]);
  gc_report_t report;
  ssize_t got = read(fds[0], &report, sizeof(report));
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) continue;
  if (got == (ssize_t)sizeof(report)) {
    *result = report.result;
    return report.usable;
  }
  report_death(model, options, status, result);
  return true;
}

// Checks the selected models; returns the exit status.
static int check_all(const gc_manifest_t* manifest,
                     const gc_options_t* options, gc_result_t* results) {
  const char* driver = getenv("MLC_CUDA_DRIVER");
  printf("gpu_check: %s, %ld timed runs after %ld warmup, driver %s\n",
         options->manifest, options->runs, options->warmup,
         driver && driver[0] ? driver : "libcuda.so.1");
  size_t checked = 0;
  size_t passed = 0;
  for (size_t i = 0; i < manifest->num_models; ++i) {
    if (!selected(options, manifest->models[i].name)) continue;
    if (!check_isolated(&manifest->models[i], options, &results[i])) {
      return 1;  // the child printed why nothing can run
    }
    ++checked;
    passed += results[i].pass;
  }
  print_table(manifest, options, results);
  printf("\n%zu of %zu models passed\n", passed, checked);
  return passed == checked ? 0 : 1;
}

int main(int argc, char** argv) {
  gc_options_t options;
  int status = parse_args(argc, argv, &options);
  gc_manifest_t manifest;
  char error[1024];
  if (status == 0 &&
      !gc_manifest_read(options.manifest, &manifest, error, sizeof(error))) {
    fprintf(stderr, "gpu_check: error: %s\n", error);
    status = 2;
  } else if (status == 0) {
    status = check_selection(&options, &manifest);
    gc_result_t* results = calloc(manifest.num_models, sizeof(*results));
    if (status == 0 && results == NULL) {
      fputs("gpu_check: error: out of memory\n", stderr);
      status = 1;
    } else if (status == 0) {
      status = check_all(&manifest, &options, results);
    }
    free(results);
    gc_manifest_free(&manifest);
  }
  free(options.only);
  return status;
}

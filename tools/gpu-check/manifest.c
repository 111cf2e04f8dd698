// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Parsing keeps a "current model" (the last `model` line until its `end`);
// each keyword line fills or extends it. Errors carry the line number so a
// hand-edited manifest is easy to fix.

#include "manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gc_parser_t {
  char* dir;           // the manifest's directory, with a trailing '/'
  gc_manifest_t* out;
  gc_model_t* model;   // the open block, or NULL
  bool has_tolerance;
} gc_parser_t;

// |dir| + |relative|, malloc'ed; absolute paths are kept as they are.
static char* join(const char* dir, const char* relative) {
  if (relative[0] == '/') return strdup(relative);
  size_t a = strlen(dir);
  size_t b = strlen(relative);
  char* path = malloc(a + b + 1);
  if (path == NULL) return NULL;
  memcpy(path, dir, a);
  memcpy(path + a, relative, b + 1);
  return path;
}

// Splits the first space-separated word off |*rest|; NULL when none is left.
static char* next_word(char** rest) {
  char* word = *rest;
  if (*word == '\0') return NULL;
  char* space = strchr(word, ' ');
  if (space == NULL) {
    *rest = word + strlen(word);
  } else {
    *space = '\0';
    *rest = space + 1;
  }
  return word;
}

static void free_tensors(gc_tensor_t* tensors, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    free(tensors[i].name);
    free(tensors[i].path);
    free(tensors[i].cpu_path);
  }
  free(tensors);
}

// Appends a tensor to |*tensors|: PATH [CPU_PATH] NAME from |rest|.
static const char* add_tensor(const gc_parser_t* p, char* rest, bool output,
                              gc_tensor_t** tensors, size_t* count) {
  char* path = next_word(&rest);
  char* cpu_path = output ? next_word(&rest) : NULL;
  if (path == NULL || (output && cpu_path == NULL) || *rest == '\0') {
    return output ? "expected: output REF_PATH CPU_PATH NAME"
                  : "expected: input PATH NAME";
  }
  gc_tensor_t* grown = realloc(*tensors, (*count + 1) * sizeof(*grown));
  if (grown == NULL) return "out of memory";
  *tensors = grown;
  gc_tensor_t* t = &grown[(*count)++];
  t->name = strdup(rest);
  t->path = join(p->dir, path);
  t->cpu_path = output ? join(p->dir, cpu_path) : NULL;
  if (!t->name || !t->path || (output && !t->cpu_path)) return "out of memory";
  return NULL;
}

static const char* open_model(gc_parser_t* p, const char* name) {
  if (p->model) return "'model' before the previous model's 'end'";
  if (*name == '\0') return "expected: model NAME";
  gc_manifest_t* m = p->out;
  gc_model_t* grown = realloc(m->models, (m->num_models + 1) * sizeof(*grown));
  if (grown == NULL) return "out of memory";
  m->models = grown;
  p->model = &grown[m->num_models++];
  memset(p->model, 0, sizeof(*p->model));
  p->model->name = strdup(name);
  p->has_tolerance = false;
  return p->model->name ? NULL : "out of memory";
}

static const char* parse_tolerance(gc_parser_t* p, const char* rest) {
  if (p->has_tolerance) return "repeated 'tolerance'";
  char* end = NULL;
  errno = 0;
  p->model->rtol = strtod(rest, &end);
  const char* atol = end;
  p->model->atol = strtod(atol, &end);
  if (errno != 0 || end == atol || *end != '\0' || p->model->rtol < 0 ||
      p->model->atol < 0) {
    return "expected: tolerance RTOL ATOL (non-negative numbers)";
  }
  p->has_tolerance = true;
  return NULL;
}

static const char* close_model(gc_parser_t* p) {
  const gc_model_t* m = p->model;
  if (!m->artifact) return "model without an 'artifact' line";
  if (!p->has_tolerance) return "model without a 'tolerance' line";
  if (m->num_outputs == 0) return "model without an 'output' line";
  p->model = NULL;
  return NULL;
}

// Applies one line (without its newline) to the parser state.
static const char* parse_line(gc_parser_t* p, char* line) {
  if (line[0] == '\0' || line[0] == '#') return NULL;
  char* rest = line;
  const char* keyword = next_word(&rest);
  if (strcmp(keyword, "model") == 0) return open_model(p, rest);
  if (p->model == NULL) return "expected a 'model' line";
  gc_model_t* m = p->model;
  if (strcmp(keyword, "end") == 0) return close_model(p);
  if (strcmp(keyword, "tolerance") == 0) return parse_tolerance(p, rest);
  if (strcmp(keyword, "input") == 0) {
    return add_tensor(p, rest, false, &m->inputs, &m->num_inputs);
  }
  if (strcmp(keyword, "output") == 0) {
    return add_tensor(p, rest, true, &m->outputs, &m->num_outputs);
  }
  if (strcmp(keyword, "artifact") == 0 && *rest && !m->artifact) {
    m->artifact = join(p->dir, rest);
    return m->artifact ? NULL : "out of memory";
  }
  return "unknown or repeated keyword";
}

// The directory part of |path| with a trailing '/', or "" for a bare name.
static char* directory_of(const char* path) {
  const char* slash = strrchr(path, '/');
  size_t length = slash ? (size_t)(slash - path) + 1 : 0;
  char* dir = malloc(length + 1);
  if (dir == NULL) return NULL;
  memcpy(dir, path, length);
  dir[length] = '\0';
  return dir;
}

// Parses every line of |file|; returns the failing line number or 0.
static size_t parse_lines(gc_parser_t* p, FILE* file, const char** why) {
  char* line = NULL;
  size_t capacity = 0;
  size_t number = 0;
  ssize_t length;
  *why = NULL;
  while (*why == NULL && (length = getline(&line, &capacity, file)) >= 0) {
    ++number;
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
      line[--length] = '\0';
    *why = parse_line(p, line);
  }
  free(line);
  if (*why == NULL && p->model) *why = "missing 'end' at the end of the file";
  if (*why == NULL && p->out->num_models == 0) *why = "no models";
  return *why ? number : 0;
}

bool gc_manifest_read(const char* path, gc_manifest_t* out, char* error,
                      size_t error_size) {
  memset(out, 0, sizeof(*out));
  FILE* file = fopen(path, "r");
  if (file == NULL) {
    snprintf(error, error_size, "%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  gc_parser_t parser = {.dir = directory_of(path), .out = out};
  const char* why = parser.dir ? NULL : "out of memory";
  size_t line = why ? 0 : parse_lines(&parser, file, &why);
  fclose(file);
  free(parser.dir);
  if (why == NULL) return true;
  if (line > 0) snprintf(error, error_size, "%s:%zu: %s", path, line, why);
  else snprintf(error, error_size, "%s: %s", path, why);
  gc_manifest_free(out);
  return false;
}

void gc_manifest_free(gc_manifest_t* manifest) {
  for (size_t i = 0; i < manifest->num_models; ++i) {
    gc_model_t* m = &manifest->models[i];
    free(m->name);
    free(m->artifact);
    free_tensors(m->inputs, m->num_inputs);
    free_tensors(m->outputs, m->num_outputs);
  }
  free(manifest->models);
  manifest->models = NULL;
  manifest->num_models = 0;
}

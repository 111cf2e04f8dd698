// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The header is a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 224, 224), }
// Each key is looked up by its quoted name and its value parsed on its own,
// so key order, spacing and the trailing comma do not matter. The data must
// fill the rest of the file exactly: a truncated file or trailing bytes mean
// the file is not what the manifest says it is.

#include "npy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kMaxHeader = 1 << 20 };

typedef struct npy_descr_t {
  const char* code;  // after the byte-order character
  mlc_dtype_t dtype;
  size_t size;
} npy_descr_t;

static const npy_descr_t kDescrs[] = {
    {"f4", MLC_DTYPE_F32, 4}, {"f8", MLC_DTYPE_F64, 8},
    {"i8", MLC_DTYPE_I64, 8}, {"i4", MLC_DTYPE_I32, 4},
    {"i2", MLC_DTYPE_I16, 2}, {"i1", MLC_DTYPE_I8, 1},
    {"u1", MLC_DTYPE_U8, 1},  {"b1", MLC_DTYPE_BOOL, 1},
};

size_t npy_dtype_size(mlc_dtype_t dtype) {
  for (size_t i = 0; i < sizeof(kDescrs) / sizeof(kDescrs[0]); ++i) {
    if (kDescrs[i].dtype == dtype) return kDescrs[i].size;
  }
  return 0;
}

static bool fail(char* error, size_t error_size, const char* path,
                 const char* fmt, ...) {
  int n = snprintf(error, error_size, "%s: ", path);
  if (n < 0 || (size_t)n >= error_size) return false;
  va_list args;
  va_start(args, fmt);
  vsnprintf(error + n, error_size - (size_t)n, fmt, args);
  va_end(args);
  return false;
}

static const char* skip_spaces(const char* p) {
  while (*p == ' ' || *p == '\t' || *p == '\n') ++p;
  return p;
}

// The text after "'key':" (or "\"key\":") in |header|, or NULL.
static const char* find_value(const char* header, const char* key) {
  char quoted[32];
  for (int q = 0; q < 2; ++q) {
    char c = q ? '"' : '\'';
    snprintf(quoted, sizeof(quoted), "%c%s%c", c, key, c);
    const char* p = strstr(header, quoted);
    if (p == NULL) continue;
    p = skip_spaces(p + strlen(quoted));
    if (*p == ':') return skip_spaces(p + 1);
  }
  return NULL;
}

// Parses the 'descr' value: a quoted byte order and type code such as '<f4'.
static const char* parse_descr(const char* value, npy_array_t* out) {
  if (value == NULL || (*value != '\'' && *value != '"')) return "no 'descr'";
  char quote = *value++;
  if (*value == '>') return "big-endian data is not supported";
  if (*value != '<' && *value != '|') return "unknown byte order in 'descr'";
  ++value;
  for (size_t i = 0; i < sizeof(kDescrs) / sizeof(kDescrs[0]); ++i) {
    if (strncmp(value, kDescrs[i].code, 2) == 0 && value[2] == quote) {
      out->dtype = kDescrs[i].dtype;
      return NULL;
    }
  }
  return "unsupported dtype (f4, f8, i1, i2, i4, i8, u1 and b1 are read)";
}

// Parses the 'shape' value: a tuple of non-negative ints, "()" for a scalar.
static const char* parse_shape(const char* value, npy_array_t* out) {
  if (value == NULL || *value != '(') return "no 'shape' tuple";
  const char* p = skip_spaces(value + 1);
  out->rank = 0;
  while (*p != ')') {
    if (out->rank == MLC_ARTIFACT_MAX_RANK) return "rank above 16";
    char* end = NULL;
    errno = 0;
    long long dim = strtoll(p, &end, 10);
    if (end == p || errno != 0 || dim < 0) return "bad dim in 'shape'";
    out->dims[out->rank++] = dim;
    p = skip_spaces(end);
    if (*p == ',') p = skip_spaces(p + 1);
    else if (*p != ')') return "bad 'shape' tuple";
  }
  return NULL;
}

// Sets dtype, rank, dims and size from the dict literal |header|.
static const char* parse_header(const char* header, npy_array_t* out) {
  const char* order = find_value(header, "fortran_order");
  if (order == NULL) return "no 'fortran_order'";
  if (strncmp(order, "False", 5) != 0) return "Fortran order is not supported";
  const char* why = parse_descr(find_value(header, "descr"), out);
  if (why == NULL) why = parse_shape(find_value(header, "shape"), out);
  if (why != NULL) return why;
  size_t size = npy_dtype_size(out->dtype);
  for (uint32_t d = 0; d < out->rank; ++d) {
    if (__builtin_mul_overflow(size, (size_t)out->dims[d], &size)) {
      return "shape too large";
    }
  }
  out->size = size;
  return NULL;
}

// Reads the magic, version and header text (NUL-terminated, malloc'ed).
static const char* read_header(FILE* file, char** out_header) {
  unsigned char start[12];
  if (fread(start, 1, 10, file) != 10 ||
      memcmp(start, "\x93NUMPY", 6) != 0) {
    return "not a .npy file (bad magic)";
  }
  uint32_t length = start[8] | (uint32_t)start[9] << 8;
  if (start[6] == 2 || start[6] == 3) {
    if (fread(start + 10, 1, 2, file) != 2) return "truncated header";
    length |= (uint32_t)start[10] << 16 | (uint32_t)start[11] << 24;
  } else if (start[6] != 1) {
    return "unsupported .npy format version";
  }
  if (length > kMaxHeader) return "header too large";
  char* header = malloc(length + 1);
  if (header == NULL) return "out of memory";
  if (fread(header, 1, length, file) != length) {
    free(header);
    return "truncated header";
  }
  header[length] = '\0';
  *out_header = header;
  return NULL;
}

// Reads exactly |out->size| data bytes, which must end the file.
static const char* read_data(FILE* file, npy_array_t* out) {
  out->data = malloc(out->size ? out->size : 1);
  if (out->data == NULL) return "out of memory";
  if (fread(out->data, 1, out->size, file) != out->size) {
    return "truncated data";
  }
  if (fgetc(file) != EOF) return "trailing bytes after the data";
  return NULL;
}

bool npy_read(const char* path, npy_array_t* out, char* error,
              size_t error_size) {
  memset(out, 0, sizeof(*out));
  FILE* file = fopen(path, "rb");
  if (file == NULL) {
    return fail(error, error_size, path, "cannot open: %s", strerror(errno));
  }
  char* header = NULL;
  const char* why = read_header(file, &header);
  if (why == NULL) why = parse_header(header, out);
  if (why == NULL) why = read_data(file, out);
  free(header);
  fclose(file);
  if (why == NULL) return true;
  npy_free(out);
  return fail(error, error_size, path, "%s", why);
}

void npy_free(npy_array_t* array) {
  free(array->data);
  array->data = NULL;
}

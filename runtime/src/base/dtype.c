// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "base/internal.h"

MLC_API_EXPORT const char* mlc_dtype_name(mlc_dtype_t dtype) {
  switch (dtype) {
    case MLC_DTYPE_F32:
      return "float32";
    case MLC_DTYPE_F64:
      return "float64";
    case MLC_DTYPE_F16:
      return "float16";
    case MLC_DTYPE_BF16:
      return "bfloat16";
    case MLC_DTYPE_I8:
      return "int8";
    case MLC_DTYPE_I16:
      return "int16";
    case MLC_DTYPE_I32:
      return "int32";
    case MLC_DTYPE_I64:
      return "int64";
    case MLC_DTYPE_U8:
      return "uint8";
    case MLC_DTYPE_BOOL:
      return "bool";
    case MLC_DTYPE_INVALID:
      break;
  }
  return "invalid";
}

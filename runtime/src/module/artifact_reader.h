// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Validation and parsing of .mlc artifacts (see artifact_format.h) held in
// memory. Everything here works on untrusted bytes: all offsets, sizes,
// counts and lengths are bounds- and overflow-checked, and failures are
// DATA_LOSS (corrupt) or UNIMPLEMENTED (newer format or other target) with a
// message that starts with the artifact's path.

#ifndef MLC_RUNTIME_SRC_MODULE_ARTIFACT_READER_H_
#define MLC_RUNTIME_SRC_MODULE_ARTIFACT_READER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlc/runtime/api.h"
#include "mlc/runtime/artifact_format.h"

// An input or output of the model.
typedef struct mlc_artifact_tensor_t {
  // |info.name| points into the artifact's storage, |info.dims| at |dims|.
  mlc_tensor_info_t info;
  // Public dims: MLC_DIM_DYNAMIC for a symbolic dim.
  int64_t dims[MLC_ARTIFACT_MAX_RANK];
  // Dims as encoded in the artifact: >= 0 static, otherwise
  // MLC_ARTIFACT_SYMBOL_DIM(k) with k < the artifact's num_symbols.
  int64_t encoded_dims[MLC_ARTIFACT_MAX_RANK];
  bool is_dynamic;   // some dim is symbolic
  size_t byte_size;  // 0 when |is_dynamic|
} mlc_artifact_tensor_t;

// A weight, relative to the start of the weights section.
typedef struct mlc_artifact_weight_t {
  uint64_t offset;
  uint64_t size;
} mlc_artifact_weight_t;

// The parsed header and metadata of an artifact.
typedef struct mlc_artifact_t {
  mlc_artifact_header_t header;
  const char* entry_symbol;
  size_t num_inputs;
  size_t num_outputs;
  size_t num_weights;
  size_t num_symbols;  // at most MLC_ARTIFACT_MAX_SYMBOLS
  const char** symbol_names;  // |num_symbols| names
  // |num_symbols| maxima: the largest size of each symbol that the model
  // supports, or 0 for no limit.
  int64_t* symbol_max;
  mlc_artifact_tensor_t* inputs;
  mlc_artifact_tensor_t* outputs;
  mlc_artifact_weight_t* weights;
  void* storage;  // one allocation backing the arrays and strings above
} mlc_artifact_t;

// Validates the header, the section layout and the checksum of the
// |size|-byte artifact at |data| and copies the header to |out_header|.
// |path| names the artifact in messages.
mlc_status_t mlc_artifact_check_header(const uint8_t* data, uint64_t size,
                                       const char* path,
                                       mlc_artifact_header_t* out_header);

// Parses the metadata section of an artifact whose header |header| already
// passed mlc_artifact_check_header. On success |out_artifact| must be
// deinitialized with mlc_artifact_deinitialize.
mlc_status_t mlc_artifact_parse_metadata(const uint8_t* data,
                                         const mlc_artifact_header_t* header,
                                         const char* path,
                                         mlc_allocator_t allocator,
                                         mlc_artifact_t* out_artifact);

// mlc_artifact_check_header followed by mlc_artifact_parse_metadata.
mlc_status_t mlc_artifact_read(const uint8_t* data, uint64_t size,
                               const char* path, mlc_allocator_t allocator,
                               mlc_artifact_t* out_artifact);

// Frees what mlc_artifact_parse_metadata allocated; safe on a zeroed
// artifact.
void mlc_artifact_deinitialize(mlc_artifact_t* artifact,
                               mlc_allocator_t allocator);

#endif  // MLC_RUNTIME_SRC_MODULE_ARTIFACT_READER_H_

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Header, section-layout and checksum validation. The checksum is verified
// here, before the metadata is parsed and long before any code is loaded.

#include <inttypes.h>
#include <string.h>

#include "module/artifact_reader.h"

_Static_assert(sizeof(mlc_artifact_header_t) == MLC_ARTIFACT_HEADER_SIZE,
               "mlc_artifact_header_t must be exactly the on-disk header");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "artifacts are little-endian; big-endian hosts need swapping");

// Checks that [offset, offset + size) fits a file of |file_size| bytes and
// returns its end in |out_end|.
static mlc_status_t mlc_check_section(const char* path, const char* name,
                                      uint64_t offset, uint64_t size,
                                      uint64_t file_size, uint64_t* out_end) {
  if (__builtin_add_overflow(offset, size, out_end)) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: %s section offset %" PRIu64 " + size %" PRIu64
                           " overflows",
                           path, name, offset, size);
  }
  if (*out_end > file_size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: truncated: %s section [%" PRIu64 ", %" PRIu64
                           ") exceeds file size %" PRIu64,
                           path, name, offset, *out_end, file_size);
  }
  return MLC_OK;
}

// Magic, version, header size and target.
static mlc_status_t mlc_check_identity(const mlc_artifact_header_t* header,
                                       const char* path) {
  if (memcmp(header->magic, MLC_ARTIFACT_MAGIC, MLC_ARTIFACT_MAGIC_SIZE)) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: not an mlc artifact: bad magic (expected '%s')",
                           path, MLC_ARTIFACT_MAGIC);
  }
  if (header->version > MLC_ARTIFACT_VERSION) {
    return mlc_make_status(MLC_STATUS_UNIMPLEMENTED,
                           "%s: artifact version %u is newer than the "
                           "runtime's version %u; upgrade the runtime",
                           path, header->version, MLC_ARTIFACT_VERSION);
  }
  if (header->version == 0) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS, "%s: invalid version 0",
                           path);
  }
  if (header->version < MLC_ARTIFACT_VERSION) {
    return mlc_make_status(MLC_STATUS_UNIMPLEMENTED,
                           "%s: artifact version %u is older than the "
                           "runtime's version %u and no longer supported; "
                           "recompile the model",
                           path, header->version, MLC_ARTIFACT_VERSION);
  }
  if (header->header_size != MLC_ARTIFACT_HEADER_SIZE) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: header_size is %u but version %u requires %u",
                           path, header->header_size, header->version,
                           MLC_ARTIFACT_HEADER_SIZE);
  }
  if (header->target != MLC_TARGET_CPU_X86_64_ELF &&
      header->target != MLC_TARGET_CUDA_PTX) {
    return mlc_make_status(MLC_STATUS_UNIMPLEMENTED,
                           "%s: unsupported target %u", path, header->target);
  }
#if !defined(__x86_64__)
  if (header->target == MLC_TARGET_CPU_X86_64_ELF) {
    return mlc_make_status(MLC_STATUS_UNIMPLEMENTED,
                           "%s: x86-64 code cannot run on this host", path);
  }
#endif
  return MLC_OK;
}

// Each section lies within the actual file, and the header's file_size
// matches it.
static mlc_status_t mlc_check_bounds(const mlc_artifact_header_t* header,
                                     uint64_t size, const char* path,
                                     uint64_t* out_meta_end,
                                     uint64_t* out_code_end) {
  uint64_t weights_end = 0;
  MLC_RETURN_IF_ERROR(mlc_check_section(path, "metadata", header->meta_offset,
                                        header->meta_size, size,
                                        out_meta_end));
  MLC_RETURN_IF_ERROR(mlc_check_section(path, "code", header->code_offset,
                                        header->code_size, size,
                                        out_code_end));
  MLC_RETURN_IF_ERROR(mlc_check_section(path, "weights",
                                        header->weights_offset,
                                        header->weights_size, size,
                                        &weights_end));
  if (header->file_size > size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: truncated: header records file size %" PRIu64
                           " but the file has %" PRIu64 " bytes",
                           path, header->file_size, size);
  }
  if (header->file_size < size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: file has %" PRIu64 " bytes but the header "
                           "records file size %" PRIu64,
                           path, size, header->file_size);
  }
  return MLC_OK;
}

// Metadata and code lie between the header and the weights (so the checksum
// covers them) without overlapping; the weights are page aligned.
static mlc_status_t mlc_check_layout(const mlc_artifact_header_t* header,
                                     uint64_t meta_end, uint64_t code_end,
                                     const char* path) {
  if (header->weights_offset % MLC_ARTIFACT_WEIGHTS_ALIGNMENT != 0) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: weights_offset %" PRIu64
                           " is not a multiple of %u",
                           path, header->weights_offset,
                           MLC_ARTIFACT_WEIGHTS_ALIGNMENT);
  }
  if (header->code_size == 0) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS, "%s: empty code section",
                           path);
  }
  const uint64_t begin = MLC_ARTIFACT_HEADER_SIZE;
  const uint64_t limit = header->weights_offset;
  if (header->meta_offset < begin || meta_end > limit ||
      header->code_offset < begin || code_end > limit) {
    return mlc_make_status(
        MLC_STATUS_DATA_LOSS,
        "%s: metadata [%" PRIu64 ", %" PRIu64 ") and code [%" PRIu64
        ", %" PRIu64 ") must lie between the header and the weights section "
        "[%" PRIu64 ", ...)",
        path, header->meta_offset, meta_end, header->code_offset, code_end,
        limit);
  }
  if (header->meta_offset < code_end && header->code_offset < meta_end) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: metadata section [%" PRIu64 ", %" PRIu64
                           ") overlaps code section [%" PRIu64 ", %" PRIu64 ")",
                           path, header->meta_offset, meta_end,
                           header->code_offset, code_end);
  }
  return MLC_OK;
}

mlc_status_t mlc_artifact_check_header(const uint8_t* data, uint64_t size,
                                       const char* path,
                                       mlc_artifact_header_t* out_header) {
  if (size < MLC_ARTIFACT_HEADER_SIZE) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: truncated: file has %" PRIu64
                           " bytes, smaller than the %u-byte header",
                           path, size, MLC_ARTIFACT_HEADER_SIZE);
  }
  mlc_artifact_header_t header;
  memcpy(&header, data, sizeof(header));
  MLC_RETURN_IF_ERROR(mlc_check_identity(&header, path));
  uint64_t meta_end = 0;
  uint64_t code_end = 0;
  MLC_RETURN_IF_ERROR(
      mlc_check_bounds(&header, size, path, &meta_end, &code_end));
  MLC_RETURN_IF_ERROR(mlc_check_layout(&header, meta_end, code_end, path));
  uint64_t checksum = mlc_artifact_checksum(data, header.weights_offset);
  if (checksum != header.checksum) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: checksum mismatch: header records 0x%016" PRIx64
                           " but bytes [0, %" PRIu64 ") hash to 0x%016" PRIx64,
                           path, header.checksum, header.weights_offset,
                           checksum);
  }
  *out_header = header;
  return MLC_OK;
}

mlc_status_t mlc_artifact_read(const uint8_t* data, uint64_t size,
                               const char* path, mlc_allocator_t allocator,
                               mlc_artifact_t* out_artifact) {
  memset(out_artifact, 0, sizeof(*out_artifact));
  mlc_artifact_header_t header;
  MLC_RETURN_IF_ERROR(mlc_artifact_check_header(data, size, path, &header));
  return mlc_artifact_parse_metadata(data, &header, path, allocator,
                                     out_artifact);
}

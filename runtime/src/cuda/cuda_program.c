// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Decodes the CUDA program in two passes over the same bytes: the first
// checks the structure and counts the records (no allocation, so corrupt
// counts cannot cause huge ones), the second fills one allocation sized by
// those counts. PTX, kernel names and constants stay in the code section.
// The checks against the metadata are in cuda_program_check.c.

#include "cuda/cuda_program.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/cursor.h"
#include "base/internal.h"
#include "cuda/cuda_program_check.h"

typedef struct mlc_cuda_reader_t {
  mlc_cursor_t cursor;
  mlc_cuda_program_t* program;
  bool fill;        // second pass: the program's arrays are allocated
  size_t num_args;  // args of the launches read so far
} mlc_cuda_reader_t;

// Reads a u32 count into |*count|. The second pass reads the bytes again,
// and a file modified under its mapping must not overflow the arrays that the
// first pass sized, so there the count must be the one already in |*count|.
static mlc_status_t mlc_read_count(mlc_cuda_reader_t* reader, const char* what,
                                   size_t* count) {
  uint32_t value = 0;
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(&reader->cursor, what, &value));
  if (reader->fill && value != *count) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: the CUDA program changed while it was read",
                           reader->cursor.path);
  }
  *count = value;
  return MLC_OK;
}

static mlc_status_t mlc_read_magic(mlc_cursor_t* cursor) {
  const uint8_t* magic = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_cursor_take(cursor, MLC_CUDA_PROGRAM_MAGIC_SIZE, "magic", &magic));
  if (memcmp(magic, MLC_CUDA_PROGRAM_MAGIC, MLC_CUDA_PROGRAM_MAGIC_SIZE)) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: the code section is not a CUDA program: bad "
                           "magic (expected '%s')",
                           cursor->path, MLC_CUDA_PROGRAM_MAGIC);
  }
  return MLC_OK;
}

static mlc_status_t mlc_read_images(mlc_cuda_reader_t* reader) {
  mlc_cuda_program_t* program = reader->program;
  MLC_RETURN_IF_ERROR(
      mlc_read_count(reader, "num_images", &program->num_images));
  if (program->num_images == 0) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: the CUDA program has no PTX image",
                           reader->cursor.path);
  }
  for (size_t i = 0; i < program->num_images; ++i) {
    uint32_t sm = 0;
    const uint8_t* ptx = NULL;
    uint32_t ptx_size = 0;
    MLC_RETURN_IF_ERROR(mlc_cursor_u32(&reader->cursor, "image sm", &sm));
    MLC_RETURN_IF_ERROR(
        mlc_cursor_text(&reader->cursor, "PTX", UINT32_MAX, &ptx, &ptx_size));
    if (reader->fill) {
      program->images[i] = (mlc_cuda_image_t){sm, (const char*)ptx, ptx_size};
    }
  }
  return MLC_OK;
}

static mlc_status_t mlc_read_kernels(mlc_cuda_reader_t* reader) {
  mlc_cuda_program_t* program = reader->program;
  MLC_RETURN_IF_ERROR(
      mlc_read_count(reader, "num_kernels", &program->num_kernels));
  for (size_t i = 0; i < program->num_kernels; ++i) {
    const uint8_t* name = NULL;
    uint32_t name_size = 0;
    MLC_RETURN_IF_ERROR(mlc_cursor_text(&reader->cursor, "kernel name",
                                        MLC_ARTIFACT_MAX_NAME, &name,
                                        &name_size));
    if (reader->fill) {
      program->kernels[i] = (mlc_cuda_kernel_t){(const char*)name, name_size};
    }
  }
  return MLC_OK;
}

static mlc_status_t mlc_read_constants(mlc_cuda_reader_t* reader) {
  mlc_cuda_program_t* program = reader->program;
  MLC_RETURN_IF_ERROR(
      mlc_read_count(reader, "num_constants", &program->num_constants));
  for (size_t i = 0; i < program->num_constants; ++i) {
    uint64_t size = 0;
    const uint8_t* data = NULL;
    MLC_RETURN_IF_ERROR(
        mlc_cursor_u64(&reader->cursor, "constant size", &size));
    MLC_RETURN_IF_ERROR(
        mlc_cursor_take(&reader->cursor, size, "constant data", &data));
    if (reader->fill) program->constants[i] = (mlc_cuda_constant_t){data, size};
  }
  return MLC_OK;
}

// Reads the fixed part of a launch record: kernel, grid, block, shared bytes
// and the number of args.
static mlc_status_t mlc_read_launch_header(mlc_cursor_t* cursor,
                                           mlc_cuda_launch_t* launch) {
  uint32_t fields[9];
  for (size_t i = 0; i < 9; ++i) {
    MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "launch", &fields[i]));
  }
  launch->kernel = fields[0];
  memcpy(launch->grid, &fields[1], sizeof(launch->grid));
  memcpy(launch->block, &fields[4], sizeof(launch->block));
  launch->shared_bytes = fields[7];
  launch->num_args = fields[8];
  return MLC_OK;
}

static mlc_status_t mlc_read_launch(mlc_cuda_reader_t* reader, size_t index) {
  mlc_cuda_program_t* program = reader->program;
  mlc_cuda_launch_t launch;
  MLC_RETURN_IF_ERROR(mlc_read_launch_header(&reader->cursor, &launch));
  if (launch.num_args > MLC_CUDA_MAX_KERNEL_ARGS) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: launch %zu has %u args, more than the "
                           "maximum %u",
                           reader->cursor.path, index, launch.num_args,
                           MLC_CUDA_MAX_KERNEL_ARGS);
  }
  launch.first_arg = reader->num_args;
  if (reader->fill && launch.num_args > program->num_args - launch.first_arg) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: the CUDA program changed while it was read",
                           reader->cursor.path);
  }
  for (uint32_t k = 0; k < launch.num_args; ++k) {
    mlc_cuda_arg_t arg;
    MLC_RETURN_IF_ERROR(
        mlc_cursor_u32(&reader->cursor, "arg space", &arg.space));
    MLC_RETURN_IF_ERROR(
        mlc_cursor_u32(&reader->cursor, "arg index", &arg.index));
    MLC_RETURN_IF_ERROR(
        mlc_cursor_u64(&reader->cursor, "arg offset", &arg.offset));
    if (reader->fill) program->args[launch.first_arg + k] = arg;
  }
  reader->num_args += launch.num_args;
  if (reader->fill) program->launches[index] = launch;
  return MLC_OK;
}

static mlc_status_t mlc_read_program(mlc_cuda_reader_t* reader) {
  mlc_cuda_program_t* program = reader->program;
  MLC_RETURN_IF_ERROR(mlc_read_magic(&reader->cursor));
  MLC_RETURN_IF_ERROR(mlc_read_images(reader));
  MLC_RETURN_IF_ERROR(mlc_read_kernels(reader));
  MLC_RETURN_IF_ERROR(mlc_read_constants(reader));
  MLC_RETURN_IF_ERROR(
      mlc_cursor_u64(&reader->cursor, "arena_size", &program->arena_size));
  MLC_RETURN_IF_ERROR(
      mlc_read_count(reader, "num_launches", &program->num_launches));
  for (size_t i = 0; i < program->num_launches; ++i) {
    MLC_RETURN_IF_ERROR(mlc_read_launch(reader, i));
  }
  if (reader->cursor.pos != reader->cursor.size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: %" PRIu64
                           " unexpected bytes after the last "
                           "CUDA program record",
                           reader->cursor.path,
                           reader->cursor.size - reader->cursor.pos);
  }
  if (!reader->fill) program->num_args = reader->num_args;
  return MLC_OK;
}

// Adds |count| elements of |size| bytes to |*total|; false on overflow.
static bool mlc_add_array(size_t* total, size_t count, size_t size) {
  size_t bytes = 0;
  return !__builtin_mul_overflow(count, size, &bytes) &&
         !__builtin_add_overflow(*total, bytes, total);
}

// One allocation for the arrays the first pass counted (all 8-byte aligned).
static mlc_status_t mlc_allocate_program(mlc_cuda_program_t* program,
                                         const char* path,
                                         mlc_allocator_t allocator) {
  size_t total = 0;
  if (!mlc_add_array(&total, program->num_images, sizeof(mlc_cuda_image_t)) ||
      !mlc_add_array(&total, program->num_kernels, sizeof(mlc_cuda_kernel_t)) ||
      !mlc_add_array(&total, program->num_constants,
                     sizeof(mlc_cuda_constant_t)) ||
      !mlc_add_array(&total, program->num_launches,
                     sizeof(mlc_cuda_launch_t)) ||
      !mlc_add_array(&total, program->num_args, sizeof(mlc_cuda_arg_t))) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "%s: the CUDA program is too large", path);
  }
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(allocator, total, "CUDA program",
                                           &program->storage));
  program->images = (mlc_cuda_image_t*)program->storage;
  program->kernels =
      (mlc_cuda_kernel_t*)(program->images + program->num_images);
  program->constants =
      (mlc_cuda_constant_t*)(program->kernels + program->num_kernels);
  program->launches =
      (mlc_cuda_launch_t*)(program->constants + program->num_constants);
  program->args = (mlc_cuda_arg_t*)(program->launches + program->num_launches);
  return MLC_OK;
}

static mlc_status_t mlc_decode_program(const uint8_t* code, uint64_t size,
                                       const char* path,
                                       mlc_allocator_t allocator,
                                       mlc_cuda_program_t* program) {
  mlc_cuda_reader_t reader = {
      {code, size, 0, path, "CUDA program", NULL, 0}, program, false, 0};
  MLC_RETURN_IF_ERROR(mlc_read_program(&reader));
  MLC_RETURN_IF_ERROR(mlc_allocate_program(program, path, allocator));
  reader.cursor.pos = 0;
  reader.fill = true;
  reader.num_args = 0;
  return mlc_read_program(&reader);
}

mlc_status_t mlc_cuda_program_parse(const uint8_t* code, uint64_t size,
                                    const mlc_artifact_t* artifact,
                                    const char* path, mlc_allocator_t allocator,
                                    mlc_cuda_program_t* out_program) {
  memset(out_program, 0, sizeof(*out_program));
  mlc_status_t status = mlc_cuda_check_static_shapes(artifact, path);
  if (!status) {
    status = mlc_decode_program(code, size, path, allocator, out_program);
  }
  if (!status) status = mlc_cuda_check_launches(out_program, artifact, path);
  if (status) mlc_cuda_program_deinitialize(out_program, allocator);
  return status;
}

void mlc_cuda_program_deinitialize(mlc_cuda_program_t* program,
                                   mlc_allocator_t allocator) {
  if (program->storage) allocator.free(allocator.self, program->storage);
  memset(program, 0, sizeof(*program));
}

// Formats the images' architectures as "sm_80, sm_90" into |buffer|,
// truncating with "...".
static const char* mlc_format_archs(const mlc_cuda_program_t* program,
                                    char* buffer, size_t capacity) {
  size_t used = 0;
  buffer[0] = '\0';
  for (size_t i = 0; i < program->num_images && used < capacity; ++i) {
    used += (size_t)snprintf(buffer + used, capacity - used, "%ssm_%u",
                             i ? ", " : "", program->images[i].sm);
  }
  if (used >= capacity && capacity > 4) {
    memcpy(buffer + capacity - 4, "...", 4);
  }
  return buffer;
}

mlc_status_t mlc_cuda_program_select_image(const mlc_cuda_program_t* program,
                                           uint32_t device_sm, const char* path,
                                           const mlc_cuda_image_t** out_image) {
  const mlc_cuda_image_t* best = NULL;
  for (size_t i = 0; i < program->num_images; ++i) {
    const mlc_cuda_image_t* image = &program->images[i];
    if (image->sm <= device_sm && (best == NULL || image->sm > best->sm)) {
      best = image;
    }
  }
  if (best == NULL) {
    char archs[256];
    return mlc_make_status(
        MLC_STATUS_UNIMPLEMENTED,
        "%s: the artifact has PTX for %s but the GPU is sm_%u (compute "
        "capability %u.%u); recompile with --cuda-arch=sm_%u",
        path, mlc_format_archs(program, archs, sizeof(archs)), device_sm,
        device_sm / 10, device_sm % 10, device_sm);
  }
  *out_image = best;
  return MLC_OK;
}

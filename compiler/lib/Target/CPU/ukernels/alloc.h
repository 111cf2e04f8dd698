// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_UKERNELS_ALLOC_H
#define MLC_UKERNELS_ALLOC_H

#include <stdint.h>

// The model's buffer allocator (alloc.c): 64-byte aligned blocks from a
// per-thread cache, so scratch space of repeated calls reuses its pages.
void *_mlir_memref_to_llvm_alloc(uint64_t size);
void _mlir_memref_to_llvm_free(void *p);

#endif // MLC_UKERNELS_ALLOC_H

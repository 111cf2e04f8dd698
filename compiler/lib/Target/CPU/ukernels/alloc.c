// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Heap allocation of the model's buffers (MLIR's generic memref allocation
// functions): a per-thread cache of freed blocks, so that runs after the
// first reuse their buffers instead of mapping and faulting in fresh pages
// for every large allocation. Buffers are 64-byte aligned (or more when
// asked); the 16 bytes before each hold its size and its offset in the
// block. A thread's cache is freed when the thread exits, and the unloading
// thread's when the model is unloaded.

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"

#define SLOTS 256
#define HEADER 64

typedef struct {
  unsigned char *block[SLOTS];
  uint64_t size[SLOTS];
  int count;
} cache_t;

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int keyReady;

static void destroyCache(void *p) {
  cache_t *c = p;
  for (int i = 0; i < c->count; ++i)
    free(c->block[i]);
  free(c);
}

static void createKey(void) {
  keyReady = pthread_key_create(&key, destroyCache) == 0;
}

static cache_t *threadCache(void) {
  pthread_once(&once, createKey);
  if (!keyReady)
    return NULL;
  cache_t *c = pthread_getspecific(key);
  if (!c && (c = calloc(1, sizeof(cache_t))) && pthread_setspecific(key, c)) {
    free(c);
    c = NULL;
  }
  return c;
}

__attribute__((destructor)) static void unload(void) {
  if (!keyReady)
    return;
  cache_t *c = pthread_getspecific(key);
  if (c)
    destroyCache(c);
  pthread_key_delete(key);
}

// The smallest cached block of at least |size| bytes and at most twice that.
static unsigned char *takeCached(cache_t *c, uint64_t size) {
  int best = -1;
  for (int i = 0; i < c->count; ++i)
    if (c->size[i] >= size && c->size[i] <= 2 * size + 4096 &&
        (best < 0 || c->size[i] < c->size[best]))
      best = i;
  if (best < 0)
    return NULL;
  unsigned char *block = c->block[best];
  --c->count;
  c->block[best] = c->block[c->count];
  c->size[best] = c->size[c->count];
  return block;
}

// A fresh block for |size| bytes at |offset| (a multiple of the alignment,
// at least HEADER), with the header written.
static unsigned char *newBuffer(uint64_t alignment, uint64_t offset,
                                uint64_t size) {
  uint64_t total = (offset + size + alignment - 1) / alignment * alignment;
  unsigned char *block;
  if (total < size || !(block = aligned_alloc(alignment, total)))
    return NULL;
  uint64_t *header = (uint64_t *)(block + offset) - 2;
  header[0] = size;
  header[1] = offset;
  return block + offset;
}

void *_mlir_memref_to_llvm_alloc(uint64_t size) {
  cache_t *c = threadCache();
  unsigned char *block = c ? takeCached(c, size) : NULL;
  return block ? block + HEADER : newBuffer(64, HEADER, size);
}

void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t size) {
  if (alignment <= 64)
    return _mlir_memref_to_llvm_alloc(size);
  return newBuffer(alignment, alignment, size);
}

void _mlir_memref_to_llvm_free(void *p) {
  if (!p)
    return;
  uint64_t *header = (uint64_t *)p - 2;
  unsigned char *block = (unsigned char *)p - header[1];
  cache_t *c = header[1] == HEADER ? threadCache() : NULL;
  if (c && c->count < SLOTS) {
    c->block[c->count] = block;
    c->size[c->count] = header[0];
    ++c->count;
    return;
  }
  free(block);
}

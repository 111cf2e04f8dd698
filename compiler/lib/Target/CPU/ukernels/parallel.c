// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The session's work sharing (mlc_parallel_t, artifact_format.h) as seen by
// the microkernels: the entry point records it for the calling thread, and
// mlc_uk_parallel_for uses it, or runs serially (one thread, or a call from
// a worker, which has none recorded).

#include "mlc/runtime/artifact_format.h"

#include "parallel.h"

static __thread const mlc_parallel_t *current;

void mlc_uk_set_parallel(const mlc_parallel_t *parallel) { current = parallel; }

void mlc_uk_parallel_for(int64_t count, void (*fn)(void *, int64_t),
                         void *data) {
  const mlc_parallel_t *p = current;
  if (p && p->num_threads > 1 && count > 1) {
    current = 0;  // fn runs serially inside, here and on the workers
    p->parallel_for(p->context, count, fn, data);
    current = p;
    return;
  }
  for (int64_t i = 0; i < count; ++i)
    fn(data, i);
}

int64_t mlc_uk_num_threads(void) {
  return current && current->num_threads > 1 ? current->num_threads : 1;
}

// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_UKERNELS_PARALLEL_H
#define MLC_UKERNELS_PARALLEL_H

#include <stdint.h>

// fn(data, i) for every i in [0, count), on the session's threads.
void mlc_uk_parallel_for(int64_t count, void (*fn)(void *, int64_t),
                         void *data);

// The threads mlc_uk_parallel_for shares out among (1 inside its calls).
int64_t mlc_uk_num_threads(void);

#endif // MLC_UKERNELS_PARALLEL_H

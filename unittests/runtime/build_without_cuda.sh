#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The mlc Authors.
#
# Builds the runtime alone with the CUDA toolkit hidden (a tmpfs over
# /usr/local/cuda in a private mount namespace, and a minimal environment),
# then checks the library's dependencies: the CUDA path must need neither
# CUDA headers at build time nor CUDA libraries at link time.
# Usage: build_without_cuda.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=${1:?usage: build_without_cuda.sh SOURCE_DIR WORK_DIR}
work=${2:?usage: build_without_cuda.sh SOURCE_DIR WORK_DIR}
rm -rf "$work"
build="cmake -S '$src' -B '$work' -G Ninja -DMLC_BUILD_COMPILER=OFF \
  -DMLC_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null && \
  ninja -C '$work' mlc_runtime >/dev/null"
hide="true"
if [ -d /usr/local/cuda ]; then
  hide="mount -t tmpfs none /usr/local/cuda && test -z \"\$(ls -A /usr/local/cuda)\""
  if ! unshare --mount true 2>/dev/null; then
    echo "error: cannot hide /usr/local/cuda (unshare --mount needs root)" >&2
    exit 1
  fi
  runner=(unshare --mount)
else
  runner=()
fi
"${runner[@]}" env -i PATH=/usr/bin:/bin HOME="$work" sh -c "$hide && $build"
echo "built without the CUDA toolkit: $work/lib/libmlc_runtime.so"
exec "$(dirname "$0")/check_deps.sh" "$work/lib/libmlc_runtime.so"

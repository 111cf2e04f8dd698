#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the runtime and its tests with ASan+UBSan and, separately, TSan
# (gcc's sanitizers), and runs them: artifact validation, sessions and the
# concurrent-sessions test must be free of memory errors, undefined behaviour
# and data races. Build dirs: $MLC_BUILD_DIR-asan and $MLC_BUILD_DIR-tsan.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${MLC_BUILD_DIR:-build}

run_sanitized() {
  local dir=$1 flags=$2 env=$3
  cmake -S . -B "$dir" -G Ninja -DMLC_BUILD_COMPILER=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_CXX_FLAGS=$flags" \
    "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags" >/dev/null
  ninja -C "$dir" -j"$(nproc)" mlc_runtime_tests
  env $env "$dir/bin/mlc_runtime_tests" --gtest_brief=1
}

run_sanitized "$BUILD-asan" "-fsanitize=address,undefined -fno-sanitize-recover=all" \
  "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1"
run_sanitized "$BUILD-tsan" "-fsanitize=thread" "TSAN_OPTIONS=halt_on_error=1"
echo "sanitize: runtime clean under ASan+UBSan and TSan"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang-19 and runs each for SECONDS
# (default 60): `scripts/fuzz.sh [SECONDS] [TARGET...]`. Corpora live in
# $MLC_FUZZ_DIR (default build-fuzz/corpus/<target>, outside git) and are
# seeded from artifacts the main build's mlc compiles from the test models.
# Crashes are written to build-fuzz/crashes/<target>/; turn each into a
# regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
SECONDS_EACH=${1:-60}
shift || true
FUZZ_BUILD=build-fuzz
CORPUS=${MLC_FUZZ_DIR:-$FUZZ_BUILD/corpus}
# Everything the fuzzers link is instrumented for coverage and ASan/UBSan.
FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
CC=clang-19 CXX=clang++-19 cmake -S . -B "$FUZZ_BUILD" -G Ninja \
  -DMLC_BUILD_COMPILER=ON -DMLC_BUILD_TESTS=OFF -DMLC_BUILD_FUZZERS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_C_FLAGS=$FLAGS" "-DCMAKE_CXX_FLAGS=$FLAGS" >/dev/null
ninja -C "$FUZZ_BUILD" -j"$(nproc)" mlc_artifact_fuzzer mlc_onnx_fuzzer

# Seeds: the e2e test models (onnx) and their compiled artifacts (artifact).
seed() {
  local target=$1 dir=$2
  local py=${MLC_VENV:-$PWD/.venv}/bin/python mlc=${MLC_BUILD_DIR:-build}/bin/mlc
  local models; models=$(mktemp -d)
  "$py" lit-tests/e2e/make_models.py "$models" >/dev/null
  for m in "$models"/*.onnx; do
    if [ "$target" = onnx ]; then
      cp "$m" "$dir/"
    elif [ -x "$mlc" ]; then
      "$mlc" compile "$m" -o "$dir/$(basename "$m" .onnx).mlc" 2>/dev/null || true
    fi
  done
  rm -rf "$models"
}

TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(artifact onnx)
for target in "${TARGETS[@]}"; do
  corpus=$CORPUS/$target crashes=$FUZZ_BUILD/crashes/$target
  mkdir -p "$corpus" "$crashes"
  [ -n "$(ls -A "$corpus")" ] || seed "$target" "$corpus"
  "$FUZZ_BUILD/bin/mlc_${target}_fuzzer" "$corpus" -max_total_time="$SECONDS_EACH" \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | tail -n 14
done

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang-19 and runs each for SECONDS
# (default 60): `scripts/fuzz.sh [SECONDS] [TARGET...]`, TARGET one of
# artifact, cuda_program, onnx, safetensors, safetensors_index, hf_config
# (default: all). Corpora live in $MLC_FUZZ_DIR (default
# build-fuzz/corpus/<target>, outside git) and are seeded from artifacts the
# main build's mlc compiles from the test models.
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
ALL_TARGETS=(artifact cuda_program onnx safetensors safetensors_index hf_config)
# shellcheck disable=SC2046
ninja -C "$FUZZ_BUILD" -j"$(nproc)" $(printf 'mlc_%s_fuzzer ' "${ALL_TARGETS[@]}")

# Seeds: the e2e test models (onnx) and their compiled artifacts (artifact);
# checkpoints and configs of the tiny Hugging Face test models (safetensors,
# hf_config); an index naming the fuzzer's two scratch shards.
seed_hf() {
  local target=$1 dir=$2 py=$3 models
  models=$(mktemp -d)
  for arch in bert gpt2 llama bert-f16 gpt2-sharded; do
    "$py" lit-tests/models/hf_models.py make --arch "$arch" --out "$models/$arch" >/dev/null
    if [ "$target" = hf_config ]; then
      cp "$models/$arch/config.json" "$dir/$arch.json"
    else
      for f in "$models/$arch"/*.safetensors; do cp "$f" "$dir/$arch-$(basename "$f")"; done
    fi
  done
  rm -rf "$models"
}

seed() {
  local target=$1 dir=$2
  local py=${MLC_VENV:-$PWD/.venv}/bin/python mlc=${MLC_BUILD_DIR:-build}/bin/mlc
  case $target in
    safetensors|hf_config) seed_hf "$target" "$dir" "$py"; return ;;
    safetensors_index)
      printf '{"metadata":{"total_size":16},"weight_map":{"a":"shard-1.safetensors","b":"shard-2.safetensors"}}' \
        > "$dir/index.json"
      return ;;
    cuda_program)  # one launch of kernel 'k' on input 0 and the arena
      python3 - "$dir/minimal" <<'EOF'
import struct, sys
u32 = lambda *v: struct.pack('<%dI' % len(v), *v)
u64 = lambda v: struct.pack('<Q', v)
program = (b'MLCCUDA1' + u32(1, 80, 1) + b'x' + u32(1, 1) + b'k' + u32(0) +
           u64(128) + u32(1, 0, 1, 1, 1, 1, 1, 1, 0, 2) + u32(0, 0) + u64(0) +
           u32(4, 0) + u64(64))
open(sys.argv[1], 'wb').write(program)
EOF
      return ;;
  esac
  local models; models=$(mktemp -d)
  "$py" lit-tests/e2e/make_models.py "$models" >/dev/null
  for m in "$models"/*.onnx; do
    if [ "$target" = onnx ]; then
      cp "$m" "$dir/"
    elif [ -x "$mlc" ]; then
      "$mlc" compile "$m" -o "$dir/$(basename "$m" .onnx).mlc" 2>/dev/null || true
      # CUDA artifacts need NVRTC and static shapes; skip the models that fail.
      "$mlc" compile "$m" --target=cuda -o "$dir/$(basename "$m" .onnx).cuda.mlc" \
        2>/dev/null || true
    fi
  done
  rm -rf "$models"
}

TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for target in "${TARGETS[@]}"; do
  corpus=$CORPUS/$target crashes=$FUZZ_BUILD/crashes/$target
  mkdir -p "$corpus" "$crashes"
  [ -n "$(ls -A "$corpus")" ] || seed "$target" "$corpus"
  "$FUZZ_BUILD/bin/mlc_${target}_fuzzer" "$corpus" -max_total_time="$SECONDS_EACH" \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | tail -n 14
done

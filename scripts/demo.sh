#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job on the bundled example: build mlc, generate the example MLP
# (Gemm -> Relu -> Gemm -> Softmax) with the onnx package, compile it to an
# artifact, inspect it, run it and print its outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
BUILD=${MLC_BUILD_DIR:-build}
PY=${MLC_VENV:-$PWD/.venv}/bin/python
OUT=$BUILD/example
rm -rf "$OUT"
"$PY" lit-tests/e2e/make_models.py "$OUT" --only mlp >/dev/null
echo "== mlc compile $OUT/mlp.onnx -o $OUT/mlp.mlc"
"$BUILD/bin/mlc" compile "$OUT/mlp.onnx" -o "$OUT/mlp.mlc"
echo "== mlc inspect $OUT/mlp.mlc"
"$BUILD/bin/mlc" inspect "$OUT/mlp.mlc"
echo "== mlc run $OUT/mlp.mlc --input x=$OUT/mlp.x.npy --output-dir $OUT/out"
"$BUILD/bin/mlc" run "$OUT/mlp.mlc" --input "x=$OUT/mlp.x.npy" --output-dir "$OUT/out"
echo "== compare with onnxruntime"
"$PY" lit-tests/e2e/compare.py "$OUT/mlp.onnx" --input "x=$OUT/mlp.x.npy" --output-dir "$OUT/out"

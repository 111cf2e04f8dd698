#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs, builds and runs every test: GoogleTest suites and the runtime's
# dependency check (ctest), lit (IR, frontend, end-to-end, model and ONNX node
# tests against onnxruntime), and the runtime's tests under ASan+UBSan and TSan.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
BUILD=${MLC_BUILD_DIR:-build}
ctest --test-dir "$BUILD" --output-on-failure -j"$(nproc)"
ninja -C "$BUILD" check-mlc
./scripts/sanitize.sh

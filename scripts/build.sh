#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, then configures and builds mlc into $MLC_BUILD_DIR
# (default build/) with Ninja and ccache.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
BUILD=${MLC_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DMLC_PYTHON="${MLC_VENV:-$PWD/.venv}/bin/python" >/dev/null
ninja -C "$BUILD" -j"$(nproc)"

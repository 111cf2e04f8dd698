#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every dependency mlc needs on Debian 12 (idempotent): Debian packages
# via apt and the Python test tools in a virtual environment ($MLC_VENV, default .venv).
# python3-torch/python3-torchvision (for /usr/bin/python3 only) export the
# torchvision models of lit-tests/models. clang-19 also compiles the CPU
# microkernels to LLVM bitcode during the build (llvm-link-19 joins them).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake ninja-build ccache python3 python3-venv
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools liblld-19-dev lld-19
  libzstd-dev zlib1g-dev protobuf-compiler libprotobuf-dev libonnx-dev
  libgtest-dev libgmock-dev
  python3-torch python3-torchvision
  clang-19 libfuzzer-19-dev libclang-rt-19-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

VENV=${MLC_VENV:-$PWD/.venv}
PY_PACKAGES=(numpy onnx onnxruntime safetensors)
# NVRTC and ptxas for the CUDA target's tests (PTX is compiled and checked
# without a GPU); NVIDIA's wheels, so no CUDA toolkit is needed.
CUDA_PACKAGES=(nvidia-cuda-nvrtc-cu12==12.9.86 nvidia-cuda-nvcc-cu12==12.9.86)
if [ ! -x "$VENV/bin/python" ]; then
  /usr/bin/python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import numpy, onnx, onnxruntime, safetensors" 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q "${PY_PACKAGES[@]}"
fi
if ! "$VENV/bin/python" -m pip show -q "${CUDA_PACKAGES[@]%%==*}" 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q "${CUDA_PACKAGES[@]}"
fi
echo "setup: dependencies ready (venv: $VENV)"

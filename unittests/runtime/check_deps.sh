#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The mlc Authors.
#
# Fails if the runtime library depends on anything but libc, libm, libdl,
# libpthread, the dynamic loader and libgcc_s (no libstdc++, no LLVM, no CUDA
# library or symbol), and prints its size. Usage: check_deps.sh path/to/libmlc_runtime.so
set -euo pipefail

lib=${1:?usage: check_deps.sh LIBRARY}
allowed='^(libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|libgcc_s\.so\.1|ld-linux[-a-z0-9_.]*\.so\.[0-9]+|linux-vdso\.so\.1)$'

needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "NEEDED: $(echo $needed)"
status=0
for dep in $needed; do
  if ! [[ $dep =~ $allowed ]]; then
    echo "error: $lib has a disallowed NEEDED entry: $dep" >&2
    status=1
  fi
done
if ! grep -qx 'libm.so.6' <<<"$needed"; then
  echo "error: $lib must link libm (model code resolves expf & co. through it)" >&2
  status=1
fi

echo "ldd:"
ldd "$lib" | sed 's/^/  /'
while read -r dep _; do
  base=${dep##*/}
  if ! [[ $base =~ $allowed ]]; then
    echo "error: $lib transitively loads a disallowed library: $dep" >&2
    status=1
  fi
done < <(ldd "$lib")

exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^mlc_' || true)
if [ -n "$exported" ]; then
  echo "error: $lib exports non-API symbols: $(echo $exported)" >&2
  status=1
fi

# The CUDA path resolves the driver with dlsym: no CUDA symbol may be
# undefined at link time, so the library loads (and builds) without CUDA.
cuda_undefined=$(nm -D --undefined-only "$lib" | awk '{print $2}' | grep -E '^(cu|nvrtc)[A-Z]' || true)
if [ -n "$cuda_undefined" ]; then
  echo "error: $lib links CUDA symbols: $(echo $cuda_undefined)" >&2
  status=1
fi

echo "size: $(stat -c %s "$lib") bytes ($lib)"
exit $status

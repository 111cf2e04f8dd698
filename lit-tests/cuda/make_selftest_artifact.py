# SPDX-License-Identifier: Apache-2.0
"""Hand-made CUDA artifact and CUDA C source for emulate_cuda.py's self-test.

Usage:
  make_selftest_artifact.py DIR            writes the files below into DIR
  make_selftest_artifact.py DIR --check OUT
      compares OUT/y.npy with numpy; prints one line per output and
      "selftest: PASS" or "selftest: FAIL" (exit 1)

Files: selftest.mlc (target CUDA: input x f32[4,5], weight w f32[5,6],
constant bias f32[6], output y f32[4,6]), selftest.cu, diverge.cu (a kernel
whose threads leave before __syncthreads), stray.cu (__syncthreads only in a
helper, so it runs without threads), cpu.mlc (the same artifact with the CPU
target), x.npy and x_wrong.npy (f32[5,4]).

y = act(x) @ w + bias, in two launches: an elementwise kernel writes act(x)
into the arena at byte 64, then a 4x4-tiled matmul stages tiles of it and of w
in __shared__ arrays between two __syncthreads per tile (2 blocks, 2 tiles).
"""

import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "e2e"))
from compare import compare_with_dir  # noqa: E402

ACT = "fmaxf(v, 0.0f) + 0.25f * v * rsqrtf(1.0f + v * v)"
KERNELS = """\
static __device__ __forceinline__ float act(float v) { return %(act)s; }

extern "C" __global__ void __launch_bounds__(8)
act_kernel(float* __restrict__ a, const float* __restrict__ x) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= 20) return;
  a[i] = act(x[i]);
}

extern "C" __global__ void __launch_bounds__(16)
matmul_bias(float* __restrict__ y, const float* __restrict__ a,
            const float* __restrict__ w, const float* __restrict__ bias) {
  __shared__ float a_tile[4][4];
  __shared__ float w_tile[4][4];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int row = blockIdx.y * 4 + ty, col = blockIdx.x * 4 + tx;
  %(early_exit)s
  float acc = 0.0f;
  for (int k0 = 0; k0 < 5; k0 += 4) {
    a_tile[ty][tx] = (row < 4 && k0 + tx < 5) ? a[row * 5 + k0 + tx] : 0.0f;
    w_tile[ty][tx] = (k0 + ty < 5 && col < 6) ? w[(k0 + ty) * 6 + col] : 0.0f;
    %(sync)s
    for (int k = 0; k < 4; ++k) acc = fmaf(a_tile[ty][k], w_tile[k][tx], acc);
    %(sync)s
  }
  if (row < 4 && col < 6) y[row * 6 + col] = acc + bias[col];
}
"""
BARRIER = "__syncthreads();"
SOURCES = {
    "selftest.cu": KERNELS % dict(act=ACT, early_exit="", sync=BARRIER),
    "diverge.cu": KERNELS % dict(act=ACT, sync=BARRIER,
                                 early_exit="if (tx == 3 && ty == 3) return;"),
    "stray.cu": ("static __device__ __forceinline__ void mlc_sync() { %s }\n" %
                 BARRIER + KERNELS % dict(act=ACT, early_exit="",
                                          sync="mlc_sync();")),
}

F32 = 1
INPUT, OUTPUT, WEIGHT, CONSTANT, ARENA = range(5)
HEADER = struct.Struct("<8s4I8Q40x")


def data():
    """The test's x, w and bias, the same on every call."""
    rng = np.random.default_rng(7)
    return (rng.standard_normal((4, 5)).astype(np.float32),
            rng.standard_normal((5, 6)).astype(np.float32),
            rng.standard_normal(6).astype(np.float32))


def expected(x, w, bias):
    x64 = x.astype(np.float64)
    act = np.maximum(x64, 0) + 0.25 * x64 / np.sqrt(1 + x64 * x64)
    return (act @ w.astype(np.float64) + bias).astype(np.float32)


def string(s):
    return struct.pack("<I", len(s)) + s.encode()


def tensor(name, dims):
    return (string(name) + struct.pack("<II", F32, len(dims)) +
            struct.pack(f"<{len(dims)}q", *dims))


def launch(kernel, grid, block, args):
    out = struct.pack("<I3I3III", kernel, *grid, *block, 0, len(args))
    return out + b"".join(struct.pack("<IIQ", *a) for a in args)


def program(bias):
    """The CUDA code section (cuda_program_format.h)."""
    launches = [
        launch(0, (3, 1, 1), (8, 1, 1), [(ARENA, 0, 64), (INPUT, 0, 0)]),
        launch(1, (2, 1, 1), (4, 4, 1), [(OUTPUT, 0, 0), (ARENA, 0, 64),
                                         (WEIGHT, 0, 0), (CONSTANT, 0, 0)]),
    ]
    return (b"MLCCUDA1" + struct.pack("<II", 1, 80) +
            string("// PTX: unused by the emulator\n") +
            struct.pack("<I", 2) + string("act_kernel") +
            string("matmul_bias") +
            struct.pack("<IQ", 1, bias.nbytes) + bias.tobytes() +
            struct.pack("<QI", 256, len(launches)) + b"".join(launches))


def fnv1a(hash_, data):
    for b in data:
        hash_ = ((hash_ ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return hash_


def artifact(target, w, bias):
    """A complete artifact (artifact_format.h) with a valid checksum."""
    meta = (string("unused") + struct.pack("<4I", 1, 1, 1, 0) +
            tensor("x", (4, 5)) + tensor("y", (4, 6)) +
            struct.pack("<QQ", 0, w.nbytes))
    code = program(bias)
    code_off = HEADER.size + len(meta)
    weights_off = -(-(code_off + len(code)) // 4096) * 4096
    size = weights_off + w.nbytes
    head = [b"MLCARTF1", 3, HEADER.size, target, 0, size, HEADER.size,
            len(meta), code_off, len(code), weights_off, w.nbytes]
    body = meta + code + b"\0" * (weights_off - code_off - len(code))
    checksum = fnv1a(0xcbf29ce484222325, HEADER.pack(*head, 0) + body)
    return HEADER.pack(*head, checksum) + body + w.tobytes()


def write(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    x, w, bias = data()
    for name, target in [("selftest.mlc", 2), ("cpu.mlc", 1)]:
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(artifact(target, w, bias))
    for name, text in SOURCES.items():
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(text)
    np.save(os.path.join(out_dir, "x.npy"), x)
    np.save(os.path.join(out_dir, "x_wrong.npy"), x.reshape(5, 4))


def check(out_dir):
    ok = compare_with_dir([("y", expected(*data()))], out_dir)
    print(f"selftest: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def main(argv):
    if len(argv) == 2:
        return write(argv[1]) or 0
    if len(argv) == 4 and argv[2] == "--check":
        return check(argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

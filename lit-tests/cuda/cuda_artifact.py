# SPDX-License-Identifier: Apache-2.0
"""Reads CUDA artifacts (runtime/include/mlc/runtime/artifact_format.h and
cuda_program_format.h) for the tests that check them without a GPU:
emulate_cuda.py and check_ptx.py."""

import collections
import struct

import numpy as np

ARTIFACT_MAGIC = b"MLCARTF1"
ARTIFACT_VERSION = 3
HEADER = struct.Struct("<8s4I8Q40x")  # mlc_artifact_header_t, 128 bytes
TARGET_CUDA_PTX = 2
PROGRAM_MAGIC = b"MLCCUDA1"
# mlc_dtype_t -> numpy; F16 is "<f2", BF16 has no .npy form.
DTYPES = {1: np.float32, 2: np.float64, 3: np.float16, 5: np.int8,
          6: np.int16, 7: np.int32, 8: np.int64, 9: np.uint8, 10: np.bool_}

Program = collections.namedtuple(
    "Program", "images kernels constants arena_size launches")


class Error(Exception):
    pass


class Reader:
    """Little-endian reader over one section; |what| names it in errors."""

    def __init__(self, data, what):
        self.data, self.pos, self.what = data, 0, what

    def take(self, n):
        if n > len(self.data) - self.pos:
            raise Error(f"{self.what} is truncated at byte {self.pos}")
        self.pos += n
        return self.data[self.pos - n:self.pos]

    def num(self, fmt):
        """One little-endian integer of struct format |fmt|."""
        return struct.unpack("<" + fmt, self.take(struct.calcsize(fmt)))[0]

    def string(self):
        return self.take(self.num("I")).decode("utf-8", errors="replace")

    def done(self):
        if self.pos != len(self.data):
            raise Error(f"{self.what} has {len(self.data) - self.pos} "
                        "trailing bytes")


def parse_artifact(data):
    """Returns (inputs, outputs, weights, code): tensors as (name, dtype,
    shape), weights as byte strings."""
    if len(data) < HEADER.size or data[:8] != ARTIFACT_MAGIC:
        raise Error("not an mlc artifact (bad magic)")
    (_, version, _, target, _, file_size, meta_off, meta_size, code_off,
     code_size, weights_off, weights_size, _) = HEADER.unpack_from(data)
    if version != ARTIFACT_VERSION:
        raise Error(f"artifact version {version}, expected {ARTIFACT_VERSION}")
    if target != TARGET_CUDA_PTX:
        raise Error(f"artifact target is {target}, not {TARGET_CUDA_PTX} "
                    "(CUDA); compile with --target=cuda")
    if file_size != len(data):
        raise Error(f"artifact is {len(data)} bytes, header says {file_size}")
    for name, off, size in [("metadata", meta_off, meta_size),
                            ("code", code_off, code_size),
                            ("weights", weights_off, weights_size)]:
        if off + size > len(data):
            raise Error(f"{name} section [{off}, +{size}) is outside the file")
    meta = Reader(data[meta_off:meta_off + meta_size], "metadata")
    meta.string()  # entry_symbol: unused by CUDA artifacts
    num_inputs, num_outputs, num_weights, num_symbols = (
        meta.num("I") for _ in range(4))
    if num_symbols:
        raise Error("symbolic dims are unsupported: a launch list has fixed "
                    "grids")
    tensors = []
    for _ in range(num_inputs + num_outputs):
        name, dtype = meta.string(), meta.num("I")
        shape = tuple(meta.num("q") for _ in range(meta.num("I")))
        if dtype not in DTYPES:
            raise Error(f"tensor '{name}' has dtype {dtype}, which has no "
                        ".npy form here")
        tensors.append((name, np.dtype(DTYPES[dtype]), shape))
    weights_data = data[weights_off:weights_off + weights_size]
    weights = []
    for i in range(num_weights):
        off, size = meta.num("Q"), meta.num("Q")
        if off + size > weights_size:
            raise Error(f"weight {i} [{off}, +{size}) is outside the weights "
                        "section")
        weights.append(weights_data[off:off + size])
    meta.done()
    return (tensors[:num_inputs], tensors[num_inputs:], weights,
            data[code_off:code_off + code_size])


def parse_program(code):
    """Returns the Program; a launch is (kernel, grid, block, [(space,
    index, offset)]), an image (sm, PTX text)."""
    r = Reader(code, "CUDA program")
    if r.take(8) != PROGRAM_MAGIC:
        raise Error("code section is not a CUDA program (bad magic)")
    images = [(r.num("I"), r.string()) for _ in range(r.num("I"))]
    kernels = [r.string() for _ in range(r.num("I"))]
    constants = [r.take(r.num("Q")) for _ in range(r.num("I"))]
    arena_size = r.num("Q")
    launches = []
    for i in range(r.num("I")):
        kernel = r.num("I")
        grid = [r.num("I") for _ in range(3)]
        block = [r.num("I") for _ in range(3)]
        if r.num("I"):
            raise Error(f"launch {i} asks for dynamic shared memory, which "
                        "the format does not use yet")
        args = [(r.num("I"), r.num("I"), r.num("Q"))
                for _ in range(r.num("I"))]
        if kernel >= len(kernels):
            raise Error(f"launch {i} names kernel {kernel} of {len(kernels)}")
        launches.append((kernel, grid, block, args))
    r.done()
    return Program(images, kernels, constants, arena_size, launches)

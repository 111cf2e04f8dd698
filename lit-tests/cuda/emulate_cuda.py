# SPDX-License-Identifier: Apache-2.0
"""Runs a CUDA artifact's launch list on the CPU, for machines without a GPU.

Usage:
  emulate_cuda.py MODEL.mlc KERNELS.cu --input NAME=x.npy [--input ...]
                  --output-dir DIR [--cxx c++]

KERNELS.cu is the artifact's CUDA C (`mlc compile --target=cuda --emit=cuda`).
It is compiled as host C++ with cuda_emulation.h prepended; the launches of the
artifact's code section (cuda_program_format.h; the PTX is ignored) then run
on buffers laid out as the CUDA runtime lays them out. Every output is written
as DIR/<name>.npy like `mlc run --output-dir`, for e2e/compare.py. The arena
and the outputs start as 0xFF bytes (NaN for floats), so reading scratch or
leaving an output element unwritten shows up as a mismatch. Exits 1 with a
message on any error.
"""

import argparse
import ctypes
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

from cuda_artifact import Error, parse_artifact, parse_program

SPACES = ["input", "output", "weight", "constant", "arena"]
# Element sizes of the kernel parameter types the compiler emits.
PARAM_SIZES = {"float": 4, "double": 8, "long long": 8, "int": 4, "short": 2,
               "signed char": 1, "unsigned char": 1, "bool": 1}
# mlc_emu::Status codes of cuda_emulation.h.
LAUNCH_ERRORS = {
    1: "takes 1 to 64 arguments",
    2: "has a dimension that is zero or over CUDA's limits",
    3: "could not map the stacks of its block's threads",
    4: "reached __syncthreads after some threads of its block returned",
    5: "called __syncthreads outside its own body (emulated without fibers)",
}


def kernel_signature(source, name):
    """Returns (parameter element sizes, whether the body uses
    __syncthreads) of __global__ kernel |name| in |source|."""
    m = re.search(r"__global__[^;{}]*?\b" + re.escape(name) +
                  r"\s*\(([^)]*)\)\s*\{", source)
    if not m:
        raise Error(f"kernel '{name}' is not defined in the CUDA source")
    sizes = []
    for param in filter(None, (p.strip() for p in m.group(1).split(","))):
        base = re.sub(r"\b(const|__restrict__)\b|\*", " ", param).split()[:-1]
        if " ".join(base) not in PARAM_SIZES or "*" not in param:
            raise Error(f"kernel '{name}': parameter '{param}' is not a "
                        "pointer to a supported type")
        sizes.append(PARAM_SIZES[" ".join(base)])
    # The body: from the '{' to its matching '}'.
    start, depth = m.end() - 1, 0
    for end in range(start, len(source)):
        depth += {"{": 1, "}": -1}.get(source[end], 0)
        if depth == 0:
            return sizes, "__syncthreads" in source[start:end]
    raise Error(f"kernel '{name}': unbalanced braces")


def bind_inputs(specs, inputs):
    """Loads the --input files, checked against the metadata, in input order."""
    files = {}
    for spec in specs:
        name, sep, path = spec.rpartition("=")
        if not sep or not name:
            raise Error(f"--input expects NAME=FILE.npy, got '{spec}'")
        if name in files:
            raise Error(f"--input {name} is given twice")
        files[name] = path
    for name in sorted(files.keys() - {name for name, _, _ in inputs}):
        raise Error(f"'{name}' is not an input of the model")
    arrays = []
    for name, dtype, shape in inputs:
        if name not in files:
            raise Error(f"model input '{name}' needs --input {name}=FILE.npy")
        try:
            a = np.load(files[name])
        except (OSError, ValueError) as e:
            raise Error(f"input '{name}': cannot read {files[name]}: {e}")
        if a.dtype != dtype or a.shape != shape:
            raise Error(f"input '{name}' is {a.dtype}{list(a.shape)}, the "
                        f"model expects {dtype}{list(shape)}")
        arrays.append(np.ascontiguousarray(a))
    return arrays


def compile_source(source, cxx, max_args, workdir):
    """Builds |source| with the prelude; returns the loaded library."""
    prelude = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "cuda_emulation.h")
    lib = os.path.join(workdir, "kernels.so")
    # The tiled matmuls run several times faster than at -O1 with -O2,
    # -fpeel-loops (it fully unrolls the short fixed loops marked `#pragma
    # unroll`) and -march=native (fmaf becomes an FMA instruction, not a libm
    # call). Stack clash probes keep a frame too large for a fiber's stack
    # from skipping its guard page.
    cmd = [cxx, "-std=c++17", "-O2", "-fpeel-loops", "-march=native",
           "-fstack-clash-protection", "-shared", "-fPIC", "-pthread",
           f"-DMLC_EMU_MAX_ARGS={max_args}", "-include", prelude, "-x", "c++",
           source, "-o", lib]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        raise Error(f"cannot run {cxx}: {e}")
    if done.returncode != 0:
        raise Error(f"{source} does not compile as host C++:\n{done.stderr}")
    emulator = ctypes.CDLL(lib)
    p_uint = ctypes.POINTER(ctypes.c_uint)
    emulator.mlc_emu_launch.argtypes = [
        ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p),
        p_uint, p_uint, ctypes.c_int]
    return emulator


def garbage(dtype, shape):
    """An array of |dtype| and |shape| whose bytes are all 0xFF."""
    count = int(np.prod(shape, dtype=np.int64))
    return np.full(count * dtype.itemsize, 0xFF, np.uint8).view(dtype).reshape(
        shape)


def launch_pointers(where, launch_args, sizes, buffers):
    """Device addresses of one launch's arguments, checked like the runtime
    checks them, plus the alignment the parameter types need."""
    if len(launch_args) != len(sizes):
        raise Error(f"{where} passes {len(launch_args)} arguments to a kernel "
                    f"of {len(sizes)} parameters")
    pointers = []
    for k, (space, index, offset) in enumerate(launch_args):
        if space >= len(SPACES) or index >= len(buffers[space]):
            raise Error(f"{where} argument {k}: no buffer {index} in space "
                        f"{space}")
        buf = buffers[space][index]
        if offset >= buf.nbytes or offset % sizes[k]:
            raise Error(f"{where} argument {k}: offset {offset} into "
                        f"{SPACES[space]} {index} ({buf.nbytes} bytes) is out "
                        f"of range or not {sizes[k]}-aligned")
        pointers.append(buf.ctypes.data + offset)
    return pointers


def run(args):
    with open(args.model, "rb") as f:
        inputs, outputs, weights, code = parse_artifact(f.read())
    _, kernels, constants, arena_size, launches = parse_program(code)
    with open(args.source) as f:
        source = f.read()
    signatures = [kernel_signature(source, k) for k in kernels]
    files = {}  # output file -> output name
    for name, _, _ in outputs:
        file = re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".npy"
        if file in files:
            raise Error(f"outputs '{files[file]}' and '{name}' would both be "
                        f"written to {file}")
        files[file] = name
    # One list per mlc_cuda_arg_space_t. Weights and constants are copies, so
    # a kernel writing them cannot crash on read-only bytes.
    buffers = [
        bind_inputs(args.input, inputs),
        [garbage(dtype, shape) for _, dtype, shape in outputs],
        [np.frombuffer(w, np.uint8).copy() for w in weights],
        [np.frombuffer(c, np.uint8).copy() for c in constants],
        [garbage(np.dtype(np.uint8), (arena_size,))],
    ]
    with tempfile.TemporaryDirectory() as workdir:
        # The prelude instantiates a caller per arity up to max_args; a
        # launch of more than 64 arguments fails in mlc_emu_launch.
        max_args = min(max([len(s) for s, _ in signatures] + [1]), 64)
        emulator = compile_source(args.source, args.cxx, max_args, workdir)
        try:
            entries = [ctypes.cast(emulator[k], ctypes.c_void_p)
                       for k in kernels]
        except AttributeError as e:
            raise Error(f"a kernel is not an exported extern \"C\" symbol: "
                        f"{e}")
        for i, (kernel, grid, block, launch_args) in enumerate(launches):
            sizes, uses_barrier = signatures[kernel]
            where = f"launch {i} (kernel '{kernels[kernel]}')"
            pointers = launch_pointers(where, launch_args, sizes, buffers)
            status = emulator.mlc_emu_launch(
                entries[kernel], len(pointers),
                (ctypes.c_void_p * len(pointers))(*pointers),
                (ctypes.c_uint * 3)(*grid), (ctypes.c_uint * 3)(*block),
                int(uses_barrier))
            if status:
                reason = LAUNCH_ERRORS.get(status, f"failed ({status})")
                raise Error(f"{where} with grid {grid}, block {block} {reason}")
    os.makedirs(args.output_dir, exist_ok=True)
    for file, array in zip(files, buffers[1]):
        np.save(os.path.join(args.output_dir, file), array)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run a CUDA mlc artifact's kernels on the CPU.")
    parser.add_argument("model")
    parser.add_argument("source")
    parser.add_argument("--input", action="append", default=[],
                        metavar="NAME=PATH")
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--cxx", default="c++")
    args = parser.parse_args(argv)
    try:
        run(args)
    except (Error, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""Runs a compiled model through the mlc runtime C API (ctypes) and compares
its outputs with onnxruntime.

Usage:
  capi_run.py LIBMLC_RUNTIME.so MODEL.mlc MODEL.onnx --input NAME=x.npy ...
              [--input2 NAME=y.npy ...] [--rtol 1e-5] [--atol 1e-6]
              [--no-error-checks] [--threads N]

Prints the module's inputs and outputs ("input 0: x float32[4, 64]"; a
symbolic dim is shown by its name, "input 0: x float32[batch,seq,8]"), binds
the inputs, runs, reads every output (with the run's concrete dims) and
compares it with onnxruntime. It also checks that misuse returns a non-OK
status whose message names the offending tensor (unknown input, wrong shape,
wrong byte size, wrong dtype, size 0 for a symbolic dim, run with an unbound
input, unknown output, out-of-range info index, missing file), that a second
run and a second session give identical outputs, and that everything a
counting allocator handed out is freed after release. Exits 1 on any failure.

A symbolic module dim accepts any size >= 1 (up to its mlc_module_dim_max);
static dims must match the .npy files exactly. When the module has symbolic
dims, --input2 gives a second set of inputs of other sizes: the same session
runs again at those sizes (outputs resized) and is compared with onnxruntime,
goes back to the first sizes, and a run whose inputs give one symbol two
sizes (one input from each set) must fail naming both inputs and the symbol.
"""

import argparse
import threading
import ctypes
import os
import sys

import numpy as np

# A runtime built with clang's shared ASan runtime (scripts/sanitize.sh) can
# only be loaded into a process that starts with that runtime: re-run this
# script with it preloaded (leak checks off: the interpreter itself leaks).
_ASAN = os.environ.get("MLC_ASAN_RUNTIME")
if _ASAN and _ASAN not in os.environ.get("LD_PRELOAD", ""):
    env = dict(os.environ, LD_PRELOAD=_ASAN,
               ASAN_OPTIONS="detect_leaks=0:abort_on_error=1")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

# mlc_dtype_t (runtime/include/mlc/runtime/artifact_format.h).
DTYPES = {
    np.dtype(np.float32): 1, np.dtype(np.float64): 2, np.dtype(np.float16): 3,
    np.dtype(np.int8): 5, np.dtype(np.int16): 6, np.dtype(np.int32): 7,
    np.dtype(np.int64): 8, np.dtype(np.uint8): 9, np.dtype(np.bool_): 10,
}
NP_DTYPES = {v: k for k, v in DTYPES.items()}
STATUS_NAMES = ["OK", "INVALID_ARGUMENT", "NOT_FOUND", "DATA_LOSS",
                "UNAVAILABLE", "RESOURCE_EXHAUSTED", "UNIMPLEMENTED", "INTERNAL"]

ALLOC_FN = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
FREE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class Allocator(ctypes.Structure):
    _fields_ = [("self", ctypes.c_void_p), ("alloc", ALLOC_FN),
                ("free", FREE_FN)]


class TensorInfo(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("dtype", ctypes.c_int),
                ("rank", ctypes.c_uint32), ("dims", ctypes.POINTER(ctypes.c_int64))]

    def shape(self):
        return [int(self.dims[i]) for i in range(self.rank)]

    def describe(self):
        dtype = NP_DTYPES.get(self.dtype)
        dtype_name = dtype.name if dtype is not None else f"dtype#{self.dtype}"
        return f"{self.name.decode()} {dtype_name}{self.shape()}"


DIM_DYNAMIC = -1  # MLC_DIM_DYNAMIC


class TensorDesc:
    """A module input or output: mlc_module_*_info plus, for each symbolic
    dim (MLC_DIM_DYNAMIC), its symbol name and max (0 = unbounded)."""

    def __init__(self, info, symbols, maxes):
        self.name = info.name.decode()
        self.dtype = info.dtype
        self.dims = info.shape()
        self.symbols = symbols  # None for a static dim
        self.maxes = maxes

    def is_symbolic(self):
        return any(d == DIM_DYNAMIC for d in self.dims)

    def describe(self):
        dtype = NP_DTYPES.get(self.dtype)
        dtype_name = dtype.name if dtype is not None else f"dtype#{self.dtype}"
        if not self.is_symbolic():
            return f"{self.name} {dtype_name}{self.dims}"
        dims = [str(d) if d != DIM_DYNAMIC else (s or "?")
                for d, s in zip(self.dims, self.symbols)]
        return f"{self.name} {dtype_name}[{','.join(dims)}]"

    def shape_errors(self, shape):
        """Why a tensor of |shape| does not fit this description ([] if it
        does): rank and static dims must match, a symbolic dim takes any size
        >= 1 up to its max."""
        if len(shape) != len(self.dims):
            return [f"rank {len(shape)}, expected {len(self.dims)}"]
        errors = []
        for i, (want, got, sym, top) in enumerate(
                zip(self.dims, shape, self.symbols, self.maxes)):
            if want != DIM_DYNAMIC:
                if got != want:
                    errors.append(f"dim {i} is {got}, expected {want}")
            elif got < 1:
                errors.append(f"dim {i} ('{sym}') is {got}, expected >= 1")
            elif top and got > top:
                errors.append(f"dim {i} ('{sym}') is {got}, above its max {top}")
        return errors


def symbol_sizes(inputs, arrays):
    """{symbol: (size, input name, dim)} from the first input giving each
    symbol, and a list of conflicts between inputs."""
    sizes, conflicts = {}, []
    for desc in inputs:
        shape = arrays[desc.name].shape
        if len(shape) != len(desc.dims):
            continue
        for i, sym in enumerate(desc.symbols):
            if sym is None:
                continue
            if sym not in sizes:
                sizes[sym] = (shape[i], desc.name, i)
            elif sizes[sym][0] != shape[i]:
                size, other, j = sizes[sym]
                conflicts.append(f"input '{desc.name}' dim {i} gives '{sym}' = "
                                 f"{shape[i]} but input '{other}' dim {j} "
                                 f"gives {size}")
    return sizes, conflicts


class Failures:
    def __init__(self):
        self.count = 0

    def fail(self, message):
        self.count += 1
        print(f"FAIL {message}")


def load_library(path):
    lib = ctypes.CDLL(path)
    vp, sz, st = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p
    i64p = ctypes.POINTER(ctypes.c_int64)
    protos = {
        "mlc_status_code": (ctypes.c_int, [st]),
        "mlc_status_message": (ctypes.c_char_p, [st]),
        "mlc_status_free": (None, [st]),
        "mlc_allocator_system": (Allocator, []),
        "mlc_module_load_file": (st, [ctypes.c_char_p, Allocator,
                                      ctypes.POINTER(vp)]),
        "mlc_module_release": (None, [vp]),
        "mlc_module_input_count": (sz, [vp]),
        "mlc_module_output_count": (sz, [vp]),
        "mlc_module_input_info": (st, [vp, sz, ctypes.POINTER(TensorInfo)]),
        "mlc_module_output_info": (st, [vp, sz, ctypes.POINTER(TensorInfo)]),
        "mlc_module_dim_name": (ctypes.c_char_p, [vp, ctypes.c_int, sz,
                                                  ctypes.c_uint32]),
        "mlc_module_dim_max": (ctypes.c_int64, [vp, ctypes.c_int, sz,
                                                ctypes.c_uint32]),
        "mlc_session_create": (st, [vp, Allocator, ctypes.POINTER(vp)]),
        "mlc_session_release": (None, [vp]),
        "mlc_session_bind_input": (st, [vp, ctypes.c_char_p, ctypes.c_int,
                                        ctypes.c_uint32, i64p, vp, sz]),
        "mlc_session_run": (st, [vp]),
        "mlc_session_output": (st, [vp, ctypes.c_char_p,
                                    ctypes.POINTER(TensorInfo),
                                    ctypes.POINTER(vp), ctypes.POINTER(sz)]),
    }
    for name, (restype, argtypes) in protos.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


class Runtime:
    """Thin wrapper turning mlc_status_t into (code, message) pairs."""

    def __init__(self, lib):
        self.lib = lib

    def status(self, status):
        """Consumes |status|; returns (code_name, message), ('OK', '') for NULL."""
        if not status:
            return "OK", ""
        code = self.lib.mlc_status_code(status)
        message = (self.lib.mlc_status_message(status) or b"").decode(
            errors="replace")
        self.lib.mlc_status_free(status)
        name = STATUS_NAMES[code] if 0 <= code < len(STATUS_NAMES) else str(code)
        return name, message

    def check(self, status, what):
        code, message = self.status(status)
        if code != "OK":
            raise RuntimeError(f"{what}: {code}: {message}")

    def load(self, path, allocator):
        module = ctypes.c_void_p()
        self.check(self.lib.mlc_module_load_file(path.encode(), allocator,
                                                 ctypes.byref(module)),
                   f"mlc_module_load_file({path})")
        return module

    def infos(self, module, kind):
        """[TensorDesc] of the module's inputs or outputs (|kind|)."""
        count = getattr(self.lib, f"mlc_module_{kind}_count")(module)
        is_output = 1 if kind == "output" else 0
        result = []
        for i in range(count):
            info = TensorInfo()
            self.check(getattr(self.lib, f"mlc_module_{kind}_info")(
                module, i, ctypes.byref(info)), f"mlc_module_{kind}_info({i})")
            symbols, maxes = [], []
            for d in range(info.rank):
                name = self.lib.mlc_module_dim_name(module, is_output, i, d)
                symbols.append(name.decode() if name is not None else None)
                maxes.append(int(self.lib.mlc_module_dim_max(
                    module, is_output, i, d)))
            result.append(TensorDesc(info, symbols, maxes))
        return result

    def session(self, module, allocator):
        session = ctypes.c_void_p()
        self.check(self.lib.mlc_session_create(module, allocator,
                                               ctypes.byref(session)),
                   "mlc_session_create")
        return session

    def bind(self, session, name, array, dtype=None, shape=None, size=None):
        shape = list(array.shape) if shape is None else shape
        dims = (ctypes.c_int64 * max(len(shape), 1))(*shape)
        return self.status(self.lib.mlc_session_bind_input(
            session, name.encode(), DTYPES[array.dtype] if dtype is None else dtype,
            len(shape), dims, array.ctypes.data_as(ctypes.c_void_p),
            array.nbytes if size is None else size))

    def output(self, session, name):
        info = TensorInfo()
        data = ctypes.c_void_p()
        size = ctypes.c_size_t()
        code, message = self.status(self.lib.mlc_session_output(
            session, name.encode(), ctypes.byref(info), ctypes.byref(data),
            ctypes.byref(size)))
        if code != "OK":
            raise RuntimeError(f"mlc_session_output({name}): {code}: {message}")
        dtype = NP_DTYPES[info.dtype]
        shape = info.shape()
        expected_size = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if size.value != expected_size:
            raise RuntimeError(f"mlc_session_output({name}): size {size.value} "
                               f"!= {expected_size} for {info.describe()}")
        raw = ctypes.string_at(data, size.value) if size.value else b""
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


class CountingAllocator:
    """Wraps the system allocator and counts live blocks."""

    def __init__(self, lib):
        self.system = lib.mlc_allocator_system()
        self.live = 0
        self.total = 0
        self._alloc = ALLOC_FN(self._do_alloc)
        self._free = FREE_FN(self._do_free)
        self.struct = Allocator(None, self._alloc, self._free)

    def _do_alloc(self, _self, size):
        ptr = self.system.alloc(self.system.self, size)
        if ptr:
            self.live += 1
            self.total += 1
            if ptr % 64:
                print(f"FAIL system allocator returned unaligned {ptr:#x}")
        return ptr

    def _do_free(self, _self, ptr):
        if ptr:
            self.live -= 1
        self.system.free(self.system.self, ptr)


def expect_error(failures, what, result, must_mention):
    code, message = result
    if code == "OK":
        failures.fail(f"{what}: returned OK")
        return
    mentions = [m for m in must_mention if m not in message]
    if mentions:
        failures.fail(f"{what}: {code} message does not name {mentions}: "
                      f"'{message}'")
    else:
        print(f"ok   {what}: {code}: {message}")


def check_error_paths(rt, module, inputs, outputs, arrays, allocator, failures):
    lib = rt.lib
    session = rt.session(module, allocator)
    try:
        first = inputs[0]
        name = first.name
        # The .npy's concrete shape: a symbolic dim has no size of its own.
        shape = list(arrays[name].shape)
        dtype = NP_DTYPES.get(first.dtype, np.dtype(np.float32))
        good = np.zeros(shape, dtype=dtype)
        expect_error(failures, "run with unbound inputs",
                     rt.status(lib.mlc_session_run(session)), [name])
        expect_error(failures, "bind unknown name",
                     rt.bind(session, "no_such_input", good), ["no_such_input"])
        # A symbolic dim accepts any size, so perturb the static dims; when
        # every dim is symbolic, the rank.
        static = [i for i, d in enumerate(first.dims) if d != DIM_DYNAMIC]
        if static or not shape:
            bad_shape = [d + 1 if i in static else d
                         for i, d in enumerate(shape)] or [2]
        else:
            bad_shape = shape[:-1]
        expect_error(failures, "bind wrong shape",
                     rt.bind(session, name, np.zeros(bad_shape, dtype)), [name])
        expect_error(failures, "bind wrong rank",
                     rt.bind(session, name, good.reshape(shape + [1])), [name])
        expect_error(failures, "bind wrong byte size",
                     rt.bind(session, name, good,
                             size=max(good.nbytes - dtype.itemsize, 0)
                             if good.nbytes else 4), [name])
        other = np.dtype(np.int32) if dtype != np.int32 else np.dtype(np.float32)
        expect_error(failures, "bind wrong dtype",
                     rt.bind(session, name, good.astype(other)), [name])
        # A symbolic dim takes any size >= 1, not 0.
        for desc in inputs:
            if not desc.is_symbolic():
                continue
            dim = desc.dims.index(DIM_DYNAMIC)
            zero_shape = list(arrays[desc.name].shape)
            zero_shape[dim] = 0
            expect_error(failures,
                         f"bind size 0 for symbolic dim '{desc.symbols[dim]}'",
                         rt.bind(session, desc.name, np.zeros(
                             zero_shape, NP_DTYPES.get(desc.dtype, dtype))),
                         [desc.name])
            break
        info = TensorInfo()
        expect_error(failures, "input_info out of range",
                     rt.status(lib.mlc_module_input_info(
                         module, len(inputs), ctypes.byref(info))), [])
        expect_error(failures, "output_info out of range",
                     rt.status(lib.mlc_module_output_info(
                         module, len(outputs), ctypes.byref(info))), [])
        # dim_name/dim_max: NULL/0 for out-of-range arguments and static dims.
        probes = [(0, len(inputs), 0), (1, len(outputs), 0),
                  (0, 0, len(first.dims))]
        probes += [(0, i, d) for i, desc in enumerate(inputs)
                   for d, sym in enumerate(desc.symbols) if sym is None][:1]
        bad = [p for p in probes
               if lib.mlc_module_dim_name(module, *p) is not None
               or lib.mlc_module_dim_max(module, *p) != 0]
        if bad:
            failures.fail(f"dim_name/dim_max not NULL/0 for (is_output, index, "
                          f"dim) {bad}")
        else:
            print("ok   dim_name/dim_max of static or out-of-range dims: NULL/0")
        data = ctypes.c_void_p()
        size = ctypes.c_size_t()
        expect_error(failures, "output unknown name",
                     rt.status(lib.mlc_session_output(
                         session, b"no_such_output", None, ctypes.byref(data),
                         ctypes.byref(size))), ["no_such_output"])
        missing = ctypes.c_void_p()
        result = rt.status(lib.mlc_module_load_file(
            b"/nonexistent/model.mlc", lib.mlc_allocator_system(),
            ctypes.byref(missing)))
        expect_error(failures, "load missing file", result,
                     ["/nonexistent/model.mlc"])
        if result[0] not in ("OK", "NOT_FOUND"):
            failures.fail(f"load missing file: expected NOT_FOUND, got {result[0]}")
    finally:
        lib.mlc_session_release(session)


def bind_all(rt, session, inputs, arrays):
    for desc in inputs:
        code, message = rt.bind(session, desc.name, arrays[desc.name])
        if code != "OK":
            raise RuntimeError(
                f"mlc_session_bind_input({desc.name}): {code}: {message}")


def run_once(rt, session, inputs, arrays, outputs):
    bind_all(rt, session, inputs, arrays)
    rt.check(rt.lib.mlc_session_run(session), "mlc_session_run")
    return [(desc.name, rt.output(session, desc.name)) for desc in outputs]


def check_concurrent(rt, module, allocator, inputs, arrays, outputs, serial,
                     threads, failures, runs=5):
    """|threads| sessions run at once on one module (ctypes drops the GIL
    during mlc_session_run); every output must equal the serial run bit for
    bit."""
    mismatches = []

    def worker(index):
        session = rt.session(module, allocator)
        try:
            for _ in range(runs):
                for (name, a), (_, b) in zip(
                        serial, run_once(rt, session, inputs, arrays, outputs)):
                    if not np.array_equal(a, b, equal_nan=True):
                        mismatches.append(f"thread {index}: {name}")
        finally:
            rt.lib.mlc_session_release(session)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    for m in mismatches:
        failures.fail(f"concurrent run differs from the serial run: {m}")
    if not mismatches:
        print(f"ok   {threads} concurrent sessions x {runs} runs: bit-identical")


def check_inputs(inputs, arrays, option, failures):
    """Every module input has an array of its dtype whose shape fits (static
    dims exact, symbolic dims >= 1 and <= max) and the arrays agree on each
    symbol. Returns {symbol: size}."""
    for desc in inputs:
        if desc.name not in arrays:
            raise SystemExit(f"error: no {option} for model input '{desc.name}'")
        arr = arrays[desc.name]
        errors = desc.shape_errors(list(arr.shape))
        if DTYPES.get(arr.dtype) != desc.dtype:
            errors.append("dtype differs")
        if errors:
            failures.fail(f"{option} {desc.name}: module says {desc.describe()}, "
                          f"npy is {arr.dtype}{list(arr.shape)}: "
                          f"{'; '.join(errors)}")
    sizes, conflicts = symbol_sizes(inputs, arrays)
    for conflict in conflicts:
        failures.fail(f"{option}: {conflict}")
    return {sym: size for sym, (size, _, _) in sizes.items()}


def describe_sizes(sizes):
    return ", ".join(f"{sym}={size}" for sym, size in sizes.items())


def check_output_dims(outputs, results, sizes, failures):
    """The concrete dims mlc_session_output reported: static dims as the
    module says, symbolic dims the size the inputs gave their symbol."""
    shapes = []
    for desc, (name, actual) in zip(outputs, results):
        shape = list(actual.shape)
        expected = [sizes.get(sym, -1) if d == DIM_DYNAMIC else d
                    for d, sym in zip(desc.dims, desc.symbols)]
        if len(shape) != len(expected) or any(
                e not in (-1, s) for e, s in zip(expected, shape)):
            failures.fail(f"output {name}: run gives dims {shape}, module says "
                          f"{desc.describe()} with {describe_sizes(sizes)}")
        shapes.append(f"{name}{shape}")
    if any(desc.is_symbolic() for desc in outputs):
        print(f"ok   output dims at {describe_sizes(sizes)}: {' '.join(shapes)}")


def compare_with_onnxruntime(onnx_model, arrays, results, args, failures,
                             suffix=""):
    expected = dict(compare.run_onnxruntime(onnx_model, arrays))
    for name, actual in results:
        if name not in expected:
            failures.fail(f"{name}: not an output of {onnx_model}")
            continue
        if not compare.compare_arrays(name + suffix, expected.pop(name), actual,
                                      args.rtol, args.atol):
            failures.count += 1
    for name in expected:
        failures.fail(f"{name}: missing from the module's outputs")


def check_symbol_mismatch(rt, session, inputs, outputs, arrays, arrays2,
                          failures):
    """Binds input A from the first set and input B from the second where
    they share a symbol the sets size differently: mlc_session_run must fail
    naming A, B and the symbol, and no output may be read until the next
    successful run."""
    sizes1, _ = symbol_sizes(inputs, arrays)
    sizes2, _ = symbol_sizes(inputs, arrays2)
    differ = {s for s in sizes1 if s in sizes2 and sizes1[s][0] != sizes2[s][0]}
    pair = next(((a, b, set(a.symbols) & set(b.symbols) & differ)
                 for a in inputs for b in inputs
                 if a is not b and set(a.symbols) & set(b.symbols) & differ),
                None)
    if pair is None:
        print("note: no two inputs share a symbol that --input and --input2 "
              "size differently; mismatch check skipped")
        return
    a, b, shared = pair
    mixed = dict(arrays)
    mixed[b.name] = arrays2[b.name]
    bind_all(rt, session, inputs, mixed)
    result = rt.status(rt.lib.mlc_session_run(session))
    what = f"run with '{a.name}' from --input and '{b.name}' from --input2"
    expect_error(failures, what, result, [f"'{a.name}'", f"'{b.name}'"])
    code, message = result
    if code not in ("OK", "INVALID_ARGUMENT"):
        failures.fail(f"{what}: expected INVALID_ARGUMENT, got {code}")
    if code != "OK" and not any(f"'{s}'" in message for s in shared):
        failures.fail(f"{what}: message names none of the symbols "
                      f"{sorted(shared)}: '{message}'")
    if outputs:
        data = ctypes.c_void_p()
        size = ctypes.c_size_t()
        expect_error(failures, "output after a failed run",
                     rt.status(rt.lib.mlc_session_output(
                         session, outputs[0].name.encode(), None,
                         ctypes.byref(data), ctypes.byref(size))), [])


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run a .mlc model through the C API and compare with onnxruntime.")
    parser.add_argument("library")
    parser.add_argument("mlc_model")
    parser.add_argument("onnx_model")
    parser.add_argument("--input", action="append", default=[],
                        metavar="NAME=PATH")
    parser.add_argument("--input2", action="append", default=[],
                        metavar="NAME=PATH",
                        help="second set of inputs at other sizes of the "
                             "module's symbolic dims")
    parser.add_argument("--rtol", type=float, default=compare.RTOL)
    parser.add_argument("--atol", type=float, default=compare.ATOL)
    parser.add_argument("--no-error-checks", action="store_true")
    parser.add_argument("--threads", type=int, default=0,
                        help="also run this many sessions concurrently")
    args = parser.parse_args(argv)

    arrays = {k: np.ascontiguousarray(v)
              for k, v in compare.parse_inputs(args.input).items()}
    arrays2 = ({k: np.ascontiguousarray(v)
                for k, v in compare.parse_inputs(args.input2).items()}
               if args.input2 else None)
    rt = Runtime(load_library(args.library))
    failures = Failures()
    counting = CountingAllocator(rt.lib)
    module = rt.load(args.mlc_model, counting.struct)
    try:
        inputs = rt.infos(module, "input")
        outputs = rt.infos(module, "output")
        for i, desc in enumerate(inputs):
            print(f"input {i}: {desc.describe()}")
        for i, desc in enumerate(outputs):
            print(f"output {i}: {desc.describe()}")
        maxes = {}
        for desc in inputs + outputs:
            for sym, top in zip(desc.symbols, desc.maxes):
                if sym is not None and top:
                    maxes.setdefault(sym, top)
        for sym, top in maxes.items():
            print(f"symbol {sym}: max {top}")
        sizes = check_inputs(inputs, arrays, "--input", failures)
        sizes2 = None
        if arrays2 is not None:
            if any(desc.is_symbolic() for desc in inputs):
                sizes2 = check_inputs(inputs, arrays2, "--input2", failures)
            else:
                failures.fail("--input2 given but the module's inputs have "
                              "no symbolic dims")
                arrays2 = None

        session = rt.session(module, counting.struct)
        try:
            results = run_once(rt, session, inputs, arrays, outputs)
            again = run_once(rt, session, inputs, arrays, outputs)
            if arrays2 is not None:
                # The same session at the second sizes, then back.
                resized = run_once(rt, session, inputs, arrays2, outputs)
                back = run_once(rt, session, inputs, arrays, outputs)
                for (name, a), (_, b) in zip(results, back):
                    if not np.array_equal(a, b, equal_nan=True):
                        failures.fail(f"{name}: run at the --input sizes after "
                                      "the --input2 sizes differs")
                check_symbol_mismatch(rt, session, inputs, outputs, arrays,
                                      arrays2, failures)
        finally:
            rt.lib.mlc_session_release(session)
        session2 = rt.session(module, counting.struct)
        try:
            other = run_once(rt, session2, inputs, arrays, outputs)
        finally:
            rt.lib.mlc_session_release(session2)
        for (name, a), (_, b), (_, c) in zip(results, again, other):
            if not (np.array_equal(a, b, equal_nan=True)
                    and np.array_equal(a, c, equal_nan=True)):
                failures.fail(f"{name}: second run or second session differs")
        if args.threads:
            check_concurrent(rt, module, counting.struct, inputs, arrays,
                             outputs, results, args.threads, failures)

        check_output_dims(outputs, results, sizes, failures)
        compare_with_onnxruntime(args.onnx_model, arrays, results, args,
                                 failures)
        if arrays2 is not None:
            check_output_dims(outputs, resized, sizes2, failures)
            compare_with_onnxruntime(args.onnx_model, arrays2, resized, args,
                                     failures,
                                     f" (--input2, {describe_sizes(sizes2)})")

        if not args.no_error_checks and inputs:
            check_error_paths(rt, module, inputs, outputs, arrays,
                              counting.struct, failures)
    finally:
        rt.lib.mlc_module_release(module)
    if counting.live != 0:
        failures.fail(f"allocator: {counting.live} of {counting.total} "
                      "blocks still live after release")
    else:
        print(f"ok   allocator: {counting.total} blocks, all freed")
    print(f"{os.path.basename(args.mlc_model)}: "
          f"{'PASS' if failures.count == 0 else f'FAIL ({failures.count})'}")
    return 0 if failures.count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

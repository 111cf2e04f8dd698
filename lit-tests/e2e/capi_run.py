# SPDX-License-Identifier: Apache-2.0
"""Runs a compiled model through the mlc runtime C API (ctypes) and compares
its outputs with onnxruntime.

Usage:
  capi_run.py LIBMLC_RUNTIME.so MODEL.mlc MODEL.onnx --input NAME=x.npy ...
              [--rtol 1e-5] [--atol 1e-6] [--no-error-checks]

Prints the module's inputs and outputs ("input 0: x float32[4,64]"), binds
the inputs, runs, reads every output and compares it with onnxruntime. It also
checks that misuse returns a non-OK status whose message names the offending
tensor (unknown input, wrong shape, wrong byte size, wrong dtype, run with an
unbound input, unknown output, out-of-range info index, missing file), that a
second run and a second session give identical outputs, and that everything a
counting allocator handed out is freed after release. Exits 1 on any failure.
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
        count = getattr(self.lib, f"mlc_module_{kind}_count")(module)
        result = []
        for i in range(count):
            info = TensorInfo()
            self.check(getattr(self.lib, f"mlc_module_{kind}_info")(
                module, i, ctypes.byref(info)), f"mlc_module_{kind}_info({i})")
            result.append(info)
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


def check_error_paths(rt, module, inputs, outputs, allocator, failures):
    lib = rt.lib
    session = rt.session(module, allocator)
    try:
        first = inputs[0]
        name = first.name.decode()
        shape = first.shape()
        dtype = NP_DTYPES.get(first.dtype, np.dtype(np.float32))
        good = np.zeros(shape, dtype=dtype)
        expect_error(failures, "run with unbound inputs",
                     rt.status(lib.mlc_session_run(session)), [name])
        expect_error(failures, "bind unknown name",
                     rt.bind(session, "no_such_input", good), ["no_such_input"])
        bad_shape = [d + 1 for d in shape] or [2]
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
        info = TensorInfo()
        expect_error(failures, "input_info out of range",
                     rt.status(lib.mlc_module_input_info(
                         module, len(inputs), ctypes.byref(info))), [])
        expect_error(failures, "output_info out of range",
                     rt.status(lib.mlc_module_output_info(
                         module, len(outputs), ctypes.byref(info))), [])
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


def run_once(rt, session, inputs, arrays, outputs):
    for info in inputs:
        name = info.name.decode()
        code, message = rt.bind(session, name, arrays[name])
        if code != "OK":
            raise RuntimeError(f"mlc_session_bind_input({name}): {code}: {message}")
    rt.check(rt.lib.mlc_session_run(session), "mlc_session_run")
    return [(info.name.decode(), rt.output(session, info.name.decode()))
            for info in outputs]


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


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run a .mlc model through the C API and compare with onnxruntime.")
    parser.add_argument("library")
    parser.add_argument("mlc_model")
    parser.add_argument("onnx_model")
    parser.add_argument("--input", action="append", default=[],
                        metavar="NAME=PATH")
    parser.add_argument("--rtol", type=float, default=compare.RTOL)
    parser.add_argument("--atol", type=float, default=compare.ATOL)
    parser.add_argument("--no-error-checks", action="store_true")
    parser.add_argument("--threads", type=int, default=0,
                        help="also run this many sessions concurrently")
    args = parser.parse_args(argv)

    arrays = {k: np.ascontiguousarray(v)
              for k, v in compare.parse_inputs(args.input).items()}
    rt = Runtime(load_library(args.library))
    failures = Failures()
    counting = CountingAllocator(rt.lib)
    module = rt.load(args.mlc_model, counting.struct)
    try:
        inputs = rt.infos(module, "input")
        outputs = rt.infos(module, "output")
        for i, info in enumerate(inputs):
            print(f"input {i}: {info.describe()}")
        for i, info in enumerate(outputs):
            print(f"output {i}: {info.describe()}")
        for info in inputs:
            name = info.name.decode()
            if name not in arrays:
                raise SystemExit(f"error: no --input for model input '{name}'")
            arr = arrays[name]
            if list(arr.shape) != info.shape() or DTYPES.get(arr.dtype) != info.dtype:
                failures.fail(f"input {name}: module says {info.describe()}, "
                              f"npy is {arr.dtype}{list(arr.shape)}")

        session = rt.session(module, counting.struct)
        try:
            results = run_once(rt, session, inputs, arrays, outputs)
            again = run_once(rt, session, inputs, arrays, outputs)
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

        expected = dict(compare.run_onnxruntime(args.onnx_model, arrays))
        for name, actual in results:
            if name not in expected:
                failures.fail(f"{name}: not an output of {args.onnx_model}")
                continue
            if not compare.compare_arrays(name, expected.pop(name), actual,
                                          args.rtol, args.atol):
                failures.count += 1
        for name in expected:
            failures.fail(f"{name}: missing from the module's outputs")

        if not args.no_error_checks and inputs:
            check_error_paths(rt, module, inputs, outputs, counting.struct,
                              failures)
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

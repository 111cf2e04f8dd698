# SPDX-License-Identifier: Apache-2.0
"""Compiles an ONNX model with mlc, runs it on a fixed input and compares the
outputs with onnxruntime (CPUExecutionProvider) on the same input.

Usage:
  check_model.py MODEL.onnx --input [NAME=]X.npy [--input ...] --mlc MLC
                 --work-dir DIR [--name NAME] [--shape NAME=DxDx... ...]
                 [--rtol 1e-4] [--atol 1e-4] [--min-ref-scale 1e-2]
                 [--timeout 3600] [--clean] [--artifact A.mlc]
                 [--cuda-emulator EMULATE_CUDA_PY]

Runs `MLC compile MODEL -o DIR/NAME.mlc [--shape ...]` (every --shape is
passed on, to pin symbolic input dims), then `MLC run DIR/NAME.mlc --input
NAME=X.npy ... --output-dir DIR/NAME.out` (an input without NAME= binds the
model's only graph input), and compares every graph output with
lit-tests/e2e/compare.py (numpy.testing.assert_allclose(rtol, atol), one `ok` /
`FAIL` line per output). MLC may be a command line (split with shlex).
NAME defaults to the model's file name without `.onnx`. With --cuda-emulator,
the model is compiled for `--target=cuda` (and its CUDA C emitted with
`--emit=cuda` into DIR/NAME.cu), and the emulator
(lit-tests/cuda/emulate_cuda.py) runs the generated kernels on the CPU
instead of `mlc run`. With --artifact,
the compile step is skipped and A.mlc (compiled once from a model with
symbolic dims) is run instead, and kept. Prints

  NAME: max abs error 1.23e-06, PASS          (or FAIL, or `n/a, FAIL`)
  NAME: compile 12.3 s, run 0.45 s, onnxruntime 0.12 s, max |reference| 2.1, ...

and exits 0 iff every output matches. --clean deletes the artifact and the
outputs after a PASS (a ResNet-50 artifact holds ~100 MB of weights). A reference whose largest magnitude is
below --min-ref-scale fails too: with atol 1e-4 it would accept almost anything.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, "e2e"))
import compare  # noqa: E402  (lit-tests/e2e/compare.py)

RTOL = 1e-4
ATOL = 1e-4


def graph_input_names(model_path):
    import onnx
    model = onnx.load(model_path, load_external_data=False)
    inits = {i.name for i in model.graph.initializer}
    return [i.name for i in model.graph.input if i.name not in inits]


def resolve_inputs(specs, model_path):
    """['[NAME=]PATH', ...] -> [(name, path)]."""
    bound = []
    for spec in specs:
        name, sep, path = spec.rpartition("=")
        if not sep:
            names = graph_input_names(model_path)
            if len(names) != 1:
                raise SystemExit(f"error: --input {spec}: the model has inputs "
                                 f"{names}; write NAME=PATH")
            name = names[0]
        bound.append((name, path))
    return bound


def run_step(what, cmd, timeout):
    """Runs |cmd|; returns (ok, seconds). Prints the command's output on error."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"error: {what} timed out after {timeout} s: {shlex.join(cmd)}")
        return False, time.perf_counter() - start
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        text = proc.stdout.decode(errors="replace").strip()
        lines = text.splitlines()
        if len(lines) > 40:
            text = "\n".join(lines[:20] + [f"... ({len(lines) - 40} lines)"]
                             + lines[-20:])
        print(f"error: {what} failed (exit {proc.returncode}): {shlex.join(cmd)}")
        if text:
            print("  " + text.replace("\n", "\n  "))
        return False, seconds
    return True, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--input", action="append", required=True,
                        metavar="[NAME=]PATH")
    parser.add_argument("--mlc", required=True, help="mlc binary or command")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--name")
    parser.add_argument("--shape", action="append", default=[],
                        metavar="NAME=DxDx...",
                        help="passed to mlc compile (repeatable)")
    parser.add_argument("--rtol", type=float, default=RTOL)
    parser.add_argument("--atol", type=float, default=ATOL)
    parser.add_argument("--min-ref-scale", type=float, default=1e-2)
    parser.add_argument("--threads", type=int, default=1,
                        help="threads of the mlc session (mlc run --threads)")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds per mlc step")
    parser.add_argument("--artifact",
                        help="run this artifact instead of compiling MODEL")
    parser.add_argument("--cuda-emulator", metavar="EMULATE_CUDA_PY",
                        help="check the CUDA target's kernels on the CPU")
    parser.add_argument("--clean", action="store_true",
                        help="delete DIR/NAME.mlc and DIR/NAME.out after a PASS")
    args = parser.parse_args(argv)

    name = args.name or os.path.basename(args.model).removesuffix(".onnx")
    mlc = shlex.split(args.mlc)
    inputs = resolve_inputs(args.input, args.model)
    os.makedirs(args.work_dir, exist_ok=True)
    artifact = args.artifact or os.path.join(args.work_dir, name + ".mlc")
    out_dir = os.path.join(args.work_dir, name + ".out")
    if os.path.exists(artifact) and not args.artifact:
        os.remove(artifact)
    shutil.rmtree(out_dir, ignore_errors=True)

    source = os.path.join(args.work_dir, name + ".cu")

    def verdict(ok, err, times):
        err_text = f"{err:.2e}" if err is not None else "n/a"
        print(f"{name}: max abs error {err_text}, {'PASS' if ok else 'FAIL'}")
        print(f"{name}: " + ", ".join(times))
        if ok and args.clean:
            shutil.rmtree(out_dir, ignore_errors=True)
            if os.path.exists(source):
                os.remove(source)
            if not args.artifact:
                os.remove(artifact)
        return 0 if ok else 1

    times = []
    target = ["--target=cuda"] if args.cuda_emulator else []
    if not args.artifact:
        options = target + [f"--shape={shape}" for shape in args.shape]
        compile_cmd = mlc + ["compile", args.model, "-o", artifact] + options
        ok, t = run_step("mlc compile", compile_cmd, args.timeout)
        times.append(f"compile {t:.1f} s")
        if ok and args.cuda_emulator:
            emit = mlc + ["compile", args.model, "-o", source, "--emit=cuda"]
            ok, _ = run_step("mlc compile --emit=cuda", emit + options,
                             args.timeout)
        if not ok:
            return verdict(False, None, times)
    run_cmd = mlc + ["run", artifact, "--threads", str(args.threads)]
    if args.cuda_emulator:
        run_cmd = [sys.executable, args.cuda_emulator, artifact, source]
    for input_name, path in inputs:
        run_cmd += ["--input", f"{input_name}={path}"]
    ok, t = run_step("mlc run", run_cmd + ["--output-dir", out_dir], args.timeout)
    times.append(f"run {t:.2f} s")
    if not ok:
        return verdict(False, None, times)

    feeds = {n: np.load(p) for n, p in inputs}
    start = time.perf_counter()
    expected = compare.run_onnxruntime(args.model, feeds)
    times.append(f"onnxruntime {time.perf_counter() - start:.2f} s")

    ok = compare.compare_with_dir(expected, out_dir, args.rtol, args.atol)
    max_err = 0.0
    ref_scale = 0.0
    for out_name, ref in expected:
        path = os.path.join(out_dir, compare.sanitize(out_name) + ".npy")
        try:
            actual = np.load(path)
        except Exception:  # missing or unreadable: compare_with_dir said so
            max_err = None
            break
        if actual.shape != ref.shape or ref.size == 0:
            max_err = None if actual.shape != ref.shape else max_err
            continue
        diff = np.abs(actual.astype(np.float64) - ref.astype(np.float64))
        max_err = max(max_err, float(np.max(diff)))  # NaN propagates
        ref_scale = max(ref_scale, float(np.nanmax(np.abs(ref))))
    if ref_scale < args.min_ref_scale:
        print(f"FAIL reference: max |output| {ref_scale:.2e} is below "
              f"--min-ref-scale {args.min_ref_scale:g}; the comparison would "
              f"be meaningless")
        ok = False
    times.append(f"max |reference| {ref_scale:.3g}")
    if max_err is not None and ref_scale > 0:
        times.append(f"max abs error / max |reference| {max_err / ref_scale:.2e}")
    return verdict(ok, max_err, times)


if __name__ == "__main__":
    sys.exit(main())

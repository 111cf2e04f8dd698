# SPDX-License-Identifier: Apache-2.0
"""Compares `mlc run` outputs with onnxruntime on the same model and inputs.

Usage:
  compare.py MODEL.onnx --input NAME=x.npy [--input ...] --output-dir DIR
             [--rtol 1e-5] [--atol 1e-6]

For every graph output NAME, DIR/<sanitized NAME>.npy must exist (the name with
every character outside [A-Za-z0-9_.-] replaced by '_'), have the reference's
shape and dtype, and match onnxruntime (CPUExecutionProvider) within
numpy.testing.assert_allclose(rtol, atol). Prints one line per output with the
max abs error; exits 1 on any mismatch or missing output.
"""

import argparse
import os
import re
import sys

import numpy as np

RTOL = 1e-5
ATOL = 1e-6


def sanitize(name):
    """File stem `mlc run` uses for output |name|."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def parse_inputs(specs):
    """['a=x.npy', ...] -> {'a': array}. Splits at the last '=' sign."""
    inputs = {}
    for spec in specs:
        name, sep, path = spec.rpartition("=")
        if not sep or not name:
            raise SystemExit(f"error: --input expects NAME=PATH, got '{spec}'")
        inputs[name] = np.load(path)
    return inputs


def run_onnxruntime(model_path, inputs):
    """Returns [(name, array)] in graph output order."""
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    sess = ort.InferenceSession(model_path, opts,
                                providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    return list(zip(names, sess.run(names, inputs)))


def compare_arrays(name, expected, actual, rtol=RTOL, atol=ATOL, out=sys.stdout):
    """Prints one result line; returns True when |actual| matches."""
    expected = np.asarray(expected)
    actual = np.asarray(actual)
    if actual.dtype != expected.dtype or actual.shape != expected.shape:
        print(f"FAIL {name}: got {actual.dtype}{list(actual.shape)}, expected "
              f"{expected.dtype}{list(expected.shape)}", file=out)
        return False
    if expected.size == 0:
        print(f"ok   {name}: empty", file=out)
        return True
    diff = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
    max_err = float(np.nanmax(diff)) if not np.all(np.isnan(diff)) else 0.0
    try:
        np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
    except AssertionError as e:
        worst = np.unravel_index(np.nanargmax(diff), diff.shape) if diff.size else ()
        print(f"FAIL {name}: max abs error {max_err:.3e} at {tuple(map(int, worst))} "
              f"(rtol={rtol:g}, atol={atol:g})", file=out)
        print("     " + str(e).strip().replace("\n", "\n     "), file=out)
        return False
    print(f"ok   {name}: max abs error {max_err:.3e}", file=out)
    return True


def compare_with_dir(expected, output_dir, rtol=RTOL, atol=ATOL):
    """Compares [(name, array)] against DIR/<sanitized name>.npy files."""
    ok = True
    for name, ref in expected:
        path = os.path.join(output_dir, sanitize(name) + ".npy")
        if not os.path.exists(path):
            print(f"FAIL {name}: missing output file {path}")
            ok = False
            continue
        try:
            actual = np.load(path)
        except Exception as e:  # corrupt .npy written by the candidate
            print(f"FAIL {name}: cannot read {path}: {e}")
            ok = False
            continue
        ok &= compare_arrays(name, ref, actual, rtol, atol)
    return ok


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Compare mlc run outputs with onnxruntime.")
    parser.add_argument("model")
    parser.add_argument("--input", action="append", default=[],
                        metavar="NAME=PATH")
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--rtol", type=float, default=RTOL)
    parser.add_argument("--atol", type=float, default=ATOL)
    args = parser.parse_args(argv)

    inputs = parse_inputs(args.input)
    expected = run_onnxruntime(args.model, inputs)
    ok = compare_with_dir(expected, args.output_dir, args.rtol, args.atol)
    print(f"{os.path.basename(args.model)}: {len(expected)} outputs, "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""Compares `mlc run` outputs with onnxruntime on the same model and inputs.

Usage:
  compare.py MODEL.onnx --input NAME=x.npy [--input ...] --output-dir DIR
             [--rtol 1e-5] [--atol 1e-6] [--self-check]

For every graph output NAME, DIR/<sanitized NAME>.npy must exist (the name with
every character outside [A-Za-z0-9_.-] replaced by '_'), have the reference's
shape and dtype, and match onnxruntime (CPUExecutionProvider) within
numpy.testing.assert_allclose(rtol, atol). Prints one line per output with the
max abs error; exits 1 on any mismatch or missing output.

--self-check fills DIR with the outputs of another implementation first, so the
generators, this script and the tolerances can be validated without the mlc
binary: `reference` (onnx.reference.ReferenceEvaluator, the default) or
`ort-noopt` (onnxruntime with graph optimizations off; use it for opset < 13
Softmax, which ReferenceEvaluator 1.23 computes with opset-13 semantics).
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


def graph_output_names(model_path):
    import onnx
    model = onnx.load(model_path, load_external_data=False)
    return [o.name for o in model.graph.output]


def run_onnxruntime(model_path, inputs, optimize=True):
    """Returns [(name, array)] in graph output order."""
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    if not optimize:
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    sess = ort.InferenceSession(model_path, opts,
                                providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    return list(zip(names, sess.run(names, inputs)))


def run_reference(model_path, inputs):
    """Same as run_onnxruntime with the ONNX reference evaluator."""
    import onnx
    from onnx.reference import ReferenceEvaluator
    model = onnx.load(model_path)  # resolves external data next to the model
    names = [o.name for o in model.graph.output]
    return list(zip(names, ReferenceEvaluator(model).run(names, inputs)))


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
    parser.add_argument("--self-check", nargs="?", const="reference",
                        choices=["reference", "ort-noopt"],
                        help="write another implementation's outputs to "
                             "--output-dir first")
    args = parser.parse_args(argv)

    inputs = parse_inputs(args.input)
    if args.self_check:
        os.makedirs(args.output_dir, exist_ok=True)
        if args.self_check == "reference":
            candidate = run_reference(args.model, inputs)
        else:
            candidate = run_onnxruntime(args.model, inputs, optimize=False)
        for name, value in candidate:
            np.save(os.path.join(args.output_dir, sanitize(name) + ".npy"),
                    value)
    expected = run_onnxruntime(args.model, inputs)
    ok = compare_with_dir(expected, args.output_dir, args.rtol, args.atol)
    print(f"{os.path.basename(args.model)}: {len(expected)} outputs, "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

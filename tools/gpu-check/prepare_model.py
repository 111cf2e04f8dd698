# SPDX-License-Identifier: Apache-2.0
"""Prepares one model of the GPU check (see scripts/gpu-check).

Usage (the project venv's python: onnx, onnxruntime, numpy):
  prepare_model.py --name NAME --onnx MODEL.onnx --inputs STEM --dir DIR
                   --manifest FILE --mlc MLC --work WORK --cuda-arch LIST
                   --rtol R --atol A

Reads every graph input I of MODEL from STEM.I.npy and writes, under
DIR/models/NAME/: model.mlc (compiled with --target=cuda), in/ (the inputs),
ref/ (onnxruntime's outputs, CPUExecutionProvider) and cpu/ (the outputs of
the CPU target: `mlc compile` into WORK, then `mlc run --output-dir`); .npy
files are named after their tensor with every character outside
[A-Za-z0-9_.-] replaced by '_', as `mlc run` does. Then appends the model's
block, with paths relative to DIR, to FILE (format: manifest.h here) and
prints one line with the artifact's size and the CPU path's max abs error
against onnxruntime (informational: gpu_check judges both on the GPU).
"""

import argparse
import os
import re
import subprocess
import sys

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.realpath(__file__)), os.pardir,
                    os.pardir)
sys.path.insert(0, os.path.join(ROOT, "lit-tests", "e2e"))
from compare import run_onnxruntime, sanitize  # noqa: E402


def file_names(names, what):
    """{name: NAME.npy}; refuses two names that sanitize to the same file."""
    files = {n: sanitize(n) + ".npy" for n in names}
    if len(set(files.values())) != len(files):
        raise SystemExit(f"error: two {what} names map to one file: {files}")
    bad = [n for n in names if not n or "\n" in n or "\r" in n]
    if bad:
        raise SystemExit(f"error: {what} names the manifest cannot hold: {bad}")
    return files


def input_names(onnx_path):
    import onnx
    model = onnx.load(onnx_path, load_external_data=False)
    weights = {t.name for t in model.graph.initializer}
    return [i.name for i in model.graph.input if i.name not in weights]


def mlc(args, *argv, quiet=False):
    """Runs `mlc argv...`; errors go to the terminal, output too unless quiet."""
    result = subprocess.run([args.mlc, *argv],
                            stdout=subprocess.DEVNULL if quiet else None)
    if result.returncode != 0:
        raise SystemExit(f"error: {args.name}: mlc {argv[0]} failed "
                         f"(exit {result.returncode})")


def save_all(arrays, files, directory):
    os.makedirs(directory, exist_ok=True)
    for name, array in arrays.items():
        np.save(os.path.join(directory, files[name]), array)


def compile_and_run(args, model_dir, in_files):
    """The CUDA artifact, and the CPU target's outputs in model_dir/cpu."""
    mlc(args, "compile", args.onnx, "--target=cuda",
        f"--cuda-arch={args.cuda_arch}", "-o",
        os.path.join(model_dir, "model.mlc"))
    cpu_artifact = os.path.join(args.work, args.name + ".cpu.mlc")
    mlc(args, "compile", args.onnx, "-o", cpu_artifact)
    flags = []
    for name, file in in_files.items():
        flags += ["--input", f"{name}={os.path.join(model_dir, 'in', file)}"]
    os.makedirs(os.path.join(model_dir, "cpu"), exist_ok=True)
    mlc(args, "run", cpu_artifact, *flags, "--output-dir",
        os.path.join(model_dir, "cpu"), quiet=True)


def cpu_error(model_dir, reference, out_files):
    """Max abs error of the CPU path's outputs against onnxruntime."""
    worst = 0.0
    for name, want in reference.items():
        got = np.load(os.path.join(model_dir, "cpu", out_files[name]))
        if got.shape != want.shape:
            return float("nan")
        diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
        worst = max(worst, float(diff.max()) if diff.size else 0.0)
    return worst


def manifest_block(args, in_files, out_files):
    rel = f"models/{args.name}"
    lines = [f"model {args.name}", f"artifact {rel}/model.mlc",
             f"tolerance {args.rtol} {args.atol}"]
    lines += [f"input {rel}/in/{f} {n}" for n, f in in_files.items()]
    lines += [f"output {rel}/ref/{f} {rel}/cpu/{f} {n}"
              for n, f in out_files.items()]
    return "\n".join(lines + ["end", ""])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag in ("--name", "--onnx", "--inputs", "--dir", "--manifest",
                 "--mlc", "--work", "--cuda-arch", "--rtol", "--atol"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", args.name):
        parser.error(f"--name '{args.name}' must match [A-Za-z0-9_.-]+")
    model_dir = os.path.join(args.dir, "models", args.name)
    inputs = {n: np.load(f"{args.inputs}.{n}.npy")
              for n in input_names(args.onnx)}
    in_files = file_names(inputs, "input")
    save_all(inputs, in_files, os.path.join(model_dir, "in"))
    reference = dict(run_onnxruntime(args.onnx, inputs))
    out_files = file_names(reference, "output")
    save_all(reference, out_files, os.path.join(model_dir, "ref"))
    compile_and_run(args, model_dir, in_files)
    with open(args.manifest, "a") as manifest:
        manifest.write(manifest_block(args, in_files, out_files))
    size = os.path.getsize(os.path.join(model_dir, "model.mlc")) / 2**20
    print(f"{args.name}: {len(inputs)} inputs, {len(reference)} outputs, "
          f"CUDA artifact {size:.1f} MiB, CPU path vs onnxruntime max abs "
          f"error {cpu_error(model_dir, reference, out_files):.2e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

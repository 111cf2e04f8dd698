# SPDX-License-Identifier: Apache-2.0
"""CPU latency of mlc against onnxruntime on the same models, inputs and
thread counts, measured alternately in one run; writes a markdown table.

Usage (from the repository root, after scripts/build.sh):
  .venv/bin/python benchmarks/run_benchmarks.py [--models resnet50 ...]
      [--threads 1 2] [--rounds 5] [--iterations 10] [--out table.md]

Models: resnet50 and mobilenet_v2 (torchvision, random weights, batch 1,
224x224) and bert-base (the BERT-base-like encoder of
lit-tests/models/export_transformers.py: 12 layers, hidden 768, 12 heads,
seq 128), exported with Debian's PyTorch into --cache (once) and compiled
with `mlc compile` (timed). For every thread count and model, --rounds
rounds each time --iterations runs of `mlc bench` and then of an
onnxruntime InferenceSession (graph optimizations on, intra-op threads =
the thread count, same inputs; `mlc bench --threads`); the table gives the
medians over all rounds and mlc / onnxruntime. Plus the GEMM microbenchmark
(benchmarks/gemm.py) when --gemm is given.
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
MODELS_DIR = os.path.join(ROOT, "lit-tests", "models")
TORCH_PYTHON = "/usr/bin/python3"

EXPORTS = {
    "resnet50": ["export_torchvision.py", "--model", "resnet50", "--opset", "17"],
    "mobilenet_v2": ["export_torchvision.py", "--model", "mobilenet_v2",
                     "--opset", "17"],
    "bert-base": ["export_transformers.py", "--model", "bert", "--size", "base",
                  "--seq", "128", "--opset", "17"],
}


def export(name, cache):
    """Exports |name| into |cache| (once); returns (model path, input files)."""
    path = os.path.join(cache, f"bench-{name}.onnx")
    script, *args = EXPORTS[name]
    subprocess.run([TORCH_PYTHON, os.path.join(MODELS_DIR, script), *args,
                    "--out", path], check=True, stdout=subprocess.DEVNULL)
    prefix = path[:-len(".onnx")] + "."
    inputs = {}
    for f in sorted(os.listdir(cache)):
        full = os.path.join(cache, f)
        if full.startswith(prefix) and f.endswith(".npy"):
            inputs[f[len(os.path.basename(prefix)):-len(".npy")]] = full
    return path, inputs


def compile_model(mlc, model, artifact):
    start = time.perf_counter()
    subprocess.run([mlc, "compile", model, "-o", artifact], check=True)
    return time.perf_counter() - start


MEDIAN = re.compile(r"median ([0-9.]+) ms.*peak memory ([0-9.]+) MiB")


def time_mlc(mlc, artifact, inputs, iterations, threads):
    cmd = [mlc, "bench", artifact, "--iterations", str(iterations),
           "--warmup", "1", "--threads", str(threads)]
    for name, path in inputs.items():
        cmd += ["--input", f"{name}={path}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    match = MEDIAN.search(out)
    if not match:
        raise SystemExit(f"unexpected `mlc bench` output:\n{out}")
    return float(match.group(1)), float(match.group(2))


def ort_session(model, threads):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model, options,
                                providers=["CPUExecutionProvider"])


def time_ort(session, feeds, iterations):
    session.run(None, feeds)
    samples = []
    for _ in range(iterations):
        start = time.perf_counter()
        session.run(None, feeds)
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def bench_model(args, name, threads_list, rows):
    model, inputs = export(name, args.cache)
    artifact = os.path.join(args.work_dir, f"{name}.mlc")
    seconds = compile_model(args.mlc, model, artifact)
    feeds = {n: np.load(p) for n, p in inputs.items()}
    for threads in threads_list:
        session = ort_session(model, threads)
        mlc_ms, ort_ms, memory = [], [], 0.0
        for _ in range(args.rounds):
            ms, memory = time_mlc(args.mlc, artifact, inputs, args.iterations,
                                  threads)
            mlc_ms.append(ms)
            ort_ms.append(time_ort(session, feeds, args.iterations))
            # onnxruntime's workers spin for a while after a run; let them
            # go idle before mlc's turn.
            time.sleep(0.5)
        rows.append((name, threads, statistics.median(mlc_ms),
                     statistics.median(ort_ms), seconds, memory))
        print(rows[-1], file=sys.stderr)


def table(rows):
    lines = ["| model | threads | mlc median (ms) | onnxruntime median (ms) | "
             "mlc / onnxruntime | mlc compile (s) | mlc peak memory (MiB) |",
             "|---|---|---|---|---|---|---|"]
    for name, threads, mlc_ms, ort_ms, seconds, memory in rows:
        lines.append(f"| {name} | {threads} | {mlc_ms:.1f} | {ort_ms:.1f} | "
                     f"{mlc_ms / ort_ms:.2f} | {seconds:.1f} | {memory:.0f} |")
    return "\n".join(lines)


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        cpu = f"{names[0]}, {len(names)} cores" if names else cpu
    except OSError:
        pass
    import onnxruntime as ort
    return f"{cpu}; onnxruntime {ort.__version__}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlc", default=os.path.join(ROOT, "build", "bin", "mlc"))
    parser.add_argument("--cache", default=os.path.join(ROOT, "build", "model-cache"))
    parser.add_argument("--work-dir", default=os.path.join(ROOT, "build", "bench"))
    parser.add_argument("--models", nargs="+", default=list(EXPORTS),
                        choices=list(EXPORTS))
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--gemm", action="store_true",
                        help="also run benchmarks/gemm.py")
    parser.add_argument("--out", help="write the markdown table here too")
    args = parser.parse_args(argv)
    os.makedirs(args.cache, exist_ok=True)
    os.makedirs(args.work_dir, exist_ok=True)
    rows = []
    for name in args.models:
        bench_model(args, name, args.threads, rows)
    text = f"Machine: {machine()}\n\n{table(rows)}\n"
    if args.gemm:
        gemm = subprocess.run([sys.executable, os.path.join(HERE, "gemm.py"),
                               "--mlc", args.mlc, "--work-dir", args.work_dir],
                              check=True, capture_output=True, text=True).stdout
        text += "\n" + gemm
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

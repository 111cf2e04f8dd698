# SPDX-License-Identifier: Apache-2.0
"""GEMM microbenchmark: a 1024x1024x1024 fp32 MatMul compiled by mlc, timed
with `mlc bench` on one thread, against the core's peak FP32 FMA throughput
measured by benchmarks/fma_peak.c (built here with cc -O2 -march=native);
onnxruntime on the same MatMul and thread count for reference.

Usage: .venv/bin/python benchmarks/gemm.py [--mlc build/bin/mlc]
           [--work-dir build/bench] [--size 1024] [--iterations 5]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)


def matmul_model(path, n):
    rng = np.random.default_rng(0)
    b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["a", "b"], ["c"], name="gemm")], "gemm",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [n, n])],
        [helper.make_tensor_value_info("c", TensorProto.FLOAT, [n, n])],
        [numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.save(model, path)
    a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    np.save(path + ".a.npy", a)
    return {"a": a}


def fma_peak(work_dir):
    exe = os.path.join(work_dir, "fma_peak")
    subprocess.run(["cc", "-O2", "-march=native", "-ffp-contract=fast", "-o", exe,
                    os.path.join(HERE, "fma_peak.c")], check=True)
    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"([0-9.]+) GFLOP/s", out).group(1)), out.strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlc", default=os.path.join(ROOT, "build", "bin", "mlc"))
    parser.add_argument("--work-dir", default=os.path.join(ROOT, "build", "bench"))
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--iterations", type=int, default=5)
    args = parser.parse_args(argv)
    os.makedirs(args.work_dir, exist_ok=True)
    n = args.size
    model = os.path.join(args.work_dir, f"gemm{n}.onnx")
    feeds = matmul_model(model, n)
    artifact = model[:-len(".onnx")] + ".mlc"
    subprocess.run([args.mlc, "compile", model, "-o", artifact], check=True)
    out = subprocess.run([args.mlc, "bench", artifact, "--input",
                          f"a={model}.a.npy", "--iterations", str(args.iterations),
                          "--warmup", "1"], check=True, capture_output=True,
                         text=True).stdout
    mlc_ms = float(re.search(r"median ([0-9.]+) ms", out).group(1))

    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    session.run(None, feeds)
    samples = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        session.run(None, feeds)
        samples.append((time.perf_counter() - start) * 1e3)
    ort_ms = statistics.median(samples)

    peak, peak_line = fma_peak(args.work_dir)
    flop = 2.0 * n ** 3
    mlc_gflops, ort_gflops = flop / mlc_ms * 1e-6, flop / ort_ms * 1e-6
    print(f"GEMM {n}x{n}x{n} fp32, 1 thread ({peak_line}):")
    print(f"| | median (ms) | GFLOP/s | % of peak |")
    print(f"|---|---|---|---|")
    print(f"| mlc | {mlc_ms:.1f} | {mlc_gflops:.1f} | {100 * mlc_gflops / peak:.1f}% |")
    print(f"| onnxruntime | {ort_ms:.1f} | {ort_gflops:.1f} | {100 * ort_gflops / peak:.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""Runs the ONNX backend node tests whose models use only claimed op types
through `mlc compile` + `mlc run` and compares with the expected outputs.

Test data comes from --data-dir, by default the onnx package's
onnx/backend/test/data/node. Wheels that ship without it (onnx 1.23 does) get
the same cases generated in-process from onnx.backend.test.case.node into
WORK_DIR/data, in the same layout (model.onnx, test_data_set_N/input_J.pb,
output_J.pb).

Expected failures are listed in xfail.txt next to this script, one per line:
`test_name  # reason`. Exit status is 0 iff every claimed test not in the list
passes and every listed test still fails (an unexpected pass is an error, so the
list stays honest).
"""

import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Op types mlc claims (default ONNX domain only).
CLAIMED_OPS = frozenset({
    # First slice.
    "MatMul", "Gemm", "Add", "Sub", "Mul", "Div", "Relu", "Sigmoid", "Tanh",
    "Softmax", "Reshape", "Flatten", "Transpose", "Identity", "Constant",
    # Convolutional networks (torchvision ResNet / MobileNetV2).
    "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
    "BatchNormalization", "Resize", "Clip", "LeakyRelu", "HardSigmoid", "HardSwish",
    "Concat", "Pad", "Squeeze", "Unsqueeze", "Shape", "Gather",
    # Transformers (BERT / GPT-2 / Llama exports).
    "Exp", "Log", "Sqrt", "Neg", "Abs", "Erf", "Sin", "Cos", "Reciprocal",
    "Gelu", "Pow", "Max", "Min", "Equal", "Less", "LessOrEqual", "Greater",
    "GreaterOrEqual", "And", "Or", "Xor", "Not", "Where", "Cast", "ReduceSum",
    "ReduceMean", "ReduceMax", "ReduceMin", "LayerNormalization", "CumSum",
    "Slice", "Split", "Expand", "Range", "ConstantOfShape", "Trilu",
})
RTOL = 1e-3   # onnx.backend.test.runner defaults
ATOL = 1e-7
COMPILE_TIMEOUT_S = 300
RUN_TIMEOUT_S = 120


def sanitize(name):
    """File stem `mlc run` uses for output |name|."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def model_ops(model):
    """(domain, op_type) of every node, subgraphs included."""
    ops = set()

    def walk(graph):
        for node in graph.node:
            ops.add((node.domain, node.op_type))
            for attr in node.attribute:
                if attr.g.node:
                    walk(attr.g)
                for g in attr.graphs:
                    walk(g)
    walk(model.graph)
    return ops


def is_claimed(model):
    return all(domain in ("", "ai.onnx") and op in CLAIMED_OPS
               for domain, op in model_ops(model))


def default_data_dir():
    import onnx
    path = os.path.join(os.path.dirname(onnx.__file__), "backend", "test",
                        "data", "node")
    if os.path.isdir(path) and any(
            os.path.exists(os.path.join(path, d, "model.onnx"))
            for d in os.listdir(path)):
        return path
    return None


def _to_proto(value, info):
    """Serializable proto for |value| of graph value |info| (as cmd_tools)."""
    import numpy as np
    from onnx import TensorProto, numpy_helper
    kind = info.type.WhichOneof("value")
    if kind == "sequence_type":
        return numpy_helper.from_list(value, info.name)
    if kind == "optional_type":
        return numpy_helper.from_optional(value, info.name)
    if kind == "map_type":
        return numpy_helper.from_dict(value, info.name)
    if isinstance(value, TensorProto):
        return value
    return numpy_helper.from_array(np.asarray(value), info.name)


def generate_data(out_dir, name_filter):
    """Writes the claimed node test cases of onnx.backend.test.case.node."""
    import warnings
    import numpy as np
    from onnx import numpy_helper
    import onnx.backend.test.case.node as node_cases
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            cases = node_cases.collect_testcases(None)
    os.makedirs(out_dir, exist_ok=True)
    seen = 0
    for case in cases:
        if name_filter and not name_filter.search(case.name):
            continue
        seen += 1
        if case.model is None or not is_claimed(case.model):
            continue
        case_dir = os.path.join(out_dir, case.name)
        shutil.rmtree(case_dir, ignore_errors=True)
        os.makedirs(case_dir)
        with open(os.path.join(case_dir, "model.onnx"), "wb") as f:
            f.write(case.model.SerializeToString())
        graph = case.model.graph
        for i, (inputs, outputs) in enumerate(case.data_sets):
            ds = os.path.join(case_dir, f"test_data_set_{i}")
            os.makedirs(ds)
            for kind, values, infos in (("input", inputs, graph.input),
                                        ("output", outputs, graph.output)):
                for j, value in enumerate(values):
                    with open(os.path.join(ds, f"{kind}_{j}.pb"), "wb") as f:
                        f.write(_to_proto(value, infos[j]).SerializeToString())
    return seen


def discover(data_dir, name_filter):
    """Returns (claimed test names, number of tests seen)."""
    import onnx
    claimed = []
    seen = 0
    for name in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, name, "model.onnx")
        if not os.path.exists(path):
            continue
        if name_filter and not name_filter.search(name):
            continue
        seen += 1
        if is_claimed(onnx.load(path, load_external_data=False)):
            claimed.append(name)
    return claimed, seen


def read_xfail(path):
    """{test name: reason} from lines `name  # reason`."""
    entries = {}
    if not os.path.exists(path):
        return entries
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            body, _, reason = line.partition("#")
            body = body.strip()
            if not body:
                continue
            if len(body.split()) != 1:
                raise SystemExit(f"{path}:{lineno}: expected 'test_name  # reason'")
            entries[body] = reason.strip()
    return entries


def _first_lines(text, limit=3):
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    summary = " | ".join(lines[:limit])
    if len(lines) > limit:
        summary += f" | ... ({len(lines) - limit} more lines)"
    return summary or "(no output)"


def _run(cmd, timeout):
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout}s"
    except OSError as e:
        return None, str(e)
    return proc.returncode, proc.stderr + proc.stdout


def run_one(name, data_dir, work_dir, mlc, rtol, atol):
    """Returns (name, ok, detail, command). Runs in a worker process."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    src = os.path.join(data_dir, name)
    work = os.path.join(work_dir, "tests", name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    model_path = os.path.join(src, "model.onnx")
    model = onnx.load(model_path, load_external_data=False)
    initializers = {t.name for t in model.graph.initializer}
    input_names = [i.name for i in model.graph.input if i.name not in initializers]
    output_names = [o.name for o in model.graph.output]
    non_tensor = [v.name for v in list(model.graph.input) + list(model.graph.output)
                  if v.type.WhichOneof("value") != "tensor_type"]

    artifact = os.path.join(work, "model.mlc")
    cmd = mlc + ["compile", model_path, "-o", artifact]
    code, out = _run(cmd, COMPILE_TIMEOUT_S)
    if code != 0:
        return name, False, f"compile: exit {code}: {_first_lines(out)}", cmd
    if non_tensor:
        return (name, False, f"compile succeeded, but non-tensor graph values "
                f"{non_tensor} cannot be passed to mlc run", cmd)

    data_sets = sorted(d for d in os.listdir(src) if d.startswith("test_data_set_"))
    if not data_sets:
        return name, False, "no test_data_set_* directory", cmd
    for ds in data_sets:
        ds_dir = os.path.join(src, ds)
        out_dir = os.path.join(work, ds + ".out")
        os.makedirs(out_dir)
        cmd = mlc + ["run", artifact]
        for j, input_name in enumerate(input_names):
            pb = os.path.join(ds_dir, f"input_{j}.pb")
            tensor = onnx.TensorProto()
            with open(pb, "rb") as f:
                tensor.ParseFromString(f.read())
            npy = os.path.join(work, f"{ds}.input_{j}.npy")
            np.save(npy, numpy_helper.to_array(tensor))
            cmd += ["--input", f"{input_name}={npy}"]
        cmd += ["--output-dir", out_dir]
        code, out = _run(cmd, RUN_TIMEOUT_S)
        if code != 0:
            return name, False, f"run {ds}: exit {code}: {_first_lines(out)}", cmd
        for j, output_name in enumerate(output_names):
            tensor = onnx.TensorProto()
            with open(os.path.join(ds_dir, f"output_{j}.pb"), "rb") as f:
                tensor.ParseFromString(f.read())
            expected = numpy_helper.to_array(tensor)
            path = os.path.join(out_dir, sanitize(output_name) + ".npy")
            if not os.path.exists(path):
                return name, False, f"{ds}: missing output {path}", cmd
            actual = np.load(path)
            if actual.dtype != expected.dtype or actual.shape != expected.shape:
                return (name, False,
                        f"{ds}: output '{output_name}' is {actual.dtype}"
                        f"{list(actual.shape)}, expected {expected.dtype}"
                        f"{list(expected.shape)}", cmd)
            try:
                np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)
            except AssertionError:
                err = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
                return (name, False,
                        f"{ds}: output '{output_name}' mismatch, max abs error "
                        f"{float(np.nanmax(err)) if err.size else 0:.3e}", cmd)
    return name, True, "", cmd


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlc", default=shutil.which("mlc") or "mlc",
                        help="mlc command (split with shlex; default: mlc on PATH)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--filter", help="only tests whose name matches this regex")
    parser.add_argument("--work-dir", default=os.path.join(os.getcwd(),
                                                           "onnx-node-work"))
    parser.add_argument("--data-dir", help="node test data (default: the onnx "
                        "package's, or generated into WORK_DIR/data)")
    parser.add_argument("--xfail", default=os.path.join(HERE, "xfail.txt"))
    parser.add_argument("--rtol", type=float, default=RTOL)
    parser.add_argument("--atol", type=float, default=ATOL)
    parser.add_argument("--list", action="store_true",
                        help="print the claimed tests and exit")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every test, not only failures")
    args = parser.parse_args(argv)

    name_filter = re.compile(args.filter) if args.filter else None
    mlc = shlex.split(args.mlc)
    os.makedirs(args.work_dir, exist_ok=True)
    work_dir = os.path.abspath(args.work_dir)
    data_dir = args.data_dir or default_data_dir()
    generated = None
    if data_dir is None:
        data_dir = os.path.join(work_dir, "data")
        shutil.rmtree(data_dir, ignore_errors=True)
        generated = generate_data(data_dir, name_filter)
        print(f"generated node test data from onnx.backend.test.case.node "
              f"into {data_dir}")
    claimed, seen = discover(data_dir, name_filter)
    if generated is not None:
        seen = generated
    if args.list:
        print("\n".join(claimed))
        return 0
    xfail = read_xfail(args.xfail)

    start = time.monotonic()
    results = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        futures = [pool.submit(run_one, name, data_dir, work_dir, mlc,
                               args.rtol, args.atol) for name in claimed]
        for future in concurrent.futures.as_completed(futures):
            name, ok, detail, cmd = future.result()
            results[name] = (ok, detail, cmd)

    counts = {"PASS": 0, "FAIL": 0, "XFAIL": 0, "XPASS": 0}
    for name in claimed:
        ok, detail, cmd = results[name]
        if name in xfail:
            status = "XPASS" if ok else "XFAIL"
        else:
            status = "PASS" if ok else "FAIL"
        counts[status] += 1
        if status in ("FAIL", "XPASS") or args.verbose:
            line = f"{status}: {name}"
            if detail:
                line += f": {detail}"
            if status == "XFAIL":
                line += f"  [xfail: {xfail[name]}]"
            print(line)
            if status == "FAIL":
                print(f"    command: {shlex.join(cmd)}")
    stale = sorted(set(xfail) - set(claimed))
    if stale and not name_filter:
        print(f"warning: xfail entries that are not claimed tests: "
              f"{', '.join(stale)}")
    print(f"node tests: {seen} seen, claimed {len(claimed)}, "
          f"passed {counts['PASS']}, failed {counts['FAIL']}, "
          f"xfail {counts['XFAIL']}, unexpected passes {counts['XPASS']} "
          f"({time.monotonic() - start:.1f}s, {args.jobs} jobs)")
    return 0 if counts["FAIL"] == 0 and counts["XPASS"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""onnxruntime stand-in for the `mlc` command line, used to validate the test
tooling (RUN lines, compare.py, run_node_tests.py) without the compiler.

  fake_mlc.py compile MODEL.onnx -o OUT   copies the model, external data inlined
  fake_mlc.py run OUT --input NAME=x.npy ... --output-dir DIR
  fake_mlc.py inspect OUT

Exit codes follow mlc: 0 ok, 1 error (message on stderr), 2 usage. It claims
the same op types as the first slice, so unsupported-op errors can be tested.
"""

import argparse
import os
import re
import sys

CLAIMED = {"MatMul", "Gemm", "Add", "Sub", "Mul", "Div", "Relu", "Sigmoid",
           "Tanh", "Softmax", "Reshape", "Flatten", "Transpose", "Identity",
           "Constant"}
MAGIC = b"FAKE-MLC\n"


class Usage(argparse.ArgumentParser):
    def error(self, message):
        print(f"mlc: {message}", file=sys.stderr)
        sys.exit(2)


def fail(message):
    print(f"mlc: error: {message}", file=sys.stderr)
    return 1


def compile_model(args):
    import onnx
    try:
        model = onnx.load(args.model)
    except FileNotFoundError:
        return fail(f"{args.model}: no such file")
    except Exception as e:
        return fail(f"{args.model}: cannot parse ONNX model: {e}")
    if not model.opset_import or not model.graph.node:
        return fail(f"{args.model}: empty model")
    opset = {o.domain: o.version for o in model.opset_import}
    bad = {}
    for node in model.graph.node:
        if node.op_type not in CLAIMED or node.domain not in ("", "ai.onnx"):
            bad.setdefault((node.domain, node.op_type), []).append(node.name)
    if bad:
        lines = [f"  {op} (opset {opset.get(dom, '?')}): nodes {', '.join(n)}"
                 for (dom, op), n in sorted(bad.items())]
        return fail(f"{args.model}: unsupported operators:\n" + "\n".join(lines))
    with open(args.output, "wb") as f:
        f.write(MAGIC + model.SerializeToString())
    return 0


def load_compiled(path):
    import onnx
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise SystemExit(fail(f"{path}: {e.strerror}"))
    if not data.startswith(MAGIC):
        raise SystemExit(fail(f"{path}: not an mlc artifact"))
    return onnx.load_from_string(data[len(MAGIC):])


def run_model(args):
    import numpy as np
    import onnxruntime as ort
    model = load_compiled(args.model)
    session = ort.InferenceSession(model.SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    specs = {}
    for spec in args.input:
        name, sep, path = spec.rpartition("=")
        if not sep:
            print(f"mlc: --input expects NAME=PATH, got '{spec}'", file=sys.stderr)
            return 2
        specs[name] = path
    feeds = {}
    for info in session.get_inputs():
        if info.name not in specs:
            return fail(f"input '{info.name}' is not bound")
        try:
            value = np.load(specs.pop(info.name))
        except OSError as e:
            return fail(f"input '{info.name}': {e}")
        if list(value.shape) != list(info.shape) or value.dtype != np.float32:
            return fail(f"input '{info.name}': expected float32{info.shape}, "
                        f"got {value.dtype}{list(value.shape)}")
        feeds[info.name] = value
    if specs:
        return fail(f"unknown input '{next(iter(specs))}'")
    names = [o.name for o in session.get_outputs()]
    os.makedirs(args.output_dir, exist_ok=True)
    for name, value in zip(names, session.run(names, feeds)):
        np.save(os.path.join(args.output_dir,
                             re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".npy"), value)
    return 0


def inspect_model(args):
    model = load_compiled(args.model)
    for kind, values in (("input", model.graph.input), ("output", model.graph.output)):
        for v in values:
            dims = [d.dim_value for d in v.type.tensor_type.shape.dim]
            print(f"{kind} {v.name}: float32{dims}")
    return 0


def main(argv=None):
    parser = Usage(prog="mlc")
    sub = parser.add_subparsers(dest="command", required=True,
                                parser_class=Usage)
    p = sub.add_parser("compile")
    p.add_argument("model")
    p.add_argument("-o", dest="output", required=True)
    p = sub.add_parser("run")
    p.add_argument("model")
    p.add_argument("--input", action="append", default=[])
    p.add_argument("--output-dir", required=True)
    p = sub.add_parser("inspect")
    p.add_argument("model")
    args = parser.parse_args(argv)
    return {"compile": compile_model, "run": run_model,
            "inspect": inspect_model}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

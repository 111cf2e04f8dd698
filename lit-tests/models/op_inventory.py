# SPDX-License-Identifier: Apache-2.0
"""Prints the op types of ONNX models with counts and the distinct attribute
sets of each op type (what a compiler must support to take the model).

Usage: op_inventory.py MODEL.onnx [MODEL.onnx ...] [--json]

Attributes are listed as name=value; for ops whose parameters may be inputs
(Clip min/max, Pad pads, Reshape shape, ...), optional inputs are summarized as
`inputs=[const|dyn|-]` (initializer or Constant output, computed, absent).
"""

import argparse
import collections
import json
import os
import sys


def _attr_value(attr):
    import onnx
    value = onnx.helper.get_attribute_value(attr)
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, list):
        return [v.decode() if isinstance(v, bytes) else v for v in value]
    if isinstance(value, onnx.TensorProto):
        return f"tensor{list(value.dims)}"
    return value


def inventory(path):
    import onnx
    model = onnx.load(path, load_external_data=False)
    graph = model.graph
    consts = {i.name for i in graph.initializer}
    consts |= {o for n in graph.node if n.op_type == "Constant" for o in n.output}
    counts = collections.Counter()
    variants = collections.defaultdict(collections.Counter)
    for node in graph.node:
        counts[node.op_type] += 1
        parts = [f"{a.name}={_attr_value(a)}" for a in
                 sorted(node.attribute, key=lambda a: a.name)]
        if node.op_type != "Constant" and len(node.input) > 1:
            kinds = ["const" if i in consts else ("-" if i == "" else "dyn")
                     for i in node.input]
            parts.append(f"inputs=[{','.join(kinds)}]")
        variants[node.op_type][" ".join(parts)] += 1
    opsets = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    return {
        "model": os.path.basename(path),
        "opsets": opsets,
        "nodes": len(graph.node),
        "initializers": len(graph.initializer),
        "ops": {op: {"count": counts[op], "variants": dict(variants[op])}
                for op in sorted(counts)},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = [inventory(p) for p in args.models]
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()
        return 0
    for r in results:
        print(f"{r['model']}: opsets {r['opsets']}, {r['nodes']} nodes, "
              f"{r['initializers']} initializers")
        for op, info in r["ops"].items():
            print(f"  {op} x{info['count']}")
            for variant, n in sorted(info["variants"].items(),
                                     key=lambda kv: -kv[1]):
                print(f"      {n:3d}x {variant or '(no attributes)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

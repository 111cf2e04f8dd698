# SPDX-License-Identifier: Apache-2.0
"""Turns a lit test written in ONNX's textual syntax into .onnx files.

Lines starting with '#' (RUN/CHECK lines) are dropped; '# -----' separates
models, written to PREFIX.0.onnx, PREFIX.1.onnx, ... Nodes without a name are
named '<op_type>_<index>' so diagnostics can be checked against names.
"""
import sys

import onnx
import onnx.parser


def main(source, prefix):
    sections, current = [], []
    for line in open(source):
        if line.startswith("# -----"):
            sections.append(current)
            current = []
        elif not line.startswith("#"):
            current.append(line)
    sections.append(current)
    for index, lines in enumerate(sections):
        model = onnx.parser.parse_model("".join(lines))
        for i, node in enumerate(model.graph.node):
            node.name = node.name or f"{node.op_type}_{i}"
        onnx.save(model, f"{prefix}.{index}.onnx")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

# SPDX-License-Identifier: Apache-2.0
"""Writes the malformed inputs used by cli-errors.test into OUT_DIR.

  small.onnx          Relu, input 'features' float32[2,3] -> 'activated'
  features.npy        a valid input for small.onnx
  features_wrong.npy  float32[3,2]: wrong shape
  features_f64.npy    float64[2,3]: wrong dtype
  truncated.onnx      the first half of small.onnx's bytes
  not_onnx.onnx       a text file
  empty.onnx          zero bytes
  unsupported.onnx    opset 17: Relu, two Softsign nodes and a Softplus node
                      (softsign_first, softsign_second, softplus_node), which the first
                      slice does not claim
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

F32 = TensorProto.FLOAT


def _model(nodes, inputs, outputs, opset=17):
    graph = helper.make_graph(
        nodes, "cli", [helper.make_tensor_value_info(n, F32, s) for n, s in inputs],
        [helper.make_tensor_value_info(n, F32, s) for n, s in outputs])
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    return model


def main(argv):
    if len(argv) != 2:
        print("usage: make_cli_inputs.py OUT_DIR", file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    small = _model([helper.make_node("Relu", ["features"], ["activated"],
                                     name="relu")],
                   [("features", [2, 3])], [("activated", [2, 3])])
    data = small.SerializeToString()
    with open(os.path.join(out, "small.onnx"), "wb") as f:
        f.write(data)
    rng = np.random.default_rng(0)
    features = rng.standard_normal((2, 3)).astype(np.float32)
    np.save(os.path.join(out, "features.npy"), features)
    np.save(os.path.join(out, "features_wrong.npy"), features.reshape(3, 2))
    np.save(os.path.join(out, "features_f64.npy"), features.astype(np.float64))
    with open(os.path.join(out, "truncated.onnx"), "wb") as f:
        f.write(data[:len(data) // 2])
    with open(os.path.join(out, "not_onnx.onnx"), "w") as f:
        f.write("this is not an ONNX model\n" * 4)
    open(os.path.join(out, "empty.onnx"), "wb").close()
    unsupported = _model([
        helper.make_node("Relu", ["x"], ["r"], name="relu_ok"),
        helper.make_node("Softsign", ["r"], ["e1"], name="softsign_first"),
        helper.make_node("Softplus", ["e1"], ["h"], name="softplus_node"),
        helper.make_node("Softsign", ["h"], ["y"], name="softsign_second"),
    ], [("x", [2, 3])], [("y", [2, 3])])
    onnx.save_model(unsupported, os.path.join(out, "unsupported.onnx"))
    os.makedirs(os.path.join(out, "run.out"), exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

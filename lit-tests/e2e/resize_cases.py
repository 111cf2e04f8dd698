# SPDX-License-Identifier: Apache-2.0
"""Resize (nearest and linear) against onnxruntime across coordinate and
rounding modes, up- and downsampling, scales and sizes inputs.

Usage: resize_cases.py WORK_DIR MLC
Builds one small model per case with onnx.helper, then runs
models/check_model.py on it (mlc compile + run vs onnxruntime, rtol/atol
1e-5). Prints one PASS/FAIL line per case; exits 1 if any case fails.
"""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, os.pardir, "models", "check_model.py")

COORDS = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric",
          "half_pixel_symmetric"]
NEAREST = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]


def cases():
    for coord in COORDS:
        yield f"linear_up_{coord}", "linear", coord, "round_prefer_floor", \
            [1, 1, 2.0, 1.5], None
        yield f"linear_down_{coord}", "linear", coord, "round_prefer_floor", \
            [1, 1, 0.5, 0.6], None
        for nearest in NEAREST:
            yield f"nearest_{coord}_{nearest}", "nearest", coord, nearest, \
                [1, 1, 1.7, 0.75], None
    yield "nearest_sizes", "nearest", "asymmetric", "floor", None, [1, 2, 9, 3]
    yield "linear_sizes", "linear", "align_corners", "floor", None, [1, 2, 3, 11]


def make_model(path, mode, coord, nearest, scales, sizes):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 5, 6])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    inits = [numpy_helper.from_array(np.zeros(0, np.float32), "roi")]
    names = ["x", "roi"]
    if scales is not None:
        inits.append(numpy_helper.from_array(np.array(scales, np.float32), "scales"))
        names.append("scales")
    else:
        names.append("")
        inits.append(numpy_helper.from_array(np.array(sizes, np.int64), "sizes"))
        names.append("sizes")
    node = helper.make_node("Resize", names, ["y"], mode=mode,
                            coordinate_transformation_mode=coord,
                            nearest_mode=nearest)
    graph = helper.make_graph([node], "resize", [x], [y], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)]),
              path)


def main(work, mlc):
    os.makedirs(work, exist_ok=True)
    x = np.random.default_rng(0).standard_normal((1, 2, 5, 6)).astype(np.float32)
    np.save(os.path.join(work, "x.npy"), x)
    failed = 0
    for name, *spec in cases():
        path = os.path.join(work, name + ".onnx")
        make_model(path, *spec)
        result = subprocess.run(
            [sys.executable, CHECK, path, "--input", "x=" + os.path.join(work, "x.npy"),
             "--mlc", mlc, "--work-dir", work, "--rtol", "1e-5", "--atol", "1e-5",
             "--clean"], capture_output=True, text=True)
        ok = result.returncode == 0
        failed += not ok
        print(f"{name}: {'PASS' if ok else 'FAIL'}")
        if not ok:
            print(result.stdout + result.stderr)
    print(f"resize cases: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

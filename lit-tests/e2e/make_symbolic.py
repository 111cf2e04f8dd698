# SPDX-License-Identifier: Apache-2.0
"""Writes a model with symbolic input dims and random inputs for given sizes.

Usage: make_symbolic.py OUT_DIR --size BxS [--size BxS ...]

OUT_DIR/symbolic.onnx has two inputs that share the symbolic dims `batch` and
`seq`:

  x: float[batch, seq, 8]   activations
  m: float[batch, seq]      mask-like weights

and computes, with a shape subgraph that folds only once the dims are known
(Shape -> Gather -> Unsqueeze -> Concat -> Reshape):

  scores = Softmax(MatMul(x, w) + Unsqueeze(m, 2), axis=1)   [batch, seq, 4]
  pooled = ReduceSum(x * Unsqueeze(m, 2), axes=[1], keepdims=0)   [batch, 8]
  flat   = Reshape(x, [batch, -1])                             [batch, seq*8]

OUT_DIR/symbolic-dyn.onnx is the same model without `flat`, whose dim
seq*8 is not an input dim (mlc compiles it once for every size).

For every --size BxS the inputs are written to OUT_DIR/symbolic.BxS.x.npy and
OUT_DIR/symbolic.BxS.m.npy (float32, seed fixed per size), and an empty
OUT_DIR/symbolic.BxS.out directory is created for `mlc run --output-dir`.
"""

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

from make_models import _init, _model

F32 = TensorProto.FLOAT


def make_symbolic(rng, with_flat=True):
    w = rng.standard_normal((8, 4)).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "w"], ["h"], name="proj"),
        helper.make_node("Unsqueeze", ["m", "axis2"], ["m3"], name="mask_3d"),
        helper.make_node("Add", ["h", "m3"], ["logits"], name="add_mask"),
        helper.make_node("Softmax", ["logits"], ["scores"], name="softmax_seq",
                         axis=1),
        helper.make_node("Mul", ["x", "m3"], ["xm"], name="weigh"),
        helper.make_node("ReduceSum", ["xm", "axis1"], ["pooled"],
                         name="pool_seq", keepdims=0),
        helper.make_node("Shape", ["x"], ["x_shape"], name="shape_x"),
        helper.make_node("Gather", ["x_shape", "zero"], ["batch"],
                         name="gather_batch", axis=0),
        helper.make_node("Unsqueeze", ["batch", "axis0"], ["batch_1d"],
                         name="unsqueeze_batch"),
        helper.make_node("Concat", ["batch_1d", "minus_one"], ["flat_shape"],
                         name="concat_shape", axis=0),
        helper.make_node("Reshape", ["x", "flat_shape"], ["flat"],
                         name="reshape_flat"),
    ]
    outputs = [helper.make_tensor_value_info("scores", F32, ["batch", "seq", 4]),
               helper.make_tensor_value_info("pooled", F32, ["batch", 8])]
    if with_flat:
        outputs.append(helper.make_tensor_value_info("flat", F32,
                                                     ["batch", "flat_len"]))
    else:
        nodes = nodes[:6]
    graph = helper.make_graph(
        nodes, "symbolic",
        [helper.make_tensor_value_info("x", F32, ["batch", "seq", 8]),
         helper.make_tensor_value_info("m", F32, ["batch", "seq"])],
        outputs,
        [_init("w", w),
         _init("axis0", np.array([0], dtype=np.int64)),
         _init("axis1", np.array([1], dtype=np.int64)),
         _init("axis2", np.array([2], dtype=np.int64)),
         _init("zero", np.array(0, dtype=np.int64)),
         _init("minus_one", np.array([-1], dtype=np.int64))])
    return _model(graph, 13)


def parse_size(text):
    try:
        batch, seq = (int(v) for v in text.split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected BxS, got '{text}'")
    return batch, seq


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--size", action="append", type=parse_size,
                        required=True, metavar="BxS")
    args = parser.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)
    onnx.save_model(make_symbolic(np.random.default_rng(20)),
                    os.path.join(args.out_dir, "symbolic.onnx"))
    onnx.save_model(make_symbolic(np.random.default_rng(20), with_flat=False),
                    os.path.join(args.out_dir, "symbolic-dyn.onnx"))
    for batch, seq in args.size:
        tag = f"{batch}x{seq}"
        rng = np.random.default_rng(1000 * batch + seq)
        x = rng.standard_normal((batch, seq, 8)).astype(np.float32)
        m = rng.uniform(-2.0, 2.0, (batch, seq)).astype(np.float32)
        np.save(os.path.join(args.out_dir, f"symbolic.{tag}.x.npy"), x)
        np.save(os.path.join(args.out_dir, f"symbolic.{tag}.m.npy"), m)
        os.makedirs(os.path.join(args.out_dir, f"symbolic.{tag}.out"),
                    exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

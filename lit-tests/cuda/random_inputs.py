# SPDX-License-Identifier: Apache-2.0
"""Writes seeded random inputs for every graph input of an ONNX model with
static shapes: OUT_PREFIX.<input>.npy (floats standard normal, integers in
[-1000, 1000)).

Usage: random_inputs.py MODEL.onnx OUT_PREFIX [--seed 0]
"""

import argparse
import sys

import numpy as np
import onnx
from onnx import helper


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("out_prefix")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    model = onnx.load(args.model)
    inits = {i.name for i in model.graph.initializer}
    rng = np.random.default_rng(args.seed)
    for value in model.graph.input:
        if value.name in inits:
            continue
        tensor = value.type.tensor_type
        shape = [d.dim_value for d in tensor.shape.dim]
        dtype = helper.tensor_dtype_to_np_dtype(tensor.elem_type)
        if np.issubdtype(dtype, np.floating):
            data = rng.standard_normal(shape).astype(dtype)
        else:
            data = rng.integers(-1000, 1000, shape).astype(dtype)
        np.save(f"{args.out_prefix}.{value.name}.npy", data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

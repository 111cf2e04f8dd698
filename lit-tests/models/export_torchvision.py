# SPDX-License-Identifier: Apache-2.0
"""Exports a torchvision classification model to ONNX with a fixed input.

Runs under /usr/bin/python3 with Debian's python3-torch (1.13) and
python3-torchvision (0.14); the project venv has no torch.

Usage:
  export_torchvision.py --model resnet18 --opset 13 --out CACHE/resnet18-op13.onnx
                        [--keep-batchnorm] [--no-calibrate-bn] [--force]

Writes OUT (random weights: torch.manual_seed(0), weights=None, BatchNorm
statistics calibrated, then eval mode, do_constant_folding=True, static shapes,
input `input` float32[1,3,224,224], output `output` float32[1,1000]) and the
fixed input next to it: OUT without .onnx + `.input.npy` (numpy default_rng(0)
standard normal, the same for every model). Both files are written to temporary
names and renamed, and an existing OUT is left alone (the cache; the flags are
not part of the key, so give other variants another OUT), so concurrent runs
are safe.

BatchNorm calibration: freshly initialized BN layers have running mean 0, var 1,
weight 1, bias 0, so in eval mode they are (almost) the identity. Then every
folded Conv bias is exactly 0 (a compiler that dropped Conv biases would still
match) and MobileNetV2's activations shrink ~10x per block (outputs ~3e-9, so an
atol of 1e-4 would accept all zeros). So the BN statistics are first set from
one seeded training-mode forward pass (batch 4 of standard normal images,
cumulative average): activations stay O(1) and BN contributes real scales and
shifts. --no-calibrate-bn skips this (plain torchvision initialization).

By default torch's eval-mode export folds every BatchNormalization into the
preceding Conv (its onnx eval peephole pass). --keep-batchnorm exports with
TrainingMode.PRESERVE instead: the module is still in eval mode, so BN is
emitted as inference BatchNormalization nodes.
"""

import argparse
import os
import sys
import time
import warnings

MODELS = ("resnet18", "resnet50", "mobilenet_v2")
INPUT_SHAPE = (1, 3, 224, 224)


def input_path(onnx_path):
    stem = onnx_path[:-len(".onnx")] if onnx_path.endswith(".onnx") else onnx_path
    return stem + ".input.npy"


def make_input():
    import numpy as np
    rng = np.random.default_rng(0)
    return rng.standard_normal(INPUT_SHAPE).astype(np.float32)


def build_model(name):
    import torch
    import torchvision
    torch.manual_seed(0)
    ctor = getattr(torchvision.models, name)
    try:
        model = ctor(weights=None)          # torchvision >= 0.13
    except TypeError:
        model = ctor(pretrained=False)      # older torchvision
    return model.eval()


def calibrate_batchnorm(model, batch=4):
    """Sets every BN layer's running statistics to those of one seeded batch."""
    import torch
    bns = [m for m in model.modules()
           if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    for bn in bns:
        bn.reset_running_stats()
        bn.momentum = None  # cumulative average: one batch sets the statistics
    gen = torch.Generator().manual_seed(1)
    model.train()
    with torch.no_grad():
        model(torch.randn((batch,) + INPUT_SHAPE[1:], generator=gen))
    return model.eval()


def export(name, opset, out, keep_batchnorm, calibrate_bn):
    import torch
    model = build_model(name)
    if calibrate_bn:
        calibrate_batchnorm(model)
    x = torch.from_numpy(make_input())
    tmp = f"{out}.tmp{os.getpid()}"
    training = (torch.onnx.TrainingMode.PRESERVE if keep_batchnorm
                else torch.onnx.TrainingMode.EVAL)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            # PRESERVE warns about constant folding in training mode; the
            # module is in eval mode, so nothing trainable is folded.
            warnings.filterwarnings("ignore", message=".*do_constant_folding")
            torch.onnx.export(model, (x,), tmp, opset_version=opset,
                              do_constant_folding=True, training=training,
                              input_names=["input"], output_names=["output"])
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_input(path):
    import numpy as np
    tmp = f"{path}.tmp{os.getpid()}.npy"
    np.save(tmp, make_input())
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("--opset", required=True, type=int)
    parser.add_argument("--out", required=True, help="FILE.onnx")
    parser.add_argument("--keep-batchnorm", action="store_true",
                        help="export BatchNormalization nodes unfolded")
    parser.add_argument("--no-calibrate-bn", dest="calibrate_bn",
                        action="store_false",
                        help="keep torchvision's initial BN statistics")
    parser.add_argument("--force", action="store_true",
                        help="re-export even when OUT exists")
    args = parser.parse_args(argv)

    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    npy = input_path(out)
    if not os.path.exists(npy) or args.force:
        write_input(npy)
    if os.path.exists(out) and not args.force:
        print(f"{args.model} opset {args.opset}: cached {out}")
        return 0
    start = time.perf_counter()
    export(args.model, args.opset, out, args.keep_batchnorm,
           args.calibrate_bn)
    print(f"{args.model} opset {args.opset}: exported {out} in "
          f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

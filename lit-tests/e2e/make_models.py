# SPDX-License-Identifier: Apache-2.0
"""Generates the end-to-end test models and their random inputs.

Usage: make_models.py OUT_DIR [--only NAME ...] [--list]

Every model NAME is written to OUT_DIR/NAME.onnx, and each of its graph inputs
INPUT to OUT_DIR/NAME.INPUT.npy (float32, fixed seed). The external-data model
is written to OUT_DIR/external/model.onnx with its weights in
OUT_DIR/external/weights.bin, so that the compiler has to resolve the location
relative to the model file. An empty directory OUT_DIR/NAME.out is created for
`mlc run --output-dir`.

Only the ops and dtypes of the first slice are used: float32 tensors with
static shapes, int64 only for constant shape operands.
"""

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F32 = TensorProto.FLOAT


def _vi(name, shape):
    return helper.make_tensor_value_info(name, F32, shape)


def _init(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def _model(graph, opset):
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", opset)],
        producer_name="mlc-e2e-make_models",
    )
    # IR version 8 is readable by every onnxruntime we support.
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    return model


def _linear(rng, fan_in, fan_out):
    # PyTorch Linear layout: weight [out, in], used with transB=1.
    bound = 1.0 / np.sqrt(fan_in)
    w = rng.uniform(-bound, bound, (fan_out, fan_in)).astype(np.float32)
    b = rng.uniform(-bound, bound, (fan_out,)).astype(np.float32)
    return w, b


def make_mlp(rng):
    """Gemm(transB=1) -> Relu -> Gemm(transB=1) -> Softmax, batch 4, 64->128->10."""
    w1, b1 = _linear(rng, 64, 128)
    w2, b2 = _linear(rng, 128, 10)
    nodes = [
        helper.make_node("Gemm", ["x", "fc1.weight", "fc1.bias"], ["h"],
                         name="fc1", transB=1),
        helper.make_node("Relu", ["h"], ["h_relu"], name="relu"),
        helper.make_node("Gemm", ["h_relu", "fc2.weight", "fc2.bias"],
                         ["logits"], name="fc2", transB=1),
        helper.make_node("Softmax", ["logits"], ["probs"], name="softmax",
                         axis=-1),
    ]
    graph = helper.make_graph(
        nodes, "mlp", [_vi("x", [4, 64])], [_vi("probs", [4, 10])],
        [_init("fc1.weight", w1), _init("fc1.bias", b1),
         _init("fc2.weight", w2), _init("fc2.bias", b2)])
    inputs = {"x": rng.standard_normal((4, 64)).astype(np.float32)}
    return _model(graph, 17), inputs


def make_gemm(rng):
    """Gemm attribute combinations: transA, alpha/beta, C broadcast, no C."""
    a = rng.standard_normal((5, 3)).astype(np.float32)      # used as A^T
    b = rng.standard_normal((5, 4)).astype(np.float32)
    c_row = rng.standard_normal((1, 4)).astype(np.float32)
    c_col = rng.standard_normal((3, 1)).astype(np.float32)
    nodes = [
        # y_ta = 0.5 * A^T B + 2 * C, C of shape [1, 4]
        helper.make_node("Gemm", ["a", "b", "c_row"], ["y_ta"], name="gemm_ta",
                         transA=1, alpha=0.5, beta=2.0),
        # y_noc = A^T B2^T with no C
        helper.make_node("Gemm", ["a", "b2"], ["y_noc"], name="gemm_noc",
                         transA=1, transB=1),
        # y_col = A^T B + C with C of shape [3, 1]
        helper.make_node("Gemm", ["a", "b", "c_col"], ["y_col"],
                         name="gemm_col", transA=1),
        # y_scalar = A^T B - 1.5 * c (scalar C)
        helper.make_node("Gemm", ["a", "b", "c_scalar"], ["y_scalar"],
                         name="gemm_scalar", transA=1, beta=-1.5),
    ]
    b2 = rng.standard_normal((6, 5)).astype(np.float32)
    graph = helper.make_graph(
        nodes, "gemm", [_vi("a", [5, 3]), _vi("b", [5, 4])],
        [_vi("y_ta", [3, 4]), _vi("y_noc", [3, 6]), _vi("y_col", [3, 4]),
         _vi("y_scalar", [3, 4])],
        [_init("c_row", c_row), _init("c_col", c_col), _init("b2", b2),
         _init("c_scalar", np.array(0.75, dtype=np.float32))])
    return _model(graph, 17), {"a": a, "b": b}


def make_broadcast(rng, opset=13):
    """Add/Sub/Mul/Div with numpy broadcasting, including a scalar operand."""
    nodes = [
        helper.make_node("Add", ["a", "b"], ["sum"], name="add_2x3x4_4"),
        helper.make_node("Mul", ["c", "d"], ["prod"], name="mul_2x1x4_3x1"),
        helper.make_node("Sub", ["a", "s"], ["diff"], name="sub_scalar"),
        helper.make_node("Div", ["a", "e"], ["out:div/0"], name="div_1x3x1"),
        helper.make_node("Div", ["s", "e"], ["recip"], name="div_scalar_lhs"),
        helper.make_node("Add", ["b", "a"], ["sum_rev"], name="add_4_2x3x4"),
    ]
    graph = helper.make_graph(
        nodes, "broadcast",
        [_vi("a", [2, 3, 4]), _vi("b", [4]), _vi("c", [2, 1, 4]),
         _vi("d", [3, 1]), _vi("e", [1, 3, 1])],
        [_vi("sum", [2, 3, 4]), _vi("prod", [2, 3, 4]), _vi("diff", [2, 3, 4]),
         _vi("out:div/0", [2, 3, 4]), _vi("recip", [1, 3, 1]),
         _vi("sum_rev", [2, 3, 4])],
        [_init("s", np.array(1.25, dtype=np.float32))])
    inputs = {
        "a": rng.standard_normal((2, 3, 4)).astype(np.float32),
        "b": rng.standard_normal((4,)).astype(np.float32),
        "c": rng.standard_normal((2, 1, 4)).astype(np.float32),
        "d": rng.standard_normal((3, 1)).astype(np.float32),
        # Divisors kept away from zero.
        "e": rng.uniform(0.5, 2.0, (1, 3, 1)).astype(np.float32),
    }
    return _model(graph, opset), inputs


def make_shapes(rng, opset=13):
    """Transpose / Reshape (0, -1) / Flatten / Identity / batched MatMul."""
    w = rng.standard_normal((4, 5)).astype(np.float32)
    nodes = [
        helper.make_node("Transpose", ["x"], ["xt"], name="transpose",
                         perm=[2, 0, 1]),                       # [4,2,3]
        helper.make_node("Reshape", ["xt", "shape_0_m1"], ["xr"],
                         name="reshape_0_m1"),                  # [4,6]
        helper.make_node("Identity", ["xr"], ["reshaped"], name="identity"),
        helper.make_node("MatMul", ["x", "w"], ["mm"], name="matmul_3d_2d"),
        helper.make_node("Flatten", ["mm"], ["flat2"], name="flatten_axis2",
                         axis=2),                               # [6,5]
        helper.make_node("Flatten", ["x"], ["flat0"], name="flatten_axis0",
                         axis=0),                               # [1,24]
        helper.make_node("Flatten", ["x"], ["flat_default"],
                         name="flatten_default"),               # [2,12]
        helper.make_node("Reshape", ["mm", "shape_m1_0_1"], ["mm_r"],
                         name="reshape_m1"),                    # [6,5,1]
        helper.make_node("Transpose", ["mm_r"], ["mm_t"],
                         name="transpose_default"),             # [1,5,6]
    ]
    graph = helper.make_graph(
        nodes, "shapes", [_vi("x", [2, 3, 4])],
        [_vi("reshaped", [4, 6]), _vi("mm", [2, 3, 5]), _vi("flat2", [6, 5]),
         _vi("flat0", [1, 24]), _vi("flat_default", [2, 12]),
         _vi("mm_t", [1, 5, 6])],
        [_init("w", w),
         _init("shape_0_m1", np.array([0, -1], dtype=np.int64)),
         _init("shape_m1_0_1", np.array([-1, 5, 1], dtype=np.int64))])
    return _model(graph, opset), {
        "x": rng.standard_normal((2, 3, 4)).astype(np.float32)}


def make_activations(rng):
    """Sigmoid and Tanh over a range that includes saturation."""
    nodes = [
        helper.make_node("Sigmoid", ["x"], ["sig"], name="sigmoid"),
        helper.make_node("Tanh", ["x"], ["tanh"], name="tanh"),
        helper.make_node("Relu", ["x"], ["relu"], name="relu"),
        helper.make_node("Tanh", ["sig"], ["tanh_sig"], name="tanh_of_sigmoid"),
    ]
    graph = helper.make_graph(
        nodes, "activations", [_vi("x", [3, 7])],
        [_vi("sig", [3, 7]), _vi("tanh", [3, 7]), _vi("relu", [3, 7]),
         _vi("tanh_sig", [3, 7])])
    x = rng.uniform(-6.0, 6.0, (3, 7)).astype(np.float32)
    x[0, :4] = [-30.0, -15.0, 15.0, 30.0]
    x[1, :3] = [0.0, -0.0, 1e-4]
    return _model(graph, 17), {"x": x}


def _softmax_model(opset, axis, shape):
    attrs = {} if axis is None else {"axis": axis}
    node = helper.make_node("Softmax", ["x"], ["y"], name="softmax", **attrs)
    graph = helper.make_graph([node], "softmax", [_vi("x", shape)],
                              [_vi("y", shape)])
    return _model(graph, opset)


def make_softmax_v11(rng):
    """Opset 11: input coerced to 2-D at |axis| (default 1)."""
    x = (3.0 * rng.standard_normal((2, 3, 4))).astype(np.float32)
    return _softmax_model(11, None, [2, 3, 4]), {"x": x}


def make_softmax_v11_axis0(rng):
    x = (3.0 * rng.standard_normal((2, 3, 4))).astype(np.float32)
    return _softmax_model(11, 0, [2, 3, 4]), {"x": x}


def make_softmax_v13(rng):
    """Opset 13: per-axis softmax (default -1)."""
    x = (3.0 * rng.standard_normal((2, 3, 4))).astype(np.float32)
    x[0, 0, :] = [80.0, 81.0, 79.0, -80.0]   # needs max-subtraction
    return _softmax_model(13, None, [2, 3, 4]), {"x": x}


def make_softmax_v13_axis1(rng):
    x = (3.0 * rng.standard_normal((2, 3, 4))).astype(np.float32)
    return _softmax_model(13, 1, [2, 3, 4]), {"x": x}


def make_constfold(rng):
    """Constant -> Add(const, const) -> Mul with the input: foldable subgraph."""
    c1 = rng.standard_normal((2, 3)).astype(np.float32)
    c2 = rng.standard_normal((3,)).astype(np.float32)
    nodes = [
        helper.make_node("Constant", [], ["c1"], name="const_c1",
                         value=numpy_helper.from_array(c1, "c1")),
        helper.make_node("Constant", [], ["c2"], name="const_c2",
                         value=numpy_helper.from_array(c2, "c2")),
        helper.make_node("Constant", [], ["half"], name="const_half",
                         value_float=0.5),
        helper.make_node("Add", ["c1", "c2"], ["k"], name="fold_add"),
        helper.make_node("Mul", ["k", "half"], ["k2"], name="fold_mul"),
        helper.make_node("Mul", ["x", "k2"], ["y"], name="mul_input"),
    ]
    graph = helper.make_graph(nodes, "constfold", [_vi("x", [2, 3])],
                              [_vi("y", [2, 3])])
    return _model(graph, 13), {
        "x": rng.standard_normal((2, 3)).astype(np.float32)}


def make_external(rng):
    """MatMul + Add + Reshape whose initializers all live in weights.bin.

    The Reshape shape comes from a Constant node: onnxruntime cannot infer
    shapes from an external int64 shape initializer.
    """
    w, b = _linear(rng, 16, 32)
    nodes = [
        helper.make_node("Constant", [], ["shape"], name="shape",
                         value=_init("shape_value",
                                     np.array([3, 4, -1], dtype=np.int64))),
        helper.make_node("MatMul", ["x", "w"], ["xw"], name="matmul"),
        helper.make_node("Add", ["xw", "b"], ["h"], name="bias"),
        helper.make_node("Tanh", ["h"], ["t"], name="tanh"),
        helper.make_node("Reshape", ["t", "shape"], ["y"], name="reshape"),
    ]
    graph = helper.make_graph(
        nodes, "external", [_vi("x", [3, 16])], [_vi("y", [3, 4, 8])],
        [_init("w", np.ascontiguousarray(w.T)), _init("b", b)])
    return _model(graph, 17), {
        "x": rng.standard_normal((3, 16)).astype(np.float32)}


def make_passthrough(rng):
    """Outputs that alias the input after folding: Identity, identity perm."""
    nodes = [
        helper.make_node("Identity", ["x"], ["y"], name="identity"),
        helper.make_node("Transpose", ["x"], ["t"], name="transpose_identity",
                         perm=[0, 1, 2]),
    ]
    graph = helper.make_graph(nodes, "passthrough", [_vi("x", [2, 3, 4])],
                              [_vi("y", [2, 3, 4]), _vi("t", [2, 3, 4])])
    return _model(graph, 17), {
        "x": rng.standard_normal((2, 3, 4)).astype(np.float32)}


# name -> (builder, seed). Seeds are fixed so inputs are reproducible.
def make_packed(rng):
    """Weights the CPU backend packs at compile time, with edge sizes: a
    MatMul weight [K, N] and a Gemm(transB=1) weight [N, K] with N = 45 (not a
    multiple of the 32-column panel), one weight shared by two MatMuls, a
    weight also used by an Add (not packed), Conv filters with 13 and 20
    output channels (not multiples of the 12-row panel), and a stride-2 Conv
    with 35-wide output rows (whole 16- and 32-column panels within a row,
    packed from the even lanes of vectors)."""
    w_kn = rng.standard_normal((37, 45)).astype(np.float32)
    w_nk = rng.standard_normal((45, 37)).astype(np.float32)
    w_sq = rng.standard_normal((37, 37)).astype(np.float32)
    f1 = rng.standard_normal((13, 3, 3, 3)).astype(np.float32)
    f2 = rng.standard_normal((20, 13, 1, 1)).astype(np.float32)
    f3 = rng.standard_normal((7, 2, 3, 3)).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "w_kn"], ["y_mm"], name="mm"),
        helper.make_node("Gemm", ["x", "w_nk"], ["y_gemm"], name="gemm",
                         transB=1),
        helper.make_node("Relu", ["x"], ["x_relu"], name="relu"),
        helper.make_node("MatMul", ["x_relu", "w_kn"], ["y_shared"],
                         name="mm_shared"),
        helper.make_node("MatMul", ["x", "w_sq"], ["y_sq"], name="mm_sq"),
        helper.make_node("Add", ["z", "w_sq"], ["y_add"], name="add"),
        helper.make_node("Conv", ["img", "f1"], ["c1"], name="conv3x3",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Conv", ["c1", "f2"], ["y_conv"], name="conv1x1"),
        helper.make_node("Conv", ["wide", "f3"], ["y_conv_s2"],
                         name="conv_s2", pads=[1, 1, 1, 1], strides=[2, 2]),
    ]
    graph = helper.make_graph(
        nodes, "packed",
        [_vi("x", [13, 37]), _vi("z", [37, 37]), _vi("img", [1, 3, 9, 11]),
         _vi("wide", [1, 2, 12, 70])],
        [_vi("y_mm", [13, 45]), _vi("y_gemm", [13, 45]),
         _vi("y_shared", [13, 45]), _vi("y_sq", [13, 37]),
         _vi("y_add", [37, 37]), _vi("y_conv", [1, 20, 9, 11]),
         _vi("y_conv_s2", [1, 7, 6, 35])],
        [_init("w_kn", w_kn), _init("w_nk", w_nk), _init("w_sq", w_sq),
         _init("f1", f1), _init("f2", f2), _init("f3", f3)])
    inputs = {"x": rng.standard_normal((13, 37)).astype(np.float32),
              "z": rng.standard_normal((37, 37)).astype(np.float32),
              "img": rng.standard_normal((1, 3, 9, 11)).astype(np.float32),
              "wide": rng.standard_normal((1, 2, 12, 70)).astype(np.float32)}
    return _model(graph, 17), inputs


def make_split(rng):
    """Matmuls the kernel splits into blocks of C on several threads (12
    tasks on 3 threads), each over all of K (300: two K steps): a packed
    [300, 300] weight (column and row blocks, the run-time A packed once by
    all threads and shared), a run-time B with one 32-column panel (12 row
    blocks, each packing its own A rows), a convolution + bias + Relu
    epilogue with 900 output columns, and a batch of 12 matmuls (attention
    heads) shared out a matrix per task."""
    w = rng.standard_normal((300, 300)).astype(np.float32)
    f = rng.standard_normal((40, 8, 3, 3)).astype(np.float32)
    bias = rng.standard_normal(40).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "w"], ["y_packed"], name="mm_packed"),
        helper.make_node("MatMul", ["x", "z"], ["y_narrow"], name="mm_narrow"),
        helper.make_node("Conv", ["img", "f", "bias"], ["c"], name="conv",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["y_conv"], name="relu"),
        helper.make_node("MatMul", ["q", "k"], ["y_heads"], name="mm_heads"),
    ]
    graph = helper.make_graph(
        nodes, "split",
        [_vi("x", [200, 300]), _vi("z", [300, 20]), _vi("img", [1, 8, 30, 30]),
         _vi("q", [1, 12, 50, 40]), _vi("k", [1, 12, 40, 70])],
        [_vi("y_packed", [200, 300]), _vi("y_narrow", [200, 20]),
         _vi("y_conv", [1, 40, 30, 30]), _vi("y_heads", [1, 12, 50, 70])],
        [_init("w", w), _init("f", f), _init("bias", bias)])
    inputs = {"x": rng.standard_normal((200, 300)).astype(np.float32),
              "z": rng.standard_normal((300, 20)).astype(np.float32),
              "img": rng.standard_normal((1, 8, 30, 30)).astype(np.float32),
              "q": rng.standard_normal((1, 12, 50, 40)).astype(np.float32),
              "k": rng.standard_normal((1, 12, 40, 70)).astype(np.float32)}
    return _model(graph, 17), inputs


def make_edges(rng):
    """Matmuls whose C ends in a part of a panel: N = 49, 51, 55 (one full
    and one half 32-column tile, then 1, 3 or 7 columns one at a time), 24
    and 9 columns (a run-time B), M = 13 (a 12-row and a 1-row tile), and
    convolutions with 7x7 and 14x14 outputs (N = 49, 196) and 20 or 16
    filters (8- and 4-row tiles), one with a bias + Relu epilogue."""
    ws = {f"w{n}": rng.standard_normal((40, n)).astype(np.float32)
          for n in (49, 51, 55)}
    f1 = rng.standard_normal((20, 8, 3, 3)).astype(np.float32)
    f2 = rng.standard_normal((16, 8, 1, 1)).astype(np.float32)
    bias = rng.standard_normal(20).astype(np.float32)
    nodes = [helper.make_node("MatMul", ["x", w], ["y_" + w], name="mm_" + w)
             for w in ws]
    nodes += [
        helper.make_node("MatMul", ["x", "z24"], ["y_z24"], name="mm_z24"),
        helper.make_node("MatMul", ["x", "z9"], ["y_z9"], name="mm_z9"),
        helper.make_node("Conv", ["img7", "f1", "bias"], ["c"], name="conv7",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["y_conv7"], name="relu"),
        helper.make_node("Conv", ["img14", "f2"], ["y_conv14"], name="conv14"),
    ]
    graph = helper.make_graph(
        nodes, "edges",
        [_vi("x", [13, 40]), _vi("z24", [40, 24]), _vi("z9", [40, 9]),
         _vi("img7", [1, 8, 7, 7]), _vi("img14", [1, 8, 14, 14])],
        [_vi("y_" + w, [13, v.shape[1]]) for w, v in ws.items()] +
        [_vi("y_z24", [13, 24]), _vi("y_z9", [13, 9]),
         _vi("y_conv7", [1, 20, 7, 7]), _vi("y_conv14", [1, 16, 14, 14])],
        [_init(w, v) for w, v in ws.items()] +
        [_init("f1", f1), _init("f2", f2), _init("bias", bias)])
    shapes = {"x": (13, 40), "z24": (40, 24), "z9": (40, 9),
              "img7": (1, 8, 7, 7), "img14": (1, 8, 14, 14)}
    inputs = {k: rng.standard_normal(v).astype(np.float32)
              for k, v in shapes.items()}
    return _model(graph, 17), inputs


def make_winograd(rng):
    """3x3 stride-1 convolutions the Winograd kernel computes: 15x17 and
    14x14 outputs (partial 4x4 tiles in both dims), 20 and 13 filters (a
    partial A panel), with a bias + Relu epilogue, a Clip, and an unpadded
    one; a 38x41 output of 110 tiles (more than the 64 the output transform
    takes at a time, ending mid tile row); and a dilated one that stays a
    direct convolution."""
    f1 = rng.standard_normal((20, 8, 3, 3)).astype(np.float32)
    f2 = rng.standard_normal((13, 16, 3, 3)).astype(np.float32)
    f3 = rng.standard_normal((24, 4, 3, 3)).astype(np.float32)
    f4 = rng.standard_normal((24, 4, 3, 3)).astype(np.float32)
    f5 = rng.standard_normal((8, 4, 3, 3)).astype(np.float32)
    bias = rng.standard_normal(20).astype(np.float32)
    nodes = [
        helper.make_node("Conv", ["a", "f1", "bias"], ["c1"], name="conv_a",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["y_a"], name="relu"),
        helper.make_node("Conv", ["b", "f2"], ["c2"], name="conv_b",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Clip", ["c2", "lo", "hi"], ["y_b"], name="clip"),
        helper.make_node("Conv", ["c", "f3"], ["y_c"], name="conv_c"),
        helper.make_node("Conv", ["c", "f4"], ["y_d"], name="conv_dilated",
                         pads=[2, 2, 2, 2], dilations=[2, 2]),
        helper.make_node("Conv", ["e", "f5"], ["y_e"], name="conv_e",
                         pads=[1, 1, 1, 1]),
    ]
    shapes = {"a": (1, 8, 15, 17), "b": (1, 16, 14, 14), "c": (1, 4, 18, 18),
              "e": (1, 4, 38, 41)}
    graph = helper.make_graph(
        nodes, "winograd", [_vi(k, v) for k, v in shapes.items()],
        [_vi("y_a", [1, 20, 15, 17]), _vi("y_b", [1, 13, 14, 14]),
         _vi("y_c", [1, 24, 16, 16]), _vi("y_d", [1, 24, 18, 18]),
         _vi("y_e", [1, 8, 38, 41])],
        [_init("f1", f1), _init("f2", f2), _init("f3", f3),
         _init("f4", f4), _init("f5", f5), _init("bias", bias),
         _init("lo", np.float32(-2.0)), _init("hi", np.float32(3.0))])
    inputs = {k: rng.standard_normal(v).astype(np.float32)
              for k, v in shapes.items()}
    return _model(graph, 17), inputs


def make_depthwise(rng):
    """Depthwise convolutions on the depthwise kernel: 3x3 at strides 1 and 2
    with output rows of 1, 3, 8, 16, 18 and 35 (whole 16-wide blocks, partial
    ones, rows too close to the input's end for a whole block), a bias and a
    Clip epilogue; and a 5x5 one on the generic path. Each tile pads its own
    input rows: also with pads [top, left, bottom, right] unequal (stride 2,
    "same"); over 4096-wide rows, pads as wide as a tile's input rows (one
    output row per tile: padded in front of the loop instead) and a 5x5 tile
    buffer too large for the stack (a heap buffer, serial tiles)."""
    convs = [  # (input, output, kernel, stride, pad)
        ("a", "y_a", 3, 1, 1), ("a", "y_b", 3, 2, 1), ("b", "y_c", 3, 1, 1),
        ("b", "y_d", 3, 2, 0), ("c", "y_e", 3, 1, 1), ("c", "y_f", 3, 2, 1),
        ("d", "y_g", 3, 2, 0), ("a", "y_h", 5, 1, 2),
        ("c", "y_i", 3, 2, [0, 0, 1, 1]), ("e", "y_j", 3, 1, 3),
        ("e", "y_k", 5, 1, 2)]
    shapes = {"a": (1, 5, 9, 35), "b": (1, 3, 4, 3), "c": (1, 4, 16, 16),
              "d": (1, 2, 12, 34), "e": (1, 2, 5, 4096)}
    nodes, inits, outputs = [], [], []
    for i, (x, y, k, s, p) in enumerate(convs):
        c, h, w = shapes[x][1:]
        p = p if isinstance(p, list) else [p] * 4
        inits += [_init(f"w{i}", rng.standard_normal((c, 1, k, k)).astype(
            np.float32)), _init(f"bias{i}", rng.standard_normal(c).astype(
                np.float32))]
        nodes += [helper.make_node(
            "Conv", [x, f"w{i}", f"bias{i}"], [f"c{i}"], name=f"dw_{y}",
            group=c, kernel_shape=[k, k], strides=[s, s], pads=p),
            helper.make_node("Clip", [f"c{i}", "lo", "hi"], [y])]
        outputs.append(_vi(y, [1, c, (h + p[0] + p[2] - k) // s + 1,
                               (w + p[1] + p[3] - k) // s + 1]))
    inits += [_init("lo", np.float32(-1.0)), _init("hi", np.float32(2.0))]
    graph = helper.make_graph(
        nodes, "depthwise", [_vi(k, v) for k, v in shapes.items()], outputs,
        inits)
    inputs = {k: rng.standard_normal(v).astype(np.float32)
              for k, v in shapes.items()}
    return _model(graph, 17), inputs


MODELS = {
    "mlp": (make_mlp, 1),
    "gemm": (make_gemm, 2),
    "broadcast": (make_broadcast, 3),
    "shapes": (make_shapes, 4),
    "activations": (make_activations, 5),
    "softmax_v11": (make_softmax_v11, 6),
    "softmax_v11_axis0": (make_softmax_v11_axis0, 7),
    "softmax_v13": (make_softmax_v13, 8),
    "softmax_v13_axis1": (make_softmax_v13_axis1, 9),
    "constfold": (make_constfold, 10),
    "external": (make_external, 11),
    "passthrough": (make_passthrough, 12),
    "packed": (make_packed, 13),
    "split": (make_split, 14),
    "edges": (make_edges, 15),
    "winograd": (make_winograd, 16),
    "depthwise": (make_depthwise, 17),
}


def model_path(out_dir, name):
    if name == "external":
        return os.path.join(out_dir, "external", "model.onnx")
    return os.path.join(out_dir, name + ".onnx")


def write_model(out_dir, name):
    builder, seed = MODELS[name]
    model, inputs = builder(np.random.default_rng(seed))
    path = model_path(out_dir, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if name == "external":
        weights = os.path.join(os.path.dirname(path), "weights.bin")
        if os.path.exists(weights):
            os.remove(weights)  # save_model appends to an existing file
        onnx.save_model(model, path, save_as_external_data=True,
                        all_tensors_to_one_file=True, location="weights.bin",
                        size_threshold=0)
    else:
        onnx.save_model(model, path)
    for input_name, value in inputs.items():
        np.save(os.path.join(out_dir, f"{name}.{input_name}.npy"), value)
    os.makedirs(os.path.join(out_dir, name + ".out"), exist_ok=True)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?")
    parser.add_argument("--only", action="append", choices=sorted(MODELS),
                        help="generate only this model (repeatable)")
    parser.add_argument("--list", action="store_true",
                        help="print the model names and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(MODELS))
        return 0
    if not args.out_dir:
        parser.error("OUT_DIR is required")
    os.makedirs(args.out_dir, exist_ok=True)
    for name in args.only or MODELS:
        write_model(args.out_dir, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

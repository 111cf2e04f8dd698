# SPDX-License-Identifier: Apache-2.0
"""Tiny random-weight Hugging Face model directories, checked against a
numpy reference (hf_reference.py).

Runs under the project venv (numpy, safetensors, and ml_dtypes, which onnx
brings, for BF16; no torch).

Usage:
  hf_models.py make  --arch VARIANT --out DIR
  hf_models.py check --arch VARIANT --dir DIR --mlc MLC --seq S --work-dir W
                     [--batch 1] [--or-refuse KEY] [--rtol 1e-3] [--atol 1e-4]
                     [--min-ref-scale 1e-2] [--timeout 3600] [--clean]
  hf_models.py edit  --dir DIR [--drop NAME] [--reshape NAME=AxB]
                     [--retype NAME=I32] [--set KEY=JSON] [--unset KEY]
                     [--truncate BYTES] [--config-text TEXT]
  hf_models.py edit  --dir DIR --remap NAME=SHARD
  hf_models.py list

`make` writes DIR/config.json and DIR/model.safetensors (or, for
`gpt2-sharded`, DIR/model.safetensors.index.json and two shards) in the
Hugging Face layout and with its tensor names, written with
safetensors.numpy.save_file (BF16 through ml_dtypes.bfloat16). Weights come
from numpy default_rng(crc32(VARIANT)): matrices and embedding tables normal
with std fan_in^-0.5 (so activations and logits stay O(1)), biases
0.1 * randn, LayerNorm/RMSNorm weights 1 + 0.1 * randn and LayerNorm biases
0.1 * randn, so that no parameter is an identity and every one matters.

Variants (`list` prints them):
  bert               BertModel: hidden 32, 2 layers, 4 heads, intermediate 37,
                     vocab 99, type vocab 2, 256 positions, erf GELU; also
                     stores pooler.dense.* and the I64 embeddings.position_ids
                     buffer (as older checkpoints do) that the model ignores.
  bert-f16           the same with F16 storage and a `bert.` prefix
                     (BertForMaskedLM layout, with cls.predictions.* tensors).
  gpt2               GPT2LMHeadModel: n_embd 32, 2 layers, 4 heads, n_inner
                     null (= 4 * n_embd), vocab 101, 256 positions, gelu_new,
                     Conv1D weights [in, out], tied head, no prefix (like the
                     `gpt2` hub checkpoint), with the h.N.attn.bias tril buffers.
  gpt2-sharded       the gpt2 weights split over two shards plus
                     model.safetensors.index.json.
  gpt2-prefixed      `transformer.` prefix, no buffers, as save_pretrained of a
                     GPT2LMHeadModel writes it (the tied lm_head not stored).
  llama              LlamaForCausalLM: hidden 64, 2 layers, 4 heads, 2 kv heads,
                     intermediate 48, vocab 103, 256 positions, rope_theta
                     10000, untied lm_head.weight.
  llama-qwen2        model_type qwen2: q/k/v biases, tied embeddings (no
                     lm_head.weight), rope_theta 1e6, use_sliding_window false.
  llama-rope-llama3  rope_scaling {rope_type: llama3, factor 8, low 1, high 4,
                     original_max_position_embeddings 64}: with head_dim 16
                     the frequencies fall in all three bands.
  llama-rope-linear  rope_scaling {type: linear, factor 4} (legacy `type` key).
  llama-mistral      model_type mistral, head_dim 32 given explicitly (not
                     hidden / heads), sliding_window null.
  llama-bf16         the llama variant with BF16 storage.
  llama-mistral-sw   model_type mistral with sliding_window 4: key j is visible
                     from query i iff i - 4 < j <= i (hf-semantics.test).
  gpt2-layer-scale   scale_attn_by_inverse_layer_idx true: layer i's attention
                     scores are also divided by i + 1 (hf-semantics.test).

`check` compiles DIR (any directory of VARIANT's family; the config is read
from DIR) with `MLC compile DIR --shape input_ids=BxS -o W/NAME-sS.mlc` (NAME
is VARIANT, with `-bB` appended when B > 1), runs it on fixed inputs (numpy
default_rng(S), or (S, B) for B > 1): input_ids uniform in [0, vocab); for
BERT attention_mask ones with the last min(S - 1, S // 3 + row) positions 0
and token_type_ids 0 for the first half, then 1), compares every
output (last_hidden_state for BERT, logits otherwise) with the float64 numpy
reference of hf_reference.py (its docstring gives the semantics), computed
from the tensors read back from DIR (rounded F16/BF16 values included), and
prints

  NAME-sS: max abs error 1.23e-06, PASS          (or FAIL, or `n/a, FAIL`)
  NAME-sS: compile 1.2 s, run 0.05 s, max |reference| 3.1, ...

exiting 1 unless every output matches within numpy.testing.assert_allclose
(rtol, atol) and the reference is not degenerate (max |ref| >= min-ref-scale).
With --or-refuse KEY, a compile that fails with an error naming KEY passes too
(`NAME-sS: refused naming KEY, PASS`): for config semantics mlc may reject.

`edit` damages a single-file directory in place for error tests: drop a
tensor, replace it with one of another shape, store it as I32, set or remove a
config key (JSON value), replace config.json with TEXT, or truncate
model.safetensors to its first BYTES bytes (negative: drop that many from the
end); --remap points a tensor of a sharded directory's index at another shard.
"""

import argparse
import json
import os
import shlex
import shutil
import struct
import subprocess
import sys
import time
import zlib

import numpy as np

from hf_reference import (ST_DTYPES, llama_dims, read_checkpoint,
                          read_safetensors_file, reference)
from check_model import run_step  # noqa: E402

# ---------------------------------------------------------------------------
# Variants


BERT = dict(
    architectures=["BertModel"], model_type="bert", vocab_size=99,
    hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
    intermediate_size=37, hidden_act="gelu", hidden_dropout_prob=0.1,
    attention_probs_dropout_prob=0.1, max_position_embeddings=256,
    type_vocab_size=2, initializer_range=0.02, layer_norm_eps=1e-12,
    pad_token_id=0, position_embedding_type="absolute", use_cache=True,
    torch_dtype="float32")

GPT2 = dict(
    architectures=["GPT2LMHeadModel"], model_type="gpt2", vocab_size=101,
    n_embd=32, n_layer=2, n_head=4, n_inner=None, n_positions=256, n_ctx=256,
    activation_function="gelu_new", layer_norm_epsilon=1e-5, resid_pdrop=0.1,
    embd_pdrop=0.1, attn_pdrop=0.1, initializer_range=0.02,
    scale_attn_weights=True, bos_token_id=100, eos_token_id=100,
    torch_dtype="float32")

LLAMA = dict(
    architectures=["LlamaForCausalLM"], model_type="llama", vocab_size=103,
    hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
    num_key_value_heads=2, intermediate_size=48, hidden_act="silu",
    max_position_embeddings=256, rms_norm_eps=1e-6, rope_theta=10000.0,
    rope_scaling=None, tie_word_embeddings=False, attention_bias=False,
    mlp_bias=False, initializer_range=0.02, bos_token_id=1, eos_token_id=2,
    use_cache=True, torch_dtype="float32")


def _variant(family, config, **extra):
    v = dict(family=family, config=config, dtype="F32", prefix="", extras=True,
             shards=1)
    v.update(extra)
    return v


VARIANTS = {
    "bert": _variant("bert", BERT),
    "bert-f16": _variant("bert", dict(BERT, architectures=["BertForMaskedLM"],
                                      torch_dtype="float16"),
                         dtype="F16", prefix="bert."),
    "gpt2": _variant("gpt2", GPT2),
    "gpt2-sharded": _variant("gpt2", GPT2, shards=2),
    "gpt2-prefixed": _variant("gpt2", dict(GPT2, n_inner=96), prefix="transformer.",
                              extras=False),
    "llama": _variant("llama", LLAMA),
    "llama-qwen2": _variant("llama", dict(
        LLAMA, architectures=["Qwen2ForCausalLM"], model_type="qwen2",
        rope_theta=1000000.0, tie_word_embeddings=True, use_sliding_window=False,
        sliding_window=256, max_window_layers=2, attention_bias=None,
        mlp_bias=None), qkv_bias=True),
    "llama-rope-llama3": _variant("llama", dict(LLAMA, rope_scaling={
        "rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
        "high_freq_factor": 4.0, "original_max_position_embeddings": 64})),
    "llama-rope-linear": _variant("llama", dict(LLAMA, rope_scaling={
        "type": "linear", "factor": 4.0})),
    "llama-mistral": _variant("llama", dict(
        LLAMA, architectures=["MistralForCausalLM"], model_type="mistral",
        head_dim=32, sliding_window=None, attention_bias=None, mlp_bias=None)),
    "llama-bf16": _variant("llama", dict(LLAMA, torch_dtype="bfloat16"),
                           dtype="BF16"),
    # Config semantics that change the computation (hf-semantics.test).
    "llama-mistral-sw": _variant("llama", dict(
        LLAMA, architectures=["MistralForCausalLM"], model_type="mistral",
        sliding_window=4, attention_bias=None, mlp_bias=None)),
    "gpt2-layer-scale": _variant("gpt2", dict(
        GPT2, scale_attn_by_inverse_layer_idx=True)),
}


def clean_config(config):
    return {k: v for k, v in config.items()
            if not (v is None and k in ("attention_bias", "mlp_bias"))}


# ---------------------------------------------------------------------------
# Weights


class Init:
    def __init__(self, name):
        self.rng = np.random.default_rng(zlib.crc32(name.encode()))

    def matrix(self, rows, cols, fan_in):
        return self.rng.standard_normal((rows, cols)) * fan_in ** -0.5

    def bias(self, n):
        return 0.1 * self.rng.standard_normal(n)

    def norm(self, n):
        return 1.0 + 0.1 * self.rng.standard_normal(n)


def bert_weights(c, init, prefix, extras):
    H, I, V = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    P, T = c["max_position_embeddings"], c["type_vocab_size"]
    w = {}
    e = prefix + "embeddings."
    w[e + "word_embeddings.weight"] = init.matrix(V, H, H)
    w[e + "position_embeddings.weight"] = init.matrix(P, H, H)
    w[e + "token_type_embeddings.weight"] = init.matrix(T, H, H)
    w[e + "LayerNorm.weight"] = init.norm(H)
    w[e + "LayerNorm.bias"] = init.bias(H)
    for i in range(c["num_hidden_layers"]):
        p = f"{prefix}encoder.layer.{i}."
        for n in ("query", "key", "value"):
            w[p + f"attention.self.{n}.weight"] = init.matrix(H, H, H)
            w[p + f"attention.self.{n}.bias"] = init.bias(H)
        w[p + "attention.output.dense.weight"] = init.matrix(H, H, H)
        w[p + "attention.output.dense.bias"] = init.bias(H)
        w[p + "attention.output.LayerNorm.weight"] = init.norm(H)
        w[p + "attention.output.LayerNorm.bias"] = init.bias(H)
        w[p + "intermediate.dense.weight"] = init.matrix(I, H, H)
        w[p + "intermediate.dense.bias"] = init.bias(I)
        w[p + "output.dense.weight"] = init.matrix(H, I, I)
        w[p + "output.dense.bias"] = init.bias(H)
        w[p + "output.LayerNorm.weight"] = init.norm(H)
        w[p + "output.LayerNorm.bias"] = init.bias(H)
    ints = {}
    if extras:
        ints[e + "position_ids"] = np.arange(P, dtype=np.int64)[None, :]
        if prefix:  # BertForMaskedLM: MLM head, no pooler
            w["cls.predictions.bias"] = init.bias(V)
            w["cls.predictions.transform.dense.weight"] = init.matrix(H, H, H)
            w["cls.predictions.transform.dense.bias"] = init.bias(H)
            w["cls.predictions.transform.LayerNorm.weight"] = init.norm(H)
            w["cls.predictions.transform.LayerNorm.bias"] = init.bias(H)
        else:
            w["pooler.dense.weight"] = init.matrix(H, H, H)
            w["pooler.dense.bias"] = init.bias(H)
    return w, ints


def gpt2_weights(c, init, prefix, extras):
    H, V, P = c["n_embd"], c["vocab_size"], c["n_positions"]
    I = c["n_inner"] or 4 * H
    w = {}
    w[prefix + "wte.weight"] = init.matrix(V, H, H)
    w[prefix + "wpe.weight"] = init.matrix(P, H, H)
    for i in range(c["n_layer"]):
        p = f"{prefix}h.{i}."
        w[p + "ln_1.weight"] = init.norm(H)
        w[p + "ln_1.bias"] = init.bias(H)
        w[p + "attn.c_attn.weight"] = init.matrix(H, 3 * H, H)  # Conv1D [in, out]
        w[p + "attn.c_attn.bias"] = init.bias(3 * H)
        w[p + "attn.c_proj.weight"] = init.matrix(H, H, H)
        w[p + "attn.c_proj.bias"] = init.bias(H)
        w[p + "ln_2.weight"] = init.norm(H)
        w[p + "ln_2.bias"] = init.bias(H)
        w[p + "mlp.c_fc.weight"] = init.matrix(H, I, H)
        w[p + "mlp.c_fc.bias"] = init.bias(I)
        w[p + "mlp.c_proj.weight"] = init.matrix(I, H, I)
        w[p + "mlp.c_proj.bias"] = init.bias(H)
        if extras:  # the causal-mask buffer older checkpoints store
            w[p + "attn.bias"] = np.tril(np.ones((P, P)))[None, None]
    w[prefix + "ln_f.weight"] = init.norm(H)
    w[prefix + "ln_f.bias"] = init.bias(H)
    return w, {}


def llama_weights(c, init, qkv_bias):
    H, nh, nkv, hd = llama_dims(c)
    I, V = c["intermediate_size"], c["vocab_size"]
    w = {"model.embed_tokens.weight": init.matrix(V, H, H)}
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        w[p + "input_layernorm.weight"] = init.norm(H)
        w[p + "self_attn.q_proj.weight"] = init.matrix(nh * hd, H, H)
        w[p + "self_attn.k_proj.weight"] = init.matrix(nkv * hd, H, H)
        w[p + "self_attn.v_proj.weight"] = init.matrix(nkv * hd, H, H)
        if qkv_bias:
            w[p + "self_attn.q_proj.bias"] = init.bias(nh * hd)
            w[p + "self_attn.k_proj.bias"] = init.bias(nkv * hd)
            w[p + "self_attn.v_proj.bias"] = init.bias(nkv * hd)
        w[p + "self_attn.o_proj.weight"] = init.matrix(H, nh * hd, nh * hd)
        w[p + "post_attention_layernorm.weight"] = init.norm(H)
        w[p + "mlp.gate_proj.weight"] = init.matrix(I, H, H)
        w[p + "mlp.up_proj.weight"] = init.matrix(I, H, H)
        w[p + "mlp.down_proj.weight"] = init.matrix(H, I, I)
    w["model.norm.weight"] = init.norm(H)
    if not c.get("tie_word_embeddings", False):
        w["lm_head.weight"] = init.matrix(V, H, H)
    return w, {}


NP_DTYPE = {"F32": np.float32, "F16": np.float16}


def to_storage(array, dtype):
    if dtype == "BF16":
        import ml_dtypes
        return np.asarray(array, dtype=np.float32).astype(ml_dtypes.bfloat16)
    return np.ascontiguousarray(array, dtype=NP_DTYPE[dtype])


def make(variant, out):
    from safetensors.numpy import save_file
    v = VARIANTS[variant]
    c = clean_config(v["config"])
    init = Init(variant)
    if v["family"] == "bert":
        w, ints = bert_weights(c, init, v["prefix"], v["extras"])
    elif v["family"] == "gpt2":
        w, ints = gpt2_weights(c, init, v["prefix"], v["extras"])
    else:
        w, ints = llama_weights(c, init, v.get("qkv_bias", False))
    tensors = {k: to_storage(a, v["dtype"]) for k, a in w.items()}
    tensors.update(ints)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(c, f, indent=2)
        f.write("\n")
    meta = {"format": "pt"}
    if v["shards"] == 1:
        save_file(tensors, os.path.join(out, "model.safetensors"), metadata=meta)
        return
    names = list(tensors)
    n = v["shards"]
    weight_map = {}
    for s in range(n):
        shard = f"model-{s + 1:05d}-of-{n:05d}.safetensors"
        part = names[s * len(names) // n:(s + 1) * len(names) // n]
        save_file({k: tensors[k] for k in part}, os.path.join(out, shard),
                  metadata=meta)
        weight_map.update({k: shard for k in part})
    total = sum(t.nbytes for t in tensors.values())
    with open(os.path.join(out, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total},
                   "weight_map": dict(sorted(weight_map.items()))}, f, indent=2)
        f.write("\n")


# ---------------------------------------------------------------------------
# check


def make_inputs(family, config, S, B=1):
    rng = np.random.default_rng(S if B == 1 else (S, B))
    feeds = {"input_ids": rng.integers(0, config["vocab_size"], size=(B, S),
                                       dtype=np.int64)}
    if family == "bert":
        mask = np.ones((B, S), dtype=np.int64)
        types = np.zeros((B, S), dtype=np.int64)
        for b in range(B):  # row b: the last min(S - 1, S // 3 + b) masked
            mask[b, S - min(S - 1, S // 3 + b):] = 0
            types[b, S // 2:] = 1
        feeds["attention_mask"] = mask
        feeds["token_type_ids"] = types
    return feeds


def compare(name, expected, actual, rtol, atol):
    """Prints one line; returns (ok, max abs error or None)."""
    if actual.shape != expected.shape:
        print(f"FAIL {name}: got shape {list(actual.shape)}, expected "
              f"{list(expected.shape)}")
        return False, None
    if actual.dtype != np.float32:
        print(f"FAIL {name}: got dtype {actual.dtype}, expected float32")
        return False, None
    diff = np.abs(actual.astype(np.float64) - expected)
    max_err = float(np.max(diff))  # NaN propagates
    try:
        np.testing.assert_allclose(actual.astype(np.float64), expected,
                                   rtol=rtol, atol=atol)
    except AssertionError as e:
        worst = np.unravel_index(np.nanargmax(diff), diff.shape)
        print(f"FAIL {name}: max abs error {max_err:.3e} at "
              f"{tuple(map(int, worst))} (rtol={rtol:g}, atol={atol:g})")
        print("     " + str(e).strip().replace("\n", "\n     "))
        return False, max_err
    print(f"ok   {name}: max abs error {max_err:.3e}")
    return True, max_err


def check(args):
    v = VARIANTS[args.arch]
    with open(os.path.join(args.dir, "config.json")) as f:
        config = json.load(f)
    S, B = args.seq, args.batch
    name = f"{args.arch}-s{S}" if B == 1 else f"{args.arch}-b{B}-s{S}"
    mlc = shlex.split(args.mlc)
    os.makedirs(args.work_dir, exist_ok=True)
    artifact = os.path.join(args.work_dir, name + ".mlc")
    out_dir = os.path.join(args.work_dir, name + ".out")
    if os.path.exists(artifact):
        os.remove(artifact)
    shutil.rmtree(out_dir, ignore_errors=True)
    feeds = make_inputs(v["family"], config, S, B)
    times = []

    def verdict(ok, err):
        err_text = f"{err:.2e}" if err is not None else "n/a"
        print(f"{name}: max abs error {err_text}, {'PASS' if ok else 'FAIL'}")
        print(f"{name}: " + ", ".join(times))
        if ok and args.clean:
            shutil.rmtree(out_dir, ignore_errors=True)
            os.remove(artifact)
            for n in feeds:
                os.remove(os.path.join(args.work_dir, f"{name}.{n}.npy"))
        return 0 if ok else 1

    cmd = mlc + ["compile", args.dir, "--shape", f"input_ids={B}x{S}",
                 "-o", artifact]
    if args.or_refuse:
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=args.timeout)
        ok, t = proc.returncode == 0, time.perf_counter() - start
        if not ok:
            text = proc.stdout.decode(errors="replace").strip()
            named = args.or_refuse in text and "error" in text
            print(text)
            print(f"{name}: refused naming {args.or_refuse}, "
                  f"{'PASS' if named else 'FAIL'}")
            return 0 if named else 1
    else:
        ok, t = run_step("mlc compile", cmd, args.timeout)
    times.append(f"compile {t:.1f} s")
    if not ok:
        return verdict(False, None)
    run_cmd = mlc + ["run", artifact, "--output-dir", out_dir]
    for n, a in feeds.items():
        path = os.path.join(args.work_dir, f"{name}.{n}.npy")
        np.save(path, a)
        run_cmd += ["--input", f"{n}={path}"]
    ok, t = run_step("mlc run", run_cmd, args.timeout)
    times.append(f"run {t:.2f} s")
    if not ok:
        return verdict(False, None)

    start = time.perf_counter()
    expected = reference(v["family"], config, read_checkpoint(args.dir), feeds)
    times.append(f"reference {time.perf_counter() - start:.2f} s")
    ok, max_err, ref_scale = True, 0.0, 0.0
    for out_name, ref in expected.items():
        path = os.path.join(out_dir, out_name + ".npy")
        try:
            actual = np.load(path)
        except Exception as e:
            print(f"FAIL {out_name}: cannot load {path}: {e}")
            ok, max_err = False, None
            continue
        good, err = compare(out_name, ref, actual, args.rtol, args.atol)
        ok &= good
        if max_err is not None:
            max_err = None if err is None else max(max_err, err)
        ref_scale = max(ref_scale, float(np.max(np.abs(ref))))
    extra = sorted(set(os.listdir(out_dir)) - {n + ".npy" for n in expected})
    if extra:
        print(f"FAIL outputs: unexpected {extra}")
        ok = False
    if ref_scale < args.min_ref_scale:
        print(f"FAIL reference: max |output| {ref_scale:.2e} is below "
              f"--min-ref-scale {args.min_ref_scale:g}")
        ok = False
    times.append(f"max |reference| {ref_scale:.3g}")
    return verdict(ok, max_err)


# ---------------------------------------------------------------------------
# edit (error tests)


def write_raw_safetensors(path, header, blobs):
    """|header|: name -> {dtype, shape}; |blobs|: name -> bytes."""
    full, offset, body = {}, 0, []
    for name, info in header.items():
        data = blobs[name]
        full[name] = dict(info, data_offsets=[offset, offset + len(data)])
        body.append(data)
        offset += len(data)
    text = json.dumps(full).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(body))


def edit(args):
    if args.remap:
        index_path = os.path.join(args.dir, "model.safetensors.index.json")
        with open(index_path) as f:
            index = json.load(f)
        for spec in args.remap:
            name, shard = spec.rsplit("=", 1)
            if name not in index["weight_map"]:
                raise SystemExit(f"error: no tensor '{name}' in {index_path}")
            index["weight_map"][name] = shard
        with open(index_path, "w") as f:
            json.dump(index, f, indent=2)
            f.write("\n")
        return 0
    path = os.path.join(args.dir, "model.safetensors")
    header, tensors = read_safetensors_file(path)
    header.pop("__metadata__", None)
    with open(path, "rb") as f:
        raw = f.read()
    base = 8 + struct.unpack("<Q", raw[:8])[0]
    order = list(header)
    infos = {k: {"dtype": header[k]["dtype"], "shape": header[k]["shape"]}
             for k in order}
    data = {k: raw[base + header[k]["data_offsets"][0]:
                   base + header[k]["data_offsets"][1]] for k in order}

    def need(name):
        if name not in infos:
            raise SystemExit(f"error: no tensor '{name}' in {path}")

    for name in args.drop:
        need(name)
        order.remove(name)
    for spec in args.reshape:
        name, shape = spec.rsplit("=", 1)
        need(name)
        dims = [int(d) for d in shape.split("x")]
        itemsize = len(data[name]) // max(1, int(np.prod(infos[name]["shape"])))
        infos[name]["shape"] = dims
        data[name] = bytes(int(np.prod(dims)) * itemsize)
    for spec in args.retype:
        name, dtype = spec.rsplit("=", 1)
        need(name)
        target = np.dtype(ST_DTYPES[dtype]).newbyteorder("<")
        infos[name]["dtype"] = dtype
        data[name] = np.ascontiguousarray(
            (tensors[name].astype(np.float64) * 100).astype(target)).tobytes()
    if args.drop or args.reshape or args.retype:
        write_raw_safetensors(path, {k: infos[k] for k in order},
                              {k: data[k] for k in order})
    if args.truncate is not None:
        with open(path, "rb") as f:
            raw = f.read()
        n = args.truncate if args.truncate >= 0 else len(raw) + args.truncate
        with open(path, "wb") as f:
            f.write(raw[:n])
    config_path = os.path.join(args.dir, "config.json")
    if args.set or args.unset:
        with open(config_path) as f:
            config = json.load(f)
        for spec in args.set:
            key, value = spec.split("=", 1)
            config[key] = json.loads(value)
        for key in args.unset:
            config.pop(key, None)
        with open(config_path, "w") as f:
            json.dump(config, f, indent=2)
            f.write("\n")
    if args.config_text is not None:
        with open(config_path, "w") as f:
            f.write(args.config_text)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("make")
    p.add_argument("--arch", required=True, choices=sorted(VARIANTS))
    p.add_argument("--out", required=True)
    p = sub.add_parser("check")
    p.add_argument("--arch", required=True, choices=sorted(VARIANTS))
    p.add_argument("--dir", required=True)
    p.add_argument("--mlc", required=True)
    p.add_argument("--seq", type=int, required=True)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--work-dir", required=True)
    p.add_argument("--rtol", type=float, default=1e-3)
    p.add_argument("--atol", type=float, default=1e-4)
    p.add_argument("--min-ref-scale", type=float, default=1e-2)
    p.add_argument("--timeout", type=float, default=3600)
    p.add_argument("--clean", action="store_true")
    p.add_argument("--or-refuse", metavar="KEY",
                   help="also pass when mlc compile fails with an error that "
                        "names KEY")
    p = sub.add_parser("edit")
    p.add_argument("--dir", required=True)
    p.add_argument("--drop", action="append", default=[])
    p.add_argument("--reshape", action="append", default=[])
    p.add_argument("--retype", action="append", default=[])
    p.add_argument("--set", action="append", default=[])
    p.add_argument("--unset", action="append", default=[])
    p.add_argument("--truncate", type=int)
    p.add_argument("--config-text")
    p.add_argument("--remap", action="append", default=[])
    sub.add_parser("list")
    args = parser.parse_args(argv)
    if args.command == "make":
        make(args.arch, args.out)
        return 0
    if args.command == "check":
        return check(args)
    if args.command == "edit":
        return edit(args)
    print("\n".join(sorted(VARIANTS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

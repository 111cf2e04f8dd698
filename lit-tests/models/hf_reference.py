# SPDX-License-Identifier: Apache-2.0
"""The float64 numpy reference that hf_models.py checks mlc against.

read_checkpoint(DIR) reads a Hugging Face directory's safetensors file(s) back
by hand (independent of the safetensors package; F16/BF16 values widened
exactly) as float64 arrays; reference(family, config, weights, feeds) runs
bert_forward, gpt2_forward or llama_forward on each batch row. Used by
hf_models.py check, hf_generate.py and minilm.py; runs under the project venv
(numpy only).

The reference is written from the Hugging Face modeling code's semantics:
  BERT   embeddings word + position(arange S) + token_type, LayerNorm; post-LN
         layers: softmax(QK^T / sqrt(d) + (1 - mask) * finfo(float32).min) V
         (mask also causal when is_decoder),
         output dense + residual + LayerNorm, hidden_act (exact erf GELU for
         "gelu") intermediate, output dense + residual + LayerNorm.
  GPT-2  wte + wpe, pre-LN blocks (ln_1, c_attn split q/k/v, causal softmax with
         scale 1/sqrt(d) (and 1/(layer+1) with scale_attn_by_inverse_layer_idx),
         c_proj; ln_2, c_fc, activation_function (gelu_new), c_proj), ln_f,
         logits = h @ wte^T (lm_head.weight when tie_word_embeddings is false).
  Llama  RMSNorm x * rsqrt(mean(x^2) + eps) * w; RoPE with rotate_half on
         cat(freqs, freqs), inv_freq = 1 / theta^(2i/d) adjusted as in
         transformers' rope init functions (linear: / factor; llama3: the
         wavelength bands of _compute_llama3_parameters); repeat_kv; causal
         softmax scaled 1/sqrt(head_dim) (Mistral: within sliding_window);
         down(act(gate(x)) * up(x)) with act = hidden_act (silu); optional
         q/k/v/o and MLP biases; final norm; lm_head (embed_tokens when
         tie_word_embeddings, whose default is false, is true).
  Activations: ACT2FN's gelu (erf), gelu_new / gelu_pytorch_tanh / gelu_fast
  (tanh), relu, silu / swish.
"""

import json
import math
import os
import struct

import numpy as np

F32_MIN = float(np.finfo(np.float32).min)


def llama_dims(c):  # also sizes hf_models.py's generated weights
    H, nh = c["hidden_size"], c["num_attention_heads"]
    nkv = c.get("num_key_value_heads") or nh
    hd = c.get("head_dim") or H // nh
    return H, nh, nkv, hd


# ---------------------------------------------------------------------------
# Reading a checkpoint back (by hand, independent of the safetensors package)

ST_DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16,
             "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8,
             "U8": np.uint8, "BOOL": np.bool_}


def read_safetensors_file(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = memoryview(data)[8 + n:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = body[begin:end]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        else:
            dtype = np.dtype(ST_DTYPES[info["dtype"]]).newbyteorder("<")
            array = np.frombuffer(raw, dtype=dtype)
        tensors[name] = array.reshape(info["shape"])
    return header, tensors


def read_checkpoint(model_dir):
    index = os.path.join(model_dir, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            files = sorted(set(json.load(f)["weight_map"].values()))
    else:
        files = ["model.safetensors"]
    tensors = {}
    for name in files:
        tensors.update(read_safetensors_file(os.path.join(model_dir, name))[1])
    return {k: np.asarray(a, dtype=np.float64) if a.dtype.kind == "f" else a
            for k, a in tensors.items()}


# ---------------------------------------------------------------------------
# float64 reference forward passes


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def softmax(x):
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


_erf = np.frompyfunc(math.erf, 1, 1)


def gelu_erf(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)).astype(np.float64))


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def silu(x):
    return x / (1.0 + np.exp(-x))


# transformers' ACT2FN entries the reference knows.
ACT = {"gelu": gelu_erf, "gelu_new": gelu_new, "gelu_pytorch_tanh": gelu_new,
       "gelu_fast": lambda x: 0.5 * x * (1.0 + np.tanh(
           x * 0.7978845608 * (1.0 + 0.044715 * x * x))),
       "relu": lambda x: np.maximum(x, 0.0), "silu": silu, "swish": silu}


def activation(name):
    if name not in ACT:
        raise SystemExit(f"error: the reference has no activation '{name}'")
    return ACT[name]


def heads(x, n, d):  # [S, n*d] -> [n, S, d]
    return x.reshape(x.shape[0], n, d).transpose(1, 0, 2)


def merge(x):  # [n, S, d] -> [S, n*d]
    return x.transpose(1, 0, 2).reshape(x.shape[1], -1)


def causal_mask(S):
    return np.tril(np.ones((S, S), dtype=bool))


def bert_forward(c, w, input_ids, attention_mask, token_type_ids):
    prefix = "bert." if "bert.embeddings.word_embeddings.weight" in w else ""
    g = lambda name: w[prefix + name]  # noqa: E731
    H, nh = c["hidden_size"], c["num_attention_heads"]
    d = H // nh
    eps = c.get("layer_norm_eps", 1e-12)
    act = activation(c.get("hidden_act", "gelu"))
    if c.get("position_embedding_type", "absolute") != "absolute":
        raise SystemExit("error: the reference has only absolute positions")
    ids = input_ids[0]
    S = ids.shape[0]
    x = (g("embeddings.word_embeddings.weight")[ids]
         + g("embeddings.position_embeddings.weight")[np.arange(S)]
         + g("embeddings.token_type_embeddings.weight")[token_type_ids[0]])
    x = layer_norm(x, g("embeddings.LayerNorm.weight"),
                   g("embeddings.LayerNorm.bias"), eps)
    keep = np.broadcast_to(attention_mask[0].astype(np.float64), (S, S))
    if c.get("is_decoder", False):  # get_extended_attention_mask: causal too
        keep = keep * causal_mask(S)
    mask = (1.0 - keep) * F32_MIN  # [query, key]
    for i in range(c["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        lin = lambda t, n: t @ g(p + n + ".weight").T + g(p + n + ".bias")  # noqa: E731
        q = heads(lin(x, "attention.self.query"), nh, d)
        k = heads(lin(x, "attention.self.key"), nh, d)
        v = heads(lin(x, "attention.self.value"), nh, d)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d) + mask[None]
        ctx = merge(softmax(scores) @ v)
        x = layer_norm(lin(ctx, "attention.output.dense") + x,
                       g(p + "attention.output.LayerNorm.weight"),
                       g(p + "attention.output.LayerNorm.bias"), eps)
        h = act(lin(x, "intermediate.dense"))
        x = layer_norm(lin(h, "output.dense") + x,
                       g(p + "output.LayerNorm.weight"),
                       g(p + "output.LayerNorm.bias"), eps)
    return {"last_hidden_state": x[None]}


def gpt2_forward(c, w, input_ids):
    prefix = "transformer." if "transformer.wte.weight" in w else ""
    g = lambda name: w[prefix + name]  # noqa: E731
    H, nh = c["n_embd"], c["n_head"]
    d = H // nh
    eps = c.get("layer_norm_epsilon", 1e-5)
    act = activation(c.get("activation_function", "gelu_new"))
    ids = input_ids[0]
    S = ids.shape[0]
    x = g("wte.weight")[ids] + g("wpe.weight")[np.arange(S)]
    causal = causal_mask(S)
    for i in range(c["n_layer"]):
        p = f"h.{i}."
        conv = lambda t, n: t @ g(p + n + ".weight") + g(p + n + ".bias")  # noqa: E731
        h = layer_norm(x, g(p + "ln_1.weight"), g(p + "ln_1.bias"), eps)
        qkv = conv(h, "attn.c_attn")
        q, k, v = (heads(t, nh, d) for t in np.split(qkv, 3, axis=-1))
        scores = q @ k.transpose(0, 2, 1)
        if c.get("scale_attn_weights", True):
            scores = scores / math.sqrt(d)
        if c.get("scale_attn_by_inverse_layer_idx", False):
            scores = scores / float(i + 1)
        scores = np.where(causal[None], scores, F32_MIN)
        x = x + conv(merge(softmax(scores) @ v), "attn.c_proj")
        h = layer_norm(x, g(p + "ln_2.weight"), g(p + "ln_2.bias"), eps)
        x = x + conv(act(conv(h, "mlp.c_fc")), "mlp.c_proj")
    x = layer_norm(x, g("ln_f.weight"), g("ln_f.bias"), eps)
    # GPT2Config keeps PretrainedConfig's default tie_word_embeddings=True.
    head = (g("wte.weight") if c.get("tie_word_embeddings", True)
            else lm_head(w))
    return {"logits": (x @ head.T)[None]}


def lm_head(w):
    if "lm_head.weight" not in w:
        raise SystemExit("error: untied model without lm_head.weight (HF would "
                         "initialise it at random)")
    return w["lm_head.weight"]


def rope_inv_freq(c, hd):
    theta = c.get("rope_theta", 10000.0)
    inv_freq = 1.0 / theta ** (np.arange(0, hd, 2, dtype=np.float64) / hd)
    rs = c.get("rope_scaling")
    if not rs:
        return inv_freq
    kind = rs.get("rope_type", rs.get("type"))
    if kind == "default":
        return inv_freq
    if kind == "linear":
        return inv_freq / rs["factor"]
    if kind == "llama3":
        factor = rs["factor"]
        low, high = rs["low_freq_factor"], rs["high_freq_factor"]
        old_len = rs["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old_len / low, old_len / high
        wavelen = 2 * math.pi / inv_freq
        scaled = np.where(wavelen > low_wavelen, inv_freq / factor, inv_freq)
        smooth = (old_len / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_wavelen) & ~(wavelen > low_wavelen)
        return np.where(medium, smoothed, scaled)
    raise SystemExit(f"error: the reference has no rope_scaling '{kind}'")


def rms_norm(x, w, eps):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def llama_forward(c, w, input_ids):
    H, nh, nkv, hd = llama_dims(c)
    eps = c.get("rms_norm_eps", 1e-6)
    ids = input_ids[0]
    S = ids.shape[0]
    positions = np.arange(S, dtype=np.float64)
    freqs = positions[:, None] * rope_inv_freq(c, hd)[None, :]
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(emb)[None], np.sin(emb)[None]  # [1, S, hd]
    rope = lambda t: t * cos + rotate_half(t) * sin  # noqa: E731
    act = activation(c.get("hidden_act", "silu"))
    causal = causal_mask(S)
    window = None
    if c.get("model_type") == "mistral":
        window = c.get("sliding_window", 4096)
    elif c.get("use_sliding_window"):
        raise SystemExit("error: the reference has no Qwen2 sliding window")
    if window is not None:  # key j visible from query i iff i - window < j <= i
        pos = np.arange(S)
        causal &= pos[None, :] > pos[:, None] - window
    x = w["model.embed_tokens.weight"][ids]
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."

        def proj(t, n):
            y = t @ w[p + n + ".weight"].T
            return y + w[p + n + ".bias"] if p + n + ".bias" in w else y

        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = rope(heads(proj(h, "self_attn.q_proj"), nh, hd))
        k = rope(heads(proj(h, "self_attn.k_proj"), nkv, hd))
        v = heads(proj(h, "self_attn.v_proj"), nkv, hd)
        k = np.repeat(k, nh // nkv, axis=0)  # repeat_kv: kv head j serves
        v = np.repeat(v, nh // nkv, axis=0)  # heads j*g .. j*g+g-1
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd)
        scores = np.where(causal[None], scores, F32_MIN)
        x = x + proj(merge(softmax(scores) @ v), "self_attn.o_proj")
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        x = x + proj(act(proj(h, "mlp.gate_proj")) * proj(h, "mlp.up_proj"),
                     "mlp.down_proj")
    x = rms_norm(x, w["model.norm.weight"], eps)
    # Llama/Mistral/Qwen2 configs default to tie_word_embeddings=False.
    head = (w["model.embed_tokens.weight"]
            if c.get("tie_word_embeddings", False) else lm_head(w))
    return {"logits": (x @ head.T)[None]}


def reference(family, config, weights, feeds):
    """Runs the batch one row at a time; returns {output: [B, ...]}."""
    rows = []
    for b in range(feeds["input_ids"].shape[0]):
        row = {k: v[b:b + 1] for k, v in feeds.items()}
        if family == "bert":
            rows.append(bert_forward(config, weights, row["input_ids"],
                                     row["attention_mask"],
                                     row["token_type_ids"]))
        elif family == "gpt2":
            rows.append(gpt2_forward(config, weights, row["input_ids"]))
        else:
            rows.append(llama_forward(config, weights, row["input_ids"]))
    return {k: np.concatenate([r[k] for r in rows]) for k in rows[0]}

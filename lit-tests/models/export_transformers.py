# SPDX-License-Identifier: Apache-2.0
"""Exports a small BERT, GPT-2 or Llama model (plain torch) to ONNX with fixed inputs.

Runs under /usr/bin/python3 with Debian's python3-torch (1.13); the project
venv has no torch.

Usage:
  export_transformers.py --model bert|gpt2|llama --seq S --opset 17
                         --out CACHE/bert-tiny-s7.onnx [--size tiny|base]
                         [--dynamic] [--torch-output] [--force]

The models are written out explicitly (no `transformers`, no
nn.MultiheadAttention / nn.TransformerEncoderLayer, whose fused fast paths do
not export) after the Hugging Face implementations:
  bert   word + position + token_type embeddings, post-LN encoder layers (Q/K/V
         Linear, additive mask (1 - attention_mask) * finfo.min, softmax, exact
         erf GELU); inputs input_ids, attention_mask, token_type_ids; output
         last_hidden_state [1,S,H].
  gpt2   wte + wpe (positions arange(S) in graph), pre-LN blocks with a fused
         c_attn split into q/k/v, causal mask from a `tril` buffer applied with
         where(mask, w, finfo.min), tanh "gelu_new", tied LM head; input
         input_ids; output logits [1,S,V].
  llama  RMSNorm, RoPE (cos/sin from position_ids and an inv_freq buffer),
         grouped-query attention (repeat_kv by expand + reshape), additive
         causal mask (triu of finfo.min), SwiGLU MLP, untied lm_head; inputs
         input_ids, position_ids; output logits [1,S,V].

--size tiny (default): hidden 64, 2 layers, 4 heads (llama: 2 kv heads,
intermediate 172), vocab 1000, 256 positions, Linear/Embedding weights normal
with std 0.125 = hidden^-0.5 (with HF's 0.02 the attention scores of so small
a model are ~0.03 and softmax is almost uniform). --size base: BERT-base
dimensions (12 layers, hidden 768, 12 heads (llama: 4 kv heads), intermediate
3072, vocab 30522, 512 positions), std 0.02 like HF. Random weights
(torch.manual_seed(0)); Linear biases normal(0, 0.02); LayerNorm/RMSNorm
weights 1 + 0.1 * randn and biases 0.1 * randn, so none of them is an identity.
Eval mode, do_constant_folding=True; static shapes unless --dynamic (batch and
sequence axes of every input and output named `batch` and `seq`). Static
exports fold shape-only values into Constants (GPT-2's positions and tril
slice, BERT's position_ids slice; Shape/Range/Slice appear only with
--dynamic), but torch 1.13 leaves Llama's expand shapes as int64
ConstantOfShape/Mul/Equal/Where chains and its causal mask as a Trilu of a
constant. Linear weights (and GPT-2's tied head, duplicated) are stored
pre-transposed for MatMul.

Fixed inputs (numpy default_rng(0)) are written next to OUT as OUT without
.onnx + `.<input>.npy`: input_ids uniform in [0, vocab), attention_mask ones
with the last S//4 positions 0 when S >= 4, token_type_ids 0 for the first
S//2 positions then 1, position_ids arange(S). --torch-output also writes
torch's outputs on them as `.torch.<output>.npy`. Files are written to
temporary names and renamed, and an existing OUT is left alone (the cache; the
flags are not part of the key, so give other variants another OUT), so
concurrent runs are safe.
"""

import argparse
import math
import os
import sys
import time

MODELS = ("bert", "gpt2", "llama")
INPUTS = {"bert": ("input_ids", "attention_mask", "token_type_ids"),
          "gpt2": ("input_ids",), "llama": ("input_ids", "position_ids")}
OUTPUTS = {"bert": ("last_hidden_state",), "gpt2": ("logits",),
           "llama": ("logits",)}
SIZES = {
    "tiny": dict(hidden=64, layers=2, heads=4, kv_heads=2, inter=256,
                 llama_inter=172, vocab=1000, positions=256, std=0.125),
    "base": dict(hidden=768, layers=12, heads=12, kv_heads=4, inter=3072,
                 llama_inter=3072, vocab=30522, positions=512, std=0.02),
}


def stem(onnx_path):
    return onnx_path[:-len(".onnx")] if onnx_path.endswith(".onnx") else onnx_path


def make_inputs(model, seq, vocab):
    import numpy as np
    rng = np.random.default_rng(0)
    ids = rng.integers(0, vocab, size=(1, seq), dtype=np.int64)
    mask = np.ones((1, seq), np.int64)
    if seq >= 4:
        mask[:, seq - seq // 4:] = 0
    types = np.zeros((1, seq), np.int64)
    types[:, seq // 2:] = 1
    positions = np.arange(seq, dtype=np.int64)[None, :]
    all_inputs = {"input_ids": ids, "attention_mask": mask,
                  "token_type_ids": types, "position_ids": positions}
    return {name: all_inputs[name] for name in INPUTS[model]}


def define_models():
    """Defines the modules here so that importing this file needs no torch."""
    import torch
    from torch import nn
    F = torch.nn.functional
    fmin = torch.finfo(torch.float32).min

    def heads(t, n):  # [B,S,n*d] -> [B,n,S,d]
        return t.view(t.size(0), t.size(1), n, -1).transpose(1, 2)

    def merge(t):  # [B,n,S,d] -> [B,S,n*d]
        return t.transpose(1, 2).reshape(t.size(0), t.size(2), -1)

    class BertLayer(nn.Module):
        def __init__(self, c):
            super().__init__()
            h, self.n = c["hidden"], c["heads"]
            self.sqrt_d = math.sqrt(h // self.n)
            self.query, self.key, self.value = (nn.Linear(h, h) for _ in "qkv")
            self.dense = nn.Linear(h, h)
            self.ln1 = nn.LayerNorm(h, eps=1e-12)
            self.fc1, self.fc2 = nn.Linear(h, c["inter"]), nn.Linear(c["inter"], h)
            self.ln2 = nn.LayerNorm(h, eps=1e-12)

        def forward(self, x, mask):
            q, k, v = (heads(f(x), self.n) for f in (self.query, self.key, self.value))
            w = q @ k.transpose(-1, -2) / self.sqrt_d + mask
            x = self.ln1(self.dense(merge(torch.softmax(w, dim=-1) @ v)) + x)
            return self.ln2(self.fc2(F.gelu(self.fc1(x))) + x)

    class Bert(nn.Module):
        def __init__(self, c):
            super().__init__()
            h = c["hidden"]
            self.word = nn.Embedding(c["vocab"], h)
            self.position = nn.Embedding(c["positions"], h)
            self.token_type = nn.Embedding(2, h)
            self.ln = nn.LayerNorm(h, eps=1e-12)
            self.layers = nn.ModuleList(BertLayer(c) for _ in range(c["layers"]))
            self.register_buffer("position_ids",
                                 torch.arange(c["positions"])[None, :], persistent=False)

        def forward(self, input_ids, attention_mask, token_type_ids):
            pos = self.position_ids[:, :input_ids.size(1)]
            x = self.ln(self.word(input_ids) + self.position(pos)
                        + self.token_type(token_type_ids))
            mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * fmin
            for layer in self.layers:
                x = layer(x, mask)
            return x

    class GPT2Block(nn.Module):
        def __init__(self, c):
            super().__init__()
            h, self.n = c["hidden"], c["heads"]
            self.sqrt_d = math.sqrt(h // self.n)
            self.ln_1, self.ln_2 = nn.LayerNorm(h), nn.LayerNorm(h)
            self.c_attn, self.c_proj = nn.Linear(h, 3 * h), nn.Linear(h, h)
            self.c_fc, self.mlp_proj = nn.Linear(h, 4 * h), nn.Linear(4 * h, h)

        def forward(self, x, causal):
            q, k, v = self.c_attn(self.ln_1(x)).split(x.size(-1), dim=2)
            q, k, v = heads(q, self.n), heads(k, self.n), heads(v, self.n)
            w = q @ k.transpose(-1, -2) / self.sqrt_d
            w = torch.where(causal, w, torch.full([], fmin, dtype=w.dtype))
            x = x + self.c_proj(merge(torch.softmax(w, dim=-1) @ v))
            a = self.c_fc(self.ln_2(x))
            a = 0.5 * a * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi)
                                            * (a + 0.044715 * torch.pow(a, 3.0))))
            return x + self.mlp_proj(a)

    class GPT2(nn.Module):
        def __init__(self, c):
            super().__init__()
            p = c["positions"]
            self.wte = nn.Embedding(c["vocab"], c["hidden"])
            self.wpe = nn.Embedding(p, c["hidden"])
            self.blocks = nn.ModuleList(GPT2Block(c) for _ in range(c["layers"]))
            self.ln_f = nn.LayerNorm(c["hidden"])
            self.register_buffer("tril", torch.tril(torch.ones(p, p, dtype=torch.bool))
                                 .view(1, 1, p, p), persistent=False)

        def forward(self, input_ids):
            s = input_ids.size(1)
            pos = torch.arange(s, dtype=torch.long)[None, :]
            x = self.wte(input_ids) + self.wpe(pos)
            causal = self.tril[:, :, :s, :s]
            for block in self.blocks:
                x = block(x, causal)
            return self.ln_f(x) @ self.wte.weight.t()

    class RMSNorm(nn.Module):
        def __init__(self, h, eps=1e-6):
            super().__init__()
            self.weight, self.eps = nn.Parameter(torch.ones(h)), eps

        def forward(self, x):
            return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight

    def rotate_half(x):
        half = x.size(-1) // 2
        return torch.cat((-x[..., half:], x[..., :half]), dim=-1)

    class LlamaLayer(nn.Module):
        def __init__(self, c):
            super().__init__()
            h, self.n, self.kv = c["hidden"], c["heads"], c["kv_heads"]
            d = h // self.n
            self.sqrt_d = math.sqrt(d)
            self.q_proj = nn.Linear(h, self.n * d, bias=False)
            self.k_proj = nn.Linear(h, self.kv * d, bias=False)
            self.v_proj = nn.Linear(h, self.kv * d, bias=False)
            self.o_proj = nn.Linear(self.n * d, h, bias=False)
            i = c["llama_inter"]
            self.gate_proj = nn.Linear(h, i, bias=False)
            self.up_proj = nn.Linear(h, i, bias=False)
            self.down_proj = nn.Linear(i, h, bias=False)
            self.input_norm, self.post_norm = RMSNorm(h), RMSNorm(h)

        def repeat_kv(self, t):  # [B,kv,S,d] -> [B,n,S,d]
            b, kv, s, d = t.shape
            rep = self.n // kv
            return t[:, :, None, :, :].expand(b, kv, rep, s, d).reshape(b, kv * rep, s, d)

        def forward(self, x, cos, sin, mask):
            y = self.input_norm(x)
            q, k = heads(self.q_proj(y), self.n), heads(self.k_proj(y), self.kv)
            v = heads(self.v_proj(y), self.kv)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            k, v = self.repeat_kv(k), self.repeat_kv(v)
            w = q @ k.transpose(-1, -2) / self.sqrt_d + mask
            x = x + self.o_proj(merge(torch.softmax(w, dim=-1, dtype=torch.float32) @ v))
            y = self.post_norm(x)
            return x + self.down_proj(F.silu(self.gate_proj(y)) * self.up_proj(y))

    class Llama(nn.Module):
        def __init__(self, c):
            super().__init__()
            d = c["hidden"] // c["heads"]
            self.embed_tokens = nn.Embedding(c["vocab"], c["hidden"])
            self.layers = nn.ModuleList(LlamaLayer(c) for _ in range(c["layers"]))
            self.norm = RMSNorm(c["hidden"])
            self.lm_head = nn.Linear(c["hidden"], c["vocab"], bias=False)
            inv_freq = 1.0 / 10000.0 ** (torch.arange(0, d, 2, dtype=torch.float32) / d)
            self.register_buffer("inv_freq", inv_freq, persistent=False)

        def forward(self, input_ids, position_ids):
            x = self.embed_tokens(input_ids)
            inv = self.inv_freq[None, :, None].expand(position_ids.size(0), -1, 1)
            freqs = (inv @ position_ids[:, None, :].to(torch.float32)).transpose(1, 2)
            emb = torch.cat((freqs, freqs), dim=-1)
            cos, sin = emb.cos()[:, None], emb.sin()[:, None]  # [B,1,S,d]
            s = input_ids.size(1)
            mask = torch.full((s, s), fmin).triu(1)[None, None]
            for layer in self.layers:
                x = layer(x, cos, sin, mask)
            return self.lm_head(self.norm(x))

    return {"bert": Bert, "gpt2": GPT2, "llama": Llama}


def build_model(name, config):
    import torch
    from torch import nn
    torch.manual_seed(0)
    model = define_models()[name](config)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                m.weight.normal_(0.0, config["std"])
                if getattr(m, "bias", None) is not None:
                    m.bias.normal_(0.0, 0.02)
            elif isinstance(m, nn.LayerNorm) or type(m).__name__ == "RMSNorm":
                m.weight.copy_(1.0 + 0.1 * torch.randn_like(m.weight))
                if getattr(m, "bias", None) is not None:
                    m.bias.copy_(0.1 * torch.randn_like(m.bias))
    return model.eval()


def save_npy(path, array):
    import numpy as np
    tmp = f"{path}.tmp{os.getpid()}.npy"
    np.save(tmp, array)
    os.replace(tmp, path)


def export(name, config, inputs, opset, out, dynamic, torch_output):
    import torch
    model = build_model(name, config)
    args = tuple(torch.from_numpy(a) for a in inputs.values())
    names = list(inputs) + list(OUTPUTS[name])
    axes = {n: {0: "batch", 1: "seq"} for n in names} if dynamic else None
    tmp = f"{out}.tmp{os.getpid()}"
    try:
        with torch.no_grad():
            torch.onnx.export(model, args, tmp, opset_version=opset,
                              do_constant_folding=True,
                              input_names=list(inputs),
                              output_names=list(OUTPUTS[name]),
                              dynamic_axes=axes)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    if torch_output:
        with torch.no_grad():
            result = model(*args)
        save_npy(f"{stem(out)}.torch.{OUTPUTS[name][0]}.npy", result.numpy())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("--seq", required=True, type=int, help="sequence length")
    parser.add_argument("--opset", required=True, type=int)
    parser.add_argument("--out", required=True, help="FILE.onnx")
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--dynamic", action="store_true",
                        help="symbolic batch and sequence axes")
    parser.add_argument("--torch-output", action="store_true",
                        help="also save torch's outputs on the fixed inputs")
    parser.add_argument("--force", action="store_true",
                        help="re-export even when OUT exists")
    args = parser.parse_args(argv)
    if args.seq < 1:
        parser.error("--seq must be >= 1")
    config = SIZES[args.size]
    if args.seq > config["positions"]:
        parser.error(f"--seq {args.seq} exceeds {config['positions']} positions")

    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    inputs = make_inputs(args.model, args.seq, config["vocab"])
    for input_name, array in inputs.items():
        path = f"{stem(out)}.{input_name}.npy"
        if not os.path.exists(path) or args.force:
            save_npy(path, array)
    what = f"{args.model}-{args.size} seq {args.seq} opset {args.opset}"
    if os.path.exists(out) and not args.force:
        print(f"{what}: cached {out}")
        return 0
    start = time.perf_counter()
    export(args.model, config, inputs, args.opset, out, args.dynamic,
           args.torch_output)
    print(f"{what}: exported {out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

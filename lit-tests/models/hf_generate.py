# SPDX-License-Identifier: Apache-2.0
"""Greedy decoding with an mlc KV-cache artifact against the numpy reference.

Usage:
  hf_generate.py --dir MODEL_DIR --mlc MLC --work-dir W --prompt 1,2,3
                 [--max-new-tokens 32] [--context 64]

Compiles MODEL_DIR (a decoder made by hf_models.py) with
`mlc compile --kv-cache CONTEXT`, runs `mlc run --prompt-ids PROMPT
--max-new-tokens N` (one token per step through the cache), and decodes the
same prompt greedily with hf_reference.py's float64 reference, which recomputes
the whole sequence at every step (no cache). Prints

  NAME: generated 32 tokens, reference 32, first mismatch none, PASS
  NAME: 34 steps, 123.4 tokens/s

and exits 1 unless the token ids are identical. A near tie between the two
best logits (gap below --tie-gap) at a mismatching step is reported as such,
since float32 and float64 may then legitimately pick different tokens.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import hf_reference  # noqa: E402


def reference_tokens(model_dir, prompt, count):
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    family = "gpt2" if config["model_type"] == "gpt2" else "llama"
    weights = hf_reference.read_checkpoint(model_dir)
    ids = list(prompt)
    gaps = []
    for _ in range(count):
        feeds = {"input_ids": np.array([ids], dtype=np.int64)}
        logits = hf_reference.reference(family, config, weights,
                                        feeds)["logits"][0, -1]
        top = np.sort(logits)[-2:]
        gaps.append(float(top[1] - top[0]))
        ids.append(int(np.argmax(logits)))
    return ids[len(prompt):], gaps


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--mlc", required=True)
    p.add_argument("--work-dir", required=True)
    p.add_argument("--prompt", required=True)
    p.add_argument("--max-new-tokens", type=int, default=32)
    p.add_argument("--context", type=int, default=64)
    p.add_argument("--tie-gap", type=float, default=1e-4)
    args = p.parse_args()
    name = os.path.basename(os.path.normpath(args.dir))
    mlc = shlex.split(args.mlc)
    os.makedirs(args.work_dir, exist_ok=True)
    artifact = os.path.join(args.work_dir, name + "-kv.mlc")
    subprocess.run(mlc + ["compile", args.dir, "--kv-cache", str(args.context),
                          "-o", artifact], check=True)
    run = subprocess.run(mlc + ["run", artifact, "--prompt-ids", args.prompt,
                                "--max-new-tokens", str(args.max_new_tokens)],
                         check=True, capture_output=True, text=True)
    got = [int(t) for t in run.stdout.strip().split(",")]
    prompt = [int(t) for t in args.prompt.split(",")]
    want, gaps = reference_tokens(args.dir, prompt, args.max_new_tokens)
    mismatch = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), None)
    ok = mismatch is None and len(got) == len(want)
    note = "none" if mismatch is None else (
        f"{mismatch} (mlc {got[mismatch]}, reference {want[mismatch]}, "
        f"logit gap {gaps[mismatch]:.2e})")
    print(f"{name}: generated {len(got)} tokens, reference {len(want)}, "
          f"first mismatch {note}, {'PASS' if ok else 'FAIL'}")
    rate = re.search(r"(\d+) steps in [\d.]+ s: ([\d.]+) tokens/s", run.stderr)
    if rate:
        print(f"{name}: {rate.group(1)} steps, {rate.group(2)} tokens/s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: Apache-2.0
"""Checks the PTX a CUDA artifact ships: ptxas must accept every image for
its architecture, and every image must define every kernel of the launch
list.

Usage: check_ptx.py ARTIFACT.mlc --ptxas PATH [--work-dir DIR]
Prints one line per image ("sm_80: 88 kernels, ptxas OK") and a summary
("42 kernels, 161 launches, arena 12.3 MiB"); exits 1 on any failure.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

from cuda_artifact import Error, parse_artifact, parse_program


def check_image(sm, ptx, kernels, ptxas, work_dir):
    entries = set(re.findall(r"\.entry\s+(\w+)", ptx))
    missing = [k for k in kernels if k not in entries]
    if missing:
        raise Error(f"sm_{sm}: PTX lacks kernels {', '.join(missing[:5])}")
    path = os.path.join(work_dir, f"sm_{sm}.ptx")
    with open(path, "w") as f:
        f.write(ptx)
    result = subprocess.run([ptxas, f"-arch=sm_{sm}", path, "-o",
                             path + ".cubin"], capture_output=True, text=True)
    if result.returncode != 0:
        raise Error(f"sm_{sm}: ptxas rejected the PTX:\n{result.stderr}")
    print(f"sm_{sm}: {len(entries)} kernels, ptxas OK")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("artifact")
    parser.add_argument("--ptxas", required=True)
    parser.add_argument("--work-dir")
    args = parser.parse_args(argv)
    try:
        with open(args.artifact, "rb") as f:
            *_, code = parse_artifact(f.read())
        images, kernels, _, arena, launches = parse_program(code)
        if not images:
            raise Error("the artifact has no PTX image")
        with tempfile.TemporaryDirectory(dir=args.work_dir) as work_dir:
            for sm, ptx in images:
                check_image(sm, ptx, kernels, args.ptxas, work_dir)
    except (Error, OSError) as e:
        print(f"check_ptx.py: error: {args.artifact}: {e}", file=sys.stderr)
        return 1
    print(f"{len(kernels)} kernels, {len(launches)} launches, "
          f"arena {arena / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

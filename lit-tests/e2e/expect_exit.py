# SPDX-License-Identifier: Apache-2.0
"""Runs a command and checks its exact exit status.

Usage: expect_exit.py CODE COMMAND [ARGS...]

The command inherits stdout and stderr, so its output can be piped into
FileCheck. Exits 0 when the command exited with CODE, 1 otherwise (lit's `not`
only checks for a non-zero status, and the internal shell has no `$?`).
"""

import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        print("usage: expect_exit.py CODE COMMAND [ARGS...]", file=sys.stderr)
        return 2
    expected = int(argv[1])
    try:
        code = subprocess.call(argv[2:])
    except OSError as e:
        print(f"expect_exit: cannot run {argv[2]}: {e}", file=sys.stderr)
        return 1
    if code != expected:
        print(f"expect_exit: '{' '.join(argv[2:])}' exited with {code}, "
              f"expected {expected}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

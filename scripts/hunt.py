"""A wide random search with the property tests, on demand: each run draws new examples.

    .venv/bin/python scripts/hunt.py [--seeds 20] [--first 1] [-- PYTEST ARGS]

The suite runs hypothesis derandomised (the ``ci`` profile in
``tests/conftest.py``): the same examples on every run. This runs every test
file that uses ``@given`` under the ``hunt`` profile once per seed, and prints
the seeds whose run failed with the command that repeats it. Keep what a
failure shows as an explicit ``@example`` on its test (or, for a file from
the fuzz test, in ``tests/data/fuzz-found``), fix it, and the suite keeps it.

Hypothesis also draws from constants it finds in the modules loaded, so a
seed repeats exactly with the same set of test files.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def property_test_files() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").glob("test_*.py")
        if "@given" in path.read_text(encoding="utf-8")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="how many seeds to try")
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("pytest_args", nargs="*", help="after --: more pytest arguments (e.g. -k undo)")
    args = parser.parse_args(argv)
    files = property_test_files()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    failed = []
    for seed in range(args.first, args.first + args.seeds):
        command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                   "--hypothesis-profile=hunt", f"--hypothesis-seed={seed}", *files, *args.pytest_args]  # fmt: skip
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"seed {seed}: {last}", flush=True)
        if done.returncode != 0:
            failed.append((seed, " ".join(command[1:])))
    print()
    if not failed:
        print(f"No failure in {args.seeds} seeds.")
        return 0
    print("Failed; repeat with:")
    for seed, command in failed:
        print(f"  seed {seed}: .venv/bin/python {command}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

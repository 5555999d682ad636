"""Run every benchmark and print each figure beside its bound: ``.venv/bin/python benchmarks/run.py``.

Each ``benchmarks/bench_*.py`` module exposes ``run() -> list[tuple[name, measured,
bound, unit]]``. Add a module to add figures; ``run.py bench_engine`` runs only
the modules named. Exits 1 when a figure is over its bound.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover(names: list[str]) -> list[str]:
    found = sorted(p.stem for p in HERE.glob("bench_*.py"))
    return [n for n in found if not names or n in names or n.removeprefix("bench_") in names]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    over = 0
    for module_name in discover(list(sys.argv[1:] if argv is None else argv)):
        print(f"{module_name}:")
        module = importlib.import_module(module_name)
        for name, measured, bound, unit in module.run():
            verdict = "OK" if measured <= bound else "OVER"
            over += verdict == "OVER"
            print(f"  {name:<58} {measured:>10.1f} {unit:<3} (bound {bound:g} {unit})  {verdict}", flush=True)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

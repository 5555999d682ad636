"""Plan workbook speed: export and import of a 10,000-facility plan."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synthetic import synthetic_plan

from reeplanner.formats.workbook_reader import read_workbook
from reeplanner.formats.workbook_writer import write_workbook

N_FACILITIES = 10_000
EXPORT_BOUND_S = 3.0
IMPORT_BOUND_S = 2.0


def _best_of(action, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[tuple[str, float, float, str]]:
    plan = synthetic_plan(N_FACILITIES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        export_s = _best_of(lambda: write_workbook(plan, path), 2)
        back, _ = read_workbook(path)
        assert back == plan, "the big plan did not come back equal"
        import_s = _best_of(lambda: read_workbook(path), 3)
    return [
        (f"workbook export, {N_FACILITIES:,} facilities", export_s, EXPORT_BOUND_S, "s"),
        (f"workbook import, {N_FACILITIES:,} facilities", import_s, IMPORT_BOUND_S, "s"),
    ]

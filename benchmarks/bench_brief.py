"""Leadership brief speed: ``write_brief`` of 1,000- and 10,000-facility plans (every scenario).

Schedule risk is most of the work (its draws, fewer on a large plan:
``schedule_risk.brief_draws``), then the timeline and openpyxl's save. The
best of two runs: the first also imports the engine's and the brief's modules.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synthetic import synthetic_plan

from reeplanner.formats.brief import write_brief

BOUNDS_S = {1_000: 3.0, 10_000: 15.0}


def run() -> list[tuple[str, float, float, str]]:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for n, bound in BOUNDS_S.items():
            plan = synthetic_plan(n)
            best = float("inf")
            for _ in range(2):
                start = time.perf_counter()
                write_brief(plan, Path(folder) / f"brief-{n}.xlsx")
                best = min(best, time.perf_counter() - start)
            figures.append((f"brief, {n:,} facilities", best, bound, "s"))
    return figures

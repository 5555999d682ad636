"""Leadership brief speed: ``write_brief`` of 1,000- and 10,000-facility plans (every scenario).

The Timeline is most of the work: a facility row per facility and scenario
change, a cell per year (half a million cells at 10,000 facilities).
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
            start = time.perf_counter()
            write_brief(plan, Path(folder) / f"brief-{n}.xlsx")
            figures.append((f"brief, {n:,} facilities", time.perf_counter() - start, bound, "s"))
    return figures

"""Engine speed: every scenario of a synthetic plan recomputed, and .reeplan save/load of the big plan."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic import synthetic_plan

from reeplanner.engine import compute_all
from reeplanner.formats import reeplan

LAZY_TABLES = ("facilities", "capacity_by_facility", "timeline", "funding", "funding_summary")


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median CPU time of ``action`` in ms.

    CPU time of this process, not wall time: the work is single-threaded, and
    on a shared 2-core machine wall time mostly measures the neighbours.
    """
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def every_table(plan) -> None:
    for result in compute_all(plan).scenarios.values():
        for name in LAZY_TABLES:
            getattr(result, name)


def every_v2_figure(plan) -> None:
    """What the window and brief read of engine v2: facility output, floor exposure, coordination."""
    for result in compute_all(plan).scenarios.values():
        for name in ("price_floors", "coordination"):
            getattr(result, name)
        getattr(result.arrays, "facility_output")  # noqa: B009 - a lazy figure, read to compute it


def run() -> list[tuple[str, float, float, str]]:
    small, big = synthetic_plan(1_000), synthetic_plan(10_000)
    figures = [
        ("1,000 facilities x 5 scenarios x 30 years, compute_all", median_ms(lambda: compute_all(small), 31), 30, "ms"),
        ("10,000 facilities x 5 scenarios x 30 years, compute_all", median_ms(lambda: compute_all(big), 7), 300, "ms"),
        ("1,000 facilities, compute_all + every per-facility table", median_ms(lambda: every_table(small), 5), 300, "ms"),
        ("1,000 facilities, compute_all + every v2 figure", median_ms(lambda: every_v2_figure(small), 11), 30, "ms"),
        ("10,000 facilities, compute_all + every v2 figure", median_ms(lambda: every_v2_figure(big), 5), 300, "ms"),
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.reeplan"
        figures.append(
            ("10,000-facility plan, .reeplan save", median_ms(lambda: reeplan.save(big, path), 3), 1000, "ms")
        )
        figures.append(
            ("10,000-facility plan, .reeplan load", median_ms(lambda: reeplan.load(path), 3), 1000, "ms")
        )
    return figures

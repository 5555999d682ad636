"""Schedule risk and sensitivity: the US example's Monte Carlo, a 1,000-facility plan's, the Risk dock's
first figures and one tornado.

Engine figures are CPU time of this process (the work is single-threaded numpy); the 1,000-facility run
and the dock each run in a fresh process (``python benchmarks/bench_risk.py --child NAME`` prints one
JSON object), so their memory and imports are their own.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_engine import median_ms
from bench_gui import run_child

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLE = REPO / "examples" / "us-mine-to-magnet.reeplan"


def large_plan():
    """The 1,000-facility synthetic plan, its targets set at their risk-adjusted values (so that P(met)
    is neither 0 nor 1 and the drivers have work to do)."""
    from synthetic import synthetic_plan

    from reeplanner.engine import compute

    plan = synthetic_plan(1_000)
    values = compute(plan, plan.scenarios[0].id).targets.value
    plan.targets = [
        dataclasses.replace(t, threshold=float(v)) for t, v in zip(plan.targets, values, strict=True)
    ]
    return plan


def child_large() -> dict[str, float]:
    from reeplanner.engine.risk import schedule_risk

    plan = large_plan()
    started = time.perf_counter()
    cpu = time.process_time()
    result = schedule_risk(plan, draws=1_000)
    seconds = time.perf_counter() - started
    computed = sum(int(t.drivers.gain.notna().sum()) for s in result.scenarios.values() for t in s.targets)
    return {
        "wall_s": seconds,
        "cpu_s": time.process_time() - cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "scenarios": len(result.scenarios),
        "gains_computed": computed,
    }


def child_dock() -> dict[str, float]:
    """The Risk dock on the US example: from opening it (once the window has loaded its modules in the
    background after start-up, as it does while the user looks at the plan) to the first figures
    (1,000 draws) drawn, then after a scenario switch (median of 5)."""
    from PySide6.QtWidgets import QApplication

    from reeplanner.formats.files import read_plan
    from reeplanner.gui.document import PlanDocument
    from reeplanner.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(PlanDocument(read_plan(EXAMPLE)[0], EXAMPLE), restore_settings=False)
    window.show()
    window.show_plan_view()
    deadline = time.monotonic() + 60
    # Settled: the charts drawn, then the Risk dock's modules and pandas loaded in the background.
    settled = ("pyqtgraph", "reeplanner.gui.views.risk_dock", "pandas")
    while (
        any(name not in sys.modules for name in settled) or window.risk.loading or window._pandas_thread
    ) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)

    def first_figures(start_run) -> float:
        started = time.perf_counter()
        start_run()
        while True:
            app.processEvents()
            dock = window.risk.view
            if dock is not None and dock.risk is not None and dock.current:
                dock.repaint()
                return (time.perf_counter() - started) * 1000
            time.sleep(0.001)

    cold = first_figures(window.docks["risk"].raise_)
    dock = window.risk.view
    switches = []
    for scenario in ["PERMIT", "DELAY", "SURGE", "BAN", "BASE"]:
        dock.wait()
        switches.append(first_figures(lambda sid=scenario: window.document.set_scenario(sid)))
    window.finish_risk()
    return {"cold_ms": cold, "switch_ms": statistics.median(switches)}


def _child(name: str, folder: str) -> dict[str, float]:
    return run_child(__file__, name, folder)


def run() -> list[tuple[str, float, float, str]]:
    from reeplanner.engine.risk import schedule_risk
    from reeplanner.engine.sensitivity import sensitivity
    from reeplanner.formats.files import read_plan

    plan = read_plan(EXAMPLE)[0]
    us = median_ms(lambda: schedule_risk(plan, draws=10_000), 3)
    tornado = median_ms(lambda: sensitivity(plan, "BASE", "self_sufficiency:2030"), 5)
    with tempfile.TemporaryDirectory() as folder:
        large = _child("large", folder)
        dock = _child("dock", folder)
    return [
        ("US example, 10,000 draws, every scenario's targets and drivers", us / 1000, 2, "s"),
        ("1,000 facilities x 5 scenarios, 1,000 draws with drivers (CPU)", large["cpu_s"], 5, "s"),
        ("1,000 facilities x 5 scenarios, 1,000 draws: memory (RSS)", large["rss_mb"], 1024, "MB"),
        ("Risk dock, US example: first figures after a scenario switch", dock["switch_ms"], 500, "ms"),
        (
            "Risk dock, US example: first figures on opening it",
            dock["cold_ms"],
            500,
            "ms",
        ),
        ("US example: sensitivity tornado of one figure", tornado, 1000, "ms"),
    ]


CHILDREN = {"large": child_large, "dock": child_dock}

if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(CHILDREN[sys.argv[2]]()))
elif __name__ == "__main__":
    for row in run():
        print(row)

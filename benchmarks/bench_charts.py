"""Charts and canvas figures: an edit shown in every chart on show, the year slider, reading the
canvas's figures, and start-up with the charts against a bare window with one pyqtgraph plot.

Each figure is measured in a fresh process (``bench_gui.py --child NAME``); start-up runs the two
programs in turn, A B A B, and compares the medians.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

from bench_gui import EXAMPLE, HERE, _child, _env

START_PAIRS = 7


def _marks(command: list[str], folder: str) -> dict[str, tuple[float, float]]:
    """Each mark the program prints (``first-paint``, ``charts-drawn``): ms of wall-clock time since
    launch, and ms of the process's CPU time (steadier on a shared machine)."""
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=_env(folder), timeout=60)
    marks = {}
    for line in done.stdout.splitlines():
        name, *numbers = line.split()
        if name in ("first-paint", "charts-drawn"):
            marks[name] = ((float(numbers[0]) - started) * 1000, float(numbers[1]) * 1000)
    return marks


def start_up(folder: str) -> dict[str, float]:
    """Medians, in turn A B A B: the bare plot window painted; REE Planner's first paint; its charts
    painted with the US example's figures (wall ms and CPU ms each)."""
    app = [sys.executable, "-m", "reeplanner", "--benchmark-start", str(EXAMPLE)]
    plot = [sys.executable, str(HERE / "bare_plot_window.py")]
    runs: dict[str, list[float]] = {}
    _marks(plot, folder), _marks(app, folder)  # untimed: the first runs write any bytecode missing
    for _ in range(START_PAIRS):
        bare = _marks(plot, folder)["first-paint"]
        ours = _marks(app, folder)
        for key, (wall, cpu) in (
            ("bare", bare),
            ("first", ours["first-paint"]),
            ("charts", ours["charts-drawn"]),
        ):
            runs.setdefault(key, []).append(wall)
            runs.setdefault(key + "_cpu", []).append(cpu)
    return {key: statistics.median(values) for key, values in runs.items()}


def run() -> list[tuple[str, float, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        read = _child("canvas_read_10000", folder)
        edit = _child("chart_edit_1000", folder)
        big = _child("chart_edit_10000", folder)
        example = _child("year_slider_example", folder)
        slider = _child("year_slider_1000", folder)
        start = start_up(folder)
    return [
        ("10,000 facilities: canvas figures read for a year (CPU)", read["read_ms"], 10, "ms"),
        ("1,000 facilities: edit shown in every chart on show, median", edit["median_ms"], 50, "ms"),
        ("1,000 facilities: edit shown in every chart on show, p95", edit["p95_ms"], 100, "ms"),
        ("10,000 facilities: edit shown in every chart on show, median", big["median_ms"], 300, "ms"),
        ("US example: year slider, gap + flow + canvas, per frame", example["frame_ms"], 1000 / 30, "ms"),
        (
            "1,000 facilities: year slider, gap + flow + canvas, per frame",
            slider["frame_ms"],
            1000 / 30,
            "ms",
        ),
        ("start-up, bare window with one pyqtgraph plot, wall (median)", start["bare"], 10_000, "ms"),
        ("start-up, REE Planner first paint, US example, wall", start["first"], 10_000, "ms"),
        ("start-up, REE Planner charts drawn with figures, wall", start["charts"], 10_000, "ms"),
        ("start-up to charts drawn / bare plot window, wall", start["charts"] / start["bare"], 1.5, "x"),
        (
            "start-up to charts drawn / bare plot window, CPU",
            start["charts_cpu"] / start["bare_cpu"],
            1.5,
            "x",
        ),
        ("start-up to first paint / bare plot window, wall", start["first"] / start["bare"], 1.5, "x"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)

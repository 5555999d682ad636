"""The timeline and the scenario comparison: an edit shown in the timeline (1,000 facilities) and in
the comparison of 6 scenarios, and the timeline of 10,000 facilities scrolled and zoomed frame by
frame.

Each figure is measured in a fresh process (``bench_views.py --child NAME``), as ``bench_gui`` does.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time

from bench_gui import run_child
from synthetic import synthetic_plan

EDITS = 30


def _child(name: str, folder: str) -> dict[str, float]:
    return run_child(__file__, name, folder)


def _window_with(plan, view: str):
    """The window at 1400x900 with ``plan``, its figures, and dock ``view`` in front."""
    from PySide6.QtWidgets import QApplication

    from reeplanner.gui.document import PlanDocument
    from reeplanner.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(PlanDocument(plan), restore_settings=False)
    window.resize(1400, 900)
    window.show()
    window.show_plan_view()
    window.charts.build()
    window.charts.raise_chart(view)
    while window.document.results is None or window.document._worker is not None:
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    return app, window


def _edit_times(n_facilities: int, n_scenarios: int, view: str, runs: int) -> dict[str, float]:
    """ms from an edit (a facility's capacity, as Enter in a cell) until the docks on show, ``view``
    among them, are drawn with the recomputed figures and painted (``median_ms``); and the view's
    own part, its redraw with the new figures and its paint (``view_ms``)."""
    from PySide6.QtCore import QEventLoop

    from reeplanner.gui.commands import SetFieldCommand

    app, window = _window_with(synthetic_plan(n_facilities, n_scenarios), view)
    document = window.document
    shown = window.charts.chart(view)
    assert shown.isVisible()
    own: list[float] = []
    redraw = shown.redraw

    def timed_redraw() -> None:
        started = time.perf_counter()
        redraw()
        own.append((time.perf_counter() - started) * 1000)

    shown.redraw = timed_redraw
    totals, painted = [], []
    for i in range(runs + 1):
        drawn: list[bool] = []
        window.charts.drawn.connect(lambda drawn=drawn: drawn.append(True))
        value = 1000.0 + i
        started = time.perf_counter()
        document.push(
            SetFieldCommand(document, "facilities", i, "capacity", value, f"Set capacity to {value:,.0f}")
        )
        while not drawn:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        for chart in window.charts.charts.values():
            if chart.isVisible() and not chart.visibleRegion().isEmpty() and chart is not shown:
                chart.repaint()
        before_paint = time.perf_counter()
        shown.repaint()
        painted.append((time.perf_counter() - before_paint) * 1000)
        totals.append((time.perf_counter() - started) * 1000)
        window.charts.drawn.disconnect()
    document.undo_stack.setClean()
    window.close()
    view_ms = [redraw + paint for redraw, paint in zip(own[1:], painted[1:], strict=True)]
    return {"median_ms": statistics.median(totals[1:]), "view_ms": statistics.median(view_ms)}


def timeline_edit_1000() -> dict[str, float]:
    return _edit_times(1_000, 5, "timeline", EDITS)


def comparison_edit_6() -> dict[str, float]:
    return _edit_times(1_000, 6, "comparison", EDITS)


def timeline_frames_10000() -> dict[str, float]:
    """The timeline of 10,000 facilities: scrolled a page at a time, then zoomed in and out on the
    years; ms per frame from the change until the dock has painted it."""
    app, window = _window_with(synthetic_plan(10_000), "timeline")
    view = window.charts.chart("timeline")
    frames = []

    def frame(change) -> None:
        started = time.perf_counter()
        change()
        view.graphics.viewport().repaint()
        frames.append((time.perf_counter() - started) * 1000)

    page = max(1, int(view.rows_in_sight()))
    for step in range(40):
        frame(lambda step=step: view.scrollbar.setValue(step * page * 7))
    for _ in range(8):
        frame(lambda: view.zoom_years(1 / 1.5))
    for _ in range(8):
        frame(lambda: view.zoom_years(1.5))
    for step in range(20):
        frame(lambda step=step: view.box.translateBy(x=0.4 if step % 2 else -0.4))
    window.document.undo_stack.setClean()
    window.close()
    return {"worst_ms": max(frames), "median_ms": statistics.median(frames), "rows": float(len(view.rows))}


CHILDREN = {
    "timeline_edit_1000": timeline_edit_1000,
    "comparison_edit_6": comparison_edit_6,
    "timeline_frames_10000": timeline_frames_10000,
}


def run() -> list[tuple[str, float, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        timeline = _child("timeline_edit_1000", folder)
        comparison = _child("comparison_edit_6", folder)
        frames = _child("timeline_frames_10000", folder)
    return [
        (
            "1,000 facilities: timeline redrawn and painted after an edit, median",
            timeline["view_ms"],
            50,
            "ms",
        ),
        (
            "1,000 facilities: edit to timeline and charts shown (recompute too)",
            timeline["median_ms"],
            300,
            "ms",
        ),
        (
            "6 scenarios: comparison redrawn and painted after an edit, median",
            comparison["view_ms"],
            100,
            "ms",
        ),
        (
            "6 scenarios: edit to comparison and charts shown (recompute too)",
            comparison["median_ms"],
            300,
            "ms",
        ),
        ("10,000 facilities: timeline scroll and zoom, worst frame", frames["worst_ms"], 50, "ms"),
        ("10,000 facilities: timeline scroll and zoom, median frame", frames["median_ms"], 50, "ms"),
    ]


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(CHILDREN[sys.argv[2]]()))
elif __name__ == "__main__":
    for row in run():
        print(row)

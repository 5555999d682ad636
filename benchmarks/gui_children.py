"""The in-process parts of bench_gui, each run in its own process by ``bench_gui.py --child``."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from synthetic import synthetic_plan


def _window(plan=None):
    from PySide6.QtWidgets import QApplication

    from reeplanner.gui.document import PlanDocument
    from reeplanner.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(PlanDocument(plan) if plan is not None else None)
    window.resize(1400, 900)
    window.show()
    window.show_plan_view()
    app.processEvents()
    return app, window


def _paint(window) -> None:
    window.canvas.viewport().repaint()
    window.tables.current_page().view.viewport().repaint()


def edit() -> dict[str, float]:
    """Type a facility's capacity on a 1,000-facility plan, as a cell or the inspector hands it over.

    ``edit_ms``: from the typed text (parsed, checked by the edit rules, pushed) until canvas and
    table have repainted with the new value.
    ``results_ms``: from the push until the recomputed figures are in and painted (on a
    worker thread for a plan this size, so the window stays responsive meanwhile).
    """
    from reeplanner.gui.tables.cell_edits import cell_edit
    from reeplanner.model.schema import FACILITIES

    capacity = FACILITIES.column("capacity")
    plan = synthetic_plan(1_000)
    app, window = _window(plan)
    document = window.document
    while document.results is None:
        app.processEvents()
    arrived = []
    document.results_changed.connect(lambda: arrived.append(True))
    shown, computed = [], []
    for i in range(15):
        arrived.clear()
        value = 1000.0 + i
        started = time.perf_counter()
        document.push(cell_edit(document, FACILITIES, i, capacity, f"{value:,.0f}"))
        _paint(window)
        shown.append((time.perf_counter() - started) * 1000)
        while not arrived:
            app.processEvents()
        _paint(window)
        computed.append((time.perf_counter() - started) * 1000)
    document.undo_stack.setClean()
    window.close()
    return {"edit_ms": statistics.median(shown[1:]), "results_ms": statistics.median(computed[1:])}


def open_big() -> dict[str, float]:
    """File > Open of a 10,000-facility plan: time until shown with results, longest freeze, memory."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from reeplanner.formats import reeplan

    app, window = _window()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.reeplan"
        reeplan.save(synthetic_plan(10_000), path)
        # File > Open in a window that has settled: the engine, pyqtgraph and pandas, imported
        # after the first paint, are loaded (as they are seconds after start-up, when a user
        # picks a file).
        while (
            "reeplanner.engine" not in sys.modules
            or window._engine_thread is not None
            or "pandas" not in sys.modules  # loaded in the background once the charts are drawn
            or window._pandas_thread is not None
        ):
            app.processEvents()
        ticks: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(lambda: ticks.append(clock.elapsed()))
        heartbeat.start()
        started = time.perf_counter()
        window.files.open_path(path)
        scene = window.canvas.chain_scene
        while (
            window.document.path != path
            or window.document.results is None
            or window.background.busy
            or scene.settling  # the cards in sight made, with the results' figures
        ):
            app.processEvents()
        _paint(window)
        open_ms = (time.perf_counter() - started) * 1000
        while scene.building:  # the cards out of sight follow: freezes and memory count them too
            app.processEvents()
        heartbeat.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    rss_mb = _rss_mb()
    window.document.undo_stack.setClean()
    window.close()
    return {"open_ms": open_ms, "longest_freeze_ms": max(gaps, default=open_ms), "rss_mb": rss_mb}


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CHILDREN = {"edit": edit, "open": open_big}


def _drawn_after(app, window, action) -> float:
    """ms from ``action()`` until the charts on show are drawn with new figures and painted (the
    canvas and the tables take their figures on the way, as in the app)."""
    drawn: list[bool] = []
    window.charts.drawn.connect(lambda: drawn.append(True))
    from PySide6.QtCore import QEventLoop

    started = time.perf_counter()
    action()
    while not drawn:  # wait as the event loop does, leaving the interpreter to a worker thread
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    for chart in window.charts.charts.values():
        if chart.isVisible() and not chart.visibleRegion().isEmpty():
            chart.graphics.viewport().repaint()
    elapsed = (time.perf_counter() - started) * 1000
    window.charts.drawn.disconnect()
    return elapsed


def _chart_window(plan):
    app, window = _window(plan)
    window.charts.build()
    while window.document.results is None or window.document._worker is not None:
        app.processEvents()
    app.processEvents()
    return app, window


def chart_edit(n_facilities: int, runs: int) -> dict[str, float]:
    """Set a facility's capacity (as Enter in a cell does) on a plan of ``n_facilities``: ms until every
    chart on show has redrawn with the recomputed figures (the coalescing delays included)."""
    from reeplanner.gui.commands import SetFieldCommand

    app, window = _chart_window(synthetic_plan(n_facilities))
    document = window.document
    times = []
    for i in range(runs + 1):
        value = 1000.0 + i

        def edit(value=value, i=i) -> None:
            document.push(
                SetFieldCommand(document, "facilities", i, "capacity", value, f"Set capacity to {value:,.0f}")
            )

        times.append(_drawn_after(app, window, edit))
    document.undo_stack.setClean()
    window.close()
    times = sorted(times[1:])
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
    }


def chart_edit_1000() -> dict[str, float]:
    return chart_edit(1_000, 40)


def chart_edit_10000() -> dict[str, float]:
    return chart_edit(10_000, 9)


def year_slider(n_facilities: int | None) -> dict[str, float]:
    """Drag the year slider across the horizon with the gap and flow charts on show: ms per frame."""
    from reeplanner.formats import reeplan

    example = Path(__file__).resolve().parent.parent / "examples" / "us-mine-to-magnet.reeplan"
    plan = reeplan.load(example) if n_facilities is None else synthetic_plan(n_facilities)
    app, window = _chart_window(plan)
    window.docks["flow"].raise_()
    for _ in range(5):
        app.processEvents()
    assert window.charts.chart("gap").isVisible() and window.charts.chart("flow").isVisible()
    slider = window.scenario_year.year_slider
    times = []
    years = list(plan.years)
    sequence = years + years[-2::-1]
    sequence = [y for i, y in enumerate(sequence) if y != (sequence[i - 1] if i else window.document.year)]
    for year in sequence:
        times.append(_drawn_after(app, window, lambda year=year: slider.setValue(year)))
    window.close()
    return {"frame_ms": statistics.median(times[2:])}


def year_slider_example() -> dict[str, float]:
    return year_slider(None)


def year_slider_1000() -> dict[str, float]:
    return year_slider(1_000)


def canvas_read_10000() -> dict[str, float]:
    """Reading the canvas's figures of a 10,000-facility plan for a year from fresh results (the
    first read after a recompute, which also lays out facility output and 'starved of feed')."""
    from reeplanner.engine import compute_all
    from reeplanner.gui.canvas.canvas_figures import canvas_figures

    plan = synthetic_plan(10_000)
    results = [compute_all(plan).scenario("BASE") for _ in range(7)]
    times = []
    for result in results:
        started = time.process_time()
        canvas_figures(result, 2030, [m.id for m in plan.materials])
        times.append((time.process_time() - started) * 1000)
    return {"read_ms": statistics.median(times)}


CHILDREN.update(
    {
        "chart_edit_1000": chart_edit_1000,
        "chart_edit_10000": chart_edit_10000,
        "year_slider_example": year_slider_example,
        "year_slider_1000": year_slider_1000,
        "canvas_read_10000": canvas_read_10000,
    }
)

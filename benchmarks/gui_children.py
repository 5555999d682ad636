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
        # File > Open in a window that has settled: the engine, imported after the first
        # paint, is loaded (as it is seconds after start-up, when a user picks a file).
        while "reeplanner.engine" not in sys.modules or window._engine_thread is not None:
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

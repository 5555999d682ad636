"""When the canvas reads new figures: at once, or for a large plan a table per turn of the event loop.

The engine lays out its per-facility tables (``facilities``,
``capacity_by_facility``) the first time they are read; for 10,000 facilities
that takes tens of milliseconds each. Read one per turn, the window keeps
answering while new results come in. Nothing is read again for the results,
year, currency and materials already on show (opening a plan announces the
scenario and the year as well as the plan).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reeplanner.gui.canvas.canvas_figures import CanvasFigures, canvas_figures

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioResult

STAGED_FACILITIES = 3000  # from this many facilities on, a table per turn

Source = tuple["ScenarioResult | None", int, str, tuple[str, ...]]  # result, year, currency, materials


class FigureReader(QObject):
    def __init__(self, show: Callable[[CanvasFigures, Source], None], parent: QObject | None = None) -> None:
        """``show(figures, source)`` puts figures read from ``source`` on the canvas."""
        super().__init__(parent)
        self._show = show
        self._source: Source | None = None  # what the figures on show (or being read) come from
        self._steps: list[Callable[[], object]] | None = None  # tables still to read
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    @property
    def reading(self) -> bool:
        return self._steps is not None

    def read(self, source: Source, facilities: int) -> None:
        """Show the figures of ``source`` (for a plan of ``facilities`` facilities), unless on show."""
        if self._source is not None and all(
            a is b or a == b for a, b in zip(source, self._source, strict=True)
        ):
            return
        self._source = source
        self._timer.stop()
        result = source[0]
        if result is not None and facilities >= STAGED_FACILITIES:
            self._steps = [lambda: result.facilities, lambda: result.capacity_by_facility]
            self._timer.start(0)
        else:
            self._finish()

    def forget(self) -> None:
        """Read again next time, even the same source (the canvas was rebuilt, the plan's settings changed)."""
        self._source = None

    def finish(self) -> None:
        """Show the figures being read, now."""
        if self._steps is not None:
            self._timer.stop()
            self._finish()

    def _step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
            self._timer.start(0)
        else:
            self._finish()

    def _finish(self) -> None:
        self._steps = None
        if self._source is not None:
            result, year, _currency, materials = self._source
            self._show(canvas_figures(result, year, materials), self._source)

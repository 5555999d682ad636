"""When the canvas reads new figures: once per results, year, scenario, currency and materials.

Reading is a few slices of the engine's arrays for the year (``canvas_figures``), a few
milliseconds even for 10,000 facilities, so it happens at once, on the GUI thread. Nothing is read
again for the source already on show (opening a plan announces the scenario and the year as well
as the plan).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reeplanner.gui.canvas.canvas_figures import CanvasFigures, canvas_figures

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioResult

Source = tuple["ScenarioResult | None", int, str, tuple[str, ...]]  # result, year, currency, materials


class FigureReader(QObject):
    def __init__(self, show: Callable[[CanvasFigures, Source], None], parent: QObject | None = None) -> None:
        """``show(figures, source)`` puts figures read from ``source`` on the canvas."""
        super().__init__(parent)
        self._show = show
        self._source: Source | None = None  # what the figures on show come from

    @property
    def reading(self) -> bool:
        """Figures are never read in steps any more; kept for the scene's ``settling``."""
        return False

    def read(self, source: Source, facilities: int) -> None:
        """Show the figures of ``source`` (for a plan of ``facilities`` facilities), unless on show."""
        del facilities  # reading no longer depends on the plan's size
        if self._source is not None and all(
            a is b or a == b for a, b in zip(source, self._source, strict=True)
        ):
            return
        self._source = source
        result, year, _currency, materials = source
        self._show(canvas_figures(result, year, materials), source)

    def forget(self) -> None:
        """Read again next time, even the same source (the canvas was rebuilt, the plan's settings changed)."""
        self._source = None

    def finish(self) -> None:
        """Nothing to finish: figures are read at once."""

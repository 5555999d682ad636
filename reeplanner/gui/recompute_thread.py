"""Validation and the engine run for a snapshot of the plan, on a worker thread.

Large plans recompute here after an edit so that typing and dragging stay
smooth; the document shows the results only if no later edit has happened
meanwhile (``generation``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from reeplanner.gui.document import compute_figures
from reeplanner.model.plan import Plan


class RecomputeThread(QThread):
    computed = Signal(object, int)  # PlanFigures, generation

    def __init__(self, plan: Plan, generation: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._generation = generation

    def run(self) -> None:
        self.computed.emit(compute_figures(self._plan), self._generation)

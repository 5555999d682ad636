"""Validation and the engine run for a snapshot of the plan, on a worker thread.

Large plans recompute here after an edit so that typing and dragging stay
smooth; the document shows the results only if no later edit has happened
meanwhile (``generation``). The figures are sent as soon as they are computed,
then again with the validation's problems (checking 10,000 facilities takes as
long as computing them): the canvas and charts do not wait for the check.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from reeplanner.gui.document import PlanFigures, compute_results
from reeplanner.model.plan import Plan
from reeplanner.model.validation import validate


class RecomputeThread(QThread):
    computed = Signal(object, int)  # PlanFigures, generation

    def __init__(self, plan: Plan, generation: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._generation = generation

    def run(self) -> None:
        results = compute_results(self._plan)
        self.computed.emit(PlanFigures(None, results), self._generation)  # problems: not checked yet
        self.computed.emit(PlanFigures(validate(self._plan), results), self._generation)

"""Validation and the engine run for a snapshot of the plan, on a worker thread.

Large plans recompute here after an edit so that typing and dragging stay
smooth; the document shows the results only if no later edit has happened
meanwhile (``generation``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError
from reeplanner.model.validation import validate


class RecomputeThread(QThread):
    computed = Signal(object, object, int)  # problems, PlanResult or None (plan has errors), generation

    def __init__(self, plan: Plan, generation: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._generation = generation

    def run(self) -> None:
        from reeplanner.engine import compute_all

        problems = validate(self._plan)
        try:
            results = compute_all(self._plan)
        except PlanError:
            results = None
        self.computed.emit(problems, results, self._generation)

"""The open plan: the plan, its file, its undo stack and the latest engine results.

Views read ``plan`` and ``results`` and change the plan only by pushing
commands (``push``). After a burst of commands the document recomputes once
(a zero-delay single-shot timer, so a paste of 300 cells costs one engine
run) and emits ``results_changed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reeplanner.model.horizon import laid_out_years
from reeplanner.model.ids import id_key
from reeplanner.model.new_rows import RowContext
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.validation import validate

if TYPE_CHECKING:
    from reeplanner.engine import PlanResult
    from reeplanner.gui.recompute_thread import RecomputeThread

#: From this many facilities on, the recompute after an edit or an open runs on a worker thread
#: (validation and the engine take tens of milliseconds and more), so the window stays responsive.
BACKGROUND_RECOMPUTE_FACILITIES = 300
#: Tables whose rows name a facility, and the column that does: a new row defaults from it.
_FACILITY_COLUMN = {
    "links": "from_facility",
    "funding": "facility",
    "composition": "facility",
    "price_floors": "facility",
}


@dataclass(frozen=True)
class PlanFigures:
    """What validation and the engine make of one plan; ``results`` is None when it has errors;
    ``problems`` None when the plan was not checked yet (the earlier problems stay on show)."""

    problems: list[Problem] | None
    results: PlanResult | None


def compute_figures(plan: Plan) -> PlanFigures:
    """Validate and run the engine for every scenario; Qt-free, so a worker thread can call it."""
    problems = validate(plan)
    if any(p.is_error for p in problems):
        return PlanFigures(problems, None)  # the engine takes only plans validation accepts
    # On a snapshot: results work some figures out when first read (``engine.results``), and edits
    # replace the records of the document's plan; an edit made since (one with errors, whose
    # figures wait) must not reach them (a price floor's Material typed as 'committed' did).
    return PlanFigures(problems, compute_results(plan.copy()))


def compute_results(plan: Plan) -> PlanResult | None:
    """Every scenario's figures, or None when the plan has errors that stop the engine."""
    from reeplanner.engine import compute_all  # numpy: not needed for the first paint

    try:
        return compute_all(plan)
    except PlanError:
        return None


class PlanDocument(QObject):
    plan_changed = Signal(str)  # table attribute, "plan" for settings, "*" for everything
    results_changed = Signal()
    path_changed = Signal()
    scenario_changed = Signal(str)
    year_changed = Signal(int)
    selection_changed = Signal(str, list)  # table attribute, row indexes
    notice_posted = Signal(str)  # what an edit did beside what was asked, or why it was refused

    def __init__(
        self,
        plan: Plan | None = None,
        path: str | Path | None = None,
        parent: QObject | None = None,
        *,
        compute: bool = True,
    ) -> None:
        """``compute=False`` leaves ``results`` at None until ``recompute`` (the window's start-up
        paints first and loads the engine, numpy and pandas, after)."""
        super().__init__(parent)
        self._plan = plan if plan is not None else Plan()
        self._path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.results: PlanResult | None = None
        self._valid_results: PlanResult | None = None  # the latest figures of a plan without errors
        #: True when the latest run could not compute the plan as it is (it has errors): ``results``
        #: are then an earlier plan's, or None.
        self.results_out_of_date = False
        self.problems: list[Problem] = []
        #: Counts changes of ``problems`` (an equal list from a later run does not count), so views
        #: rebuild their problem marks only when there is something new to show.
        self.problems_generation = 0
        self._scenario_id = self._plan.base_scenario_id
        self._year = self._default_year()
        self._selection: tuple[str, list[int]] = ("", [])
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(0)
        self._recompute_timer.timeout.connect(self._on_recompute_due)
        self._generation = 0  # counts plan changes; a worker's results for an older one are dropped
        self._worker: RecomputeThread | None = None
        self._again = False
        # A bound method, not a lambda: Qt drops the connection when the document is destroyed.
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        if compute:
            self.recompute()

    # -- the plan ---------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self._plan

    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` and put it on the undo stack."""
        self.undo_stack.push(command)

    def notify_changed(self, table: str) -> None:
        """Called by commands after they changed ``table``."""
        self._generation += 1
        self.plan_changed.emit(table)
        self._recompute_timer.start()

    def set_plan_silently(self, plan: Plan) -> None:
        """Swap the plan without a command (used by ``ReplacePlanCommand`` and opening)."""
        self._plan = plan
        if id_key(self._scenario_id) not in {id_key(s.id) for s in plan.scenarios}:
            self._scenario_id = plan.base_scenario_id
        if self._year not in plan.years:
            self._year = self._default_year()

    def load(
        self,
        plan: Plan,
        path: str | Path | None = None,
        *,
        compute: bool = True,
        figures: PlanFigures | None = None,
    ) -> None:
        """Show another plan (New, Open, Revert): a fresh undo history, its Base scenario, its year.

        Results follow at once; with ``compute=False`` they stay None until ``recompute``.
        ``figures`` are the plan's, computed already (by the worker that read the file).
        """
        self.undo_stack.clear()
        self.results = figures.results if figures else None
        self._valid_results = self.results  # compute_figures leaves out a plan with errors
        self.results_out_of_date = figures is not None and figures.results is None
        self._set_problems(figures.problems if figures else [])
        self._plan = plan
        self._path = Path(path) if path else None
        self._scenario_id = plan.base_scenario_id
        self._year = self._default_year()
        self._selection = ("", [])
        self.plan_changed.emit("*")
        self.scenario_changed.emit(self._scenario_id)
        self.year_changed.emit(self._year)
        self.selection_changed.emit("", [])
        self.path_changed.emit()
        self._generation += 1
        if figures is not None:
            self._recompute_timer.stop()
            self.results_changed.emit()
        elif compute and self._in_background():
            self._on_recompute_due()
        elif compute:
            self.recompute()

    # -- file state -------------------------------------------------------

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self.path_changed.emit()

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: str | Path | None) -> None:
        self._path = Path(path) if path else None
        self.path_changed.emit()

    @property
    def modified(self) -> bool:
        """Unsaved changes: the undo stack is away from its clean state."""
        return not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else self._plan.name or "Untitled"

    # -- what the window looks at -----------------------------------------

    @property
    def scenario_id(self) -> str:
        return self._scenario_id

    def set_scenario(self, scenario_id: str) -> None:
        if scenario_id != self._scenario_id:
            self._scenario_id = scenario_id
            self.scenario_changed.emit(scenario_id)

    @property
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        if year != self._year:
            self._year = year
            self.year_changed.emit(year)

    @property
    def selection(self) -> tuple[str, list[int]]:
        """The selected rows: (table attribute, row indexes); ("", []) for none."""
        return self._selection

    def set_selection(self, table: str, indexes: list[int]) -> None:
        """Select rows of one table; the canvas, tables and inspector follow."""
        selection = (table, sorted(set(indexes)))
        if selection != self._selection:
            self._selection = selection
            self.selection_changed.emit(table, selection[1])

    def row_context(self) -> RowContext:
        """What a new row defaults from: the scenario on show, and the selected facility (or the one
        the selected link, funding line, composition row or price floor names)."""
        table, rows = self._selection
        facility: int | None = None
        if table == "facilities" and rows:
            facility = rows[0]
        elif table in _FACILITY_COLUMN and rows and rows[0] < len(getattr(self._plan, table)):
            wanted = id_key(getattr(getattr(self._plan, table)[rows[0]], _FACILITY_COLUMN[table]))
            facility = next((i for i, f in enumerate(self._plan.facilities) if id_key(f.id) == wanted), None)
        return RowContext(self._scenario_id, facility)

    def post_notes(self, notes: list[str]) -> None:
        """Tell the window what an edit did beside what was asked ("Material cleared...")."""
        if notes:
            self.notice_posted.emit(" ".join(notes))

    def scenario_result(self):
        """The results of the scenario on show, or None before the first run."""
        if self.results is None or not self.results.scenarios:
            return None
        try:
            return self.results.scenario(self._scenario_id)
        except KeyError:
            return next(iter(self.results.scenarios.values()))

    # -- results ----------------------------------------------------------

    def recompute(self) -> None:
        """Validate and run the engine for every scenario, then tell the views."""
        self._recompute_timer.stop()
        self._generation += 1  # fresher than anything a worker is computing
        self._show_figures(compute_figures(self._plan))

    def accept_figures(self, figures: PlanFigures) -> None:
        """Show ``figures``, computed elsewhere for the plan as it is now, instead of recomputing."""
        self._recompute_timer.stop()
        self._generation += 1  # a worker still computing an earlier plan is dropped
        self._show_figures(figures)

    def _set_problems(self, problems: list[Problem]) -> None:
        if problems != self.problems:
            self.problems = problems
            self.problems_generation += 1

    def _show_figures(self, figures: PlanFigures) -> None:
        """Show a run's figures. A plan validation refuses never shows figures of its own: the last
        figures of a valid plan stay, marked out of date (a worker sends a large plan's figures
        before its problems, so they are taken back if the problems hold an error)."""
        if figures.problems is not None:
            self._set_problems(figures.problems)
            if any(p.is_error for p in figures.problems):
                self.results = self._valid_results
                self.results_out_of_date = True
                self.results_changed.emit()
                return
            if figures.results is not None:
                self._valid_results = figures.results
        self.results_out_of_date = figures.results is None
        if figures.results is not None:  # else the last results stay; the problems panel says why
            self.results = figures.results
        self.results_changed.emit()

    def recompute_soon(self) -> None:
        """Recompute as after an edit (next turn of the event loop; on a worker for a large plan),
        unless a run is already due or under way."""
        if self._worker is None and not self._recompute_timer.isActive():
            self._recompute_timer.start()

    def finish_recompute(self) -> None:
        """Wait until no worker recompute runs (the window is closing); its results still arrive."""
        while self._worker is not None:
            worker, self._worker = self._worker, None
            worker.wait()
            worker.deleteLater()
            if self._again:
                self._again = False
                self._start_worker()

    def _in_background(self) -> bool:
        return len(self._plan.facilities) >= BACKGROUND_RECOMPUTE_FACILITIES

    def _on_recompute_due(self) -> None:
        if not self._in_background():
            self.recompute()
        elif self._worker is not None:
            self._again = True  # one more run when the current one ends
        else:
            self._start_worker()

    def _start_worker(self) -> None:
        from reeplanner.gui.recompute_thread import RecomputeThread

        self._worker = RecomputeThread(self._plan.copy(), self._generation)
        self._worker.computed.connect(self._on_worker_computed)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.start()

    def _on_worker_computed(self, figures: PlanFigures, generation: int) -> None:
        if generation != self._generation:
            return  # the plan changed meanwhile; the next run brings its results
        self._show_figures(figures)

    def _on_worker_finished(self) -> None:
        if self._worker is not None:
            self._worker.deleteLater()
            self._worker = None
        if self._again:
            self._again = False
            self._start_worker()

    def _default_year(self) -> int:
        return default_year(self._plan)


def default_year(plan: Plan) -> int:
    """The year a plan opens on: 2028 (the targets' year of the examples), held within its horizon."""
    years = laid_out_years(plan)  # a damaged file's horizon may run over millions of years
    return min(max(2028, years.start), years.stop - 1) if len(years) else 2028

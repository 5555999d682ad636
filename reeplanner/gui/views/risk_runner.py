"""Schedule risk and the sensitivity tornado, run off the GUI thread for the Risk dock.

A run draws 1,000 schedules first (a result on screen within a blink), then
10,000 (engine.md's default); each stage's figures arrive as ``computed``.
Requests come in bursts (typing in a table): ``request`` waits for the burst
to end (a scenario switch starts at once), tells a run under way to stop at
its next chunk of draws, and starts one run for the plan as it is then.
Results of a plan that has changed since are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError

#: Draws of the quick first result, then of the full one.
STAGES = (1_000, 10_000)
SEED = 0
#: How long a burst of edits may pause before the run starts.
SETTLE_MS = 250


class RunStopped(Exception):
    """Raised from the engine's progress callback to stop a run that is no longer wanted."""


@dataclass(frozen=True)
class RiskJob:
    plan: Plan  # a snapshot: the run never sees later edits
    scenario_id: str
    figure: str  # the headline figure of the tornado ("" for none)
    with_risk: bool
    generation: int


@dataclass
class RiskOutcome:
    """One stage's figures: ``risk`` (a ``ScenarioRisk``) and ``tornado`` may be None when not asked for."""

    job: RiskJob
    draws: int = 0
    risk: object | None = None  # None: not in this outcome (a tornado's)
    tornado: object | None = None  # None: not in this outcome, or a figure the plan no longer has
    error: str = ""
    final: bool = False


class RiskThread(QThread):
    computed = Signal(object)  # RiskOutcome
    progressed = Signal(float, int)  # share done of the current stage, its draws

    def __init__(self, job: RiskJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.stop_requested = False

    def run(self) -> None:
        """Risk from 1,000 draws first, then the tornado (its own figures stay until then), then 10,000."""
        job = self.job
        try:
            if not job.with_risk:
                self.computed.emit(RiskOutcome(job, tornado=self._tornado(), final=True))
                return
            from reeplanner.engine.risk import schedule_risk

            for stage, draws in enumerate(STAGES):
                risk = schedule_risk(
                    job.plan, [job.scenario_id], draws=draws, seed=SEED, progress=self._progress_of(draws)
                )
                final = stage == len(STAGES) - 1
                self.computed.emit(RiskOutcome(job, draws, next(iter(risk.scenarios.values())), final=final))
                if stage == 0 and job.figure:
                    self.computed.emit(RiskOutcome(job, tornado=self._tornado()))
        except RunStopped:
            return
        except PlanError as exc:
            self.computed.emit(RiskOutcome(job, error=str(exc), final=True))
        except ValueError as exc:  # a figure the plan does not have
            self.computed.emit(RiskOutcome(job, error=str(exc), final=True))

    def _tornado(self):
        from reeplanner.engine.sensitivity import FigureError, sensitivity

        try:
            return sensitivity(self.job.plan, self.job.scenario_id, self.job.figure)
        except FigureError:
            return None  # a figure of a target just deleted: the dock picks another

    def _progress_of(self, draws: int) -> Callable[[float], None]:
        def progress(share: float) -> None:
            if self.stop_requested:
                raise RunStopped
            self.progressed.emit(share, draws)

        return progress


class RiskRunner(QObject):
    """Runs requests off the GUI thread; the latest request wins, earlier runs stop at their next chunk."""

    started = Signal()
    computed = Signal(object)  # RiskOutcome of the latest request
    progressed = Signal(float, int)
    stopped = Signal()  # the user cancelled; the figures on show are the last ones

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_pending)
        self._pending: RiskJob | None = None
        self._current: RiskThread | None = None
        self._threads: set[RiskThread] = set()  # the current run and earlier ones winding down
        self._generation = 0

    @property
    def running(self) -> bool:
        """A run for the latest request is under way or waiting to start."""
        return self._current is not None or self._pending is not None

    def request(
        self, plan: Plan, scenario_id: str, figure: str, *, with_risk: bool = True, delay_ms: int = 0
    ) -> None:
        """Run for ``plan`` (copied now) after ``delay_ms`` without another request."""
        self._generation += 1
        unfinished = self._pending or (self._current.job if self._current is not None else None)
        if unfinished is not None and unfinished.with_risk:
            with_risk = True  # a figure change must not drop a risk run waiting or under way
        self._pending = RiskJob(plan.copy(), scenario_id, figure, with_risk, self._generation)
        self._stop_runs()
        if delay_ms == 0:
            self._timer.stop()
            self._start_pending()  # now: the window's own redraw then runs beside the draws
        else:
            self._timer.start(delay_ms)

    def cancel(self) -> None:
        """Stop the run under way and forget the pending one."""
        self._timer.stop()
        self._pending = None
        self._generation += 1
        self._stop_runs()
        self.stopped.emit()

    def wait(self) -> None:
        """Stop every run and block until they have ended (the window is closing)."""
        self._timer.stop()
        self._pending = None
        self._stop_runs()
        for thread in list(self._threads):
            thread.wait()

    def _stop_runs(self) -> None:
        for thread in self._threads:
            thread.stop_requested = True
        self._current = None

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        job, self._pending = self._pending, None
        thread = RiskThread(job, self)
        thread.computed.connect(self._on_computed)
        thread.progressed.connect(self._on_progressed)
        thread.finished.connect(lambda: self._on_finished(thread))
        self._current = thread
        self._threads.add(thread)
        self.started.emit()
        thread.start()

    def _on_computed(self, outcome: RiskOutcome) -> None:
        if outcome.job.generation == self._generation:
            self.computed.emit(outcome)

    def _on_progressed(self, share: float, draws: int) -> None:
        if self._current is not None and self._current.job.generation == self._generation:
            self.progressed.emit(share, draws)

    def _on_finished(self, thread: RiskThread) -> None:
        self._threads.discard(thread)
        if thread is self._current:
            self._current = None
        thread.deleteLater()

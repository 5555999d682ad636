"""The Risk dock: the odds that each target is met under schedule risk, what drives them, and how far
a headline figure moves with each assumption (engine.md, "Schedule risk" and "Sensitivity").

Four charts side by side: the fan of domestic magnet output, P(met) per target
with its P80 year, the drivers of the selected target (a click selects the
project), and the sensitivity tornado of the selected headline figure. The
figures are drawn off the GUI thread (``RiskRunner``) for the window's
scenario: 1,000 draws first, then 10,000, with progress and Cancel. After an
edit the last figures stay on screen, dimmed, until the new ones arrive.
The dock works only while it is on screen (``set_shown``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reeplanner.gui.document import PlanDocument
from reeplanner.gui.views.risk_bar_charts import DriversChart, PMetChart, SensitivityChart
from reeplanner.gui.views.risk_fan_chart import RiskFanChart
from reeplanner.gui.views.risk_runner import SETTLE_MS, STAGES, RiskOutcome, RiskRunner
from reeplanner.model.enums import Metric
from reeplanner.model.ids import id_key

DIMMED = 0.4
#: Wider than this times its height, the dock shows its four charts in a row.
WIDE = 2.4
TOP_DRIVERS = 10


class RiskDock(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        """The first run starts when the dock is shown, once its charts are made: begun while they
        were being made, it slowed them and itself (one interpreter), and the first figures took
        300-560 ms instead of ~200."""
        super().__init__(parent)
        self.setObjectName("risk-dock")
        self.document = document
        self.runner = RiskRunner(self)
        self.risk = None  # ScenarioRisk on show
        self.tornado = None
        self.draws = 0
        self.target_id = ""
        self.current = False  # the figures on show are those of the plan as it is
        self._stale = True  # the plan changed while the dock was out of sight
        self._shown = False
        self.status = QLabel("Schedule risk: shown once the dock is open.")
        self.status.setObjectName("risk-status")
        self.progress = QProgressBar()
        self.progress.setObjectName("risk-progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("risk-cancel")
        self.cancel_button.setEnabled(False)
        self.target_box = QComboBox()
        self.target_box.setObjectName("risk-target")
        self.target_box.setToolTip("The target whose drivers are shown")
        self.figure_box = QComboBox()
        self.figure_box.setObjectName("risk-figure")
        self.figure_box.setToolTip("The headline figure whose sensitivity is shown")
        self._fill_boxes()
        self.runner.started.connect(self._on_runner_started)
        self.fan = RiskFanChart()
        self.pmet = PMetChart()
        self.drivers = DriversChart()
        self.sensitivity = SensitivityChart()
        self.drivers.controls.addWidget(self.target_box)
        self.sensitivity.controls.addWidget(self.figure_box)
        self.charts = QWidget()
        self.charts.setObjectName("risk-charts")
        self.grid = QGridLayout(self.charts)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self._arrange(4)
        self.dimmer = QGraphicsOpacityEffect(self.charts)
        self.dimmer.setOpacity(DIMMED)
        self.dimmer.setEnabled(False)
        self.charts.setGraphicsEffect(self.dimmer)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.charts, 1)
        self._connect()

    def _connect(self) -> None:
        doc = self.document
        doc.plan_changed.connect(self._on_document_plan_changed)
        doc.scenario_changed.connect(lambda _sid: self.refresh())
        doc.year_changed.connect(self._on_document_year_changed)
        doc.results_changed.connect(self._draw_fan)
        self.runner.computed.connect(self._on_runner_computed)
        self.runner.progressed.connect(self._on_runner_progressed)
        self.runner.stopped.connect(self._on_runner_stopped)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.pmet.target_selected.connect(self.select_target)
        self.drivers.facility_selected.connect(self._on_driver_clicked)
        self.target_box.activated.connect(lambda i: self.select_target(self.target_box.itemData(i)))
        self.figure_box.activated.connect(lambda _i: self._run_tornado())

    # -- what starts a run ----------------------------------------------------

    def refresh(self, delay_ms: int = 0) -> None:
        """Draw the plan as it is now (after ``delay_ms`` without another change); later if hidden."""
        self._stale = True
        self._dim(True)
        if self._shown:
            self._stale = False
            self.runner.request(
                self.document.plan, self.document.scenario_id, self.figure(), delay_ms=delay_ms
            )

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        size = event.size()
        self._arrange(4 if size.width() >= WIDE * size.height() else 2)

    def _arrange(self, columns: int) -> None:
        """The four charts in one row in a wide dock, two by two in a tall one."""
        if columns == self.columns:
            return
        self.columns = columns
        for i, chart in enumerate((self.fan, self.pmet, self.drivers, self.sensitivity)):
            self.grid.addWidget(chart, i // columns, i % columns)
        for row in range(4):
            self.grid.setRowStretch(row, 1 if row < 4 // columns else 0)
        for column in range(4):  # the tornado's labels are long: it gets a little more room
            self.grid.setColumnStretch(column, (5 if column == columns - 1 else 4) if column < columns else 0)

    def set_shown(self, shown: bool) -> None:
        """Whether the dock is on screen (a tab behind another is not): it works only then."""
        self._shown = shown
        if shown and self._stale:
            self.refresh()
        elif not shown and self.runner.running:
            self.runner.cancel()  # out of sight: no work; the run starts again when it is seen
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.set_shown(True)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.set_shown(False)

    def _on_document_plan_changed(self, table: str) -> None:
        if table in ("targets", "plan", "*"):
            self._fill_boxes()
        self.refresh(SETTLE_MS)

    def _on_document_year_changed(self, _year: int) -> None:
        year_figure = not self.figure().startswith("target:")
        self._fill_boxes()
        if year_figure:
            self._run_tornado()

    def _run_tornado(self) -> None:
        if self._shown:
            self.runner.request(self.document.plan, self.document.scenario_id, self.figure(), with_risk=False)
        else:
            self._stale = True

    def wait(self) -> None:
        """Stop and wait for a run under way (the window is closing)."""
        self.runner.wait()

    # -- selection -----------------------------------------------------------

    def figure(self) -> str:
        """The headline figure of the tornado, as ``engine.sensitivity`` reads it."""
        return self.figure_box.currentData() or ""

    def select_target(self, target_id: str) -> None:
        """Show the drivers of ``target_id`` and the tornado of its value."""
        if not target_id:
            return
        self.target_id = target_id
        self._fill_boxes()
        index = self.figure_box.findData(f"target:{target_id}")
        if index >= 0 and self.figure_box.currentIndex() != index:
            self.figure_box.setCurrentIndex(index)
            self._run_tornado()
        self._draw_risk()

    def _on_driver_clicked(self, facility_id: str) -> None:
        facilities = self.document.plan.facilities
        rows = [i for i, f in enumerate(facilities) if id_key(f.id) == id_key(facility_id)]
        if rows:
            self.document.set_selection("facilities", rows)

    def _fill_boxes(self) -> None:
        """Targets and headline figures of the plan (magnet output and self-sufficiency in the window's year)."""
        targets = [t.id for t in self.document.plan.targets]
        if id_key(self.target_id) not in {id_key(t) for t in targets}:
            self.target_id = targets[0] if targets else ""
        _refill(self.target_box, [(t, t) for t in targets], self.target_id)
        year = self.document.year
        figures = [(f"{t} (target's value)", f"target:{t}") for t in targets]
        figures += [(f"Domestic magnet output {year}", f"magnet_output:{year}")]
        figures += [(f"Self-sufficiency {year}", f"self_sufficiency:{year}")]
        wanted = self.figure() or (f"target:{self.target_id}" if self.target_id else f"magnet_output:{year}")
        if wanted.startswith(("magnet_output:", "self_sufficiency:")):
            wanted = f"{wanted.split(':')[0]}:{year}"
        _refill(self.figure_box, figures, wanted)

    # -- results -------------------------------------------------------------

    def _on_runner_started(self) -> None:
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()

    def _on_runner_progressed(self, share: float, draws: int) -> None:
        self.progress.setValue(round(100 * share))
        self.progress.setFormat(f"{draws:,} draws: %p%")

    def _on_runner_computed(self, outcome: RiskOutcome) -> None:
        if outcome.error:
            self.status.setText(f"The figures cannot be drawn: {outcome.error}. The last ones stay, dimmed.")
            self._finish_run()
            return
        if outcome.risk is None:  # the tornado of the figure asked for
            self.tornado = outcome.tornado
            self.sensitivity.show_tornado(self.tornado)
        else:
            self.risk, self.draws = outcome.risk, outcome.draws
            self.current = True
            self._dim(False)
            self._draw_risk()
        self._say_what_is_shown(running=not outcome.final)
        if outcome.final:
            self._finish_run()

    def _on_runner_stopped(self) -> None:
        self._finish_run()
        self._say_what_is_shown(running=False, stopped=True)

    def _finish_run(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _say_what_is_shown(self, running: bool, stopped: bool = False) -> None:
        if self.risk is None:
            self.status.setText("Schedule risk: stopped before the first figures." if stopped else "")
            return
        text = (
            f"Schedule risk of {self.risk.scenario_name}: {self.draws:,} draws of project schedules, seed 0"
        )
        if running:
            text += f"; {STAGES[-1]:,} draws on the way"
        elif stopped:
            text += "; stopped" + ("" if self.current else ": these figures are from before the last edit")
        self.status.setText(text)

    def _dim(self, dimmed: bool) -> None:
        if dimmed:
            self.current = False
        self.dimmer.setEnabled(dimmed and self.risk is not None)

    def _draw_risk(self) -> None:
        risk = self.risk
        if risk is None:
            return
        rows = [(t.target, t.p_met, t.p80_year) for t in risk.targets]
        self.pmet.show_targets(rows, self.target_id)
        chosen = next((t for t in risk.targets if id_key(t.target) == id_key(self.target_id)), None)
        if chosen is None:
            self.drivers.show_drivers([], "The plan has no targets.")
        else:
            why = "Met in every draw." if chosen.p_met == 1 else "No single project on time changes P(met)."
            self.drivers.show_drivers(chosen.top_drivers(TOP_DRIVERS), why)
        self._draw_fan()

    def _draw_fan(self) -> None:
        risk = self.risk
        result = self.document.scenario_result()
        deterministic = None
        if result is not None and risk is not None and id_key(result.scenario_id) == id_key(risk.scenario_id):
            deterministic = result.magnet.domestic_magnet_output.to_numpy()
        if risk is None:
            self.fan.show_figures([], {}, None, None)
            return
        bands = {
            name: risk.bands[f"domestic_magnet_output_{name}"].to_numpy() for name in ("p10", "p50", "p90")
        }
        self.fan.show_figures(risk.years, bands, deterministic, self._threshold())

    def _threshold(self) -> tuple[float, str] | None:
        """The selected target's threshold when it is magnet output, the fan's own figure."""
        plan = self.document.plan
        target = next((t for t in plan.targets if id_key(t.id) == id_key(self.target_id)), None)
        stages = sorted((s for s in plan.stages if id_key(s.id) != "recycle"), key=lambda s: s.order)
        if target is None or target.metric is not Metric.DOMESTIC_OUTPUT or not stages:
            return None
        if id_key(target.stage) != id_key(stages[-1].id):
            return None
        return target.threshold, f"target ≥ {target.threshold:,.0f}"


def _refill(box: QComboBox, items: list[tuple[str, str]], current: str) -> None:
    """Replace the box's items (text, data) without signals, keeping ``current`` selected if present."""
    box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)
    box.blockSignals(False)

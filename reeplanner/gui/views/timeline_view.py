"""The Timeline dock: a Gantt chart of every facility's permitting, construction, ramp-up and
operation in the scenario on show, grouped by stage, with the targets (met or missed), today and the
year on show; where the scenario moves a facility from the base scenario, the base bar is outlined.

Hover a bar for its dates; click it to select the facility everywhere; drag it sideways to move the
date that sets its schedule (Online, else Permitting start) by whole months, one undo step. The
wheel scrolls the rows, Ctrl+wheel zooms the years, Shift+wheel pans them; the filters keep a stage,
a status, or only what the scenario moves.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QWidget

from reeplanner.engine.facility_tables import to_date
from reeplanner.engine.overrides import STATUSES
from reeplanner.engine.schedule import Schedule, dating_field, differs, online_shift_months, schedule
from reeplanner.engine.targets import evaluate
from reeplanner.gui.charts.chart_base import ChartBase
from reeplanner.gui.charts.sufficiency_chart import today_time
from reeplanner.gui.commands import EditCommand
from reeplanner.gui.views import timeline_text
from reeplanner.gui.views.gantt_item import GanttItem
from reeplanner.gui.views.row_labels import LABEL_WIDTH, RowLabels
from reeplanner.gui.views.time_axis import TimeAxis
from reeplanner.gui.views.timeline_filters import TimelineFilters
from reeplanner.gui.views.timeline_header import TimelineHeader
from reeplanner.gui.views.timeline_rows import PHASES, TimelineRows, phases, timeline_rows
from reeplanner.gui.views.timeline_view_box import TimelineViewBox
from reeplanner.model.edits import EditRefused, prepare_edit
from reeplanner.model.ids import id_key

ROW_PX = 22  # a row's height on screen
TARGET_PICK_PX = 5  # how near a target's line a click or hover must be


class TimelineView(ChartBase):
    name = "timeline"
    title = "Timeline"

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.window = None
        self.setAutoFillBackground(True)  # a dock resized offscreen shows no stale pixels between rows
        self._add_controls()
        self.box = TimelineViewBox()
        self.plot = pg.PlotItem(viewBox=self.box, axisItems={"bottom": TimeAxis("bottom")})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.hideAxis("left")
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.plot.setLabel("bottom", "Year")
        self.labels = RowLabels(self.box, self.palette_)
        self.header = TimelineHeader(self.box, self.palette_, LABEL_WIDTH)
        self.graphics.addItem(self.header, row=0, col=0, colspan=2)
        self.graphics.addItem(self.labels, row=1, col=0)
        self.graphics.addItem(self.plot, row=1, col=1)
        self._style_plot(self.plot)
        self.gantt = GanttItem(self.palette_)
        self.plot.addItem(self.gantt)
        self.year_band = pg.LinearRegionItem(movable=False)
        self.year_band.setZValue(-20)
        self.plot.addItem(self.year_band)
        self.today_line = pg.InfiniteLine(angle=90, movable=False)
        self.today_line.setZValue(15)
        self.plot.addItem(self.today_line)
        self.target_lines: list[pg.InfiniteLine] = []
        self.target_rows: list[dict[str, object]] = []
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self.scrollbar.setObjectName("timeline-scrollbar")
        self._put_scrollbar_beside_graphics()
        self.schedule: Schedule | None = None
        self.base: Schedule | None = None
        self.rows = TimelineRows(np.zeros(0, int), np.zeros(0, int), [], np.zeros(0, int))
        self._horizon: tuple[float, float] | None = None
        self.gantt.bar_dropped.connect(self._on_gantt_bar_dropped)
        self.gantt.drag_refused.connect(self._on_gantt_drag_refused)
        self.box.sigResized.connect(lambda _box: self._fit_rows())
        self.box.sigYRangeChanged.connect(lambda _box, _range: self._show_scroll_position())
        self.scrollbar.valueChanged.connect(self._on_scrollbar_value_changed)
        self._apply_palette()

    def _add_controls(self) -> None:
        self.filters = TimelineFilters(self.controls, self.zoom_years, self.show_all_years)
        self.stage_filter, self.status_filter = self.filters.stage, self.filters.status
        self.filters.changed.connect(self.redraw)

    def _put_scrollbar_beside_graphics(self) -> None:
        layout = self.layout()
        index = layout.indexOf(self.graphics)
        layout.removeWidget(self.graphics)
        beside = QHBoxLayout()
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(0)
        beside.addWidget(self.graphics, 1)
        beside.addWidget(self.scrollbar)
        layout.insertLayout(index, beside, 1)

    def bind(self, window) -> None:
        """Clicks select in ``window``'s document; drags edit its plan; its selection is highlighted."""
        self.window = window
        window.document.selection_changed.connect(self._on_document_selection_changed)

    # -- drawing ---------------------------------------------------------------

    def redraw(self) -> None:
        if self.result is None:
            self.schedule = self.base = None
            self.rows = TimelineRows(np.zeros(0, int), np.zeros(0, int), [], np.zeros(0, int))
            self.labels.set_rows(self.rows, [], [])
            self.gantt.set_rows(self.rows, np.zeros((4, 0)), base_starts=None, ghost=np.zeros(0, bool),
                                shift=np.zeros(0), cancelled=np.zeros(0, bool), draggable=np.zeros(0, bool),
                                horizon=(0.0, 1.0))  # fmt: skip
            self.note.setText("No figures yet.")
            return
        a = self.result.arrays
        plan = a.prep.plan
        self.filters.set_stages(plan.stages)
        self.schedule = moved = schedule(self.result)
        base_result = self._base_result()
        self.base = base = schedule(base_result) if base_result is not self.result else None
        ghost = (
            differs(moved, base) & moved.present & base.present
            if base
            else np.zeros(len(moved.present), bool)
        )
        shift = online_shift_months(moved, base) if base else np.full(len(moved.present), np.nan)
        stages = [s.id for s in a.prep.chain.stages]
        self.rows = timeline_rows(
            plan,
            stages,
            moved,
            self.stage_filter.currentData() or "",
            self.status_filter.currentData() or "",
            ghost,
        )
        horizon = (float(self.result.years[0]), float(self.result.years[-1] + 1))
        facilities = plan.facilities
        self.gantt.set_rows(
            self.rows,
            moved.starts(),
            base_starts=base.starts() if base else None,
            ghost=ghost,
            shift=shift,
            cancelled=moved.cancelled,
            draggable=np.array([dating_field(f) is not None for f in facilities], dtype=bool),
            horizon=horizon,
        )
        self.labels.set_rows(
            self.rows, [f.name or f.id for f in facilities], [STATUSES[s] for s in moved.status]
        )
        if horizon != self._horizon:
            self._horizon = horizon
            self.box.setLimits(
                xMin=horizon[0] - 2,
                xMax=horizon[1] + 2,
                minXRange=0.25,
                maxXRange=horizon[1] - horizon[0] + 4,
            )
            self.show_all_years()
        self._fit_rows()
        self._draw_markers(a)
        self._write_note(ghost, base_result)

    def _base_result(self):
        plan = self.result.arrays.prep.plan
        try:
            return self.results.scenario(plan.base_scenario_id)
        except KeyError:
            return self.result

    def _draw_markers(self, a) -> None:
        pal = self.palette_
        self.year_band.setRegion((self.year, self.year + 1))
        self.today_line.setPos(today_time(self.today))
        self.target_rows = [evaluate(a, t) for t in a.prep.plan.targets]
        while len(self.target_lines) < len(self.target_rows):
            line = pg.InfiniteLine(angle=90, movable=False)
            line.setZValue(16)
            self.plot.addItem(line)
            self.target_lines.append(line)
        for line, row in zip(self.target_lines, self.target_rows, strict=False):
            colour = pal.colour("bluish_green") if row["met"] else pal.shortfall
            line.setPos(float(row["year"]))
            line.setPen(pg.mkPen(colour, width=2))
            line.setZValue(16 if row["met"] else 17)  # a missed target's line is not hidden by a met one
            line.show()
        self.header.set_targets(self.target_rows, today_time(self.today))
        for line in self.target_lines[len(self.target_rows) :]:
            line.hide()

    def _write_note(self, ghost: np.ndarray, base_result) -> None:
        name = self.result.scenario_name or self.result.scenario_id
        shown = int((self.rows.facility >= 0).sum())
        text = f"{name}: {shown} facilit{'y' if shown == 1 else 'ies'}. "
        if self.base is not None:
            base_name = base_result.scenario_name or base_result.scenario_id
            moves = timeline_text.moves_note(
                self.result.arrays.prep.plan.facilities, self.schedule, self.base, ghost, base_name
            )
            text += moves or f"Nothing moved from {base_name}. "
        self.note.setText(text.strip())

    def _apply_palette(self) -> None:
        pal = self.palette_
        self.gantt.set_palette(pal)
        self.labels.set_palette(pal)
        swatches = [(phase.capitalize(), self.gantt.brushes[phase]) for phase in PHASES]
        self.header.set_palette(pal, [*swatches, ("Base scenario", QBrush(Qt.BrushStyle.NoBrush))])
        band = pg.mkColor(pal.highlight)
        self.year_band.setBrush(pg.mkBrush(band))
        for line in self.year_band.lines:
            line.setPen(pg.mkPen(None))
        self.today_line.setPen(pg.mkPen(pal.muted, width=1, style=Qt.PenStyle.DashLine))

    def palette_changed(self) -> None:
        self._apply_palette()

    # -- scrolling and zooming ---------------------------------------------------

    def rows_in_sight(self) -> float:
        return max(1.0, self.box.height() / ROW_PX)

    def top_row(self) -> float:
        return self.box.viewRange()[1][0]

    def _fit_rows(self) -> None:
        """Rows keep their height: the y range is as many rows as the plot's height holds."""
        sight = self.rows_in_sight()
        bottom = max(float(len(self.rows)), sight)
        top = min(max(0.0, self.top_row()), bottom - sight)
        self.box.setLimits(yMin=0, yMax=bottom, minYRange=sight, maxYRange=sight)
        self.box.setYRange(top, top + sight, padding=0)
        self._show_scroll_position()

    def _show_scroll_position(self) -> None:
        sight = self.rows_in_sight()
        with QSignalBlocker(self.scrollbar):
            self.scrollbar.setRange(0, max(0, math.ceil(len(self.rows) - sight)))
            self.scrollbar.setPageStep(max(1, int(sight)))
            self.scrollbar.setValue(round(self.top_row()))

    def _on_scrollbar_value_changed(self, value: int) -> None:
        self.scroll_to_row(value)

    def scroll_to_row(self, row: float) -> None:
        sight = self.rows_in_sight()
        self.box.setYRange(row, row + sight, padding=0)

    def zoom_years(self, factor: float) -> None:
        """Show ``factor`` times as many years, about the middle of those in sight."""
        (left, right), _ = self.box.viewRange()
        middle, half = (left + right) / 2, (right - left) / 2 * factor
        self.box.setXRange(middle - half, middle + half, padding=0)

    def show_all_years(self) -> None:
        if self._horizon is not None:
            self.box.setXRange(self._horizon[0] - 0.25, self._horizon[1] + 0.25, padding=0)

    # -- hover, clicks, drags ----------------------------------------------------

    def _row_at(self, scene_pos: QPointF) -> int | None:
        row = self.labels.row_at(scene_pos)
        if row is None and self.box.sceneBoundingRect().contains(scene_pos):
            r = math.floor(self.box.mapSceneToView(scene_pos).y())
            row = r if 0 <= r < len(self.rows) else None
        return row

    def _target_at(self, scene_pos: QPointF) -> int | None:
        if self.header.sceneBoundingRect().contains(scene_pos):
            return self.header.target_at(scene_pos)
        if not self.box.sceneBoundingRect().contains(scene_pos):
            return None
        for i, line in enumerate(self.target_lines[: len(self.target_rows)]):
            x = self.box.mapViewToScene(QPointF(line.value(), 0)).x()
            if abs(x - scene_pos.x()) <= TARGET_PICK_PX:
                return i
        return None

    def hover_text(self, scene_pos: QPointF) -> str | None:
        if self.result is None:
            return None
        target = self._target_at(scene_pos)
        if target is not None:
            return timeline_text.target_html(self.target_rows[target])
        row = self._row_at(scene_pos)
        if row is None:
            return None
        f = int(self.rows.facility[row])
        plan = self.result.arrays.prep.plan
        if f < 0:
            stage_id, name = self.rows.stages[int(self.rows.group[row])]
            return f"<b>{name}</b>: {int(self.rows.counts[int(self.rows.group[row])])} facilities shown. Click to select the stage."
        fac = plan.facilities[f]
        stage = next((s.name for s in plan.stages if id_key(s.id) == id_key(fac.stage)), fac.stage)
        base_result = self._base_result()
        return timeline_text.facility_html(
            fac,
            stage,
            f,
            self.schedule,
            self.base,
            base_result.scenario_name or base_result.scenario_id,
            self.result.years[0],
        )

    def click(self, scene_pos: QPointF) -> None:
        if self.window is None or self.result is None:
            return
        document = self.window.document
        target = self._target_at(scene_pos)
        if target is not None:
            document.set_selection("targets", [target])
            return
        row = self._row_at(scene_pos)
        if row is None:
            return
        f = int(self.rows.facility[row])
        if f >= 0:
            document.set_selection("facilities", [f])
        else:
            stage_id, _name = self.rows.stages[int(self.rows.group[row])]
            if stage_id:
                self.window.charts.select_stage(stage_id)

    def _on_gantt_bar_dropped(self, f: int, months: int) -> None:
        if self.window is None:
            return
        document = self.window.document
        fac = document.plan.facilities[f]
        field = dating_field(fac)
        if field is None:
            return
        old: dt.date = getattr(fac, field)
        month = old.year * 12 + old.month - 1 + months
        new = dt.date(month // 12, month % 12 + 1, 1)
        text = f"Move {fac.name or fac.id} {timeline_text.FIELD_WORDS[field]} to {new:%Y-%m}"
        try:  # the rules every edit follows (model.edits), as a date typed in the table would
            edit = prepare_edit(document.plan, "facilities", [(f, field, new)])
        except EditRefused as refusal:
            self.post(f"Not moved: {refusal}")
            return
        document.push(EditCommand(document, edit, text))
        self.post(text)

    def _on_gantt_drag_refused(self, f: int) -> None:
        if self.window is None:
            return
        fac = self.window.document.plan.facilities[f]
        self.post(
            f"{fac.name or fac.id} has no Online or Permitting start date to move: it is online before the "
            "horizon. Type an Online date in the Facilities table to place it on the timeline."
        )

    def post(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, 8000)

    def _on_document_selection_changed(self, table: str, indexes: list[int]) -> None:
        self.gantt.selected = set(indexes) if table == "facilities" else set()
        self.gantt.update()
        if table == "facilities" and indexes:
            row = self.rows.row_of(indexes[0])
            top = self.top_row()
            if row is not None and not top <= row < top + self.rows_in_sight() - 1:
                self.scroll_to_row(max(0, row - 2))

    # -- copying -----------------------------------------------------------------

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        """One row per facility shown, in order: its phases' start dates in this scenario, and the
        base scenario's online date where it differs."""
        header = ["Facility", "Name", "Stage", "Status", "Permitting start", "Construction start", "Online",
                  "Full output from", "Base online", "Moved (months)"]  # fmt: skip
        if self.result is None or self.schedule is None:
            return header, []
        facilities = self.rows.facility[self.rows.facility >= 0]
        plan = self.result.arrays.prep.plan
        moves = (self.base, self.gantt.ghost, self.gantt.shift)
        return header, timeline_text.table_rows(plan, facilities, self.schedule, moves, self.result.years[0])

    def bar_dates(self, f: int) -> dict[str, tuple[dt.date | None, dt.date | None]]:
        """Facility ``f``'s bars as dates (phase -> (start, end)), as painted."""
        return {
            phase: (to_date(start), to_date(end))
            for phase, start, end in phases(self.gantt.starts, f, self.gantt.horizon)
        }

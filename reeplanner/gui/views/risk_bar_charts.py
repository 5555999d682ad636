"""The Risk dock's bar charts: P(met) per target, the drivers of one target, and the sensitivity
tornado of one headline figure. Bars are horizontal, the first (largest) on top."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QColor

from reeplanner.gui.views.risk_chart_panel import BAR_HEIGHT, LabelAxis, NumberAxis, RiskChartPanel

#: Bars shown in a tornado: the largest ones.
TORNADO_BARS = 10
#: A chart of fewer bars keeps room for this many, so one bar does not fill the plot.
MIN_ROWS = 4


class HorizontalBars(RiskChartPanel):
    """Bars ``i`` from ``x0[i]`` to ``x1[i]``, labelled on the left, listed top down."""

    def __init__(self, name: str, title: str, bottom: pg.AxisItem) -> None:
        self.labels_axis = LabelAxis()
        super().__init__(name, title, self.labels_axis, bottom)
        self.count = 0
        self.bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=BAR_HEIGHT)
        self.plot.getPlotItem().addItem(self.bars)
        self.texts: list[pg.TextItem] = []

    @property
    def slots(self) -> int:
        """Rows the plot has room for: a few bars keep their thickness, at the top."""
        return max(self.count, MIN_ROWS)

    def row_y(self, row: int) -> float:
        """The y of list row ``row`` (row 0 on top)."""
        return float(self.slots - 1 - row)

    def set_bars(
        self, labels: list[str], x0, x1, brushes: list[QColor], item: pg.BarGraphItem | None = None
    ) -> None:
        self.count = len(labels)
        y = [self.row_y(i) for i in range(self.count)]
        self.labels_axis.set_labels(list(zip(y, labels, strict=True)))
        (item or self.bars).setOpts(
            x0=np.asarray(x0, dtype=float),
            x1=np.asarray(x1, dtype=float),
            y=np.asarray(y, dtype=float),
            height=BAR_HEIGHT,
            brushes=[pg.mkBrush(b) for b in brushes],
            pen=pg.mkPen(None),
        )
        self.plot.getPlotItem().setYRange(-0.6, self.slots - 0.4, padding=0)

    def set_texts(self, texts: list[tuple[float, int, str, bool]]) -> None:
        """Texts at (x, row): ``inside`` ones end at x (on the bar), the others start there."""
        for item in self.texts:
            self.plot.getPlotItem().removeItem(item)
        self.texts = []
        for x, row, text, inside in texts:
            colour = self.colours.background if inside else self.colours.text
            item = pg.TextItem(text, color=colour, anchor=(1.0 if inside else 0.0, 0.5))
            item.setPos(x, self.row_y(row))
            self.plot.getPlotItem().addItem(item)
            self.texts.append(item)

    def row_at(self, scene_pos: QPointF) -> int | None:
        """The list row of the bar under ``scene_pos``, if any."""
        slot = self.bar_at(scene_pos, self.slots)
        row = None if slot is None else self.slots - 1 - slot
        return row if row is not None and row < self.count else None


class PMetChart(HorizontalBars):
    """``P(met)`` of every target in its year, with the P80 year; a click selects the target."""

    target_selected = Signal(str)

    def __init__(self) -> None:
        super().__init__("pmet", "P(met), and the P80 year in brackets", NumberAxis("bottom", suffix="%"))
        self.set_axis_titles("", "P(met) (%)")
        self.plot.getPlotItem().getAxis("bottom").setTickSpacing(50, 25)
        self.rows: list[tuple[str, float, int | None]] = []
        self.selected = ""
        self.highlight = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.9)
        self.highlight.setZValue(-1)  # behind the bars: the selected target's row, even at P(met) 0
        self.plot.getPlotItem().addItem(self.highlight)
        self.plot.getPlotItem().setXRange(0, 100, padding=0.02)

    def show_targets(self, rows: list[tuple[str, float, int | None]], selected: str) -> None:
        self.rows, self.selected = rows, selected
        self.redraw()

    def redraw(self) -> None:
        c = self.colours
        labels = [f"{target} ({p80 if p80 is not None else 'none'})" for target, _, p80 in self.rows]
        values = [100 * p for _, p, _ in self.rows]
        brushes = [c.orange if target == self.selected else c.blue for target, _, _ in self.rows]
        self.set_bars(labels, [0.0] * len(values), values, brushes)
        chosen = [row for row, (target, _, _) in enumerate(self.rows) if target == self.selected]
        self.highlight.setOpts(
            x0=[0.0] * len(chosen),
            x1=[100.0] * len(chosen),
            y=[self.row_y(row) for row in chosen],
            height=0.9,
            brush=pg.mkBrush(c.faded(c.orange, 60)),
            pen=pg.mkPen(None),
        )
        texts = []
        for row, (_, p, _) in enumerate(self.rows):
            inside = p > 0.6  # the percentage fits on a long bar, beside a short one
            texts.append((100 * p + (-1.5 if inside else 1.5), row, _percent(p), inside))
        self.set_texts(texts)
        self.show_note("" if self.rows else "The plan has no targets.")

    def on_click(self, scene_pos: QPointF) -> None:
        row = self.row_at(scene_pos)
        if row is not None:
            self.target_selected.emit(self.rows[row][0])


class DriversChart(HorizontalBars):
    """The projects whose delivery on time raises the selected target's ``P(met)`` most; a click
    selects the project."""

    facility_selected = Signal(str)

    def __init__(self) -> None:
        super().__init__("drivers", "Drivers of", NumberAxis("bottom"))
        self.set_axis_titles("", "Gain in P(met) (points)")
        self.rows: list[tuple[str, float]] = []
        self.why_none = ""

    def show_drivers(self, rows: list[tuple[str, float]], why_none: str = "") -> None:
        self.rows, self.why_none = rows, why_none
        self.redraw()

    def redraw(self) -> None:
        c = self.colours
        points = [100 * gain for _, gain in self.rows]
        self.set_bars([f for f, _ in self.rows], [0.0] * len(points), points, [c.blue] * len(points))
        longest = max(points, default=1.0)
        texts = []
        for row, p in enumerate(points):
            inside = p > 0.6 * longest
            text = f"+{p:.1f}" if p >= 0.1 else f"+{p:.2f}"
            texts.append((p + (-0.02 if inside else 0.02) * longest, row, text, inside))
        self.set_texts(texts)
        self.plot.getPlotItem().setXRange(0, longest * 1.1, padding=0)
        self.show_note(self.why_none if not self.rows else "")

    def on_click(self, scene_pos: QPointF) -> None:
        row = self.row_at(scene_pos)
        if row is not None:
            self.facility_selected.emit(self.rows[row][0])


class SensitivityChart(HorizontalBars):
    """The tornado: each assumption moved down (vermillion) and up (blue), the figure both ways."""

    def __init__(self) -> None:
        self.axis = NumberAxis("bottom")
        super().__init__("sensitivity", "Sensitivity of", self.axis)
        self.up_bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=BAR_HEIGHT)
        self.plot.getPlotItem().addItem(self.up_bars)
        self.base_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.getPlotItem().addItem(self.base_line)
        self.tornado = None

    def show_tornado(self, tornado) -> None:
        """``tornado``: an ``engine.sensitivity.Tornado`` or None."""
        self.tornado = tornado
        self.redraw()

    def redraw(self) -> None:
        c = self.colours
        tornado = self.tornado
        rows = tornado.rows[tornado.rows.swing > 0].head(TORNADO_BARS) if tornado is not None else None
        scale = 100.0 if tornado is not None and tornado.unit == "share" else 1.0
        self.axis.suffix = "%" if tornado is not None and tornado.unit in ("share", "%") else ""
        if rows is None or not len(rows):
            self.set_bars([], [], [], [])
            self.set_bars([], [], [], [], self.up_bars)
            self.base_line.hide()
            self.show_note("" if tornado is None else "No assumption moves this figure.")
            return
        value = tornado.value * scale
        labels = [short_label(kind, subject) for kind, subject in zip(rows.kind, rows.subject, strict=True)]
        down = list(rows.figure_down * scale)
        up = list(rows.figure_up * scale)
        self.set_bars(labels, [value] * len(labels), down, [c.vermillion] * len(labels))
        self.set_bars(labels, [value] * len(labels), up, [c.blue] * len(labels), self.up_bars)
        self.base_line.setPos(value)
        self.base_line.setPen(pg.mkPen(c.text, width=1))
        self.base_line.show()
        unit = {"share": "%", "%": "%"}.get(tornado.unit, tornado.unit)
        name = tornado.figure.target if tornado.figure.kind == "target" else tornado.label
        self.set_axis_titles("", f"{name} ({unit})")
        step = f"{tornado.step:.0%}"
        self.set_key([("■", c.vermillion, f"assumption {step} lower"), ("■", c.blue, f"{step} higher"),
                      ("│", c.text, "as planned")])  # fmt: skip
        finite = [x for x in down + up + [value] if math.isfinite(x)]
        low, high = min(finite), max(finite)
        margin = (high - low) * 0.08 or abs(value) * 0.1 or 1.0
        self.plot.getPlotItem().setXRange(low - margin, high + margin, padding=0)
        still = int((tornado.rows.swing == 0).sum())
        hidden = len(tornado.rows) - len(rows) - still
        note = f"{hidden} smaller swings not shown" if hidden > 0 else ""
        if still:
            note += f"{'; ' if note else ''}{still} assumptions do not move it"
        self.show_note(note)


def _percent(p: float) -> str:
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 < p < 1:
        return ">99%"
    return f"{p:.0%}"


def short_label(kind: str, subject: str) -> str:
    """An assumption in a few words for a bar's label: ``Dy content``, ``SEP yield``, ``EV demand``."""
    what = {"magnet content": "content", "risk factor": "risk factor"}.get(kind, kind)
    return f"{subject} {what}"

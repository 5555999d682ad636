"""Funding: stacked bars of money by year (or by stage), split by agency or instrument, with
committed, announced and proposed money told apart (solid, hatched, outlined); public money only
unless the planner asks for private money too. A third view shows the contingent exposure of
price floors by year, at the scenario's prices and 25% and 50% lower.

Clicking a bar's segment picks its funding lines (``lines_picked``): the window shows only those
in the Funding table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from reeplanner.engine.funding import funding_breakdown
from reeplanner.gui.charts.chart_base import ChartBase
from reeplanner.model.enums import FundingStatus
from reeplanner.model.ids import id_key

BY_YEAR, BY_STAGE, FLOORS = "year", "stage", "floors"
STATUSES = [str(s) for s in FundingStatus]  # committed, announced, proposed: bottom to top
STATUS_TEXT = {
    "committed": "Committed (solid)",
    "announced": "Announced (hatched)",
    "proposed": "Proposed (outline)",
}
STRESS = ("At the scenario's prices", "Prices 25% lower", "Prices 50% lower")


@dataclass(frozen=True)
class Segment:
    """One block of a stacked bar: where it is, and whose money it is."""

    x: float
    y0: float
    amount: float
    place: object  # the year or the stage ID
    key: str  # agency or instrument ID
    status: str


class FundingChart(ChartBase):
    name = "funding"
    title = "Funding"
    lines_picked = Signal(list, str)  # funding line IDs, a description of the pick

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QComboBox()
        self.view.setObjectName("funding-view")
        self.view.addItem("By year", BY_YEAR)
        self.view.addItem("By stage", BY_STAGE)
        self.view.addItem("Price-floor exposure", FLOORS)
        self.split = QComboBox()
        self.split.setObjectName("funding-split")
        self.split.addItem("By agency", "agency")
        self.split.addItem("By instrument", "instrument")
        self.private = QCheckBox("Include private money")
        self.private.setObjectName("funding-private")
        for widget in (self.view, self.split, self.private):
            self.controls.addWidget(widget)
        self.controls.addStretch(1)
        self.view.currentIndexChanged.connect(lambda _i: self.redraw())
        self.split.currentIndexChanged.connect(lambda _i: self.redraw())
        self.private.toggled.connect(lambda _on: self.redraw())
        self.plot = self.add_plot(0, 0, "Year", "USD million")
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.plot.addItem(self.bars)
        self.stress_lines = [pg.PlotDataItem() for _ in STRESS[1:]]
        for line in self.stress_lines:
            self.plot.addItem(line)
        self.year_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.year_line)
        self.legend = self.add_legend(1, 0, columns=2)
        self.segments: list[Segment] = []
        self.keys: list[str] = []
        self.places: list[object] = []
        self.floor_rows: list[list[object]] = []
        self._top = 1.0

    @property
    def view_key(self) -> str:
        return self.view.currentData() or BY_YEAR

    @property
    def split_key(self) -> str:
        return self.split.currentData() or "agency"

    def redraw(self) -> None:
        self.split.setEnabled(self.view_key != FLOORS)
        self.private.setEnabled(self.view_key != FLOORS)
        self.segments, self.floor_rows = [], []
        if self.result is None:
            self._draw_segments([], 1.0)
            self._hide_stress()
            self.note.setText("No figures yet.")
            return
        currency = self.result.arrays.prep.plan.currency or "USD million"
        if self.view_key == FLOORS:
            self._draw_floors(currency)
        else:
            self._hide_stress()
            self._draw_money(currency)

    # -- money by year or stage ------------------------------------------------

    def breakdown(self):
        """The engine's breakdown of the scenario's funding lines for the view on show."""
        return funding_breakdown(
            self.result.funding, self.split_key, self.view_key, include_private=self.private.isChecked()
        )

    def _draw_money(self, currency: str) -> None:
        table = self.breakdown()
        across = self.view_key
        chain = self.result.arrays.prep.chain
        if across == BY_YEAR:
            years = self.result.years
            places: list[object] = list(range(years[0], years[-1] + 1))
            extra = sorted({int(y) for y in table["year"]} - set(places))
            places = sorted(places + extra)
        else:
            places = [s.id for s in chain.stages]
            places += [
                s for s in dict.fromkeys(table["stage"]) if id_key(s) not in {id_key(p) for p in places}
            ]
        totals = (
            table.groupby(self.split_key, sort=False)["amount"]
            .sum()
            .sort_values(ascending=False, kind="stable")
        )
        self.keys = [str(k) for k in totals.index]
        self.places = places
        position = {id_key(str(p)): i for i, p in enumerate(places)}
        stacked = np.zeros(len(places))
        cells = {
            (id_key(str(place)), str(key), str(status)): float(amount)
            for place, key, status, amount in table.itertuples(index=False)
        }
        for key in self.keys:
            for status in STATUSES:
                for place in places:
                    amount = cells.get((id_key(str(place)), key, status), 0.0)
                    if amount <= 0:
                        continue
                    i = position[id_key(str(place))]
                    self.segments.append(Segment(float(i), float(stacked[i]), amount, place, key, status))
                    stacked[i] += amount
        self._draw_segments(self.segments, float(stacked.max(initial=0.0)))
        if across == BY_YEAR:
            step = max(1, len(places) // 8)
            ticks = [[(float(i), str(p)) for i, p in enumerate(places) if i % step == 0]]
            self.set_axis(self.plot, "bottom", title="Year", ticks=ticks)
            if self.year in places:
                self.year_line.setPos(places.index(self.year))
                self.year_line.setPen(pg.mkPen(self.palette_.text, width=1, style=Qt.PenStyle.DotLine))
                self.year_line.show()
            else:
                self.year_line.hide()
        else:
            names = {id_key(s.id): s.name or s.id for s in chain.stages}
            ticks = [
                [(float(i), names.get(id_key(str(p)), str(p) or "No facility")) for i, p in enumerate(places)]
            ]
            self.set_axis(self.plot, "bottom", title="Stage (through the funded facility)", ticks=ticks)
            self.year_line.hide()
        self.set_axis(self.plot, "left", title=currency)
        self.set_ranges(self.plot, (-0.6, max(len(places), 1) - 0.4), (0, self._top * 1.1 or 1.0))
        self._legend_for_keys()
        kind = "public and private" if self.private.isChecked() else "public"
        name = self.result.scenario_name or self.result.scenario_id
        total = sum(s.amount for s in self.segments)
        self.note.setText(
            f"{name}: {total:,.1f} {currency} of {kind} money. Click a block to list its lines."
        )

    def _brush(self, colour, status: str):
        if status == "committed":
            return pg.mkBrush(colour)
        if status == "announced":
            brush = pg.mkBrush(colour)
            brush.setStyle(Qt.BrushStyle.BDiagPattern)
            return brush
        return pg.mkBrush(0, 0, 0, 0)

    def _pen(self, colour, status: str):
        if status == "proposed":
            return pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
        return pg.mkPen(colour, width=1)

    def _draw_segments(self, segments: list[Segment], top: float) -> None:
        self._top = top or 1.0
        if not segments:  # pyqtgraph cannot take empty lists of pens
            self.bars.setOpts(x=[], y0=[], height=[], brushes=None, pens=None)
            return
        colours = {key: self.palette_.series_colour(i) for i, key in enumerate(self.keys)}
        self.bars.setOpts(
            x=[s.x for s in segments],
            y0=[s.y0 for s in segments],
            height=[s.amount for s in segments],
            width=0.7,
            brushes=[self._brush(colours[s.key], s.status) for s in segments],
            pens=[self._pen(colours[s.key], s.status) for s in segments],
        )

    def _legend_for_keys(self) -> None:
        if (self.keys, self.palette_.dark) == getattr(self, "_legend_keys", None):
            return
        self._legend_keys = (list(self.keys), self.palette_.dark)
        self.legend.clear()
        muted = self.palette_.muted
        for i, key in enumerate(self.keys):
            sample = pg.BarGraphItem(x=[0], height=[1], width=1, brush=self.palette_.series_colour(i))
            self.legend.addItem(sample, key)
        for status in STATUSES:
            sample = pg.BarGraphItem(
                x=[0], height=[1], width=1, brush=self._brush(muted, status), pen=self._pen(muted, status)
            )
            self.legend.addItem(sample, STATUS_TEXT[status])
        self.style_legends()

    # -- price floors ----------------------------------------------------------

    def _draw_floors(self, currency: str) -> None:
        exposure = self.result.arrays.floor_exposure
        years = self.result.years
        stress = exposure.stress_by_year
        self.keys, self.places = [], list(years)
        pal = self.palette_
        colour = pal.colour("reddish_purple")
        self.bars.setOpts(
            x=np.arange(len(years), dtype=float),
            y0=np.zeros(len(years)),
            height=stress[0],
            width=0.7,
            brushes=[pg.mkBrush(colour)] * len(years),
            pens=[pg.mkPen(pal.background, width=0.5)] * len(years),
        )
        for line, values, name in zip(self.stress_lines, stress[1:], ("orange", "vermillion"), strict=True):
            line.setData(np.arange(len(years), dtype=float), values)
            line.setPen(pg.mkPen(pal.colour(name), width=2))
            line.setSymbol("o")
            line.setSymbolSize(5)
            line.setSymbolBrush(pal.colour(name))
            line.show()
        top = float(stress.max(initial=0.0)) or 1.0
        self.set_ranges(self.plot, (-0.6, len(years) - 0.4), (0, top * 1.1))
        step = max(1, len(years) // 8)
        ticks = [[(float(i), str(y)) for i, y in enumerate(years) if i % step == 0]]
        self.set_axis(self.plot, "bottom", title="Year", ticks=ticks)
        self.set_axis(self.plot, "left", title=f"{currency}, contingent")
        if self.year in years:
            self.year_line.setPos(years.index(self.year))
            self.year_line.show()
        else:
            self.year_line.hide()
        self._legend_keys = None
        self.legend.clear()
        self.legend.addItem(pg.BarGraphItem(x=[0], height=[1], width=1, brush=colour), STRESS[0])
        for line, text in zip(self.stress_lines, STRESS[1:], strict=True):
            self.legend.addItem(line, text)
        self.style_legends()
        self.floor_rows = [[year, *(float(stress[k][i]) for k in range(3))] for i, year in enumerate(years)]
        name = self.result.scenario_name or self.result.scenario_id
        if len(exposure.floors) == 0:
            self.note.setText(f"{name}: no price floors in this scenario.")
        else:
            totals = exposure.stress_totals()
            self.note.setText(
                f"{name}: {len(exposure.floors)} price floors would cost {totals[0]:,.1f} {currency} over the "
                f"horizon ({totals[1]:,.1f} at prices 25% lower, {totals[2]:,.1f} at 50% lower)."
            )

    def _hide_stress(self) -> None:
        for line in self.stress_lines:
            line.hide()

    # -- reading it ----------------------------------------------------------

    def segment_at(self, scene_pos: QPointF) -> Segment | None:
        if not self.segments or not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.vb.mapSceneToView(scene_pos)
        for segment in self.segments:
            if abs(point.x() - segment.x) <= 0.35 and segment.y0 <= point.y() <= segment.y0 + segment.amount:
                return segment
        return None

    def lines_of(self, segment: Segment) -> list[str]:
        """The funding line IDs behind ``segment`` (present in the scenario, public unless private is on)."""
        lines = self.result.funding
        if not self.private.isChecked():
            lines = lines[lines["public"].astype(bool)]
        place = lines[self.view_key].map(lambda v: id_key(str(v))) == id_key(str(segment.place))
        chosen = lines[place & (lines[self.split_key] == segment.key) & (lines["status"] == segment.status)]
        return [str(f) for f in chosen["funding"]]

    def describe(self, segment: Segment) -> str:
        return f"{segment.place} · {segment.key} · {segment.status}"

    def hover_text(self, scene_pos: QPointF) -> str | None:
        if self.result is None:
            return None
        currency = self.result.arrays.prep.plan.currency
        if self.view_key == FLOORS:
            if not self.plot.sceneBoundingRect().contains(scene_pos):
                return None
            i = round(self.plot.vb.mapSceneToView(scene_pos).x())
            if not 0 <= i < len(self.floor_rows):
                return None
            year, *values = self.floor_rows[i]
            lines = [f"<b>Price-floor exposure, {year}</b>"]
            lines += [f"{text}: {value:,.2f} {currency}" for text, value in zip(STRESS, values, strict=True)]
            return "<br>".join(lines)
        segment = self.segment_at(scene_pos)
        if segment is None:
            return None
        count = len(self.lines_of(segment))
        return (
            f"<b>{self.describe(segment)}</b><br>{segment.amount:,.1f} {currency}, "
            f"{count} funding line{'s' if count != 1 else ''}<br>Click to list them in the Funding table."
        )

    def click(self, scene_pos: QPointF) -> None:
        segment = self.segment_at(scene_pos) if self.result is not None else None
        if segment is not None:
            self.lines_picked.emit(self.lines_of(segment), self.describe(segment))

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        currency = self.result.arrays.prep.plan.currency if self.result is not None else "USD million"
        if self.view_key == FLOORS:
            header = ["Year"] + [f"Exposure, {text.lower()} ({currency})" for text in STRESS]
            return header, [list(row) for row in self.floor_rows]
        header = [self.view_key.capitalize(), self.split_key.capitalize(), "Status", f"Amount ({currency})"]
        rows = [[s.place, s.key, s.status, s.amount] for s in self.segments]
        return header, rows

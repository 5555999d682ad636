"""Self-sufficiency over time: one line per scenario (the selected one emphasised), or allied
coverage; targets as markers (filled when met, hollow when missed), a line for today and one for
the selected year.

Scenarios whose lines coincide are drawn once and named together in the legend ("Base case =
Permitting reform"), so no line hides another.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from reeplanner.engine.targets import evaluate
from reeplanner.gui.charts.chart_base import ChartBase
from reeplanner.model.enums import Metric

SELF_SUFFICIENCY, ALLIED = "self_sufficiency", "allied_coverage"
MEASURES = {
    SELF_SUFFICIENCY: "Self-sufficiency: domestic magnet output, % of demand",
    ALLIED: "Allied coverage: magnets from home and allied supply, % of demand",
}


#: Longest scenario name a legend entry shows whole (the legend must stay as narrow as the chart).
LEGEND_NAME = 24


def shared_label(names: list[str]) -> str:
    """A legend entry for scenarios on one line: ``A = B``, or ``A + 3 more`` (the note under the
    chart names them all); long names are cut with an ellipsis."""
    short = [n if len(n) <= LEGEND_NAME else n[: LEGEND_NAME - 1] + "…" for n in names]
    if len(short) <= 2:
        return " = ".join(short)
    return f"{short[0]} + {len(short) - 1} more"


def today_time(today: dt.date) -> float:
    """A date as a fractional year, for the today line."""
    return today.year + (today.timetuple().tm_yday - 1) / 365.25


class SufficiencyChart(ChartBase):
    name = "sufficiency"
    title = "Self-sufficiency over time"

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.measure = QComboBox()
        self.measure.setObjectName("sufficiency-measure")
        self.measure.addItem("Self-sufficiency (domestic)", SELF_SUFFICIENCY)
        self.measure.addItem("Allied coverage", ALLIED)
        self.controls.addWidget(self.measure)
        self.controls.addStretch(1)
        self.measure.currentIndexChanged.connect(lambda _i: self.redraw())
        self.plot = self.add_plot(0, 0, "Year", "% of magnet demand", x_years=True, y_percent=True)
        self.lines: list[pg.PlotDataItem] = []
        self.line_groups: list[list[str]] = []  # scenario IDs drawn by each line, in line order
        self.targets = pg.ScatterPlotItem(size=13, symbol="star")
        self.targets.setZValue(20)
        self.plot.addItem(self.targets)
        self.today_line = pg.InfiniteLine(
            angle=90, movable=False, label="Today", labelOpts={"position": 0.95}
        )
        self.year_line = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.today_line)
        self.plot.addItem(self.year_line)
        self.legend = self.add_legend(1, 0, columns=2)
        self.target_rows: list[
            tuple[str, str, int, float, bool, float]
        ] = []  # id, text, year, threshold, met, value

    @property
    def measure_key(self) -> str:
        return self.measure.currentData() or SELF_SUFFICIENCY

    def palette_changed(self) -> None:
        self._legend_entries = None  # legend colours follow the palette

    def series(self, result) -> np.ndarray:
        """(Y,) the measure on show for one scenario's result, in percent (NaN: no demand)."""
        arrays = result.arrays
        values = arrays.self_sufficiency if self.measure_key == SELF_SUFFICIENCY else arrays.allied_coverage
        return values * 100.0

    def redraw(self) -> None:
        pal = self.palette_
        results, current = self.results, self.result
        if results is None or current is None:
            self._set_lines([])
            self.targets.setData([])
            self.note.setText("No figures yet.")
            return
        years = np.array(current.years, dtype=float)
        groups: list[tuple[list[str], np.ndarray]] = []
        for sid, result in results.scenarios.items():
            values = self.series(result)
            for ids, shared in groups:
                if np.allclose(values, shared, rtol=1e-9, atol=1e-9, equal_nan=True):
                    ids.append(sid)
                    break
            else:
                groups.append(([sid], values))
        names = {sid: r.scenario_name or sid for sid, r in results.scenarios.items()}
        lines = []
        for number, (ids, values) in enumerate(groups):  # colours by line: yellow only past seven
            is_current = current.scenario_id in ids
            colour = pal.series_colour(number)
            label = shared_label([names[i] for i in ids])
            lines.append((ids, values, colour, is_current, label))
        self._set_lines(lines, years)
        self._draw_targets(current)
        self.today_line.setPos(today_time(self.today))
        self.today_line.setPen(pg.mkPen(pal.muted, width=1, style=Qt.PenStyle.DashLine))
        self.today_line.label.setColor(pal.muted)
        self.year_line.setPos(self.year)
        self.year_line.setPen(pg.mkPen(pal.text, width=1, style=Qt.PenStyle.DotLine))
        finite = np.concatenate([v[np.isfinite(v)] for _i, v, *_ in lines] + [np.array([5.0])])
        top = max(float(finite.max()), max((t[3] for t in self.target_rows), default=0.0))
        self.set_ranges(self.plot, (years[0] - 0.5, years[-1] + 0.5), (0, top * 1.15))
        shared = [" = ".join(names[i] for i in ids) for ids, *_ in groups if len(ids) > 1]
        text = f"Thick line: {names[current.scenario_id]}."
        if shared:
            text += " Same line: " + "; ".join(shared) + "."
        if self.measure_key == SELF_SUFFICIENCY:
            text += " Stars: targets (filled met, hollow missed)."
        self.note.setText(text)

    def _set_lines(self, lines, years=None) -> None:
        """Reuse the line items (``setData``); extra ones are hidden, missing ones made."""
        while len(self.lines) < len(lines):
            item = pg.PlotDataItem(connect="finite")
            self.plot.addItem(item)
            self.lines.append(item)
        entries = [(label, colour.name(), is_current) for _ids, _v, colour, is_current, label in lines]
        relabel = entries != getattr(self, "_legend_entries", None)
        if relabel:
            self.legend.clear()
        self._legend_entries = entries
        self.line_groups = []
        for item, (ids, values, colour, is_current, label) in zip(self.lines, lines, strict=False):
            width = 3.5 if is_current else 1.6
            if np.isfinite(values).any():
                item.setData(years, values, connect="finite")
            else:  # no demand in any year: nothing to draw (and nothing for pyqtgraph to measure)
                item.setData([], [])
            item.setPen(pg.mkPen(colour, width=width))
            item.setSymbol("o" if is_current else None)
            item.setSymbolSize(6)
            item.setSymbolBrush(colour)
            item.setSymbolPen(pg.mkPen(colour))
            item.setZValue(10 if is_current else 1)
            item.show()
            if relabel:
                self.legend.addItem(item, label)
            self.line_groups.append(list(ids))
        for item in self.lines[len(lines) :]:
            item.hide()
        if relabel:
            self.style_legends()

    def _draw_targets(self, result) -> None:
        """Self-sufficiency targets on the magnet stage: at (year, threshold), filled when met."""
        pal = self.palette_
        self.target_rows = []
        if self.measure_key != SELF_SUFFICIENCY:
            self.targets.setData([])
            return
        arrays = result.arrays
        chain = arrays.prep.chain
        for target in arrays.prep.plan.targets:
            if (
                target.metric is not Metric.SELF_SUFFICIENCY
                or chain.stage_key(target.stage) != chain.magnet_stage
            ):
                continue
            row = evaluate(arrays, target)  # the engine's row of the targets table, without the table
            text = str(row["description"] or row["target"])
            self.target_rows.append(
                (
                    str(row["target"]),
                    text,
                    int(row["year"]),
                    float(row["threshold"]),
                    bool(row["met"]),
                    float(row["value"]),
                )
            )
        colour = pal.colour("vermillion")
        spots = [
            {
                "pos": (year, threshold),
                "brush": pg.mkBrush(colour) if met else pg.mkBrush(0, 0, 0, 0),
                "pen": pg.mkPen(colour, width=2),
                "data": tid,
            }
            for tid, _text, year, threshold, met, _value in self.target_rows
        ]
        self.targets.setData(spots)

    # -- reading it ----------------------------------------------------------

    def hover_text(self, scene_pos: QPointF) -> str | None:
        if self.result is None or not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.vb.mapSceneToView(scene_pos)
        years = self.result.years
        year = round(point.x())
        if not years[0] <= year <= years[-1]:
            return None
        position = year - years[0]
        lines = [f"<b>{year}</b>, {MEASURES[self.measure_key].split(':')[0].lower()}"]
        for ids in self.line_groups:
            value = self.series(self.results.scenarios[ids[0]])[position]
            names = " = ".join(self.results.scenarios[i].scenario_name or i for i in ids)
            lines.append(f"{names}: {'–' if math.isnan(value) else f'{value:,.1f}%'}")
        for tid, text, t_year, threshold, met, value in self.target_rows:
            if t_year == year:
                outcome = "met" if met else f"missed ({value:,.1f}%)"
                lines.append(f"Target {tid}: ≥ {threshold:,.1f}% in {t_year}, {outcome} — {text}")
        return "<br>".join(lines)

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        """One row per year, one column per scenario (percent), then the targets' thresholds."""
        if self.results is None or self.result is None:
            return ["Year"], []
        scenarios = list(self.results.scenarios.values())
        label = "Self-sufficiency" if self.measure_key == SELF_SUFFICIENCY else "Allied coverage"
        header = ["Year"] + [f"{label} {r.scenario_id} (%)" for r in scenarios]
        series = [self.series(r) for r in scenarios]
        rows = [[year, *(float(s[i]) for s in series)] for i, year in enumerate(self.result.years)]
        for tid, _text, year, threshold, met, _value in self.target_rows:
            rows.append([f"Target {tid} {year} (%)", threshold, "met" if met else "missed"])
        return header, rows

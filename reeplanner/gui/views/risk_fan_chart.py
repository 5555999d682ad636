"""The fan chart: domestic magnet output over the years, the P10-P90 band of the draws, their median
and the risk-adjusted (deterministic) line, with the selected target's threshold."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from reeplanner.gui.views.risk_chart_panel import NumberAxis, RiskChartPanel


class RiskFanChart(RiskChartPanel):
    def __init__(self) -> None:
        super().__init__(
            "fan", "Domestic magnet output", NumberAxis("left"), NumberAxis("bottom", thousands=False)
        )
        self.set_axis_titles("t/yr of magnets", "Year")  # the title above names the figure
        self.years: np.ndarray = np.zeros(0)
        self.bands: dict[str, np.ndarray] = {}
        self.deterministic: np.ndarray | None = None
        self.threshold: tuple[float, str] | None = None
        item = self.plot.getPlotItem()
        self.low = pg.PlotDataItem()
        self.high = pg.PlotDataItem()
        self.band = pg.FillBetweenItem(self.low, self.high)
        self.median = pg.PlotDataItem()
        self.risk_adjusted = pg.PlotDataItem()
        self.target_line = pg.InfiniteLine(
            angle=0, movable=False, label=" ", labelOpts={"position": 0.98, "anchors": [(1, 0), (1, 0)]}
        )
        for member in (self.band, self.low, self.high, self.median, self.risk_adjusted, self.target_line):
            item.addItem(member)
        self.redraw()

    def show_figures(
        self, years, bands: dict[str, np.ndarray], deterministic, threshold: tuple[float, str] | None
    ) -> None:
        """``bands``: p10, p50, p90 per year (empty before a run); ``deterministic`` the engine's
        domestic magnet output per year (or None); ``threshold`` (t/yr, label) of the selected target."""
        self.years = np.asarray(years, dtype=float)
        self.bands = bands
        self.deterministic = None if deterministic is None else np.asarray(deterministic, dtype=float)
        self.threshold = threshold
        self.redraw()

    def redraw(self) -> None:
        c = self.colours
        has_band = bool(self.bands) and len(self.years) > 0
        empty = np.zeros(0)
        x = self.years if has_band else empty
        self.low.setData(x, self.bands["p10"] if has_band else empty, pen=pg.mkPen(c.faded(c.blue, 110)))
        self.high.setData(x, self.bands["p90"] if has_band else empty, pen=pg.mkPen(c.faded(c.blue, 110)))
        self.band.setBrush(pg.mkBrush(c.faded(c.blue, 70)))
        self.median.setData(x, self.bands["p50"] if has_band else empty, pen=pg.mkPen(c.blue, width=2.5))
        if self.deterministic is not None and len(self.deterministic) == len(self.years):
            pen = pg.mkPen(c.orange, width=2, style=Qt.PenStyle.DashLine)
            self.risk_adjusted.setData(self.years, self.deterministic, pen=pen)
        else:
            self.risk_adjusted.setData(empty, empty)
        if self.threshold is not None:
            value, label = self.threshold
            self.target_line.setPos(value)
            self.target_line.setPen(pg.mkPen(c.green, width=1.5, style=Qt.PenStyle.DotLine))
            self.target_line.label.setFormat(label)
            self.target_line.label.setColor(c.green)
            self.target_line.show()
        else:
            self.target_line.hide()
        key = [("■", c.faded(c.blue, 110), "P10–P90 of the draws"), ("━", c.blue, "median"),
               ("╍", c.orange, "risk-adjusted")]  # fmt: skip
        if self.threshold is not None:
            key.append(("┈", c.green, "target"))
        self.set_key(key)
        self.plot.getPlotItem().enableAutoRange()

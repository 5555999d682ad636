"""What every chart shares: a pyqtgraph drawing area under a row of controls, the palette, hover
texts, clicks, and the context menu with Export PNG, Export SVG and Copy data.

A chart subclasses ``ChartBase`` and gives:
- ``name`` and ``title`` (``gap``, "Gap by stage");
- ``redraw()``: update its items in place (``setData``/``setOpts``) from ``self.result``
  (the selected scenario's ``ScenarioResult``, or None), ``self.results`` (every scenario)
  and ``self.year``;
- ``data_table()``: the header and rows of what it draws (Copy data and ``.tsv`` export);
- optionally ``hover_text(scene_pos)`` and ``click(scene_pos)``.

Charts never compute figures: they read the engine's results, so canvas, inspector, charts and
brief agree. ``show_results`` is cheap to call often; ``ChartDocks`` coalesces the calls.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QLabel, QMenu, QToolTip, QVBoxLayout, QWidget

from reeplanner.gui.charts.chart_palette import ChartPalette

if TYPE_CHECKING:
    from reeplanner.engine.results import PlanResult, ScenarioResult

EXPORT_SUFFIXES = (".png", ".svg", ".tsv")


class ThousandsAxis(pg.AxisItem):
    """Tick labels with thousands separators (``12,000``), and a ``suffix`` (``%``); years
    (``thousands=False``) without separators."""

    def __init__(self, orientation: str, thousands: bool = True, suffix: str = "", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.thousands, self.suffix = thousands, suffix
        self.enableAutoSIPrefix(False)

    def setLabel(self, *args, **kwargs) -> None:  # noqa: N802 (pyqtgraph's name)
        super().setLabel(*args, **kwargs)
        # pyqtgraph centres the title along the axis only when the axis is resized: a longer title
        # set later ("t/yr contained NdPr") would run off the plot's top until the window moved.
        self.resizeEvent()

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        step = spacing * scale
        decimals = max(0, -math.floor(math.log10(step))) if step > 0 else 0
        pattern = f"{{:{',' if self.thousands else ''}.{decimals}f}}"
        return [pattern.format(value * scale) + self.suffix for value in values]


class ChartBase(QWidget):
    name = ""
    title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart-{self.name}")
        self.results: PlanResult | None = None
        self.result: ScenarioResult | None = None
        self.scenario_id = ""
        self.year = 0
        self.prompts = None  # set by the window: asks where to save an export
        self.legends: list[pg.LegendItem] = []
        self.palette_ = ChartPalette.from_palette(self.palette())
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(6, 2, 6, 0)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setObjectName(f"chart-{self.name}-graphics")
        self.graphics.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.graphics.customContextMenuRequested.connect(self._on_context_menu_requested)
        self.note = QLabel(self)
        self.note.setObjectName(f"chart-{self.name}-note")
        self.note.setWordWrap(True)
        self.note.setContentsMargins(6, 0, 6, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.controls)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.note)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self._apply_background()

    # -- what subclasses give ------------------------------------------------

    def redraw(self) -> None:
        raise NotImplementedError

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        raise NotImplementedError

    def hover_text(self, scene_pos: QPointF) -> str | None:
        return None

    def click(self, scene_pos: QPointF) -> None:
        """A left click at ``scene_pos`` (a bar or a band selects its stage...)."""

    def palette_changed(self) -> None:
        """The palette changed: recolour what ``redraw`` does not (axes are done here)."""

    # -- feeding -------------------------------------------------------------

    def show_results(self, results: PlanResult | None, scenario_id: str, year: int) -> None:
        """Draw ``scenario_id`` in ``year`` from ``results`` (None: no figures yet, or errors)."""
        self.results, self.scenario_id, self.year = results, scenario_id, year
        self.result = None
        if results is not None and results.scenarios:
            try:
                self.result = results.scenario(scenario_id)
            except KeyError:
                self.result = next(iter(results.scenarios.values()))
        self.redraw()

    @property
    def year_index(self) -> int | None:
        """The selected year's position in the result's horizon, or None outside it."""
        if self.result is None:
            return None
        position = self.year - self.result.years[0]
        return position if 0 <= position < len(self.result.years) else None

    # -- plots ---------------------------------------------------------------

    def add_plot(
        self, row: int, col: int, x_title: str, y_title: str, *, x_years: bool = False, y_percent=False
    ) -> pg.PlotItem:
        """A plot with titled axes (units in the title), thousands separators, no pan or zoom."""
        axes = {
            "left": ThousandsAxis("left", suffix="%" if y_percent else ""),
            "bottom": ThousandsAxis("bottom", thousands=not x_years),
        }
        # A view box made without pyqtgraph's context menu (its building is a third of a plot's
        # cost): charts have their own menu.
        view = pg.ViewBox(enableMenu=False)
        plot = self.graphics.addPlot(row=row, col=col, axisItems=axes, viewBox=view)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.disableAutoRange()  # every chart sets its ranges (and all-NaN data must not be measured)
        plot.setLabel("bottom", x_title)
        plot.setLabel("left", y_title)
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.getAxis("left").setWidth(74)  # room for "12,000" beside the axis title
        for side in ("left", "bottom"):  # axes change rarely: painted from a cached pixmap
            plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._style_plot(plot)
        return plot

    @staticmethod
    def set_ranges(plot: pg.PlotItem, x: tuple[float, float], y: tuple[float, float]) -> None:
        """Show ``x`` and ``y`` (no padding), only if they differ from what is on show: a new range
        makes pyqtgraph lay its axes out again, the dearest part of a redraw."""
        (x0, x1), (y0, y1) = plot.vb.viewRange()
        close = [
            abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in zip((x0, x1, y0, y1), (*x, *y), strict=True)
        ]
        if not all(close):
            plot.vb.setRange(xRange=x, yRange=y, padding=0)

    def set_axis(self, plot: pg.PlotItem, side: str, *, title: str | None = None, ticks=None) -> None:
        """Set an axis's title and ticks, only when they change (pyqtgraph redraws an axis for any
        call, and axes are the dearest part of a redraw)."""
        axis = plot.getAxis(side)
        if title is not None and axis.labelText != title:
            axis.setLabel(title, color=self.palette_.text.name())
        if ticks is not None and getattr(axis, "ticks_shown", None) != ticks:
            axis.setTicks(ticks)
            axis.ticks_shown = ticks

    def _style_plot(self, plot: pg.PlotItem) -> None:
        pal = self.palette_
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            axis.setPen(pg.mkPen(pal.muted))
            axis.setTextPen(pg.mkPen(pal.text))
            label = axis.labelText
            axis.setLabel(label, **{"color": pal.text.name()})

    def add_legend(self, row: int, col: int = 0, colspan: int = 1, columns: int = 4) -> pg.LegendItem:
        """A legend in its own row of the layout, under the plots (it never covers a bar)."""
        legend = pg.LegendItem(colCount=columns, labelTextSize="8pt", verSpacing=-4)
        self.graphics.addItem(legend, row=row, col=col, colspan=colspan)
        self.legends.append(legend)
        return legend

    def style_legends(self) -> None:
        """Legend texts in the palette's text colour (labels keep the colour they were drawn in)."""
        for legend in self.legends:
            legend.setLabelTextColor(self.palette_.text)
            for _sample, label in legend.items:
                label.setText(label.text, color=self.palette_.text)

    def _apply_background(self) -> None:
        self.graphics.setBackground(self.palette_.background)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.palette_ = ChartPalette.from_palette(self.palette())
            self._apply_background()
            for item in self.graphics.ci.items:
                if isinstance(item, pg.PlotItem):
                    self._style_plot(item)
            self.palette_changed()
            self.style_legends()
            self.redraw()

    # -- hover and clicks ------------------------------------------------------

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.hover_text(scene_pos)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.graphics)
        else:
            QToolTip.hideText()

    def _on_mouse_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.click(event.scenePos())

    # -- export and copy -------------------------------------------------------

    def tsv(self) -> str:
        """The chart's data, tab-separated with a header row: pasteable into Excel."""
        header, rows = self.data_table()
        lines = ["\t".join(header)]
        lines += ["\t".join(_cell(value) for value in row) for row in rows]
        return "\n".join(lines) + "\n"

    def copy_data(self) -> None:
        QGuiApplication.clipboard().setText(self.tsv())

    def export(self, path: str | Path) -> None:
        """Write the chart as ``.png``, ``.svg`` or ``.tsv`` (by the suffix); ``OSError`` if it cannot."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".png":
            image = self.render_image()
            if not image.save(str(path)):
                raise OSError(f"could not write {path}")
        elif suffix == ".svg":
            self.render_svg(path)
        elif suffix == ".tsv":
            path.write_text(self.tsv(), encoding="utf-8")
        else:
            raise ValueError(f"{path.name}: a chart is exported as {', '.join(EXPORT_SUFFIXES)}")

    def render_image(self) -> QImage:
        """The chart as drawn (legend and titles included), at the screen's pixel ratio."""
        return self.graphics.grab().toImage()

    def render_svg(self, path: Path) -> None:
        from PySide6.QtSvg import QSvgGenerator

        size = self._picture_size()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.title)
        generator.setDescription(f"REE Planner: {self.title}")
        painter = QPainter(generator)
        try:
            self._paint_picture(painter, size)
        finally:
            painter.end()
        if not path.is_file():
            raise OSError(f"could not write {path}")

    def _picture_size(self) -> QSize:
        """The size of what the pictures show: the plots."""
        return self.graphics.viewport().size()

    def _paint_picture(self, painter: QPainter, size: QSize) -> None:
        self.graphics.render(painter, QRectF(0, 0, size.width(), size.height()))

    def context_menu(self) -> QMenu:
        """Export PNG, Export SVG and Copy data (built on its own so tests can read it)."""
        menu = QMenu(self)
        menu.addAction("Export PNG…", lambda: self._export_asked(".png")).setObjectName("chart-export-png")
        menu.addAction("Export SVG…", lambda: self._export_asked(".svg")).setObjectName("chart-export-svg")
        menu.addSeparator()
        menu.addAction("Copy data", self.copy_data).setObjectName("chart-copy-data")
        return menu

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        self.context_menu().exec(self.graphics.mapToGlobal(pos))

    def _export_asked(self, suffix: str) -> None:
        kind = "PNG image (*.png)" if suffix == ".png" else "SVG drawing (*.svg)"
        suggested = f"{self.name}-{self.scenario_id or 'chart'}-{self.year}{suffix}".lower()
        path = self.prompts.save_path(f"Export {self.title}", suggested, kind) if self.prompts else None
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            self.export(path)
        except OSError as error:
            self.prompts.error(f"Export {self.title}", f"The chart could not be saved: {error}")

    def sizeHint(self) -> QSize:
        return QSize(460, 380)


def _cell(value: object) -> str:
    """A TSV cell: numbers plain (no separators, Excel reads them as numbers), NaN and None empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.10g}"
    return str(value).replace("\t", " ").replace("\n", " ")

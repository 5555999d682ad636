"""What the Risk dock's charts share: a title, a pyqtgraph plot with titled axes, Okabe-Ito colours that
read on the light and the dark palette, and clicks on horizontal bars.

Okabe and Ito's colours are told apart under the common colour-vision
deficiencies; on a dark background the dark blue is lightened, and black
(the palette's text colour) is used for neutral lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reeplanner.gui.charts.chart_base import ThousandsAxis
from reeplanner.gui.charts.chart_palette import OKABE_ITO, mix

BAR_HEIGHT = 0.62


@dataclass(frozen=True)
class RiskColours:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    blue: QColor  # the draws: band, median, bars
    orange: QColor  # the selected bar, the deterministic line
    vermillion: QColor  # an assumption moved down
    green: QColor  # a threshold

    @classmethod
    def from_palette(cls, palette: QPalette) -> RiskColours:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = background.lightnessF() < 0.5
        blue = QColor(OKABE_ITO["sky_blue" if dark else "blue"])
        return cls(
            background=background,
            text=text,
            muted=mix(text, background, 0.45),
            grid=mix(text, background, 0.85),
            blue=blue,
            orange=QColor(OKABE_ITO["orange"]),
            vermillion=QColor(OKABE_ITO["vermillion"]),
            green=QColor(OKABE_ITO["bluish_green"]),
        )

    def faded(self, colour: QColor, alpha: int) -> QColor:
        faded = QColor(colour)
        faded.setAlpha(alpha)
        return faded


class NumberAxis(ThousandsAxis):
    """The charts' axis, with fewer ticks: a panel is small, and labels like 12,000 need room."""

    def __init__(self, orientation: str, thousands: bool = True, suffix: str = "") -> None:
        super().__init__(orientation, thousands=thousands, suffix=suffix)
        self.setTickDensity(0.35 if orientation == "bottom" else 0.6)


class LabelAxis(pg.AxisItem):
    """A left axis naming the bars: the label of bar ``i`` sits at ``y = i``."""

    def __init__(self) -> None:
        super().__init__("left")
        self.labels: list[str] = []  # top down, as the reader sees them

    def set_labels(self, labels: list[tuple[float, str]]) -> None:
        """``(y, label)`` of each bar, top down."""
        self.labels = [text for _, text in labels]
        self.setTicks([labels, []])


class RiskChartPanel(QWidget):
    """A titled plot; subclasses draw in ``redraw`` and may answer clicks in ``on_click``."""

    def __init__(self, name: str, title: str, left: pg.AxisItem, bottom: pg.AxisItem) -> None:
        super().__init__()
        self.setObjectName(f"risk-{name}")
        self.colours = RiskColours.from_palette(self.palette())
        self.title = QLabel(title)
        self.title.setObjectName(f"risk-{name}-title")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.controls.addWidget(self.title, 1)
        view = pg.ViewBox(enableMenu=False)  # no pyqtgraph menu to build: the panel has its own
        self.plot = pg.PlotWidget(axisItems={"left": left, "bottom": bottom}, viewBox=view)
        self.plot.setObjectName(f"risk-{name}-plot")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumSize(140, 110)
        self.key = QLabel()
        self.key.setObjectName(f"risk-{name}-key")
        self.key.setWordWrap(True)
        self.key.hide()
        self.note = QLabel()
        self.note.setObjectName(f"risk-{name}-note")
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(self.controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.key)
        layout.addWidget(self.note)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self._style_axes()

    def redraw(self) -> None:
        """Draw the figures held (subclasses)."""

    def set_axis_titles(self, left: str, bottom: str) -> None:
        item = self.plot.getPlotItem()
        item.setLabel("left", left, color=self.colours.text.name())
        item.setLabel("bottom", bottom, color=self.colours.text.name())

    def show_note(self, text: str) -> None:
        """A sentence under the plot (why it is empty, what was left out); none when ``text`` is empty."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_key(self, entries: list[tuple[str, QColor, str]]) -> None:
        """The legend under the plot: each ``(glyph, colour, text)``, the glyph in its series' colour."""
        parts = [
            f'<span style="color:{colour.name()}">{glyph}</span>&nbsp;{text}'
            for glyph, colour, text in entries
        ]
        self.key.setText("&nbsp;&nbsp; ".join(parts))
        self.key.setVisible(bool(entries))

    def bar_at(self, scene_pos: QPointF, count: int) -> int | None:
        """The horizontal bar (``y = index``) under ``scene_pos``, if any."""
        box = self.plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        y = box.mapSceneToView(scene_pos).y()
        index = round(y)
        return index if 0 <= index < count and abs(y - index) <= BAR_HEIGHT / 2 else None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self.colours = RiskColours.from_palette(self.palette())
            self._style_axes()
            self.redraw()
        super().changeEvent(event)

    def _style_axes(self) -> None:
        colours = self.colours
        self.plot.setBackground(colours.background)
        item = self.plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(colours.muted))
            axis.setTextPen(pg.mkPen(colours.text))
            label = axis.labelText
            if label:
                axis.setLabel(label, color=colours.text.name())
        item.showGrid(x=True, y=False, alpha=0.25)

    def _on_scene_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.on_click(event.scenePos())

    def on_click(self, scene_pos: QPointF) -> None:
        """A left click at ``scene_pos`` (subclasses with bars find the bar with ``bar_at``)."""

"""The charts' colours: the Okabe-Ito palette (safe for colour-blind readers), tuned to the light or
dark application palette, with the text, grid and background colours read from the QPalette.

Okabe and Ito's eight colours are told apart under every common colour-vision deficiency. Black
becomes the text colour (white on dark), and yellow, too pale on white, is handed out last.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Series colours in the order they are handed out; then black (the text colour: white on dark) and
#: yellow last (faint on white).
SERIES_ORDER = (
    "blue",
    "orange",
    "bluish_green",
    "reddish_purple",
    "sky_blue",
    "vermillion",
    "text",
    "yellow",
)


@dataclass(frozen=True)
class ChartPalette:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    series: tuple[QColor, ...]
    shortfall: QColor  # what is missing: gaps, unmet demand
    highlight: QColor  # the bottleneck's band, the selected year
    dark: bool

    def colour(self, name: str) -> QColor:
        """One of the Okabe-Ito colours by name (``blue``, ``orange``...)."""
        colour = QColor(OKABE_ITO[name])
        return colour.lighter(125) if self.dark and name == "blue" else colour

    def series_colour(self, index: int) -> QColor:
        """The ``index``-th series colour; after the seven colours they repeat, darker."""
        base = self.series[index % len(self.series)]
        return base if index < len(self.series) else base.darker(140)

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> ChartPalette:
        palette = palette or QApplication.palette()
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = background.lightnessF() < 0.5
        muted = mix(text, background, 0.4)
        series = []
        for name in SERIES_ORDER:
            if name == "text":
                series.append(QColor(text))
                continue
            colour = QColor(OKABE_ITO[name])
            series.append(colour.lighter(125) if dark and name == "blue" else colour)
        return cls(
            background=background,
            text=text,
            muted=muted,
            grid=mix(text, background, 0.85),
            series=tuple(series),
            shortfall=QColor(OKABE_ITO["vermillion"]),
            highlight=mix(QColor(OKABE_ITO["vermillion"]), background, 0.82),
            dark=dark,
        )


def mix(a: QColor, b: QColor, weight_b: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() * (1 - weight_b) + b.redF() * weight_b,
        a.greenF() * (1 - weight_b) + b.greenF() * weight_b,
        a.blueF() * (1 - weight_b) + b.blueF() * weight_b,
    )

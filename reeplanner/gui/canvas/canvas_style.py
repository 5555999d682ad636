"""Colours and fonts of the canvas, read from the application palette.

Status colours are mid-tones chosen to read on both a light and a dark
background; everything else (lane fill, card fill, text) derives from the
QPalette, so the canvas follows the light or dark theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication

from reeplanner.model.enums import Status

STATUS_COLOURS: dict[Status, str] = {
    Status.OPERATING: "#2e9e4f",
    Status.CONSTRUCTION: "#3a78d8",
    Status.FINANCED: "#13968e",
    Status.PLANNED: "#e09b00",
    Status.PROPOSED: "#8c939d",
    Status.CANCELLED: "#d8433e",
}

FADED_OPACITY = 0.35  # cards of facilities absent from the scenario on show
#: Font sizes in scene units. Fit to view at 1400x900 draws the canvas at about 0.58: the smallest
#: text (16) is then over 9 px high on screen.
SMALL_PX, BODY_PX, TITLE_PX, HEADER_PX = 16, 16, 17, 18
#: A shortfall (a lane's gap, the bottleneck, a plant starved of feed) in the light and dark palettes.
SHORTFALL = {False: "#c0392b", True: "#ff7b6b"}


def status_colour(status: Status | None) -> QColor:
    return QColor(STATUS_COLOURS.get(status, STATUS_COLOURS[Status.PROPOSED]))  # type: ignore[arg-type]


def mix(a: QColor, b: QColor, weight_b: float) -> QColor:
    """``a`` moved ``weight_b`` of the way towards ``b``."""
    w = min(max(weight_b, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() * (1 - w) + b.redF() * w,
        a.greenF() * (1 - w) + b.greenF() * w,
        a.blueF() * (1 - w) + b.blueF() * w,
    )


@dataclass(frozen=True)
class CanvasStyle:
    """The canvas's colours and fonts for the current palette."""

    background: QColor
    lane_fill: QColor
    lane_border: QColor
    card_fill: QColor
    card_border: QColor
    text: QColor
    muted_text: QColor
    highlight: QColor
    link: QColor
    warning_text: QColor
    shortfall: QColor
    title_font: QFont
    body_font: QFont
    small_font: QFont
    header_font: QFont
    figure_font: QFont

    @property
    def is_dark(self) -> bool:
        return self.background.lightnessF() < 0.5

    # Made once per style, not on every paint of every card.

    @cached_property
    def struck_title_font(self) -> QFont:
        """The title of a cancelled facility."""
        font = QFont(self.title_font)
        font.setStrikeOut(True)
        return font

    @cached_property
    def badge_font(self) -> QFont:
        font = QFont(self.small_font)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    @cached_property
    def badge_fill(self) -> QColor:
        return self.highlight.darker(220) if self.is_dark else self.highlight.lighter(185)

    @cached_property
    def status_colours(self) -> dict[Status | None, QColor]:
        colours: dict[Status | None, QColor] = {status: status_colour(status) for status in Status}
        colours[None] = status_colour(None)
        return colours

    def metrics(self, font: QFont) -> QFontMetricsF:
        """Metrics of one of this style's fonts (kept, as they are asked for on every paint)."""
        cache = self.__dict__.setdefault("_metrics", {})
        found = cache.get(id(font))  # the style's own fonts: the same objects for its lifetime
        if found is None:
            found = cache[id(font)] = (font, QFontMetricsF(font))
        return found[1]

    @cached_property
    def bars(self) -> TextBars:
        return TextBars(self)

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> CanvasStyle:
        palette = palette or QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        dark = window.lightnessF() < 0.5
        background = mix(window, text, 0.02)
        lane_fill = mix(window, text, 0.06 if dark else 0.045)
        body = QApplication.font()
        return cls(
            background=background,
            lane_fill=lane_fill,
            lane_border=mix(window, text, 0.14),
            card_fill=mix(base, text, 0.06) if dark else base,
            card_border=mix(base, text, 0.25),
            text=text,
            muted_text=mix(text, base, 0.38),
            highlight=palette.color(QPalette.ColorRole.Highlight),
            link=mix(text, base, 0.45),
            warning_text=QColor("#e8a33a") if dark else QColor("#a4610a"),
            shortfall=QColor(SHORTFALL[dark]),
            title_font=_font(body, TITLE_PX, QFont.Weight.DemiBold),
            body_font=_font(body, BODY_PX),
            small_font=_font(body, SMALL_PX),
            header_font=_font(body, HEADER_PX, QFont.Weight.Bold),
            figure_font=_font(body, BODY_PX, QFont.Weight.DemiBold),
        )


def _font(base: QFont, pixels: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The application's font family at ``pixels`` scene units high (the canvas scales it with the zoom)."""
    font = QFont(base)
    font.setPixelSize(pixels)
    font.setWeight(weight)
    return font


class TextBars:
    """How a card's lines of text are drawn far out: soft bars, sized from average character widths."""

    def __init__(self, style: CanvasStyle) -> None:
        self._faded: dict[int, QColor] = {}

        def sizes(font: QFont) -> tuple[float, float]:
            metrics = style.metrics(font)
            return metrics.averageCharWidth(), metrics.ascent() * 0.7

        self.title_char, self.title_height = sizes(style.title_font)
        self.body_char, self.body_height = sizes(style.body_font)
        self.small_char, self.small_height = sizes(style.small_font)
        self.text = self.faded(style.text)
        self.muted = self.faded(style.muted_text)
        self.warning = self.faded(style.warning_text)

    def faded(self, colour: QColor) -> QColor:
        """``colour`` at the bars' opacity (status colours are few: kept)."""
        key = colour.rgba()
        found = self._faded.get(key)
        if found is None:
            found = self._faded[key] = QColor(colour)
            found.setAlphaF(0.45)
        return found

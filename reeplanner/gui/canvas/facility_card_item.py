"""A facility's card: name, capacity and material, public funding badge, output and utilisation in
the year, status and lead agency, and flags: starved of feed, what the scenario does to it.

Cards are many (10,000 in a large plan), so each is cheap: no child items, no
effects, no per-card cursor until the pointer first comes to it, no Python
``itemChange`` (the scene moves the arrows of dragged cards). Texts are
painted from strings elided once and kept until the facility, its figures or
the canvas display (year, currency, units, colours) change. Zoomed far out,
where text could not be read, a card is drawn as its outline with bars where
the lines of text are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from reeplanner.gui.canvas.canvas_figures import FacilityFigures, money, tonnes
from reeplanner.gui.canvas.canvas_layout import CARD_HEIGHT, CARD_WIDTH
from reeplanner.gui.canvas.canvas_style import FADED_OPACITY, CanvasStyle
from reeplanner.gui.tonnage import TONNES
from reeplanner.model.enums import Status
from reeplanner.model.records import Facility

if TYPE_CHECKING:
    from reeplanner.gui.canvas.link_arrow_item import LinkArrowItem

RADIUS = 6.0
STRIPE = 5.0
LEFT = 14.0  # text inset from the card's left edge (after the status stripe)
RIGHT = 10.0
TEXT_WIDTH = CARD_WIDTH - LEFT - RIGHT
READABLE_DETAIL = 0.3  # below this scale, text is a smudge (a 9 pt title under 4 px): draw bars instead
FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
BOUNDS = QRectF(-1.5, -1.5, CARD_WIDTH + 3, CARD_HEIGHT + 3)
CARD_RECT = QRectF(0, 0, CARD_WIDTH, CARD_HEIGHT)


def _card_path() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(CARD_RECT, RADIUS, RADIUS)
    return path


def _stripe_path() -> QPainterPath:
    stripe = QPainterPath()
    stripe.addRect(QRectF(0, 0, STRIPE, CARD_HEIGHT))
    return _card_path().intersected(stripe)


CARD_PATH = _card_path()
STRIPE_PATH = _stripe_path()


class CardDisplay:
    """What every card of a scene shows alike: colours and fonts, year, currency, units.

    Shared by reference; ``changed()`` after a change makes each card lay out
    its texts again the next time it is painted (only the cards in sight).
    """

    def __init__(self, style: CanvasStyle, year: int = 0, currency: str = "", units: str = TONNES):
        self.style, self.year, self.currency, self.units = style, year, currency, units
        self.version = 0

    def changed(self) -> None:
        self.version += 1


class _Texts:
    """A card's painted strings, elided to fit, and where they go (``lines`` only once read up close)."""

    __slots__ = ("version", "colour", "lines", "badge", "bars")

    def __init__(self, version: int, colour: QColor) -> None:
        self.version, self.colour = version, colour
        self.lines: list | None = None  # (font, colour, x, baseline, text)
        self.badge: tuple[QRectF, str] | None = None
        self.bars: list | None = None  # (colour, rect): the lines as bars, far out


class FacilityCardItem(QGraphicsItem):
    """One facility on the canvas; movable and selectable. Texts are set by the scene."""

    # Class-level until a card's own differ: fewer objects per card for 10,000 cards.
    arrows: tuple[LinkArrowItem, ...] = ()  # the links drawn from or to it (see attach/detach)
    figures = FacilityFigures()
    present = True
    _texts: _Texts | None = None
    _cursor_set = False

    def __init__(
        self,
        facility: Facility,
        index: int,
        display: CardDisplay,
        material_label: str = "",
        stage_name: str = "",
    ) -> None:
        super().__init__()
        self.display = display
        self.facility = facility
        self.index = index
        self.key = ""  # the facility ID key the scene files the card under
        self.material_label = material_label
        self.stage_name = stage_name
        self.setFlags(FLAGS)
        self.setAcceptHoverEvents(True)

    # -- content --------------------------------------------------------

    @property
    def style(self) -> CanvasStyle:
        return self.display.style

    @property
    def year(self) -> int:
        return self.display.year

    @property
    def facility_id(self) -> str:
        return self.facility.id

    @property
    def status(self) -> Status:
        """The status in the scenario on show (a status override wins over the plan's)."""
        return self.figures.status or self.facility.status

    @property
    def cancelled(self) -> bool:
        return self.figures.cancelled or self.status is Status.CANCELLED

    def set_facility(self, facility: Facility, index: int, material_label: str, stage_name: str) -> None:
        self.index = index  # rows after a deleted one move up: no new text for that
        if facility is self.facility and (material_label, stage_name) == (
            self.material_label,
            self.stage_name,
        ):
            return
        self.facility = facility
        self.material_label, self.stage_name = material_label, stage_name
        self._texts = None
        self.update()

    def set_figures(self, figures: FacilityFigures, present: bool) -> None:
        if figures == self.figures and present == self.present:
            return  # most cards keep their figures after an edit elsewhere: skip the repaint
        if present != self.present:
            self.setOpacity(1.0 if present else FADED_OPACITY)
        self.figures, self.present = figures, present
        self._texts = None
        self.update()

    @property
    def capacity_text(self) -> str:
        capacity = tonnes(self.facility.capacity, self.display.units)
        return f"{capacity} {self.material_label}" if self.material_label else capacity

    @property
    def effective_text(self) -> str:
        if not self.present:
            return "Not in this scenario"
        if self.figures.cancelled:
            return "Cancelled in this scenario"
        return f"{self.display.year}: {tonnes(self.figures.effective, self.display.units)} effective"

    @property
    def output_text(self) -> str:
        """``Out 5,100 t/yr · 85%``: its share of the domestic pass and its utilisation, in the year."""
        figures = self.figures
        if not self.present:
            return "Not in this scenario"
        if self.cancelled:
            return "Cancelled in this scenario"
        if figures.effective is None:
            return "Out –"
        if figures.output is None:
            return f"Abroad: {tonnes(figures.effective, self.display.units)}"
        share = "" if figures.utilisation is None else f" · {figures.utilisation:.0%}"
        return f"Out {tonnes(figures.output, self.display.units)}{share}"

    @property
    def flag_text(self) -> str:
        """What to flag: starved of feed, and what the scenario does to it (delayed, scaled...)."""
        parts = ["⚠ Starved of feed"] if self.figures.starved and self.present else []
        marker = self.figures.marker
        if marker and self.present and marker != "Cancelled in this scenario":
            parts.append(marker)
        return " · ".join(parts)

    @property
    def funding_text(self) -> str:
        return money(self.figures.funding, self.display.currency) if self.figures.funding > 0 else ""

    @property
    def agency_text(self) -> str:
        return f"Lead {self.facility.lead_agency}" if self.facility.lead_agency else "No lead agency"

    def tooltip_text(self) -> str:
        """The card's details, built when the pointer comes to rest on it (not on every refresh)."""
        fac = self.facility
        lines = [
            f"<b>{_html(fac.name)}</b> ({_html(fac.id)})",
            f"{_html(self.stage_name)} · {self.status.value}",
            _html(self.capacity_text),
            _html(self.effective_text),
        ]
        if self.present and not self.cancelled and self.figures.effective is not None:
            lines.append(_html(self.output_text.replace("Out ", "Output ", 1) + " utilised"))
        if self.figures.starved and self.present:
            lines.append(
                "<b>Starved of feed:</b> publicly funded, online, below half its capacity "
                "because the stage above cannot feed it"
            )
        if self.figures.marker:
            lines.append(f"Scenario: {_html(self.figures.marker)}")
        if fac.operator or fac.location:
            lines.append(_html(", ".join(p for p in (fac.operator, fac.location) if p)))
        if fac.lead_agency:
            lines.append(f"Lead agency: {_html(fac.lead_agency)}")
        if self.funding_text:
            lines.append(f"Public funding: {_html(self.funding_text)}")
        if fac.feeds_stage:
            lines.append(f"Feeds {_html(fac.feeds_stage)}")
        return "<br>".join(lines)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self._cursor_set:  # set on first visit: a cursor on each of 10,000 cards costs at load
            self._cursor_set = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)

    # -- links ----------------------------------------------------------

    def attach(self, arrow: LinkArrowItem) -> None:
        self.arrows = (*self.arrows, arrow)

    def detach(self, arrow: LinkArrowItem) -> None:
        self.arrows = tuple(a for a in self.arrows if a is not arrow)

    # -- drawing --------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return BOUNDS

    def shape(self) -> QPainterPath:
        return CARD_PATH

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        display = self.display
        style = display.style
        texts = self._texts
        if texts is None or texts.version != display.version:
            colour = style.status_colours.get(self.status) or style.status_colours[None]
            texts = self._texts = _Texts(display.version, colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.card_fill)
        painter.drawPath(CARD_PATH)
        painter.setBrush(texts.colour)
        painter.drawPath(STRIPE_PATH)
        selected = self.isSelected()
        pen = QPen(style.highlight if selected else style.card_border, 2.0 if selected else 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(CARD_PATH)
        if painter.worldTransform().m11() < READABLE_DETAIL:  # the zoom (the canvas only scales)
            self._paint_bars(painter, texts)
        else:
            self._paint_texts(painter, texts)

    def _wanted_lines(self, colour: QColor) -> list[tuple[QFont, QColor, float, float, str, float]]:
        """Each line of text: font, colour, x, baseline, text and the width it may take (0: any).

        Name; capacity (and the funding badge); output and utilisation in the year; status and
        lead agency; flags (starved of feed, what the scenario does to it).
        """
        style = self.display.style
        status = self.status.value
        status_width = style.metrics(style.small_font).horizontalAdvance(status + " ·  ")
        funding = self.funding_text
        badge_width = style.metrics(style.badge_font).horizontalAdvance(funding) + 18 if funding else 0.0
        agency_colour = style.muted_text if self.facility.lead_agency else style.warning_text
        figures = self.figures
        short = figures.utilisation is not None and figures.utilisation < 0.5 and self.present
        flag_colour = style.shortfall if figures.starved else style.warning_text
        return [
            (
                style.struck_title_font if self.cancelled else style.title_font,
                style.text,
                LEFT,
                22,
                self.facility.name,
                TEXT_WIDTH,
            ),
            (style.body_font, style.text, LEFT, 45, self.capacity_text, TEXT_WIDTH - badge_width),
            (
                style.body_font,
                style.shortfall if short else style.text,
                LEFT,
                68,
                self.output_text,
                TEXT_WIDTH,
            ),
            (style.small_font, colour, LEFT, 90, status + " ·", 0.0),
            (
                style.small_font,
                agency_colour,
                LEFT + status_width,
                90,
                self.agency_text,
                TEXT_WIDTH - status_width,
            ),
            (style.small_font, flag_colour, LEFT, 110, self.flag_text, TEXT_WIDTH),
        ]

    def _badge_rect(self, text: str) -> QRectF:
        style = self.display.style
        width = style.metrics(style.badge_font).horizontalAdvance(text) + 12
        return QRectF(CARD_WIDTH - RIGHT - width, 30, width, 20)

    def _paint_texts(self, painter: QPainter, texts: _Texts) -> None:
        style = self.display.style
        if texts.lines is None:
            lines = []
            for font, colour, x, baseline, text, width in self._wanted_lines(texts.colour):
                if width > 0:
                    text = style.metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
                lines.append((font, colour, x, baseline, text))
            texts.lines = lines
            funding = self.funding_text
            texts.badge = (self._badge_rect(funding), funding) if funding else None
        for font, colour, x, baseline, text in texts.lines:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QPointF(x, baseline), text)
        if texts.badge is not None:
            rect, text = texts.badge
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.badge_fill)
            painter.drawRoundedRect(rect, 10, 10)
            painter.setFont(style.badge_font)
            painter.setPen(style.text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_bars(self, painter: QPainter, texts: _Texts) -> None:
        """Far out, where text would be a smudge: each line as a soft bar about its length.

        Lengths are estimated from the fonts' average character width: hundreds
        of cards are in sight at that scale, and measuring their text would cost.
        """
        style = self.display.style
        if texts.bars is None:
            b = style.bars
            chars = {id(style.title_font): b.title_char, id(style.struck_title_font): b.title_char,
                     id(style.body_font): b.body_char}  # fmt: skip
            heights = {id(style.title_font): b.title_height, id(style.struck_title_font): b.title_height,
                       id(style.body_font): b.body_height}  # fmt: skip
            texts.bars = []
            for font, colour, x, baseline, text, room in self._wanted_lines(texts.colour):
                if not text:
                    continue
                char, height = chars.get(id(font), b.small_char), heights.get(id(font), b.small_height)
                length = len(text) * char
                texts.bars.append(
                    (b.faded(colour), QRectF(x, baseline - height, min(length, room or length), height))
                )
            funding = self.funding_text
            if funding:
                texts.bars.append((style.badge_fill, self._badge_rect(funding)))
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rect in texts.bars:
            painter.setBrush(colour)
            painter.drawRect(rect)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

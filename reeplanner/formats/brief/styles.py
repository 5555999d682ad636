"""The brief's look: named cell styles, number formats and the timeline's phase fills.

Named styles (rather than per-cell fonts) keep the file small and let the
column fitter tell titles, which may overflow, from table cells, which must fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.workbook import Workbook

FONT_NAME = "Calibri"
INK = "1F2933"
MUTED = "52606D"
ACCENT = "1F4E79"
HEADER_FILL = "DCE6F1"
BOX_FILL = "F2F4F7"
RULE = "9AA5B1"

#: Number formats. Units sit in the header or the row label; cells carry separators.
TONNES = "#,##0"
#: Tonnes where zero means "none": an en dash instead of 0.
TONNES_OR_DASH = '#,##0;-#,##0;"–"'
MONEY = "#,##0.0"
#: Money where zero means "none": an en dash instead of 0.0.
MONEY_OR_DASH = '#,##0.0;-#,##0.0;"–"'
PERCENT = "0%"
SHARE = "0.00"
YEAR = "0"
#: Marks a text cell to align right, like the figures beside it.
RIGHT_TEXT = "@"

TITLE = "brief-title"
SUBTITLE = "brief-subtitle"
SECTION = "brief-section"
HEADER = "brief-header"
TEXT = "brief-text"
WRAPPED = "brief-wrapped"
NUMBER = "brief-number"
TOTAL = "brief-total"
NOTE = "brief-note"
LINE = "brief-line"
BOX = "brief-box"

#: Styles whose text may run across empty neighbours; the column fitter ignores them.
OVERFLOWING = frozenset({TITLE, SUBTITLE, SECTION, NOTE, WRAPPED, LINE, BOX})
#: Styles of table cells: their text wraps within its column when too long for it.
TABLE = frozenset({HEADER, TEXT, NUMBER, TOTAL})


@dataclass(frozen=True)
class Phase:
    """A facility's phase in a timeline year: its label, the letter printed in the cell, its colours."""

    label: str
    letter: str
    colour: str
    font_colour: str = INK

    @property
    def fill(self) -> PatternFill:
        return PatternFill("solid", start_color=self.colour, end_color=self.colour)

    @property
    def font(self) -> Font:
        return Font(name=FONT_NAME, size=9, bold=True, color=self.font_colour)


#: Distinct in colour and in lightness, so a grey-scale print still separates them.
PERMITTING = Phase("Permitting", "P", "FCE4B6")
CONSTRUCTION = Phase("Construction", "C", "F4A259")
RAMP_UP = Phase("Ramp-up", "R", "8FBCDB")
OPERATING = Phase("Operating", "O", "2E6F95", font_colour="FFFFFF")
PHASES = (PERMITTING, CONSTRUCTION, RAMP_UP, OPERATING)

TARGET_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
MET_FONT = Font(name=FONT_NAME, size=10, bold=True, color="1E7B34")
TARGET_FONT = Font(name=FONT_NAME, size=10, bold=True, color="7F6000")
MISSED_FONT = Font(name=FONT_NAME, size=10, bold=True, color="B42318")
#: An illustrative target's "Set by" cell, and a sub-row (an office under its department).
ILLUSTRATIVE_FONT = Font(name=FONT_NAME, size=10, italic=True, color="7F6000")
SUB_ROW_FONT = Font(name=FONT_NAME, size=9, italic=True, color=MUTED)

#: Conditional colour scale of the Gaps sheet: surplus green, balance white, shortfall red.
SURPLUS_COLOUR = "63BE7B"
BALANCE_COLOUR = "FFFFFF"
SHORTFALL_COLOUR = "F8696B"

#: Chart series colours, in order (readable on white and distinct in grey).
SERIES_COLOURS = (
    "1F4E79",
    "F4A259",
    "5B8E7D",
    "BC4B51",
    "8CB369",
    "7D5BA6",
    "9AA5B1",
    "D4A72C",
    "3FA7D6",
    "6B4226",
)


def add_named_styles(workbook: Workbook) -> None:
    """Register the brief's cell styles on ``workbook``."""
    thin = Side(style="thin", color=RULE)
    styles = [
        NamedStyle(TITLE, font=Font(name=FONT_NAME, size=16, bold=True, color=ACCENT)),
        NamedStyle(SUBTITLE, font=Font(name=FONT_NAME, size=10, color=MUTED)),
        NamedStyle(
            SECTION,
            font=Font(name=FONT_NAME, size=12, bold=True, color=ACCENT),
            alignment=Alignment(vertical="bottom"),
        ),
        NamedStyle(
            HEADER,
            font=Font(name=FONT_NAME, size=10, bold=True, color=INK),
            fill=PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL),
            border=Border(bottom=thin),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        ),
        NamedStyle(
            TEXT,
            font=Font(name=FONT_NAME, size=10, color=INK),
            alignment=Alignment(vertical="top"),
            border=Border(bottom=Side(style="hair", color=RULE)),
        ),
        NamedStyle(
            WRAPPED,
            font=Font(name=FONT_NAME, size=11, color=INK),
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
        NamedStyle(
            NUMBER,
            font=Font(name=FONT_NAME, size=10, color=INK),
            alignment=Alignment(horizontal="right", vertical="top"),
            border=Border(bottom=Side(style="hair", color=RULE)),
        ),
        NamedStyle(
            TOTAL,
            font=Font(name=FONT_NAME, size=10, bold=True, color=INK),
            alignment=Alignment(horizontal="right", vertical="top"),
            border=Border(top=thin),
        ),
        NamedStyle(LINE, font=Font(name=FONT_NAME, size=10, color=INK)),
        NamedStyle(NOTE, font=Font(name=FONT_NAME, size=9, italic=True, color=MUTED)),
        NamedStyle(
            BOX,
            font=Font(name=FONT_NAME, size=10, color=INK),
            fill=PatternFill("solid", start_color=BOX_FILL, end_color=BOX_FILL),
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
    ]
    for style in styles:
        workbook.add_named_style(style)

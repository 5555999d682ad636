"""Writing one brief sheet top to bottom, then fitting its columns and setting up its pages."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioResult

#: What an undefined figure shows (engine.md: a dash, never 0 or infinity).
DASH = "–"

#: Characters of 10-point text a column holds per unit of width (its digit width at 11 points), a
#: little under what LibreOffice fits, so an estimated line is never cut off.
CHARS_PER_UNIT = 1.35
BOLD_CHARS_PER_UNIT = 1.15
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
#: The height LibreOffice gives a 10-point row it sizes itself, and one line of wrapped 10-point text.
ROW_HEIGHT = 13.5
LINE_HEIGHT = 12.5
#: Mean width and line height of 11-point paragraph text, in points (generous, so nothing is cut).
PARAGRAPH_CHAR_WIDTH = 5.0
PARAGRAPH_LINE_HEIGHT = 15.0
#: What a landscape Letter page holds inside the margins, in points (kept a little short of the page).
PRINTABLE_WIDTH = 720.0
PRINTABLE_HEIGHT = 505.0
#: The height LibreOffice prints a 10-point row it sizes itself (measured on its PDF).
PRINTED_ROW_HEIGHT = 11.8
#: A table starts on a new page rather than split only when the page it would leave is this full.
KEEP_TOGETHER_FILL = 0.6
#: A short sheet (up to this many pages and a bit) is shrunk onto whole pages when its last page
#: would be less full than this.
MAX_SHRUNK_PAGES = 4
NEARLY_EMPTY = 0.25


LEFT = Alignment(horizontal="left", vertical="top")


@dataclass(frozen=True)
class PageHeader:
    """What every printed page carries: the plan's name, the brief's date and the plan's classification."""

    plan_name: str
    date: dt.date
    classification: str = ""


def safe_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def put(ws: Worksheet, row: int, column: int, value: object, style: str | None = None, fmt: str = "") -> Cell:
    """Write ``value`` into a cell as a plain value, never as a formula.

    Text from the plan may start with ``=``; it is stored as a string so no
    spreadsheet ever evaluates it. NaN and None leave a dash (a figure the
    engine could not define) or nothing (``value is None``).
    """
    cell = ws.cell(row=row, column=column)
    if style:
        cell.style = style
    if value is None:
        return cell
    if isinstance(value, bool):
        cell.value = "yes" if value else "no"
    elif isinstance(value, numbers.Integral):
        cell.value = int(value)
    elif isinstance(value, numbers.Real) and not math.isfinite(float(value)):
        cell.value = DASH
        cell.alignment = Alignment(horizontal="right", vertical="top")
    elif isinstance(value, numbers.Real):
        cell.value = float(value)
    else:
        cell.value = safe_text(str(value))
        cell.data_type = "s"
    if fmt and isinstance(cell.value, float | int):
        cell.number_format = fmt
    return cell


class SheetWriter:
    """Writes a sheet from the top: a title, sections, tables and notes, keeping the next free row."""

    def __init__(self, ws: Worksheet, header: PageHeader) -> None:
        self.ws = ws
        self.page_header = header
        self.row = 1
        self.blocks: list[int] = []  # first rows of the sections, kept on one page where they fit

    def title(self, text: str, subtitle: str = "") -> None:
        put(self.ws, self.row, 1, text, styles.TITLE)
        self.ws.row_dimensions[self.row].height = 24
        self.row += 1
        if subtitle:
            put(self.ws, self.row, 1, subtitle, styles.SUBTITLE)
            self.row += 1

    def section(self, text: str, gap: int = 1, column: int = 1) -> int:
        """A section heading after ``gap`` blank rows, in ``column``; returns its row."""
        self.blocks.append(self.row)
        self.row += gap
        put(self.ws, self.row, column, text, styles.SECTION)
        self.ws.row_dimensions[self.row].height = 20
        self.row += 1
        return self.row - 1

    def scenario_section(self, group: Sequence[ScenarioResult], alike: str) -> None:
        """A section for the first scenario of ``group``; the others are named in the note ``alike``
        (its ``{names}``): their figures are the same, and not repeated."""
        first = group[0]
        self.section(f"{first.scenario_name} ({first.scenario_id})")
        if len(group) > 1:
            self.note(
                alike.format(names=", ".join(f"{r.scenario_name} ({r.scenario_id})" for r in group[1:]))
            )

    def header(self, labels: Sequence[object], first_column: int = 1) -> int:
        for offset, label in enumerate(labels):
            put(self.ws, self.row, first_column + offset, label, styles.HEADER)
        self.row += 1
        return self.row - 1

    def table_row(
        self,
        values: Sequence[object],
        fmts: Sequence[str] | str = "",
        first_column: int = 1,
        total: bool = False,
    ) -> int:
        """One row of a table: text cells left, numbers right with their format (a total row's
        label left too)."""
        for offset, value in enumerate(values):
            fmt = fmts if isinstance(fmts, str) else fmts[offset]
            is_text = isinstance(value, str) and not fmt
            style = styles.TOTAL if total else (styles.TEXT if is_text else styles.NUMBER)
            cell = put(self.ws, self.row, first_column + offset, value, style, fmt)
            if total and offset == 0 and is_text:
                cell.alignment = LEFT
        self.row += 1
        return self.row - 1

    def line(self, text: str) -> None:
        """A line of text that may run across the columns beside it."""
        put(self.ws, self.row, 1, text, styles.LINE)
        self.row += 1

    def note(self, text: str) -> None:
        put(self.ws, self.row, 1, text, styles.NOTE)
        self.row += 1

    def paragraph(
        self,
        text: str,
        last_column: int,
        width: float,
        first_column: int = 1,
        style: str = styles.WRAPPED,
        gap: float = 4.0,
        chars_per_point: float = 1 / PARAGRAPH_CHAR_WIDTH,
    ) -> int:
        """Wrapped text merged across columns ``first_column``..``last_column`` (``width`` points), its
        row tall enough for it (and ``gap`` points below); returns the row."""
        put(self.ws, self.row, first_column, text, style)
        if last_column > first_column:
            self.ws.merge_cells(
                start_row=self.row, start_column=first_column, end_row=self.row, end_column=last_column
            )
        lines = text_lines(text, width * chars_per_point)
        self.ws.row_dimensions[self.row].height = PARAGRAPH_LINE_HEIGHT * lines + gap
        self.row += 1
        return self.row - 1

    def finish(
        self,
        title_rows: int = 2,
        freeze: str | None = None,
        widths: dict[int, float] | None = None,
        one_page: bool = False,
    ) -> None:
        """Fit the columns, then make the sheet print landscape, one page wide, with titles repeated.

        ``one_page`` prints the sheet on one page, shrunk if need be (a page of the brief's first four).
        """
        fit_columns(self.ws, widths or {})
        contain_overflow(self.ws)
        set_up_pages(self.ws, self.page_header, title_rows)
        pages = 1 if one_page else fewer_pages(self.ws, title_rows)
        if pages:
            self.ws.page_setup.fitToHeight = pages
        else:
            break_pages(self.ws, self.blocks, title_rows)
        if freeze:
            self.ws.freeze_panes = freeze


def formatted(value: float, fmt: str) -> str:
    """``value`` roughly as the number format ``fmt`` shows it (its first section): separators,
    decimals, a percent sign, a sign and quoted text such as ``" pts"``."""
    section = fmt.split(";")[0]
    if section in ("General", ""):
        return str(value)
    decimals = len(section.split(".")[1].split('"')[0].rstrip("%")) if "." in section else 0
    shown = value * 100 if "%" in section else value
    text = f"{shown:,.{decimals}f}" if "," in section else f"{shown:.{decimals}f}"
    sign = "+" if section.startswith("+") and value >= 0 else ""
    quoted = "".join(re.findall(r'"([^"]*)"', section))
    return f"{sign}{text}{'%' if '%' in section else ''}{quoted}"


def display_width(cell: Cell) -> float:
    """How many characters ``cell`` shows, as formatted."""
    value = cell.value
    if value is None:
        return 0.0
    if isinstance(value, float | int) and not isinstance(value, bool):
        return len(formatted(value, cell.number_format)) + 1.0
    text = str(value)
    if cell.style == styles.HEADER:
        longest_word = max((len(word) for word in text.split()), default=0)
        return max(longest_word, min(len(text), 14)) * 1.1
    return max(len(line) for line in text.splitlines() or [""]) * (1.1 if cell.font.b else 1.0)


def fit_columns(ws: Worksheet, fixed: dict[int, float]) -> None:
    """Widen each column to its longest formatted value (no ``####``); wrap text beyond ``MAX_WIDTH``.

    A column given a fixed width wraps whatever text is longer than it, so nothing is cut off.
    """
    widths: dict[int, float] = {}
    texts: dict[int, list[Cell]] = {}  # per column, the table cells whose text may need wrapping
    merged = merged_cells(ws)
    # The cells that exist (``iter_rows`` would make an empty cell at every place of the grid).
    for (row, column), cell in ws._cells.items():
        if cell.value is None or (row, column) in merged:
            continue
        style = cell.style
        if style in styles.OVERFLOWING:
            continue
        widths[column] = max(widths.get(column, 0.0), display_width(cell))
        if isinstance(cell.value, str) and style in styles.TABLE:
            texts.setdefault(column, []).append(cell)
    for column, width in widths.items():
        if column not in fixed:
            ws.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    for column, width in fixed.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    for column, cells in texts.items():
        wrap_cells(ws, cells, ws.column_dimensions[get_column_letter(column)].width)


def merged_cells(ws: Worksheet) -> set[tuple[int, int]]:
    """(row, column) of every cell in a merged range (openpyxl's own test walks every range per cell)."""
    return {cell for merged in ws.merged_cells.ranges for cell in merged.cells}


def text_lines(text: str, chars_per_line: float) -> int:
    """How many lines ``text`` takes wrapped at word boundaries into ``chars_per_line`` characters."""
    per_line = max(1, int(chars_per_line))
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
                continue
            if used:
                lines += 1
            lines += (len(word) - 1) // per_line  # a word longer than the line breaks inside
            used = (len(word) - 1) % per_line + 1
    return lines


#: Mean character width of each overflowing style's font, in points.
OVERFLOW_CHAR_WIDTH = {
    styles.TITLE: 9.0,
    styles.SECTION: 6.8,
    styles.SUBTITLE: 5.4,
    styles.LINE: 5.4,
    styles.NOTE: 4.9,
}


def contain_overflow(ws: Worksheet) -> None:
    """Wrap a title or note longer than the table below it across the table's width.

    Text running past the last column would widen the printed page and
    shrink every table on it.
    """
    last = ws.max_column
    table = sum(
        points_wide(ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(1, last + 1)
    )
    for row in ws.iter_rows(max_col=1):
        cell = row[0]
        per_char = OVERFLOW_CHAR_WIDTH.get(cell.style)
        if per_char is None or not isinstance(cell.value, str) or last < 2:
            continue
        lines = math.ceil(len(cell.value) * per_char / table)
        if lines <= 1 or any(ws.cell(cell.row, c).value is not None for c in range(2, last + 1)):
            continue
        ws.merge_cells(start_row=cell.row, start_column=1, end_row=cell.row, end_column=last)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        font_height = {styles.TITLE: 21.0, styles.SECTION: 16.0}.get(cell.style, 13.0)
        ws.row_dimensions[cell.row].height = font_height * lines + 3


def wrap_cells(ws: Worksheet, cells: list[Cell], width: float) -> None:
    """Wrap the text of table ``cells`` (of one column) wider than ``width``, making each row tall
    enough for its lines.

    The row height is set rather than left to the spreadsheet, because
    LibreOffice keeps the default height of rows read from a file.
    """
    for cell in cells:
        bold = cell.style in (styles.HEADER, styles.TOTAL) or bool(cell.font and cell.font.b)
        lines = text_lines(cell.value, (width - 1) * (BOLD_CHARS_PER_UNIT if bold else CHARS_PER_UNIT))
        if lines <= 1:
            continue
        horizontal = cell.alignment.horizontal if cell.alignment else None
        cell.alignment = Alignment(
            wrap_text=True, vertical="center" if cell.style == styles.HEADER else "top", horizontal=horizontal
        )
        dimension = ws.row_dimensions[cell.row]
        dimension.height = max(dimension.height or ROW_HEIGHT, LINE_HEIGHT * lines + 3)


def points_wide(width: float) -> float:
    """A column width (in characters) in points, as Excel draws it at 96 dpi."""
    return (width * 7 + 5) * 0.75


def print_scale(ws: Worksheet) -> float:
    """The scale a one-page-wide print takes, from the columns' widths."""
    columns = range(1, ws.max_column + 1)
    width = sum(points_wide(ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in columns)
    return min(1.0, PRINTABLE_WIDTH / width) if width else 1.0


def fewer_pages(ws: Worksheet, title_rows: int) -> int:
    """The pages to fit a short sheet on when its last page would be nearly empty (under
    ``NEARLY_EMPTY`` full), shrinking it a little; 0 to print it as it falls."""
    heights = [ws.row_dimensions[r].height or PRINTED_ROW_HEIGHT for r in range(1, ws.max_row + 1)]
    repeated = sum(heights[:title_rows])
    page = PRINTABLE_HEIGHT / print_scale(ws) - repeated
    pages = (sum(heights) - repeated) / page
    whole = math.floor(pages)
    if 1 <= whole <= MAX_SHRUNK_PAGES and pages - whole < NEARLY_EMPTY:
        return whole
    return 0


def break_pages(ws: Worksheet, blocks: list[int], title_rows: int) -> None:
    """Start a new page before a block that would not fit on what is left of the current one, when
    the current page is at least ``KEEP_TOGETHER_FILL`` full; otherwise the block flows on, so no
    page is left nearly empty.

    Once a block has flowed over a page's end, where that page ends is the spreadsheet's to decide
    (it sizes wrapped rows itself), so the rest of the sheet flows too: a break placed on an
    estimate drifted that far could leave a page nearly empty. Pages print one page wide, so the
    scale follows from the columns' widths.
    """
    scale = print_scale(ws)

    def height(row: int) -> float:
        return ws.row_dimensions[row].height or PRINTED_ROW_HEIGHT

    repeated = sum(height(r) for r in range(1, title_rows + 1))
    page = PRINTABLE_HEIGHT / scale - repeated
    manual = {b.id for b in ws.row_breaks.brk}
    starts = sorted(set(blocks) | {1, ws.max_row + 1})
    used = -repeated  # the first page's own title rows are the ones later pages repeat
    for start, end in zip(starts, starts[1:], strict=False):
        block = sum(height(r) for r in range(start, end))
        if used + block > page and used >= KEEP_TOGETHER_FILL * page and start - 1 not in manual:
            ws.row_breaks.append(Break(id=start - 1))
            used = 0.0
        used += block
        if used > page:
            return


def header_text(text: str) -> str:
    """``text`` for a page header, where ``&`` starts a control code."""
    return safe_text(text).replace("&", "&&")


def set_up_pages(ws: Worksheet, header: PageHeader, title_rows: int) -> None:
    """Landscape Letter, one page wide, the plan's name, the sheet and its classification on every page."""
    ws.sheet_view.showGridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = f"1:{title_rows}"
    ws.oddHeader.left.text = header_text(header.plan_name)
    ws.oddHeader.left.size = 9
    ws.oddHeader.right.text = header_text(ws.title)
    ws.oddHeader.right.size = 9
    if header.classification:
        for part in (ws.oddHeader.center, ws.oddFooter.center):
            part.text = header_text(header.classification)
            part.size = 10
            part.font = "Calibri,Bold"
    ws.oddFooter.left.text = f"REE Planner leadership brief, {header.date.isoformat()}"
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.right.size = 8

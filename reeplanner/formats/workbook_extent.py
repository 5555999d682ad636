"""What a workbook would make the reader lay out in memory, worked out from its XML as bytes.

The reader (calamine) lays each sheet out as a full grid from A1 to its
farthest cell with content, and gives each cell its own copy of its text: a
shared string used by many cells, or an OpenDocument cell repeated over many
columns, is copied each time, and ``<text:s text:c="N"/>`` becomes N spaces.
One stray cell or one repeated cell could so ask for gigabytes. These
functions count the cells and the bytes of text before any parsing, placing
cells as the reader does:

- ``.xlsx``: a cell's reference (``r="B7"``, in any case, with any number of
  digits) places it; a cell without one follows the one before it in its
  row, a row without a number follows the row before it;
- ``.ods``: rows and cells follow each other, each repeated as its
  ``number-rows-repeated`` / ``number-columns-repeated`` says; cells with a
  value type or a paragraph count as content.

Every count errs on the large side. Large parts are scanned in slices, so
the scan itself stays small in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
_SLICE_BYTES = 2 * 1024 * 1024
#: More cell tags than this in one sheet is not a plan (Excel's empty formatted cells included).
MAX_CELL_TAGS = 4_000_000
#: Below this many bytes of copied shared text, the quick bound is taken instead of the count.
_QUICK_TEXT_BOUND = 16 * 1024 * 1024

_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ATTR_R = rb"""[^>]*?(?<![\w:.-])r\s*=\s*(["'])(.*?)\1"""
#: The ``r`` attribute of a cell or a row start tag (letters and digits, digits, in a good file).
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s" + _ATTR_R)
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s" + _ATTR_R)
#: A cell start tag followed by a value, an inline string or a formula: content the reader keeps.
_VALUED_REF = re.compile(rb"<(?:\w+:)?c\s" + _ATTR_R + rb"[^>]*?(?<!/)>\s*<(?:\w+:)?(?:v|is|f)\b")
#: Each cell start tag, with its reference when it is one within Excel's grid (the common case).
_CELL_GOOD_REF = re.compile(
    rb"<(?:\w+:)?c(?=[\s/>])(?:\s[^>]*?(?<![\w:.-])r\s*=\s*([\"'])([A-Za-z]{1,3})([1-9][0-9]{0,6})\1)?"
)
#: A row start tag (its mark: ``r``) or a cell start tag without a reference (no mark).
_ROW_OR_LOOSE_CELL = re.compile(rb"<(?:\w+:)?(?:(r)ow[\s/>]|c(?=[\s/>])(?![^>]*?(?<![\w:.-])r\s*=))")
_LETTERS_DIGITS = re.compile(rb"([A-Za-z]+)([0-9]+)")
_SHARED_CELL = re.compile(rb"""\bt\s*=\s*["']s["']""")
_SHARED_REF = re.compile(rb"""\bt\s*=\s*["']s["'][^>]*>\s*<(?:\w+:)?v(?:\s[^>]*)?>\s*([0-9]+)""")
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s/>]")

_ODS_FRAME = re.compile(rb"<(/?)table:(table|table-row)(?=[\s/>])([^>]*?)(/?)>")
_ODS_CELL = re.compile(
    rb"<table:((?:covered-)?table-cell)(?=[\s/>])([^>]*?)(?:/>|>(.*?)</table:\1>)", re.DOTALL
)
_ODS_REPEATED_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])[^>]*repeated[^>]*>")
_ODS_ROWS = re.compile(rb"number-rows-repeated\s*=\s*[\"']\s*([0-9]+)")
_ODS_COLUMNS = re.compile(rb"number-columns-repeated\s*=\s*[\"']\s*([0-9]+)")
_ODS_NAME = re.compile(rb"table:name\s*=\s*\"([^\"]*)\"")
_ODS_SPACES = re.compile(rb"text:c\s*=\s*[\"']\s*([0-9]+)")


class UnreadableReference(ValueError):
    """A cell reference the reader would misplace or refuse; the message names it."""


@dataclass(slots=True)
class Extent:
    """Rows and columns from A1 to the farthest cell with content, and the text its cells hold."""

    rows: int = 0
    columns: int = 0
    text_bytes: int = 0  # text the reader makes beyond what the file holds: copies, expanded spaces

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_number(letters: bytes) -> int:
    """1 for ``A``, 27 for ``AA`` (any case)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def _count(pattern: re.Pattern[bytes], part: bytes) -> int:
    return pattern.subn(b"", part)[1]  # counted without a list of the matches


def _slices(xml: bytes, tag: re.Pattern[bytes]) -> Iterator[bytes]:
    """``xml`` in slices of about ``_SLICE_BYTES``, each cut just before a ``tag`` (or, where none
    comes for a slice's length, before the second ``<`` after the slice's end: never inside a tag, nor
    between a cell's start tag and its value)."""
    start = 0
    while start < len(xml):
        end = start + _SLICE_BYTES
        if end < len(xml):
            cut = tag.search(xml, end, end + _SLICE_BYTES)
            first = xml.find(b"<", end)
            second = xml.find(b"<", first + 1) if first >= 0 else -1
            end = cut.start() if cut else second if second >= 0 else len(xml)
        yield xml[start:end]
        start = end


# --- .xlsx ----------------------------------------------------------------------------------------


def xlsx_sheet_extent(xml: bytes) -> Extent:
    """The grid the reader lays out for a worksheet part.

    Raises ``UnreadableReference`` for a cell beyond Excel's last row or
    column, or a reference that is not a column and a row.
    """
    rows, cells = xml.count(b"<row") + xml.count(b":row"), xml.count(b"<c") + xml.count(b":c")
    if rows > EXCEL_ROWS or cells > MAX_CELL_TAGS:
        if rows > EXCEL_ROWS:
            raise UnreadableReference(f"{rows:,} rows; Excel sheets have at most {EXCEL_ROWS:,}")
        raise UnreadableReference(f"over {MAX_CELL_TAGS:,} cells, more than a plan workbook ever holds")
    extent = Extent()
    n_cells = 0
    plain = True
    for part in _slices(xml, _CELL_TAG):
        cells = _CELL_GOOD_REF.findall(part)
        n_cells += len(cells)
        letters = {letters for _, letters, _ in cells}
        if b"" in letters:
            plain = False
            break
        extent.rows = max(extent.rows, max((int(digits) for _, _, digits in cells if digits), default=0))
        extent.columns = max(extent.columns, *map(column_number, letters), 0)
    if not plain or extent.rows > EXCEL_ROWS or extent.columns > EXCEL_COLUMNS:
        # A cell without a reference, or with one unreadable or past Excel's grid (said by the check).
        extent, positional = _checked_extent(xml)
        if positional:
            return extent
    if extent.cells > max(4 * n_cells, 100_000):
        # Excel keeps formatted empty cells, which the reader skips: count only cells with content.
        valued = Extent()
        for part in _slices(xml, _CELL_TAG):
            _widen(valued, {ref for _, ref in _VALUED_REF.findall(part)})
        return valued
    return extent


def _checked_extent(xml: bytes) -> tuple[Extent, bool]:
    """The extent of a sheet whose cells do not all have a reference within Excel's grid, and
    whether some cells are placed by their order instead."""
    extent = Extent()
    positional = False
    for part in _slices(xml, _CELL_TAG):
        refs = [ref for _, ref in _CELL_REF.findall(part)]
        _widen(extent, set(refs))
        positional = positional or _count(_CELL_TAG, part) > len(refs)
    if positional:
        last_row, rows_without_number, loose = _positional_bounds(xml)
        extent.rows = max(extent.rows, last_row) + rows_without_number
        extent.columns += loose
    return extent, positional


def _widen(extent: Extent, refs: set[bytes]) -> None:
    for ref in refs:
        row, column = _place(ref)
        extent.rows, extent.columns = max(extent.rows, row), max(extent.columns, column)


def _place(ref: bytes) -> tuple[int, int]:
    """(row, column) of a cell reference within Excel's grid; ``UnreadableReference`` otherwise."""
    shown = ref[:24].decode("ascii", "replace")
    match = _LETTERS_DIGITS.fullmatch(ref)
    if match is None:
        raise UnreadableReference(f"a cell reference that is not a column and a row: '{shown}'")
    letters, digits = match.groups()
    column = column_number(letters) if len(letters) <= 3 else EXCEL_COLUMNS + 1
    if column > EXCEL_COLUMNS:
        raise UnreadableReference(f"a cell at {shown}, past Excel's last column (XFD, {EXCEL_COLUMNS:,})")
    row = int(digits) if len(digits) <= 9 else EXCEL_ROWS + 1
    if not 1 <= row <= EXCEL_ROWS:
        raise UnreadableReference(f"a cell at {shown}, outside Excel's rows (1 to {EXCEL_ROWS:,})")
    return row, column


def _positional_bounds(xml: bytes) -> tuple[int, int, int]:
    """For cells without a reference: the last numbered row, the rows without a number, and the
    most cells without a reference in one row.

    A cell without a reference follows the cell before it in its row, a row
    without a number the row before it: the sheet reaches at most that last
    row plus the rows without a number, and the farthest referenced column
    plus that many cells.
    """
    last_row = rows_without_number = loose = carry = 0
    for part in _slices(xml, _ROW_TAG):
        numbers = [ref for _, ref in _ROW_REF.findall(part)]
        if numbers:
            if not b"".join(numbers).isdigit() or max(map(len, numbers)) > 7:
                bad = next(n for n in numbers if not n.isdigit() or len(n) > 7)[:24].decode(
                    "ascii", "replace"
                )
                raise UnreadableReference(
                    f"a row numbered '{bad}', outside Excel's rows (1 to {EXCEL_ROWS:,})"
                )
            numbered = list(map(int, numbers))
            if min(numbered) < 1 or max(numbered) > EXCEL_ROWS:
                raise UnreadableReference(f"a row numbered outside Excel's rows (1 to {EXCEL_ROWS:,})")
            last_row = max(last_row, max(numbered))
        rows_without_number += _count(_ROW_TAG, part) - len(numbers)
        # One mark per row (r), none per cell without a reference, joined with c: the longest run of c
        # is at most one more than the most such cells in one row (a row cut by the slice goes on in
        # the next: ``carry``).
        runs = list(map(len, b"c".join([b"", *_ROW_OR_LOOSE_CELL.findall(part)]).split(b"r")))
        runs[0] += carry
        loose, carry = max(loose, *runs), runs[-1]
    return last_row, rows_without_number, loose


def shared_string_sizes(xml: bytes) -> list[int]:
    """A bound on the bytes of each shared string of a ``sharedStrings`` part, in index order:
    from its start tag to the next one."""
    sizes: list[int] = []
    for part in _slices(xml, _SHARED_ITEM):
        starts = [m.start() for m in _SHARED_ITEM.finditer(part)]
        sizes += [end - start for start, end in zip(starts, [*starts[1:], len(part)], strict=False)]
    return sizes


def shared_text_bytes(sheet_xml: bytes, sizes: list[int]) -> int:
    """A bound on the bytes of text the cells of a sheet copy from the shared strings (``sizes``)
    beyond the strings themselves: a string used by one cell is not counted, one used by ten cells
    nine times."""
    if not sizes:
        return 0
    n_refs = sum(_count(_SHARED_CELL, part) for part in _slices(sheet_xml, _CELL_TAG))
    if n_refs * max(sizes) <= _QUICK_TEXT_BOUND:
        return n_refs * max(sizes)
    uses: dict[int, int] = {}
    for part in _slices(sheet_xml, _CELL_TAG):
        for index in _SHARED_REF.findall(part):
            i = _number(index)
            uses[i] = uses.get(i, 0) + 1
    return sum(sizes[i] * (n - 1) for i, n in uses.items() if 0 <= i < len(sizes))


# --- .ods -----------------------------------------------------------------------------------------


def ods_extents(content: bytes) -> Iterator[tuple[str, Extent]]:
    """The name, grid and text of each table of an OpenDocument ``content.xml``, in order.

    Rows are read one at a time: a row whose cells repeat nothing is counted
    at once, the others cell by cell. A table inside a cell counts as rows
    and cells of the table around it.
    """
    extent = Extent()
    table, depth = "", 0
    row = 0
    opened: tuple[int, bytes] | None = None  # the row open: where its cells start, its attributes
    for token in _ODS_FRAME.finditer(content):
        closing, name, attrs, self_closed = token.groups()
        if name == b"table":
            if self_closed or opened is not None:
                continue  # a table in a cell: part of the row around it
            depth += -1 if closing else 1
            if closing and depth == 0:
                yield table, extent
            elif not closing and depth == 1:
                extent, row = Extent(), 0
                found = _ODS_NAME.search(attrs)
                table = found.group(1).decode("utf-8", "replace")[:100] if found else ""
        elif depth == 0:
            continue
        elif self_closed:  # an empty row
            if opened is None:
                row += _repeat(_ODS_ROWS, attrs)
        elif not closing:
            if opened is None:
                opened = (token.end(), attrs)
        elif opened is not None:  # the row ends (the first end after it opened: rows of a table in
            start, row_attrs = opened  # one of its cells end it early, and the rest is read as cells)
            opened = None
            repeat = _repeat(_ODS_ROWS, row_attrs)
            body = content[start : token.start()]
            columns, copied = _ods_row(body)
            if columns:
                extent.rows = max(extent.rows, row + repeat)
                extent.columns = max(extent.columns, columns)
                extent.text_bytes += copied * repeat + len(body) * (repeat - 1)
            row += repeat
    if depth > 0:  # cut short: what was read still counts
        yield table, extent


def _ods_row(body: bytes) -> tuple[int, int]:
    """The columns up to the last cell with content in a row (0 for none), and the bytes of text
    its cells copy once read (repeated cells, and the spaces ``text:s`` elements stand for)."""
    body = _without_trailing_empty_cells(body)
    if b"value-type" not in body and b"<text:" not in body:
        return 0, 0
    repeated = _ODS_REPEATED_CELL.findall(body)
    if all(tag.endswith(b"/>") and b"value-type" not in tag for tag in repeated):
        # Only empty cells repeat (they shift the cells after them): count at once.
        cells = body.count(b"<table:table-cell") + body.count(b"<table:covered-table-cell")
        columns = cells + sum(_repeat(_ODS_COLUMNS, tag) - 1 for tag in repeated)
        return columns, _spaces(body)
    columns = column = copied = 0
    for cell in _ODS_CELL.finditer(body):
        attrs, content = cell.group(2), cell.group(3) or b""
        repeat = _repeat(_ODS_COLUMNS, attrs)
        if b"value-type" in attrs or b"<text:" in content:
            columns = column + repeat
            copied += (len(attrs) + len(content)) * (repeat - 1) + _spaces(content) * repeat
        column += repeat
    return columns, copied


def _without_trailing_empty_cells(body: bytes) -> bytes:
    """``body`` without the empty cells at its end (LibreOffice runs them to the sheet's edge)."""
    while (at := body.rfind(b"<table:")) >= 0:
        tail = body[at:].rstrip()
        if not (tail.endswith(b"/>") and b"table-cell" in tail[:30] and b"value-type" not in tail):
            break
        body = body[:at]
    return body


def _spaces(content: bytes) -> int:
    """The spaces ``<text:s text:c="N"/>`` elements add."""
    return sum(_number(n) for n in _ODS_SPACES.findall(content)) if b"text:c" in content else 0


def _repeat(pattern: re.Pattern[bytes], attrs: bytes) -> int:
    found = pattern.search(attrs) if b"repeated" in attrs else None
    return max(_number(found.group(1)), 1) if found else 1


def _number(digits: bytes) -> int:
    """A count as written; a count of more than 12 digits is taken as 10**12 (already far too many)."""
    return int(digits) if len(digits) <= 12 else 10**12


__all__ = [
    "EXCEL_COLUMNS",
    "EXCEL_ROWS",
    "Extent",
    "UnreadableReference",
    "column_number",
    "ods_extents",
    "shared_string_sizes",
    "shared_text_bytes",
    "xlsx_sheet_extent",
]

"""The Timeline's year cells, written into the saved sheet as XML rather than through openpyxl.

A 10,000-facility plan's Timeline has half a million year cells (a phase
letter on its phase's colour). openpyxl spends some 25 microseconds on each
(the cell object, its style, its XML), most of a minute in all; written here
as text, a cell takes one. The rest of the sheet (facility columns, headers,
targets, widths, page set-up) is openpyxl's as everywhere else in the brief:
after the workbook is saved, each year cell is added to the end of its row,
after the five facility columns openpyxl wrote (``into``).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

_ROW = re.compile(rb'<row r="(\d+)"[^>]*(?<!/)>.*?</row>', re.DOTALL)


class YearCells:
    """Year cells by row, each as its ``<c>`` element, with the style id of its named style."""

    def __init__(self) -> None:
        self.rows: dict[int, list[str]] = {}
        self._letters: dict[int, str] = {}

    def add(self, row: int, column: int, text: str, style_id: int) -> None:
        """A cell after every cell openpyxl holds in ``row`` (in column order)."""
        letter = self._letters.get(column) or self._letters.setdefault(column, get_column_letter(column))
        self.rows.setdefault(row, []).append(
            f'<c r="{letter}{row}" s="{style_id}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        )

    def into(self, xlsx: bytes, sheet_part: str) -> bytes:
        """The saved workbook ``xlsx`` with these cells added to its part ``sheet_part``."""
        if not self.rows:
            return xlsx
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(xlsx)) as saved, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in saved.infolist():
                content = saved.read(info)
                if info.filename == sheet_part:
                    content = _ROW.sub(self._extend, content)
                z.writestr(info, content)
        return out.getvalue()

    def _extend(self, row: re.Match[bytes]) -> bytes:
        cells = self.rows.get(int(row.group(1)))
        if not cells:
            return row.group(0)
        return row.group(0)[: -len(b"</row>")] + "".join(cells).encode("utf-8") + b"</row>"


__all__ = ["YearCells"]

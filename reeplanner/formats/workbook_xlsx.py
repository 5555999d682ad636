"""A small, fast ``.xlsx`` writer for the plan workbook.

openpyxl spends about 40 microseconds a cell even in write-only mode (8 s for
a 10,000-facility plan); the plan workbook needs only inline text, numbers,
dates, one bold font, frozen headers, filters, widths and list validation, so
``XlsxBook`` writes that XML directly (about 1 microsecond a cell). Text is
always written as inline text, so nothing is ever taken for a formula, and
floats as their shortest exact text (``repr``), so they read back equal.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

EXCEL_EPOCH = dt.date(1899, 12, 30)
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_BOLD, _DATE, _WRAPPED = 1, 2, 3  # cellXfs indices in styles.xml

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


#: How every sheet prints: landscape Letter, one page wide (as tall as it needs), gridlines, the
#: sheet's name and the page number in the footer. The header row repeats (``_xlnm.Print_Titles``).
_PRINT_SETUP = (
    '<printOptions gridLines="1"/>'
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
    '<pageSetup paperSize="1" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    "<headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>"
)


def column_letter(index: int) -> str:
    """``A`` for 1, ``AA`` for 27."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    # A carriage return would be read back as a line feed unless written as a reference.
    return escape(value).replace("\r", "&#13;")


@dataclass(slots=True)
class ListValidation:
    """A drop-down on a column: ``formula`` is a quoted word list or a range on another sheet."""

    column: int  # 1-based
    formula: str
    title: str
    allow_blank: bool
    strict: bool  # refuse other values (else only warn)


class XlsxBook:
    """Sheets added one at a time, then written to a path as one ``.xlsx`` file."""

    def __init__(self) -> None:
        self._sheets: list[tuple[str, bytes]] = []
        self._areas: list[str] = []  # each sheet's print area: its table

    def add_sheet(
        self,
        name: str,
        headers: list[object],
        rows: list[list[object]],
        widths: list[float],
        validations: list[ListValidation],
        last_validated_row: int,
        wrapped: frozenset[int] = frozenset(),
    ) -> None:
        """One sheet: bold frozen header row, filter over the table, fitted widths, drop-downs; it
        prints landscape, one page wide, with gridlines and the header row on every page. Text in the
        ``wrapped`` columns (0-based; notes and sources) wraps, so it prints whole inside its column
        instead of running across the page."""
        letters = [column_letter(i) for i in range(1, max(len(headers), 1) + 1)]
        out = [
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}" '
            f'xmlns:r="{_REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{letters[-1]}{len(rows) + 1}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
            'sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>'
        ]
        out += [f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths, 1)]
        out.append('</cols><sheetData><row r="1">')
        for letter, header in zip(letters, headers, strict=False):
            out.append(_cell(f"{letter}1", header, _BOLD))
        out.append("</row>")
        for r, row in enumerate(rows, start=2):
            lines = max(
                (_lines(row[i], widths[i]) for i in wrapped if i < len(row) and isinstance(row[i], str)),
                default=1,
            )
            out.append(f'<row r="{r}" ht="{15 * lines}" customHeight="1">' if lines > 1 else f'<row r="{r}">')
            out += [
                _cell(f"{letters[i]}{r}", v, _WRAPPED if i in wrapped and isinstance(v, str) else 0)
                for i, v in enumerate(row)
                if v is not None
            ]
            out.append("</row>")
        out.append(f'</sheetData><autoFilter ref="A1:{letters[-1]}{len(rows) + 1}"/>')
        if validations:
            out.append(f'<dataValidations count="{len(validations)}">')
            for v in validations:
                letter = column_letter(v.column)
                out.append(
                    f'<dataValidation type="list" errorStyle="{"stop" if v.strict else "warning"}" '
                    f'allowBlank="{int(v.allow_blank)}" showErrorMessage="1" errorTitle={quoteattr(v.title)} '
                    f"error={quoteattr(v.title + ': pick a value from the list.')} "
                    f'sqref="{letter}2:{letter}{last_validated_row}"><formula1>{_text(v.formula)}</formula1>'
                    "</dataValidation>"
                )
            out.append("</dataValidations>")
        out.append(_PRINT_SETUP)
        out.append("</worksheet>")
        self._sheets.append((name, "".join(out).encode("utf-8")))
        self._areas.append(f"$A$1:${letters[-1]}${len(rows) + 1}")

    def save(self, path) -> None:
        n = len(self._sheets)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr("[Content_Types].xml", _content_types(n))
            z.writestr(
                "_rels/.rels",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
                f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>",
            )
            sheets = "".join(
                f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
                for i, (name, _) in enumerate(self._sheets, 1)
            )
            titles = "".join(
                f'<definedName name="_xlnm.Print_Area" localSheetId="{i}">{_text(_quoted(name))}!{area}</definedName>'
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{_text(_quoted(name))}!$1:$1</definedName>'
                for i, ((name, _), area) in enumerate(zip(self._sheets, self._areas, strict=True))
            )
            z.writestr(
                "xl/workbook.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_NS}" '
                f'xmlns:r="{_REL_NS}"><bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>'
                f"<definedNames>{titles}</definedNames></workbook>",
            )
            rels = "".join(
                f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            rels += f'<Relationship Id="rId{n + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
            z.writestr(
                "xl/_rels/workbook.xml.rels",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
                f"{rels}</Relationships>",
            )
            z.writestr("xl/styles.xml", _STYLES)
            for i, (_, xml) in enumerate(self._sheets, 1):
                z.writestr(f"xl/worksheets/sheet{i}.xml", xml)


#: A wrapped cell shows at most this many lines (its row's height); the rest is in the cell.
MAX_WRAPPED_LINES = 8


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` characters wide (roughly; at most
    ``MAX_WRAPPED_LINES``)."""
    return min(MAX_WRAPPED_LINES, max(1, -(-len(text) // max(1, int(width * 1.1)))))


def _quoted(sheet: str) -> str:
    """A sheet name as a formula writes it: ``'Price floors'``."""
    return "'" + sheet.replace("'", "''") + "'"


def _cell(ref: str, value: object, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        raise TypeError("the plan holds dates, not date-times")
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{_DATE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    raise TypeError(f"cannot write {type(value).__name__} to a workbook cell")


def _content_types(n: int) -> str:
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet_type}"/>'
        for i in range(1, n + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )


__all__ = ["ListValidation", "XlsxBook", "column_letter"]

"""Checks a workbook file before any spreadsheet parser touches it.

A planner may pick any file: an empty one, a CSV or an old ``.xls`` renamed
to ``.xlsx``, a password-protected workbook, a half-copied download, or a
hostile file (a zip bomb, XML entities, one value at cell XFD1048576 that
would make the reader allocate the whole grid). Each gets one plain sentence
instead of a crash or a hang.

The checks read the zip directory and the small parts, and scan the sheet
XML as bytes (regular expressions, no tree), which also finds formulas with
no saved value and cells holding an error such as ``#N/A`` or ``#DIV/0!``:
calamine silently reads both as empty cells.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reeplanner.model.problems import PlanError, Problem

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may compress very well; judge ratios above this size
MAX_SHEET_CELLS = 5_000_000  # rows x columns the reader will lay out for one sheet

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_MAIN_TYPES = (
    "spreadsheetml.sheet.main+xml",
    "sheet.macroEnabled.main+xml",
    "spreadsheetml.template.main+xml",
)
_OTHER_OFFICE = {"wordprocessingml": "a Word document", "presentationml": "a PowerPoint presentation"}
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_VALUED_REF = re.compile(
    rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*?(?<!/)>\s*<(?:\w+:)?(?:v|is|f)\b"
)
#: A cell reference past column Z or row 99,999: only then is the full extent worked out.
_WIDE_OR_DEEP = re.compile(rb"\br=\"(?:[A-Z]{2,}[0-9]|[A-Z][0-9]{6})")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
#: The start tag of a cell of error type (``t="e"``), and the error it holds.
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\bt=\"e\"[^>]*>")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<")
_ODS_REPEAT = re.compile(rb"number-(rows|columns)-repeated=\"([0-9]+)\"")


@dataclass(slots=True)
class WorkbookScan:
    """What the checks learnt: the bytes to parse, formula cells with no saved value, error cells."""

    kind: str  # "xlsx" or "ods"
    data: bytes
    uncached: dict[str, list[tuple[int, int]]] = field(
        default_factory=dict
    )  # sheet -> (row, column), 1-based
    errors: dict[str, dict[tuple[int, int], str]] = field(
        default_factory=dict
    )  # sheet -> (row, column) -> the error shown, such as "#N/A"


def check_workbook(path: str | os.PathLike[str]) -> WorkbookScan:
    """The file's bytes once it is safe to parse; raises ``PlanError`` with one clear sentence otherwise.

    The file is read once and closed before returning or raising.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _refuse(
                name,
                f"is {size / 2**20:.0f} MB; REE Planner imports workbooks up to {MAX_FILE_BYTES >> 20} MB.",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(f"Cannot read {name}: {exc.strerror or exc}.", name)]) from exc
    if not data:
        _refuse(name, "is empty (0 bytes); it is not a workbook.")
    if data.startswith(OLE2_MAGIC):
        _refuse_ole2(name, data)
    if not data.startswith(b"PK"):
        _refuse(name, f"is not a workbook: {_what_it_is(data)}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError):
        _refuse(
            name,
            "is damaged or incomplete (perhaps cut short while copying): its zip directory cannot be read.",
        )
    with archive:
        _check_sizes(name, archive)
        if "mimetype" in archive.namelist() and "content.xml" in archive.namelist():
            return _check_ods(name, archive, data)
        return _check_xlsx(name, archive, data)


def _refuse(name: str, message: str) -> None:
    raise PlanError([Problem(f"{name} {message}", name)])


def _refuse_ole2(name: str, data: bytes) -> None:
    """An OLE2 compound file is either an encrypted xlsx or a legacy ``.xls``: its stream names tell."""
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        _refuse(
            name,
            "is password-protected (encrypted). Remove the password in Excel (File > Info > Protect "
            "Workbook > Encrypt with Password, clear it), save, and import again.",
        )
    _refuse(
        name,
        "is an old Excel 97-2003 workbook (.xls), whatever its name says. Open it in Excel or "
        "LibreOffice, save it as .xlsx, and import that.",
    )


def _what_it_is(data: bytes) -> str:
    head = data[:4096]
    if head.lstrip().startswith(b"<"):
        return "it is an HTML or XML text file. Open it in Excel or LibreOffice and save it as .xlsx."
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return (
                "it is a text (CSV) file with a workbook's name. Open it in Excel or LibreOffice, "
                "save it as .xlsx, and import that."
            )
    return "it is not a zip archive as .xlsx and .ods files are."


def _check_sizes(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs from the declared sizes, before anything is unpacked."""
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            _refuse(
                name, "is password-protected (its parts are encrypted); remove the password and save again."
            )
        total += info.file_size
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            _refuse(
                name,
                f"is refused for safety: its part {info.filename} would unpack {info.file_size // max(info.compress_size, 1)} "
                f"times larger than it is stored (a 'zip bomb'; the limit is {MAX_RATIO} times).",
            )
    if total > MAX_UNPACKED_BYTES:
        _refuse(
            name,
            f"would unpack to {total / 2**20:.0f} MB; REE Planner imports workbooks up to "
            f"{MAX_UNPACKED_BYTES >> 20} MB unpacked.",
        )


def _read_xml(name: str, archive: zipfile.ZipFile, part: str) -> bytes:
    try:
        data = archive.read(part)
    except KeyError:
        _refuse(name, f"is not a complete workbook: its part {part} is missing.")
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        _refuse(name, f"is damaged: its part {part} cannot be unpacked ({exc}).")
    if _DTD.search(data):
        _refuse(
            name,
            f"is refused for safety: its part {part} declares a DTD or XML entities, which workbooks "
            "never need (they can be used to attack the reader).",
        )
    return data


def _parse_xml(name: str, part: str, data: bytes):
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        return ElementTree.fromstring(data)
    except DefusedXmlException:
        _refuse(name, f"is refused for safety: its part {part} declares XML entities.")
    except ElementTree.ParseError as exc:
        _refuse(name, f"is damaged: its part {part} is not well-formed XML ({exc}).")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _check_xlsx(name: str, archive: zipfile.ZipFile, data: bytes) -> WorkbookScan:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        _refuse(name, "is not a valid workbook: it has no [Content_Types].xml part.")
    types = _parse_xml(name, "[Content_Types].xml", _read_xml(name, archive, "[Content_Types].xml"))
    main = ""
    for el in types:
        content_type = el.get("ContentType", "")
        if _local(el.tag) == "Override" and content_type.endswith(_MAIN_TYPES):
            main = el.get("PartName", "").lstrip("/")
        for marker, what in _OTHER_OFFICE.items():
            if marker in content_type and content_type.endswith("main+xml"):
                _refuse(name, f"is {what}, not a workbook.")
    if not main:
        _refuse(name, "is not a valid workbook: it declares no workbook part.")
    workbook = _parse_xml(name, main, _read_xml(name, archive, main))
    sheets = [el for el in workbook.iter() if _local(el.tag) == "sheet"]
    if not sheets:
        _refuse(name, "has no sheets.")
    parts = _sheet_parts(name, archive, main)
    for part in names:
        if part.endswith((".xml", ".rels")) and part not in parts.values() and part != main:
            _read_xml(name, archive, part)  # DTD and entity check on every other XML part
    scan = WorkbookScan("xlsx", data)
    for el in sheets:
        sheet_name = el.get("name", "")
        rel_id = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
        part = parts.get(rel_id, "")
        if part not in names:
            continue  # a chart sheet or a dangling entry: calamine reports it if it is needed
        xml = _read_xml(name, archive, part)
        uncached = _scan_sheet(name, sheet_name, xml)
        if uncached:
            scan.uncached[sheet_name] = uncached
        errors = _error_cells(xml)
        if errors:
            scan.errors[sheet_name] = errors
    return scan


def _sheet_parts(name: str, archive: zipfile.ZipFile, main: str) -> dict[str, str]:
    """Relationship ID -> zip part name of each worksheet of the workbook part ``main``."""
    folder = PurePosixPath(main).parent
    rels_part = str(folder / "_rels" / (PurePosixPath(main).name + ".rels"))
    if rels_part not in archive.namelist():
        _refuse(name, f"is not a complete workbook: its part {rels_part} is missing.")
    rels = _parse_xml(name, rels_part, _read_xml(name, archive, rels_part))
    parts = {}
    for rel in rels:
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else _normalise(str(folder / target))
        parts[rel.get("Id", "")] = resolved
    return parts


def _normalise(part: str) -> str:
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def _scan_sheet(name: str, sheet: str, xml: bytes) -> list[tuple[int, int]]:
    """Refuse a sheet whose cells span more than the reader may lay out; list uncached formulas."""
    if not _WIDE_OR_DEEP.search(xml):
        return _uncached_formulas(xml)  # columns A-Z and rows below 100,000: small enough
    max_row, max_col = _extent(_CELL_REF.findall(xml))
    if max_row * max_col > MAX_SHEET_CELLS:
        # Excel keeps formatted empty cells, which the reader skips: count only cells with content.
        max_row, max_col = _extent(_VALUED_REF.findall(xml))
    if max_row * max_col > MAX_SHEET_CELLS:
        _refuse(
            name,
            f"is refused: sheet '{sheet}' has a cell as far out as row {max_row:,}, column {max_col:,} "
            f"(over {MAX_SHEET_CELLS:,} cells to lay out). Delete the stray cells far below or right "
            "of the table, save, and import again.",
        )
    return _uncached_formulas(xml)


def _extent(refs: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    if not refs:
        return 0, 0
    max_row = max(map(int, (digits for _, digits in refs)))
    max_col = max(map(_column_number, {letters for letters, _ in refs}))
    return max_row, max_col


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _uncached_formulas(xml: bytes) -> list[tuple[int, int]]:
    """Cells holding a formula with no saved value (no ``<v>``, or an empty one on a non-text cell)."""
    found: list[tuple[int, int]] = []
    if b"<f" not in xml and b":f" not in xml:
        return found
    for match in _FORMULA.finditer(xml):
        start = max(xml.rfind(b"<c ", 0, match.start()), xml.rfind(b":c ", 0, match.start()))
        end = xml.find(b"c>", match.end())
        if start < 0 or end < 0:
            continue
        cell = xml[start : end + 2]
        value = re.search(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<", cell)
        text_result = re.search(rb"\bt=\"(?:str|inlineStr)\"", cell[: cell.find(b">")])
        if value and (value.group(1) or text_result):
            continue
        ref = _CELL_REF.search(cell)
        if ref:
            found.append((int(ref.group(2)), _column_number(ref.group(1))))
    return found


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Cells whose value is an error (``#N/A``, ``#DIV/0!``...), typed or left by a formula."""
    found: dict[tuple[int, int], str] = {}
    if b't="e"' not in xml:
        return found
    for match in _ERROR_CELL.finditer(xml):
        ref = _CELL_REF.search(match.group(0))
        if ref is None or match.group(0).endswith(b"/>"):
            continue  # a self-closed cell holds nothing and reads as empty, as it should
        end = xml.find(b"c>", match.end())
        value = _ERROR_VALUE.search(xml, match.end(), end if end >= 0 else len(xml))
        error = value.group(1).decode("utf-8", "replace").strip() if value else ""
        found[(int(ref.group(2)), _column_number(ref.group(1)))] = error or "an error"
    return found


def _check_ods(name: str, archive: zipfile.ZipFile, data: bytes) -> WorkbookScan:
    if not archive.read("mimetype").strip().startswith(ODS_MIME):
        _refuse(name, "is an OpenDocument file but not a spreadsheet.")
    for part in archive.namelist():
        if part.endswith(".xml"):
            _read_xml(name, archive, part)
    content = archive.read("content.xml")
    for kind, count in _ODS_REPEAT.findall(content):
        # LibreOffice repeats empty rows and cells to the sheet's edge; a repeat that
        # big on a cell holding a value would make the reader lay out the whole grid.
        if int(count) > 100_000 and _repeat_holds_value(content, kind, count):
            _refuse(
                name,
                f"is refused: a value is repeated over {int(count):,} {kind.decode()}. Delete the stray "
                "cells far below or right of the table, save, and import again.",
            )
    if b"<table:table " not in content and b"<table:table>" not in content:
        _refuse(name, "has no sheets.")
    return WorkbookScan("ods", data)


def _repeat_holds_value(content: bytes, kind: bytes, count: bytes) -> bool:
    attr = b"number-" + kind + b'-repeated="' + count + b'"'
    at = content.find(attr)
    start = content.rfind(b"<", 0, at)
    closing = b"</table:table-row>" if kind == b"rows" else b"</table:table-cell>"
    head_end = content.find(b">", at)
    if content[head_end - 1 : head_end] == b"/":
        return False  # an empty, self-closed element
    body = content[start : content.find(closing, at)]
    return b"office:value-type" in body or b"<text:p" in body


__all__ = ["MAX_RATIO", "MAX_SHEET_CELLS", "MAX_UNPACKED_BYTES", "WorkbookScan", "check_workbook"]

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
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reeplanner.formats.workbook_extent import (
    Extent,
    UnreadableReference,
    column_number,
    ods_extents,
    shared_string_sizes,
    shared_text_bytes,
    xlsx_sheet_extent,
)
from reeplanner.model.problems import PlanError, Problem

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may compress very well; judge ratios above this size
#: Cells (rows x columns, A1 to the farthest cell with content, summed over the sheets) the reader
#: may lay out, and bytes of text it may copy into them: with the file's bytes, they bound the
#: memory an import takes (see ``benchmarks/fuzz_campaign.py``, which measures it).
MAX_WORKBOOK_CELLS = 5_000_000
MAX_TEXT_BYTES = 64 * 1024 * 1024
#: What a damaged zip archive raises while its directory or a part is read.
ZIP_FAILURES = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,  # a UnicodeDecodeError of an entry name among them
    struct.error,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted part
    OverflowError,
)

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
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
#: The start tag of a cell of error type (``t="e"``), and the error it holds.
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\bt=\"e\"[^>]*>")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<")


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
    except ZIP_FAILURES:
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


def _read_part(name: str, archive: zipfile.ZipFile, part: str) -> bytes:
    try:
        return archive.read(part)
    except KeyError:
        _refuse(name, f"is not a complete workbook: its part {part} is missing.")
    except ZIP_FAILURES as exc:
        _refuse(name, f"is damaged: its part {part} cannot be unpacked ({exc}).")


def _read_xml(name: str, archive: zipfile.ZipFile, part: str) -> bytes:
    data = _read_part(name, archive, part)
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
    sheet_parts = {
        el: parts.get(next((v for k, v in el.attrib.items() if _local(k) == "id"), ""), "") for el in sheets
    }
    sizes: list[int] = []
    stray: list[str] = []  # sheet XML no sheet of the workbook names (the reader may still find it)
    for part in names - set(sheet_parts.values()) - {main}:
        if part.endswith((".xml", ".rels")):
            xml = _read_xml(name, archive, part)  # DTD and entity check on every other XML part
        else:
            xml = _read_part(name, archive, part)
        if b"sst" in xml:
            sizes += shared_string_sizes(xml)
        if b"sheetData" in xml:
            stray.append(part)
    scan = WorkbookScan("xlsx", data)
    budget = _Budget(name)
    for el, part in sheet_parts.items():
        sheet_name = el.get("name", "")
        if part not in names:
            continue  # a chart sheet or a dangling entry: calamine reports it if it is needed
        xml = _read_xml(name, archive, part)
        budget.add_xlsx_sheet(sheet_name, xml, sizes)
        uncached = _uncached_formulas(xml)
        if uncached:
            scan.uncached[sheet_name] = uncached
        errors = _error_cells(xml)
        if errors:
            scan.errors[sheet_name] = errors
    for part in stray:
        budget.add_xlsx_sheet(part, _read_xml(name, archive, part), sizes)
    return scan


class _Budget:
    """The cells and text the reader would lay out so far; refuses the file once over the limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = 0
        self.text_bytes = 0

    def add_xlsx_sheet(self, sheet: str, xml: bytes, shared_sizes: list[int]) -> None:
        try:
            extent = xlsx_sheet_extent(xml)
        except UnreadableReference as exc:
            _refuse(self.name, f"is refused: sheet '{sheet}' has {exc}. {_DELETE_STRAY}")
        extent.text_bytes = shared_text_bytes(xml, shared_sizes)
        self.add(sheet, extent)

    def add(self, sheet: str, extent: Extent) -> None:
        self.cells += extent.cells
        self.text_bytes += extent.text_bytes
        if self.cells > MAX_WORKBOOK_CELLS:
            _refuse(
                self.name,
                f"is refused: sheet '{sheet}' has a cell as far out as row {extent.rows:,}, column "
                f"{extent.columns:,} (over {MAX_WORKBOOK_CELLS:,} cells to lay out). {_DELETE_STRAY}",
            )
        if self.text_bytes > MAX_TEXT_BYTES:
            _refuse(
                self.name,
                f"is refused: its cells would hold over {MAX_TEXT_BYTES >> 20} MB of text (sheet '{sheet}' "
                "repeats long texts over many cells).",
            )


_DELETE_STRAY = "Delete the stray cells far below or right of the table, save, and import again."


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
            found.append((int(ref.group(2)), column_number(ref.group(1))))
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
        found[(int(ref.group(2)), column_number(ref.group(1)))] = error or "an error"
    return found


def _check_ods(name: str, archive: zipfile.ZipFile, data: bytes) -> WorkbookScan:
    if not _read_part(name, archive, "mimetype").strip().startswith(ODS_MIME):
        _refuse(name, "is an OpenDocument file but not a spreadsheet.")
    for part in archive.namelist():
        if part.endswith(".xml") and part != "content.xml":
            _read_xml(name, archive, part)
    content = _read_xml(name, archive, "content.xml")
    budget = _Budget(name)
    found = False
    for sheet, extent in ods_extents(content):
        found = True
        budget.add(sheet, extent)
    if not found:
        _refuse(name, "has no sheets.")
    return WorkbookScan("ods", data)


__all__ = [
    "MAX_RATIO",
    "MAX_TEXT_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_CELLS",
    "ZIP_FAILURES",
    "WorkbookScan",
    "check_workbook",
]

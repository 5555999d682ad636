"""Every damaged or hostile file class of issue 10: one clear message naming the file, exit 2, no
traceback, and nothing that lets a file take the machine's memory.

The guards' limits are checked by what they refuse here; how much memory the
worst file each limit lets through takes is measured by the fuzz campaign and
written down in ``docs/file-limits.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from reeplanner.cli import main
from reeplanner.formats.files import read_plan, write_plan
from reeplanner.formats.reeplan import MAX_PLAN_BYTES
from reeplanner.formats.workbook_extent import ods_extents, xlsx_sheet_extent
from reeplanner.model import PlanError
from tests.builders import chain_plan
from tests.fuzzing import DATA

FACILITIES_SHEET = "xl/worksheets/sheet4.xml"


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.xlsx"
    write_plan(chain_plan(), path)
    return path


def rezip(src: Path, dst: Path, change=None, add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            zout.writestr(info, change(info.filename, data) if change else data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def in_facilities(xml: bytes):
    """A change adding ``xml`` at the end of the Facilities sheet's data."""

    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"</sheetData>", xml + b"</sheetData>") if name == FACILITIES_SHEET else data

    return change


def refused(path: Path) -> str:
    """The one message reading ``path`` gives, checked to name the file."""
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert len(info.value.errors) == 1
    message = info.value.errors[0].message
    assert path.name in message
    return message


def cli_refuses(capsys, path: Path) -> str:
    """``summary`` of ``path``: exit 2, no output, one line naming the file, no traceback."""
    assert main(["summary", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and path.name in err and "Traceback" not in err
    return err


# --- damaged files ---------------------------------------------------------------------------------


def test_a_corrupt_deflate_stream_inside_a_part(good, tmp_path, capsys):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        head = archive.getinfo(FACILITIES_SHEET).header_offset
    name_len, extra_len = struct.unpack_from("<HH", data, head + 26)
    start = head + 30 + name_len + extra_len
    data[start + 5 : start + 40] = bytes(b ^ 0x5A for b in data[start + 5 : start + 40])
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    assert f"its part {FACILITIES_SHEET} cannot be unpacked" in cli_refuses(capsys, path)


def with_wrong_checksum(data: bytes, part: str) -> bytes:
    """``data`` (a zip archive) with the checksum of ``part`` changed in its zip directory."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_len] == part.encode():
            struct.pack_into("<I", out, at + 16, struct.unpack_from("<I", out, at + 16)[0] ^ 0xFFFF)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


@pytest.mark.parametrize("part", ["content.xml", "mimetype", "styles.xml"])
def test_a_damaged_ods(tmp_path, capsys, part):
    path = tmp_path / "damaged.ods"
    path.write_bytes(with_wrong_checksum((DATA / "fuzz-seed.ods").read_bytes(), part))
    assert f"its part {part} cannot be unpacked (Bad CRC-32 for file '{part}')" in cli_refuses(capsys, path)


def test_a_date_the_spreadsheet_reader_gives_up_on_is_one_line_not_a_rust_panic(tmp_path, capfd):
    """A date cell of -1e15 days made calamine panic, which Rust reports on standard error itself."""
    plan = chain_plan()
    plan.facilities[0] = replace(plan.facilities[0], online=dt.date(2027, 1, 1))
    good = tmp_path / "good.xlsx"
    write_plan(plan, good)
    date_cell = b'<c r="M2" s="2"><v>46388</v>'
    assert date_cell in zipfile.ZipFile(good).read(FACILITIES_SHEET)

    def far_past(name: str, data: bytes) -> bytes:
        return data.replace(date_cell, b'<c r="M2" s="2"><v>-1e15</v>')

    path = rezip(good, tmp_path / "date.xlsx", far_past)
    assert main(["summary", str(path)]) == 2
    out, err = capfd.readouterr()
    assert out == ""
    assert err == (
        "date.xlsx: date.xlsx cannot be read: it is damaged or not a plan file (the spreadsheet reader "
        "gave up on it: TimeDelta::milliseconds out of bounds).\n"
    )


def test_a_zip_entry_name_that_is_not_utf8(good, tmp_path, capsys):
    data = bytearray(good.read_bytes())
    name = b"xl/styles.xml"
    at = data.find(name)
    while at >= 0:
        data[at : at + 2] = b"\xff\xfe"
        at = data.find(name, at + 1)
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # flag every entry's name as UTF-8
        struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 0x800)
        at = data.find(b"PK\x01\x02", at + 4)
    path = tmp_path / "names.xlsx"
    path.write_bytes(bytes(data))
    assert "its zip directory cannot be read" in cli_refuses(capsys, path)


def test_a_reeplan_nested_a_thousand_levels_deep(tmp_path, capsys):
    path = tmp_path / "deep.reeplan"
    path.write_text('{"format": "reeplanner-plan", "version": 1, "plan": ' + "[" * 5000 + "]" * 5000 + "}")
    assert "nested far deeper than a plan is" in cli_refuses(capsys, path)


def test_a_reeplan_over_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "huge.reeplan"
    with open(path, "wb") as fh:
        fh.truncate(MAX_PLAN_BYTES + 1)  # sparse: no disk used
    assert f"reads plans up to {MAX_PLAN_BYTES >> 20} MB" in cli_refuses(capsys, path)


def test_a_reeplan_with_a_million_bad_rows_stops_at_a_thousand_errors(tmp_path):
    doc = {"format": "reeplanner-plan", "version": 1, "facilities": [{"id": f"F{i}"} for i in range(200_000)]}
    path = tmp_path / "bad.reeplan"
    path.write_text(json.dumps(doc))
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert len(info.value.errors) == 1001  # the first thousand, and where reading stopped
    assert (
        info.value.errors[-1].message
        == "Reading stopped after 1,000 errors: fix these and read the file again."
    )


# --- cells far out -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref, reason",
    [
        ("A99999999", "a cell at A99999999, outside Excel's rows (1 to 1,048,576)"),
        ("A1048577", "a cell at A1048577, outside Excel's rows"),
        ("XFE1", "a cell at XFE1, past Excel's last column (XFD, 16,384)"),
        ("AAAA1", "a cell at AAAA1, past Excel's last column"),
        ("A0", "a cell at A0, outside Excel's rows"),
        ("1A", "a cell reference that is not a column and a row: '1A'"),
    ],
)
def test_cells_past_excels_grid_are_refused_before_any_reading(good, tmp_path, capsys, ref, reason):
    path = rezip(
        good, tmp_path / "far.xlsx", in_facilities(f'<row r="9"><c r="{ref}"><v>1</v></c></row>'.encode())
    )
    assert f"sheet 'Facilities' has {reason}" in cli_refuses(capsys, path)


def test_lowercase_references_count_as_far_as_they_reach(good, tmp_path):
    path = rezip(
        good, tmp_path / "low.xlsx", in_facilities(b'<row r="900000"><c r="zz900000"><v>1</v></c></row>')
    )
    assert "row 900,000, column 702" in refused(path)


def test_cells_without_a_reference_are_placed_as_the_reader_places_them():
    row = b'<row r="3">' + b"<c/>" * 20_000 + b"<c><v>1</v></c></row>"
    assert xlsx_sheet_extent(b"<sheetData>" + row + b"</sheetData>").columns == 20_001
    rows = b"<row/>" * 300 + b'<row><c r="B2"/><c><v>1</v></c></row>'
    extent = xlsx_sheet_extent(b"<sheetData>" + rows + b"</sheetData>")
    assert (extent.rows, extent.columns) >= (301, 3)


def test_a_workbook_whose_sheets_together_lay_out_too_many_cells(good, tmp_path):
    # Two sheets each within reach, together over the limit: 2 x 2,600,000 cells.
    far = b'<row r="1000000"><c r="Z1000000"><v>1</v></c></row>'
    change = in_facilities(far)

    def both(name: str, data: bytes) -> bytes:
        data = change(name, data)
        return data.replace(b"</sheetData>", far + b"</sheetData>") if name.endswith("sheet9.xml") else data

    assert "over 5,000,000 cells to lay out" in refused(rezip(good, tmp_path / "two.xlsx", both))


def test_a_shared_string_copied_into_many_cells(good, tmp_path):
    text = bytes(range(65, 91)) * 40_000  # about 1 MB
    cells = b"".join(b'<c r="%s9" t="s"><v>0</v></c>' % bytes([65 + i]) for i in range(26))
    rows = b"".join(b'<row r="%d">' % r + cells.replace(b"9", b"%d" % r) + b"</row>" for r in range(9, 12))

    def change(name: str, data: bytes) -> bytes:
        if name == FACILITIES_SHEET:
            return data.replace(b"</sheetData>", rows + b"</sheetData>")
        if name == "[Content_Types].xml":
            sst = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
            return data.replace(
                b"</Types>", b'<Override PartName="/xl/sst.xml" ContentType="' + sst + b'"/></Types>'
            )
        if name == "xl/_rels/workbook.xml.rels":
            rel = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rId99" Type="' + rel + b'" Target="sst.xml"/></Relationships>',
            )
        return data

    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + text
        + b"</t></si></sst>"
    )
    path = rezip(good, tmp_path / "copies.xlsx", change, {"xl/sst.xml": sst})
    assert "its cells would hold over 64 MB of text" in refused(path)


# --- OpenDocument repeats ---------------------------------------------------------------------------


def _ods_with_rows(tmp_path: Path, rows: bytes) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name != "content.xml":
            return data
        start = data.index(b'<table:table table:name="Facilities"')
        end = data.index(b"</table:table-row>", start) + len(b"</table:table-row>")
        return data[:end] + rows + data[end:]

    return rezip(DATA / "fuzz-seed.ods", tmp_path / "repeats.ods", change)


def test_an_ods_value_repeated_over_a_huge_block(tmp_path):
    cell = b'<table:table-cell table:number-columns-repeated="90000" office:value-type="float" office:value="1"/>'
    rows = b'<table:table-row table:number-rows-repeated="90000">' + cell + b"</table:table-row>"
    assert "over 5,000,000 cells to lay out" in refused(_ods_with_rows(tmp_path, rows))


def test_an_ods_cell_of_a_hundred_million_spaces(tmp_path):
    cell = b'<table:table-cell office:value-type="string"><text:p>a<text:s text:c="100000000"/></text:p></table:table-cell>'
    rows = b"<table:table-row>" + cell + b"</table:table-row>"
    assert "over 64 MB of text" in refused(_ods_with_rows(tmp_path, rows))


def test_ods_extents_follow_the_readers_placing():
    content = (
        b'<table:table table:name="S"><table:table-row table:number-rows-repeated="3"><table:table-cell/>'
        b'</table:table-row><table:table-row><table:table-cell table:number-columns-repeated="40"/>'
        b'<table:table-cell office:value-type="float"/><table:table-cell table:number-columns-repeated="9"/>'
        b"</table:table-row></table:table>"
    )
    [(name, extent)] = list(ods_extents(content))
    assert (name, extent.rows, extent.columns) == ("S", 4, 41)

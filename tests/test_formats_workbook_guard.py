"""Files that are not plan workbooks, or are hostile, get one clear sentence: no crash, no hang."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from reeplanner.formats.files import read_plan, write_plan
from reeplanner.model import PlanError
from tests.builders import chain_plan


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.xlsx"
    write_plan(chain_plan(), path)
    return path


def _refused(path: Path) -> str:
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert len(info.value.errors) == 1
    return info.value.errors[0].message


def _rezip(src: Path, dst: Path, change=None, drop: str = "", add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == drop:
                continue
            if change:
                data = change(info.filename, data)
            zout.writestr(info, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _open_fds_to(path: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == str(path):
                found.append(fd.name)
        except OSError:
            pass
    return found


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert _refused(path) == "empty.xlsx is empty (0 bytes); it is not a workbook."


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "facilities.xlsx"
    path.write_text("Facility ID,Name\nF1,One\n")
    assert _refused(path).startswith("facilities.xlsx is not a workbook: it is a text (CSV) file")


def test_legacy_xls_and_encrypted_workbook_are_told_apart(tmp_path):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(ole2 + "Workbook".encode("utf-16-le") + b"\x00" * 512)
    assert "old Excel 97-2003 workbook (.xls)" in _refused(xls)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(ole2 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512)
    assert _refused(locked).startswith("locked.xlsx is password-protected (encrypted).")


def test_truncated_download(good, tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:2000])
    assert "damaged or incomplete" in _refused(path)


def test_missing_parts_and_no_sheets(good, tmp_path):
    no_types = _rezip(good, tmp_path / "a.xlsx", drop="[Content_Types].xml")
    assert _refused(no_types) == "a.xlsx is not a valid workbook: it has no [Content_Types].xml part."
    no_book = _rezip(good, tmp_path / "b.xlsx", drop="xl/workbook.xml")
    assert _refused(no_book) == "b.xlsx is not a complete workbook: its part xl/workbook.xml is missing."

    def no_sheets(name, data):
        if name == "xl/workbook.xml":
            start, end = data.index(b"<sheets>"), data.index(b"</sheets>")
            return data[:start] + b"<sheets/>" + data[end + len(b"</sheets>") :]
        return data

    assert _refused(_rezip(good, tmp_path / "c.xlsx", no_sheets)) == "c.xlsx has no sheets."


def test_malformed_xml(good, tmp_path):
    def broken(name, data):
        return data[:-30] if name == "xl/workbook.xml" else data

    assert "its part xl/workbook.xml is not well-formed XML" in _refused(
        _rezip(good, tmp_path / "x.xlsx", broken)
    )


def test_entity_declarations_are_refused(good, tmp_path):
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'

    def attack(name, data):
        if name == "xl/worksheets/sheet4.xml":
            return laughs + data[data.index(b"<worksheet") :].replace(b"Mine-1", b"&lol2;")
        return data

    message = _refused(_rezip(good, tmp_path / "lol.xlsx", attack))
    assert "declares a DTD or XML entities" in message


def test_zip_bomb_is_refused_before_unpacking(good, tmp_path):
    path = _rezip(good, tmp_path / "bomb.xlsx", add={"xl/media/zeros.bin": b"\x00" * (20 * 2**20)})
    assert "zip bomb" in _refused(path)


def test_a_value_at_xfd1048576_does_not_lay_out_the_whole_grid(good, tmp_path):
    def far(name, data):
        if name == "xl/worksheets/sheet4.xml":
            return data.replace(
                b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
            )
        return data

    message = _refused(_rezip(good, tmp_path / "far.xlsx", far))
    assert "row 1,048,576, column 16,384" in message


def test_empty_formatted_far_cell_and_whole_sheet_merge_still_import(good, tmp_path):
    def decorated(name, data):
        if name == "xl/worksheets/sheet4.xml":
            data = data.replace(
                b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
            )
            return data.replace(
                b"</sheetData>",
                b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
                1,
            )
        return data

    plan, _ = read_plan(_rezip(good, tmp_path / "merged.xlsx", decorated))
    assert plan == chain_plan()


def test_file_is_closed_after_a_failed_import(good, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(good.read_bytes()[:3000])
    _refused(path)
    assert _open_fds_to(path) == []
    path.rename(tmp_path / "moved.xlsx")


def test_file_is_closed_after_an_invalid_plan(tmp_path):
    plan = chain_plan()
    plan.start_year = 1900
    path = tmp_path / "invalid.xlsx"
    write_plan(plan, path)
    with pytest.raises(PlanError):
        read_plan(path)
    assert _open_fds_to(path) == []

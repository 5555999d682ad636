"""Reading a plan workbook (``.xlsx`` or ``.ods``) as in ``workbook-format.md``.

The file is first checked by ``workbook_guard`` (which also finds formulas
with no saved value), then its values are read with python-calamine (cached
formula values, dates as dates; several times faster than openpyxl). Sheets
are found by name ignoring case and spaces; each table sheet is read by
``workbook_sheet``; the plan is then validated as a whole and every problem
is reported with the sheet, the Excel row and the column header. Nothing is
returned until the whole workbook is valid.
"""

from __future__ import annotations

import functools
import io
import os
import re
from pathlib import Path

import openpyxl

from reeplanner.formats.workbook_guard import WorkbookScan, check_workbook
from reeplanner.formats.workbook_sheet import SheetRows, header_key, read_table_sheet, unreadable_message
from reeplanner.formats.workbook_writer import FORMAT_NAME, FORMAT_VERSION, PLAN_SHEET
from reeplanner.model.cells import CellError, is_blank, parse_cell, parse_int
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem, Severity
from reeplanner.model.schema import PLAN_FIELDS, TABLES
from reeplanner.model.validation import validate

# Anything here that parses workbook XML with openpyxl must do so without
# entity expansion; defusedxml is a dependency, so this holds unless the
# install is broken, and then import refuses to run rather than run unsafely.
if not openpyxl.DEFUSEDXML:
    raise ImportError("openpyxl is not using defusedxml; reinstall REE Planner with defusedxml.")

#: Tables whose absent sheet means the contract's default rows (others mean empty).
DEFAULTED = ("materials", "stages", "instruments", "agencies")
_TABLES_BY_SHEET = {t.sheet: t for t in TABLES}
_SHEET_ORDER = {PLAN_SHEET: 0, **{t.sheet: i + 1 for i, t in enumerate(TABLES)}}

Rows = list[list[object]]
#: Validation messages name other rows of the same table ("also row 3").
_ROW_MENTION = re.compile(r"\brow (\d+)\b")


def read_workbook(path: str | os.PathLike[str]) -> tuple[Plan, list[Problem]]:
    """The plan in the workbook at ``path`` and the warnings met reading it.

    Raises ``PlanError`` listing every error (and the warnings) when the file
    is not a readable workbook or the plan in it is not valid.
    """
    path = Path(path)
    scan = check_workbook(path)
    problems: list[Problem] = []
    sheets = _read_sheets(path.name, scan.data, problems)
    unreadable = _unreadable_cells(scan)
    if PLAN_SHEET.casefold() not in sheets:
        problems.append(
            Problem("The workbook has no Plan sheet; it holds the plan's name and years.", PLAN_SHEET)
        )
        settings, plan_rows = {}, {}
    else:
        settings, plan_rows = _read_plan_sheet(
            sheets[PLAN_SHEET.casefold()], unreadable.get("plan", {}), problems
        )
    tables: dict[str, list[object]] = {}
    read: dict[str, SheetRows] = {}
    for table in TABLES:
        key = table.sheet.casefold()
        rows = sheets.get(key)
        if not rows:
            if table.attr not in DEFAULTED:
                tables[table.attr] = []
            continue
        read[table.sheet] = read_table_sheet(table, table.sheet, rows, unreadable.get(key, {}), problems)
        tables[table.attr] = read[table.sheet].records
    plan = Plan(**settings, **tables)
    if not any(p.is_error for p in problems):
        problems += _placed(validate(plan), read, plan_rows)
    else:
        # Still check what can be checked, so one import lists every error.
        plan_reported = any(p.is_error and p.table == PLAN_SHEET for p in problems)
        unread = {t.attr for t in TABLES if t.sheet in read and not read[t.sheet].complete}
        problems += _placed(
            validate(plan), read, plan_rows, only_rows=True, unread=unread, plan_ok=not plan_reported
        )
    problems.sort(key=lambda p: (_SHEET_ORDER.get(p.table, -1), p.row or 0))
    if any(p.is_error for p in problems):
        raise PlanError(problems)
    return plan, problems


def _unreadable_cells(scan: WorkbookScan) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet (lower-case name): (row, column) -> the error a cell shows, "" for a formula never calculated."""
    cells: dict[str, dict[tuple[int, int], str]] = {}
    for name, found in scan.uncached.items():
        cells.setdefault(name.strip().casefold(), {}).update(dict.fromkeys(found, ""))
    for name, errors in scan.errors.items():
        cells.setdefault(name.strip().casefold(), {}).update(errors)
    return cells


def _read_sheets(name: str, data: bytes, problems: list[Problem]) -> dict[str, Rows]:
    """Cell values of the contract's sheets, keyed by lower-case name; warns about the others."""
    import python_calamine

    known = {PLAN_SHEET.casefold(), *(t.sheet.casefold() for t in TABLES)}
    sheets: dict[str, Rows] = {}
    written: dict[str, str] = {}
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            for sheet_name in book.sheet_names:
                key = sheet_name.strip().casefold()
                if key not in known:
                    problems.append(
                        Problem(
                            f"Sheet '{sheet_name}' is not part of the plan workbook and is ignored.",
                            sheet_name,
                            severity=Severity.WARNING,
                        )
                    )
                    continue
                if key in written:
                    problems.append(
                        Problem(
                            f"Sheets '{written[key]}' and '{sheet_name}' have the same name (ignoring case and "
                            "spaces); keep one.",
                            sheet_name.strip(),
                        )
                    )
                    continue
                written[key] = sheet_name
                sheets[key] = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        finally:
            book.close()
    except python_calamine.PasswordError as exc:
        raise PlanError(
            [Problem(f"{name} is password-protected; remove the password and save again.", name)]
        ) from exc
    except python_calamine.CalamineError as exc:
        raise PlanError([Problem(f"{name} is damaged and cannot be read: {exc}.", name)]) from exc
    return sheets


def _read_plan_sheet(
    rows: Rows, unreadable: dict[tuple[int, int], str], problems: list[Problem]
) -> tuple[dict[str, object], dict[str, int]]:
    """Plan settings from the Field/Value rows, and the Excel row of each field."""
    headers = [header_key(h) for h in rows[0]] if rows else []
    if "field" not in headers or "value" not in headers:
        for header in ("Field", "Value"):
            if header.casefold() not in headers:
                problems.append(Problem(f"The required column '{header}' is missing.", PLAN_SHEET, 1, header))
        return {}, {}
    f_at, v_at = headers.index("field"), headers.index("value")
    for raw_header in rows[0]:
        if not is_blank(raw_header) and header_key(raw_header) not in ("field", "value"):
            header = str(raw_header).strip()
            problems.append(
                Problem(
                    f"Unknown column '{header}' is ignored.", PLAN_SHEET, 1, header, severity=Severity.WARNING
                )
            )
    fields = {header_key(c.header): c for c in PLAN_FIELDS}
    settings: dict[str, object] = {}
    where: dict[str, int] = {}
    seen: dict[str, int] = {}
    for r, row in enumerate(rows[1:], start=2):
        field_raw = row[f_at] if f_at < len(row) else None
        raw = row[v_at] if v_at < len(row) else None
        if is_blank(field_raw):
            continue
        key = header_key(field_raw)
        col = fields.get(key)
        label = col.header if col else str(field_raw).strip()
        if key in seen:
            problems.append(
                Problem(f"{label} is given twice (also row {seen[key]}); keep one.", PLAN_SHEET, r, label)
            )
            continue
        seen[key] = r
        if (r, v_at + 1) in unreadable:
            message = unreadable_message(PLAN_SHEET, r, v_at + 1, unreadable[(r, v_at + 1)])
            problems.append(Problem(message, PLAN_SHEET, r, label))
            continue
        if key == "format version":
            _check_version(raw, r, problems)
        elif key == "format":
            if not is_blank(raw) and str(raw).strip().casefold() != FORMAT_NAME:
                problems.append(
                    Problem(
                        f"Format is '{str(raw).strip()}', not '{FORMAT_NAME}'; read as a plan workbook anyway.",
                        PLAN_SHEET,
                        r,
                        "Format",
                        severity=Severity.WARNING,
                    )
                )
        elif col is None:
            problems.append(
                Problem(
                    f"Unknown field '{label}' is ignored.", PLAN_SHEET, r, label, severity=Severity.WARNING
                )
            )
        else:
            where[col.header] = r
            try:
                value = parse_cell(col, raw)
            except CellError as exc:
                problems.append(Problem(str(exc), PLAN_SHEET, r, col.header))
                continue
            if value is not None and value != "":
                settings[col.attr] = value
    for col in PLAN_FIELDS:
        if col.required and col.attr not in settings and not any(p.field == col.header for p in problems):
            problems.append(
                Problem(f"{col.header} is required.", PLAN_SHEET, where.get(col.header), col.header)
            )
    return settings, where


def _check_version(raw: object, r: int, problems: list[Problem]) -> None:
    try:
        version = parse_int(raw, "Format version")
    except CellError as exc:
        problems.append(Problem(str(exc), PLAN_SHEET, r, "Format version"))
        return
    if version > FORMAT_VERSION:
        raise PlanError(
            [
                Problem(
                    f"This workbook was written by a newer REE Planner (plan workbook format version {version}; "
                    f"this version reads up to {FORMAT_VERSION}). Update REE Planner to import it.",
                    PLAN_SHEET,
                    r,
                    "Format version",
                )
            ]
        )
    if version < 1:
        problems.append(
            Problem(f"Format version must be 1 or more; it is {version}.", PLAN_SHEET, r, "Format version")
        )


def _placed(
    found: list[Problem],
    read: dict[str, SheetRows],
    plan_rows: dict[str, int],
    only_rows: bool = False,
    unread: frozenset[str] | set[str] = frozenset(),
    plan_ok: bool = True,
) -> list[Problem]:
    """Validation problems moved to the Excel row of their record; cells already reported are skipped.

    With ``only_rows`` (errors were met reading the cells), problems that may
    stem from one already reported are left out: plan-wide ones, the Plan
    sheet's when it has an error of its own, and references into a table
    whose sheet could not be read (``unread``, plan attributes).
    """
    placed = []
    for p in found:
        sheet = read.get(p.table)
        if p.table == PLAN_SHEET:
            if only_rows and (not plan_ok or (p.field == "Base scenario" and "scenarios" in unread)):
                continue
            placed.append(Problem(p.message, PLAN_SHEET, plan_rows.get(p.field), p.field, p.item, p.severity))
        elif sheet is not None and p.index is not None:
            row = sheet.excel_rows[p.index]
            if (row, p.field) in sheet.bad_cells or (only_rows and _refers_to(p, unread)):
                continue
            message = _ROW_MENTION.sub(functools.partial(_excel_row, sheet=sheet), p.message)
            placed.append(Problem(message, p.table, row, p.field, p.item, p.severity, p.index))
        elif not only_rows:
            placed.append(p)
    return placed


def _refers_to(problem: Problem, tables: set[str] | frozenset[str]) -> bool:
    """Whether ``problem`` is on a column referring to one of ``tables``."""
    if not tables:
        return False
    col = _TABLES_BY_SHEET[problem.table].column_by_header(problem.field)
    return col is not None and col.ref in tables


def _excel_row(match: re.Match[str], sheet: SheetRows) -> str:
    """``row 3`` of a plan table, as the Excel row that record came from."""
    index = int(match.group(1)) - 1
    return f"row {sheet.excel_rows[index]}" if 0 <= index < len(sheet.excel_rows) else match.group(0)


__all__ = ["read_workbook"]

"""Writing a plan as the plan workbook (``workbook-format.md``, version 1).

Driven by the schema: every table on its sheet in contract order, headers
with their unit in parentheses, bold and frozen, filters on, fitted widths,
list validation on choice and reference columns, numbers as numbers and
dates as dates. openpyxl's write-only mode streams rows to the file, so
column widths and freeze panes are set before the first row, and the
validations and filter after the last.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reeplanner.formats.atomic import atomic_path
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.schema import DEMAND, PLAN_FIELDS, TABLES, TABLES_BY_ATTR, Column, Kind, Table

FORMAT_NAME = "reeplanner-workbook"
FORMAT_VERSION = 1
PLAN_SHEET = "Plan"
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60
#: Text starting with one of these would be read by a spreadsheet as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 cannot hold (tab, LF and CR are allowed).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Rows below the data that validation still covers, for rows the user adds.
_SPARE_ROWS = 1000
_TEXT_KINDS = (Kind.TEXT, Kind.ID, Kind.REF, Kind.REFS)


@dataclass(frozen=True, slots=True)
class _SheetColumn:
    header: object  # str, or the int year of a Demand year column
    column: Column | None  # None for a Demand year column


def write_workbook(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write ``plan`` to ``path`` as a plan workbook; the old file is replaced only on success.

    Raises ``PlanError`` for text a workbook cannot hold (control characters)
    and ``SaveError`` when the file cannot be written.
    """
    from openpyxl import Workbook

    problems = _unwritable_text(plan)
    if problems:
        raise PlanError(problems)
    with atomic_path(path) as tmp:
        wb = Workbook(write_only=True)
        _write_plan_sheet(wb, plan)
        for table in TABLES:
            _write_table_sheet(wb, plan, table)
        wb.save(tmp)


def _unwritable_text(plan: Plan) -> list[Problem]:
    """Text with control characters, which a workbook cannot store, each with its cell.

    Checked before the workbook is started: openpyxl's write-only sheets leave
    temporary files behind when abandoned half-way.
    """
    problems = []
    message = "The text holds a control character a workbook cannot store: {!r}. Remove it and export again."
    for col in PLAN_FIELDS:
        value = getattr(plan, col.attr)
        if isinstance(value, str) and _ILLEGAL_XML.search(value):
            problems.append(Problem(message.format(value), PLAN_SHEET, None, col.header))
    for table in TABLES:
        text_columns = [c for c in table.columns if c.kind in _TEXT_KINDS]
        for index, rec in enumerate(getattr(plan, table.attr)):
            for col in text_columns:
                value = getattr(rec, col.attr)
                text = ", ".join(value) if isinstance(value, tuple) else value
                if isinstance(text, str) and _ILLEGAL_XML.search(text):
                    problems.append(Problem(message.format(text), table.sheet, index + 2, col.header))
    return problems


def _write_plan_sheet(wb, plan: Plan) -> None:
    rows: list[list[object]] = [[col.header, getattr(plan, col.attr)] for col in PLAN_FIELDS]
    rows.append(["Format", FORMAT_NAME])
    rows.append(["Format version", FORMAT_VERSION])
    ws = wb.create_sheet(PLAN_SHEET)
    _start_sheet(ws, ["Field", "Value"], rows)
    for field, value in rows:
        ws.append([field, _cell(ws, value)])
    _finish_sheet(ws, 2, len(rows))


def _write_table_sheet(wb, plan: Plan, table: Table) -> None:
    records = getattr(plan, table.attr)
    columns = _sheet_columns(plan, table)
    headers = [_header_text(plan, c) for c in columns]
    values = [[_record_value(rec, c) for c in columns] for rec in records]
    ws = wb.create_sheet(table.sheet)
    _start_sheet(ws, headers, values)
    for row in values:
        ws.append([_cell(ws, v) for v in row])
    _add_validations(ws, plan, columns, len(values))
    _finish_sheet(ws, len(columns), len(values))


def _sheet_columns(plan: Plan, table: Table) -> list[_SheetColumn]:
    """The table's columns; Demand gets one column per year after Material."""
    if table is not DEMAND:
        return [_SheetColumn(c.header, c) for c in table.columns]
    years = set(plan.years)
    for row in plan.demand:
        years.update(row.values)
    fixed = [_SheetColumn(c.header, c) for c in table.columns]
    keys = [_SheetColumn(y, None) for y in sorted(years)]
    return fixed[:3] + keys + fixed[3:]


def _header_text(plan: Plan, col: _SheetColumn) -> object:
    if col.column is None:
        return col.header
    if col.column.unit == "currency":
        return f"{col.column.header} ({plan.currency})" if plan.currency else col.column.header
    return col.column.titled_header


def _record_value(rec: object, col: _SheetColumn) -> object:
    if col.column is None:
        return rec.values.get(col.header)  # type: ignore[attr-defined]
    value = getattr(rec, col.column.attr)
    if col.column.kind is Kind.BOOL:
        return None if value is None else ("yes" if value else "no")
    return value


def _plain(value: object) -> object:
    """What the spreadsheet stores: enums by their word, ID lists comma-separated, True as yes."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        value = ", ".join(value)
    if isinstance(value, str) and not value:
        return None
    return value


def _cell(ws, value: object) -> object:
    """The value as a cell: formula-like text stays text, dates get a date format."""
    from openpyxl.cell import WriteOnlyCell

    value = _plain(value)
    if isinstance(value, str):
        if value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    elif isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    elif isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes 16 significant digits; a float that needs 17 is written
        # as its shortest exact text so it reads back as the same number.
        cell = WriteOnlyCell(ws, value=repr(value))
        cell.data_type = "n"
        return cell
    return value


def _start_sheet(ws, headers: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
    """Widths and frozen header go before the first row in write-only mode; then the bold header."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [len(str(h)) for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _display_length(value))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), MAX_WIDTH)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = bold
        if isinstance(header, str) and header.startswith(FORMULA_STARTS):
            cell.data_type = "s"
        header_cells.append(cell)
    ws.append(header_cells)


def _display_length(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:,.6g}")
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, tuple):
        return sum(len(v) + 2 for v in value)
    if isinstance(value, enum.Enum):
        return len(value.value)
    return len(str(value))


def _finish_sheet(ws, n_columns: int, n_rows: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(max(n_columns, 1))}{n_rows + 1}"


def _add_validations(ws, plan: Plan, columns: list[_SheetColumn], n_rows: int) -> None:
    """A drop-down on every choice, yes/no and single-reference column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = n_rows + 1 + _SPARE_ROWS
    for i, sheet_col in enumerate(columns, start=1):
        col = sheet_col.column
        if col is None:
            continue
        formula, strict = _list_formula(plan, col)
        if not formula:
            continue
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=not col.required,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle=col.header,
            error=f"{col.header}: pick a value from the list.",
        )
        letter = get_column_letter(i)
        dv.add(f"{letter}2:{letter}{last}")
        ws.data_validations.append(dv)


def _list_formula(plan: Plan, col: Column) -> tuple[str, bool]:
    """The validation list of ``col`` and whether other values are refused outright.

    Choices and yes/no are fixed word lists; a reference lists the IDs of the
    referenced sheet, as a warning only, since a planner may add the row there later.
    """
    if col.kind is Kind.CHOICE and col.choices is not None:
        return '"' + ",".join(m.value for m in col.choices) + '"', True
    if col.kind is Kind.BOOL:
        return '"yes,no"', True
    if col.kind is Kind.REF:
        from openpyxl.utils import get_column_letter

        target = TABLES_BY_ATTR[col.ref]
        id_index = next(i for i, c in enumerate(target.columns) if c.attr == target.id_attr) + 1
        letter = get_column_letter(id_index)
        last = len(getattr(plan, target.attr)) + 1 + _SPARE_ROWS
        return f"'{target.sheet}'!${letter}$2:${letter}${last}", False
    return "", False


__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "write_workbook"]

"""Writing a plan as the plan workbook (``workbook-format.md``, version 2).

Driven by the schema: every table on its sheet in contract order, headers
spelt exactly as the contract spells them (no unit: readers look them up by
name; the units are fixed by the contract), bold and frozen, filters on, fitted widths,
list validation on choice and reference columns, numbers as numbers and
dates as dates. This module decides what goes in each cell; ``workbook_xlsx``
writes the file (text always as text, so formula-like text such as
``=SUM(A1)`` or ``-5 t/yr`` is never taken for a formula).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from dataclasses import dataclass

from reeplanner.formats.atomic import atomic_path
from reeplanner.formats.workbook_xlsx import ListValidation, XlsxBook, column_letter
from reeplanner.model.horizon import laid_out_years
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.schema import PLAN_FIELDS, TABLES, TABLES_BY_ATTR, Column, Kind, Table

FORMAT_NAME = "reeplanner-workbook"
FORMAT_VERSION = 2
PLAN_SHEET = "Plan"
MAX_WIDTH = 60
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
    problems = _unwritable_text(plan)
    if problems:
        raise PlanError(problems)
    book = XlsxBook()
    _add_plan_sheet(book, plan)
    for table in TABLES:
        _add_table_sheet(book, plan, table)
    with atomic_path(path) as tmp:
        book.save(tmp)


def _unwritable_text(plan: Plan) -> list[Problem]:
    """Text with control characters, which a workbook cannot store, each with its cell.

    Checked before anything is written, so the error lists every such cell.
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


def _add_plan_sheet(book: XlsxBook, plan: Plan) -> None:
    rows: list[list[object]] = [[col.header, _plan_value(plan, col)] for col in PLAN_FIELDS]
    rows.append(["Format", FORMAT_NAME])
    rows.append(["Format version", FORMAT_VERSION])
    headers = ["Field", "Value"]
    widths = _widths(headers, rows)
    long_text = frozenset(i for i, w in enumerate(widths) if w >= MAX_WIDTH)
    book.add_sheet(PLAN_SHEET, headers, rows, widths, [], len(rows) + 1, long_text)


def _plan_value(plan: Plan, col: Column) -> object:
    value = getattr(plan, col.attr)
    if col.kind is Kind.COUNTRIES and value == ():
        return "none"  # an empty cell would read back as the default list
    return _plain(value)


def _add_table_sheet(book: XlsxBook, plan: Plan, table: Table) -> None:
    records = getattr(plan, table.attr)
    columns = _sheet_columns(plan, table)
    headers = [c.header for c in columns]
    rows = [[_plain(_record_value(rec, c)) for c in columns] for rec in records]
    last = len(rows) + 1 + _SPARE_ROWS
    widths = _widths(headers, rows)
    long_text = frozenset(i for i, w in enumerate(widths) if w >= MAX_WIDTH)
    book.add_sheet(table.sheet, headers, rows, widths, _validations(plan, columns), last, long_text)


def _sheet_columns(plan: Plan, table: Table) -> list[_SheetColumn]:
    """The table's columns; Demand and Prices get one column per year after their first three."""
    if not table.is_wide:
        return [_SheetColumn(c.header, c) for c in table.columns]
    years = set(laid_out_years(plan))
    for row in getattr(plan, table.attr):
        years.update(row.values)
    fixed = [_SheetColumn(c.header, c) for c in table.columns]
    keys = [_SheetColumn(y, None) for y in sorted(years)]
    return fixed[:3] + keys + fixed[3:]


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


def _widths(headers: list[object], rows: list[list[object]]) -> list[float]:
    widths = [len(str(h)) for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], _display_length(value))
    return [min(max(w + 2, 8), MAX_WIDTH) for w in widths]


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


def _validations(plan: Plan, columns: list[_SheetColumn]) -> list[ListValidation]:
    """A drop-down on every choice, yes/no and single-reference column."""
    found = []
    for i, sheet_col in enumerate(columns, start=1):
        col = sheet_col.column
        if col is None:
            continue
        formula, strict = _list_formula(plan, col)
        if formula:
            found.append(ListValidation(i, formula, col.header, not col.required, strict))
    return found


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
        target = TABLES_BY_ATTR[col.ref]
        id_index = next(i for i, c in enumerate(target.columns) if c.attr == target.id_attr) + 1
        letter = column_letter(id_index)
        last = len(getattr(plan, target.attr)) + 1 + _SPARE_ROWS
        return f"'{target.sheet}'!${letter}$2:${letter}${last}", False
    return "", False


__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "write_workbook"]

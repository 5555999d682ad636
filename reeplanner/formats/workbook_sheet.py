"""Reading one table sheet of the plan workbook into records, leniently.

Headers match ignoring case, spaces and a trailing ``(unit)``; columns may
come in any order; fully blank rows are skipped. Every cell goes through
``model.cells.parse_cell`` (the one lenient parser), and every problem is
collected with its sheet, Excel row and column header, never raised here.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass, field

from reeplanner.model.cells import CellError, is_blank, parse_cell, parse_number, parse_override_value
from reeplanner.model.enums import Metric, OverrideKind
from reeplanner.model.problems import Problem, Severity
from reeplanner.model.schema import DEMAND, TARGETS, Column, Kind, Table

_UNIT = re.compile(r"\s*\([^()]*\)\s*$")
_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"^\d{4}$")
_TEXT_KINDS = (Kind.TEXT, Kind.ID, Kind.REF)


def header_key(raw: object) -> str:
    """How a header is compared: no unit in parentheses, case and runs of spaces ignored."""
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    text = _UNIT.sub("", str(raw).strip())
    return _SPACES.sub(" ", text).strip().casefold()


def cell_name(row: int, column: int) -> str:
    """``H5`` for row 5, column 8 (both 1-based)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


@dataclass(slots=True)
class SheetRows:
    """A table read from its sheet: records, the Excel row of each, and the cells already reported."""

    records: list[object] = field(default_factory=list)
    excel_rows: list[int] = field(default_factory=list)
    bad_cells: set[tuple[int, str]] = field(default_factory=set)  # (Excel row, header)
    complete: bool = True  # False when a required column is missing and no row could be read


def read_table_sheet(
    table: Table,
    sheet: str,
    rows: list[list[object]],
    unreadable: dict[tuple[int, int], str],
    problems: list[Problem],
) -> SheetRows:
    """Records of ``table`` from the sheet's cell ``rows`` (row 1 = headers).

    ``unreadable`` maps (row, column) of cells whose value cannot be used to
    the error they show (``#N/A``), or "" for a formula never calculated.
    """
    out = SheetRows()
    if not rows:
        return out
    columns, years = _match_headers(table, sheet, rows[0], problems)
    present = {c.attr for c in columns.values()}
    missing = [c.header for c in table.columns if c.required and c.attr not in present]
    for header in missing:
        problems.append(Problem(f"The required column '{header}' is missing.", sheet, 1, header))
    if missing:
        out.complete = False
        return out
    no_unreadable: dict[int, str] = {}
    for r, row in enumerate(rows[1:], start=2):
        row_unreadable = (
            {c: error for (ur, c), error in unreadable.items() if ur == r} if unreadable else no_unreadable
        )
        if not row_unreadable and not any(v.strip() if v.__class__ is str else v is not None for v in row):
            continue
        rec = _read_row(table, sheet, r, row, columns, years, row_unreadable, problems, out)
        out.records.append(rec)
        out.excel_rows.append(r)
    return out


def _match_headers(
    table: Table, sheet: str, headers: list[object], problems: list[Problem]
) -> tuple[dict[int, Column], dict[int, int]]:
    """0-based position -> column, and (Demand) position -> year."""
    by_key = {header_key(c.header): c for c in table.columns}
    columns: dict[int, Column] = {}
    years: dict[int, int] = {}
    seen: dict[str, int] = {}
    for i, raw in enumerate(headers):
        if is_blank(raw):
            continue
        key = header_key(raw)
        col = by_key.get(key)
        if table.is_wide and col is None and _YEAR.match(key):
            col_key, target = key, int(key)
        elif col is not None:
            col_key, target = col.attr, col
        else:
            problems.append(
                Problem(
                    f"Unknown column '{str(raw).strip()}' is ignored.",
                    sheet,
                    1,
                    str(raw).strip(),
                    "",
                    Severity.WARNING,
                )
            )
            continue
        if col_key in seen:
            problems.append(
                Problem(
                    f"Column '{str(raw).strip()}' appears twice (also column {cell_name(1, seen[col_key] + 1)[:-1]}); "
                    "keep one.",
                    sheet,
                    1,
                    str(raw).strip(),
                )
            )
            continue
        seen[col_key] = i
        if isinstance(target, int):
            years[i] = target
        else:
            columns[i] = target
    return columns, years


def _read_row(
    table: Table,
    sheet: str,
    r: int,
    row: list[object],
    columns: dict[int, Column],
    years: dict[int, int],
    unreadable: dict[int, str],
    problems: list[Problem],
    out: SheetRows,
) -> object:
    def raw_at(i: int) -> object:
        return row[i] if i < len(row) else None

    id_col = next((i for i, c in columns.items() if c.attr == table.id_attr), None) if table.id_attr else None
    item = str(raw_at(id_col) or "").strip() if id_col is not None else ""

    def report(header: str, message: str) -> None:
        problems.append(Problem(message, sheet, r, header, item))
        out.bad_cells.add((r, header))

    values: dict[str, object] = {}
    raws = {col.attr: raw_at(i) for i, col in columns.items()}
    no_default = _required_without_default(table.record)
    for i, col in columns.items():
        if i + 1 in unreadable:
            report(col.header, unreadable_message(sheet, r, i + 1, unreadable[i + 1]))
            continue
        try:
            raw = raws[col.attr]
            # The two commonest cells, read exactly as parse_cell reads them, without the call.
            if raw.__class__ is str and col.kind in _TEXT_KINDS and raw.strip():
                value = raw.strip()
            elif raw.__class__ is float and col.kind is Kind.NUMBER and math.isfinite(raw):
                value = raw
            else:
                value = _parse(table, col, raw, raws)
        except CellError as exc:
            report(col.header, str(exc))
            continue
        if value is not None or col.attr in no_default:
            values[col.attr] = value
    for attr in no_default:
        values.setdefault(attr, None)  # validation reports it as required
    if table.is_wide:
        values["values"] = _year_values(table, sheet, r, row, years, unreadable, report)
    return table.record(**values)


def _parse(table: Table, col: Column, raw: object, raws: dict[str, object]) -> object:
    if col.kind is Kind.OVERRIDE_VALUE:
        try:
            kind = parse_cell(table.column("kind"), raws.get("kind"))
        except CellError:
            # The Kind cell's own error says what is wrong; a Value cannot be judged without it.
            return None if is_blank(raw) else raw
        return parse_override_value(kind if isinstance(kind, OverrideKind) else None, raw)
    if table is TARGETS and col.attr == "threshold" and isinstance(raw, str) and raw.strip().endswith("%"):
        return _percent_threshold(table, raw, raws)
    return parse_cell(col, raw)


def _percent_threshold(table: Table, raw: str, raws: dict[str, object]) -> float:
    """``50%`` on a self-sufficiency target is the percent 50 (thresholds there are percent)."""
    metric = (
        parse_cell(table.column("metric"), raws.get("metric")) if not is_blank(raws.get("metric")) else None
    )
    if metric is not Metric.SELF_SUFFICIENCY:
        raise CellError(
            f"Threshold '{raw.strip()}' is a percent, which only a self-sufficiency target takes; "
            "give t/yr for this target."
        )
    return parse_number(raw.strip().rstrip("%"), "Threshold")


def _year_values(table, sheet, r, row, years, unreadable, report) -> dict[int, float]:
    values: dict[int, float] = {}
    for i, year in years.items():
        raw = row[i] if i < len(row) else None
        if i + 1 in unreadable:
            report(str(year), unreadable_message(sheet, r, i + 1, unreadable[i + 1]))
            continue
        if is_blank(raw):
            continue
        try:
            values[year] = parse_number(raw, str(year))
        except CellError as exc:
            report(str(year), f"{'Demand' if table is DEMAND else 'Price'} in {exc}")
    return values


def unreadable_message(sheet: str, r: int, column: int, error: str) -> str:
    """Why a cell's value cannot be used: a formula never calculated, or an error it shows."""
    cell = f"{sheet}!{cell_name(r, column)}"
    if error:
        return (
            f"{cell} shows the error {error} instead of a value. Correct the formula or the value there, "
            "save, and import again."
        )
    return (
        f"{cell} holds a formula with no saved value. Open the workbook in Excel "
        "or LibreOffice so it calculates, save it, and import again."
    )


@functools.cache
def _required_without_default(record: type) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in dataclasses.fields(record)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING  # type: ignore[misc]
    )


__all__ = ["SheetRows", "cell_name", "header_key", "read_table_sheet", "unreadable_message"]

"""What a plan cell shows and how a typed value becomes an undoable edit.

The table models, the inspector and paste all go through these functions, so
a cell reads the same everywhere, a value is refused with the same sentence
``model.cells.parse_cell`` gives, and every edit has a name in the user's
words ("Set Capacity of Mountain Pass to 60,000 t/yr").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reeplanner.gui.commands import EditCommand
from reeplanner.model.cells import CellError, format_cell, parse_cell, parse_number, parse_override_value
from reeplanner.model.edits import EditRefused, prepare_edit
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.schema import Column, Kind, Table

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument

T_YR = "t/yr"


def year_column(year: int) -> Column:
    """The column of one demand year (the wide Demand sheet): tonnes, 0 or more."""
    return Column(str(year), "values", Kind.NUMBER, minimum=0, unit=T_YR)


def column_year(column: Column) -> int | None:
    """The year of a demand year column, else None."""
    return int(column.header) if column.attr == "values" else None


def unit_of(column: Column, plan: Plan) -> str:
    """The column's unit as the user reads it; money is in the plan's currency."""
    return plan.currency if column.unit == "currency" else column.unit


def header_text(column: Column, plan: Plan) -> str:
    """``Capacity (t/yr)``, ``Amount (USD million)``; year columns are bare years."""
    unit = unit_of(column, plan)
    if column_year(column) is not None or not unit:
        return column.header
    return f"{column.header} ({unit})"


def cell_value(column: Column, record: object) -> object:
    """The typed value in ``record`` under ``column``."""
    year = column_year(column)
    if year is not None:
        return record.values.get(year)  # type: ignore[attr-defined]
    return getattr(record, column.attr)


def display_text(column: Column, value: object) -> str:
    """A value as the table shows it: numbers with thousands separators (``1,200``)."""
    if column.kind is Kind.NUMBER and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(float(value))
    return format_cell(column, value)


def format_number(value: float) -> str:
    """``1,200``, ``1,234.5``, ``0.35``: grouped, with at most four decimals, no trailing zeros."""
    if value == int(value) and abs(value) < 1e15:
        return f"{value:,.0f}"
    if abs(value) < 1:
        return f"{value:.6g}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def edit_text(column: Column, value: object) -> str:
    """A value as an editor or the clipboard holds it: ``1200``, ``2027-06-01``, ``yes``."""
    return format_cell(column, value)


def sort_key(column: Column, value: object) -> object:
    """What a column sorts by: numbers as numbers (empty first), everything else as text."""
    if column.kind in (Kind.NUMBER, Kind.SHARE, Kind.INT, Kind.YEAR):
        return float("-inf") if value is None else float(value)  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return value.isoformat()
    return format_cell(column, value).casefold()


def parse_value(column: Column, record: object, raw: object) -> object:
    """The typed value of ``raw`` for ``column`` of ``record``; raises ``CellError``.

    For a demand year, the whole ``values`` dict with that year set (blank
    removes the year); for an override's Value, parsed by the row's Kind.
    """
    year = column_year(column)
    if year is not None:
        values = dict(record.values)  # type: ignore[attr-defined]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            values.pop(year, None)
        else:
            values[year] = parse_number(raw, f"Demand in {year}")
        return values
    if column.kind is Kind.OVERRIDE_VALUE:
        return parse_override_value(record.kind, raw)  # type: ignore[attr-defined]
    return parse_cell(column, raw)


def row_label(table: Table, record: object, index: int) -> str:
    """How an edit names a row: its name, else its ID, else ``facility 4``."""
    for attr in ("name", "segment", table.id_attr):
        text = getattr(record, attr, "") if attr else ""
        if text:
            return str(text)
    return f"{table.singular} {index + 1}"


def edit_name(table: Table, record: object, index: int, column: Column, value: object, plan: Plan) -> str:
    """``Set Capacity of Mountain Pass to 60,000 t/yr``; ``Rename facility MP to MP-1``."""
    if column.kind is Kind.ID:
        return f"Rename {table.singular} {getattr(record, column.attr)} to {value}"
    label = row_label(table, record, index)
    year = column_year(column)
    if year is not None:
        new = value.get(year)  # type: ignore[union-attr]
        if new is None:
            return f"Clear {year} demand of {label}"
        return f"Set {year} demand of {label} to {format_number(new)} {T_YR}"
    if value is None or value == "" or value == ():
        return f"Clear {column.header} of {label}"
    unit = unit_of(column, plan)
    text = display_text(column, value)
    return f"Set {column.header} of {label} to {text}{' ' + unit if unit else ''}"


def cell_edit(
    document: PlanDocument, table: Table, index: int, column: Column, raw: object
) -> EditCommand | None:
    """The command for ``raw`` typed, picked or dropped into a cell; None when the cell holds it already.

    Raises ``EditRefused`` with the parser's sentence (``abc`` in Capacity) or
    validation's (``-5``, an ID another row has). The rules of
    ``model.edits`` come with it: a renamed ID is renamed everywhere, a new
    stage clears or sets Material and Feeds stage, and so on.
    """
    record = getattr(document.plan, table.attr)[index]
    try:
        value = parse_value(column, record, raw)
    except CellError as error:
        raise EditRefused(str(error)) from None
    old = getattr(record, column.attr)
    if _same(column, old, value):
        return None
    edit = prepare_edit(document.plan, table.attr, [(index, column.attr, value)])
    return EditCommand(document, edit, edit_name(table, record, index, column, value, document.plan))


def _same(column: Column, old: object, new: object) -> bool:
    """Whether ``new`` is what the cell holds: a reference in another case is the same reference
    (a picker shows ``DOE`` for a cell that says ``doe``; leaving it must not rewrite it)."""
    is_reference = column.kind is Kind.REF or (column.attr == "target" and column.kind is Kind.TEXT)
    if is_reference and isinstance(old, str) and isinstance(new, str):
        return id_key(old) == id_key(new)
    if column.kind is Kind.REFS and isinstance(old, tuple) and isinstance(new, tuple):
        return [id_key(v) for v in old] == [id_key(v) for v in new]
    return old == new and type(old) is type(new)

"""Pure edit functions: each changes a plan in place and returns what undo needs.

The GUI's undo commands call these and nothing else; so can scripts and tests.
"""

from __future__ import annotations

import dataclasses
import re

from reeplanner.model.enums import OverrideKind
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.schema import TABLES, TABLES_BY_ATTR, Kind

#: Which override kinds name a row of a table in their Target.
OVERRIDE_KINDS_BY_TARGET: dict[str, tuple[OverrideKind, ...]] = {
    "facilities": (
        OverrideKind.DELAY,
        OverrideKind.CAPACITY_FACTOR,
        OverrideKind.CANCEL,
        OverrideKind.STATUS,
        OverrideKind.PERMITTING_FACTOR,
    ),
    "supply": (OverrideKind.SUPPLY_FACTOR,),
}


def set_field(plan: Plan, table: str, index: int, attr: str, value: object) -> object:
    """Set one field of one row; returns the old value."""
    if table == "plan":
        old = getattr(plan, attr)
        setattr(plan, attr, value)
        return old
    rows = getattr(plan, table)
    old = getattr(rows[index], attr)
    rows[index] = dataclasses.replace(rows[index], **{attr: value})
    return old


def replace_row(plan: Plan, table: str, index: int, record: object) -> object:
    """Put ``record`` at ``index``; returns the record it replaced."""
    rows = getattr(plan, table)
    old = rows[index]
    rows[index] = record
    return old


def insert_row(plan: Plan, table: str, index: int, record: object) -> None:
    getattr(plan, table).insert(index, record)


def remove_row(plan: Plan, table: str, index: int) -> object:
    """Remove and return the row at ``index``."""
    return getattr(plan, table).pop(index)


def move_row(plan: Plan, table: str, source: int, destination: int) -> None:
    rows = getattr(plan, table)
    rows.insert(destination, rows.pop(source))


def unique_id(plan: Plan, table: str, stem: str) -> str:
    """An ID for a new row of ``table``: ``stem``, else ``stem-2``, ``stem-3``..."""
    schema = TABLES_BY_ATTR[table]
    taken = {id_key(getattr(r, schema.id_attr)) for r in getattr(plan, table)}
    stem = re.sub(r"\s+", "-", stem.strip()).upper() or "NEW"
    if id_key(stem) not in taken:
        return stem
    n = 2
    while id_key(f"{stem}-{n}") in taken:
        n += 1
    return f"{stem}-{n}"


def references_to(plan: Plan, table: str, id_value: str) -> list[tuple[str, int, str]]:
    """Every (table, row index, attribute) whose cell refers to ``id_value`` of ``table``.

    Used to rename an ID everywhere, and to warn before deleting a row that
    others still name. Override targets name facilities and supply sources too,
    each only for the override kinds that take one.
    """
    key = id_key(id_value)
    found: list[tuple[str, int, str]] = []
    for schema in TABLES:
        for col in schema.columns:
            if col.ref != table or col.kind not in (Kind.REF, Kind.REFS):
                continue
            for index, rec in enumerate(getattr(plan, schema.attr)):
                value = getattr(rec, col.attr)
                hit = any(id_key(v) == key for v in value) if col.kind is Kind.REFS else id_key(value) == key
                if hit:
                    found.append((schema.attr, index, col.attr))
    kinds = OVERRIDE_KINDS_BY_TARGET.get(table, ())
    for index, ov in enumerate(plan.overrides):
        if ov.kind in kinds and id_key(ov.target) == key:
            found.append(("overrides", index, "target"))
    if table == "scenarios" and id_key(plan.base_scenario) == key:
        found.append(("plan", 0, "base_scenario"))
    return found


def rename_references(plan: Plan, table: str, old_id: str, new_id: str) -> list[tuple[str, int, str, object]]:
    """Point every reference to ``old_id`` at ``new_id``; returns (table, index, attr, old value) to undo."""
    changed = []
    key = id_key(old_id)
    for ref_table, index, attr in references_to(plan, table, old_id):
        old = getattr(plan, attr) if ref_table == "plan" else getattr(getattr(plan, ref_table)[index], attr)
        new = tuple(new_id if id_key(v) == key else v for v in old) if isinstance(old, tuple) else new_id
        set_field(plan, ref_table, index, attr, new)
        changed.append((ref_table, index, attr, old))
    return changed

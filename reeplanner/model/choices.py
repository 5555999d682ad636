"""What a picker offers for a cell: the values a column takes, each with a label a planner reads.

A reference lists the referenced table's IDs with their names beside them
(``MP-MINE — Mountain Pass mine``); an override's Target lists what its Kind
takes (facilities; demand segments; supply sources and their countries;
statuses); a country cell lists the countries by code and name. What a
planner types into a picker is read back leniently (``choice_value``): a
whole label, an ID in any case, or a name that only one row has.
"""

from __future__ import annotations

from dataclasses import dataclass

from reeplanner.model.countries import all_countries, country_code, country_name
from reeplanner.model.enums import OverrideKind, Status
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.schema import OVERRIDES, TABLES_BY_ATTR, Column, Kind
from reeplanner.model.table_rules import FACILITY_OVERRIDES

SEPARATOR = " — "


@dataclass(frozen=True, slots=True)
class Choice:
    value: str  # what the cell stores: an ID, a code, a status
    label: str  # what the list shows

    @property
    def name(self) -> str:
        """The part of the label after the value (a row's name), or ""."""
        return self.label.split(SEPARATOR, 1)[1] if SEPARATOR in self.label else ""


def labelled(value: str, name: str) -> Choice:
    return Choice(value, f"{value}{SEPARATOR}{name}" if name and name != value else value)


def column_choices(
    plan: Plan, table: str, column: Column, record: object | None = None
) -> list[Choice] | None:
    """The values ``column`` of ``table`` offers in a picker (for ``record``'s row), or None for free text.

    An empty choice comes first where the column may be left empty.
    """
    if table == "overrides" and column is OVERRIDES.column("target"):
        kind = getattr(record, "kind", None)
        return override_targets(plan, kind if isinstance(kind, OverrideKind) else None)
    if table == "overrides" and column is OVERRIDES.column("value"):
        kind = getattr(record, "kind", None)
        if kind is OverrideKind.STATUS:
            return [Choice(s.value, s.value) for s in Status]
        if kind is OverrideKind.CANCEL:
            return [Choice("yes", "yes")]
        return None
    if column.kind is Kind.REF:
        found = reference_choices(plan, column.ref)
    elif column.kind is Kind.CHOICE and column.choices is not None:
        found = [Choice(m.value, m.value) for m in column.choices]
    elif column.kind is Kind.BOOL:
        return [Choice("yes", "yes"), Choice("no", "no")]
    elif column.kind is Kind.COUNTRY:
        found = [labelled(code, name) for code, name in all_countries()]
    else:
        return None
    return found if column.required else [Choice("", ""), *found]


def reference_choices(plan: Plan, table: str) -> list[Choice]:
    """The rows of ``table`` as ``ID — name`` (a target by its description)."""
    schema = TABLES_BY_ATTR[table]
    return [
        labelled(
            str(getattr(r, schema.id_attr)), str(getattr(r, "name", "") or getattr(r, "description", ""))
        )
        for r in getattr(plan, table)
    ]


def override_targets(plan: Plan, kind: OverrideKind | None) -> list[Choice]:
    """What an override of ``kind`` may target (engine.md's table of kinds)."""
    if kind in FACILITY_OVERRIDES:
        return reference_choices(plan, "facilities")
    if kind is OverrideKind.PERMITTING_FACTOR:
        return [Choice("", "(all facilities)"), *reference_choices(plan, "facilities")]
    if kind is OverrideKind.DEMAND_FACTOR:
        segments: dict[str, str] = {}
        for row in plan.demand:
            segments.setdefault(id_key(row.segment), row.segment)
        return [Choice("", "(all segments)"), *(Choice(s, s) for s in segments.values())]
    if kind is OverrideKind.SUPPLY_FACTOR:
        codes = sorted({c for s in plan.supply if (c := country_code(s.country or ""))})
        sources = reference_choices(plan, "supply")
        return [*sources, *(labelled(code, f"every source in {country_name(code)}") for code in codes)]
    if kind is OverrideKind.RISK_FACTOR:
        return [Choice(s.value, s.value) for s in Status if s is not Status.CANCELLED]
    return []


def choice_value(choices: list[Choice], text: str) -> str:
    """The value a planner meant by ``text``: a label, a value in any case, a value followed by
    anything (``MP-MINE — ...``), or a name only one choice has; else ``text`` as typed."""
    typed = text.strip()
    key = id_key(typed)
    for choice in choices:
        if choice.label == typed or (choice.value and id_key(choice.value) == key):
            return choice.value
    head = id_key(typed.split(SEPARATOR, 1)[0])
    for choice in choices:
        if choice.value and id_key(choice.value) == head and SEPARATOR in typed:
            return choice.value
    named = [c for c in choices if c.name and id_key(c.name) == key]
    return named[0].value if len(named) == 1 else typed

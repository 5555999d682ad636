"""Whether an edit may go into the plan: the errors it would give the rows it touches.

An edit is refused when, done to a copy of the plan, it gives one of the rows
it touches an error that row did not have: the planner reads validation's
sentence for it, where they are. Errors a row had before (a half-imported
plan) do not block editing it; errors the edit leaves in other tables (a
stage turned to product basis, whose facilities now name a material) are
the planner's structural choice, and the Problems panel lists them.
Rows are checked alone, so a check costs next to nothing in a plan of
10,000 facilities; tables whose rules look across rows (shares adding up,
stage orders, scenario parents) are small and checked whole.
"""

from __future__ import annotations

from collections.abc import Collection

from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem
from reeplanner.model.schema import TABLES_BY_ATTR
from reeplanner.model.table_rules import problem_at
from reeplanner.model.validation import table_problems

#: Tables whose rules put an error on another row than the one edited: checked whole.
WHOLE_TABLES = frozenset({"plan", "stages", "composition", "scenarios", "prices", "schedule_risk"})


def new_errors(before: Plan, after: Plan, table: str, rows: Collection[int]) -> list[Problem]:
    """Errors ``after`` has on ``rows`` of ``table`` (anywhere in a whole-checked table) that ``before``
    did not have, in table order."""
    scope = None if table in WHOLE_TABLES else rows
    found = [p for p in table_problems(after, table, scope) if p.is_error]
    if not found:
        return []
    old = {(p.index, p.field, p.message) for p in table_problems(before, table, scope) if p.is_error}
    return [p for p in found if (p.index, p.field, p.message) not in old]


def id_conflict(plan: Plan, table: str, rows: Collection[int]) -> Problem | None:
    """One of ``rows`` holding another row's ID, said from the edited row (validation reports it on
    the later row, whichever was edited); None when every ID is its own."""
    schema = TABLES_BY_ATTR.get(table)
    if schema is None or not schema.id_attr:
        return None
    records = getattr(plan, table)
    holders: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        holders.setdefault(id_key(getattr(record, schema.id_attr)), []).append(index)
    header = schema.column(schema.id_attr).header
    for index in sorted(rows):
        value = getattr(records[index], schema.id_attr)
        other = next((i for i in holders.get(id_key(value), ()) if i != index), None)
        if id_key(value) and other is not None:
            named = getattr(records[other], "name", "") or getattr(records[other], "description", "")
            label = f"row {other + 1}" + (f" ({named})" if named else "")
            message = (
                f"{header} '{value}' is already used by {label}; "
                "IDs must be unique, ignoring case and spaces at both ends."
            )
            return problem_at(schema, index, records[index], header, message)
    return None

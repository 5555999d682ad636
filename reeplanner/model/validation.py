"""Every problem of a plan, each with its place and a sentence a planner understands.

``validate(plan)`` never stops at the first problem. Column rules (required,
bounds, references, duplicate IDs) come from the schema and are checked
here, with the plan settings, the stage chain and scenario parents; the
rules that look across rows and tables are in ``table_rules``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Collection, Iterable, Iterator

from reeplanner.model import override_rules, price_rules, table_rules
from reeplanner.model.countries import country_code, unknown_country_message
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem, Severity
from reeplanner.model.schema import (
    PLAN_FIELDS,
    SCENARIOS,
    STAGES,
    TABLES,
    TABLES_BY_ATTR,
    Column,
    Kind,
    Table,
)
from reeplanner.model.table_rules import RECYCLE_STAGE, problem_at

MAX_HORIZON_YEARS = 60
#: Characters that split a list of IDs (``Scenarios`` columns), so an ID cannot hold them.
ID_SEPARATORS = (",", ";")


def validate(plan: Plan) -> list[Problem]:
    """All problems of ``plan``, errors and warnings, in table order."""
    problems: list[Problem] = []
    problems += _plan_fields(plan)
    known = known_ids(plan)
    for table in TABLES:
        problems += _columns(plan, table, known)
    for _attr, rules in TABLE_RULES:
        problems += rules(plan)
    return problems


def table_problems(plan: Plan, table: str, rows: Collection[int] | None = None) -> list[Problem]:
    """The problems ``validate`` finds in one table (``"plan"``: the Plan fields), the same sentences.

    With ``rows``, only those on these rows, found without looking at the
    others more than the rules need: an edit's check stays cheap in a plan
    of 10,000 facilities. A rule across rows (a duplicate ID, shares adding
    up) reports on the row ``validate`` puts it on, which may be another.
    """
    if table == "plan":
        return list(_plan_fields(plan))
    schema = TABLES_BY_ATTR[table]
    refs = {col.ref for col in schema.columns if col.ref}
    problems = list(_columns(plan, schema, known_ids(plan, refs), rows))
    for attr, rules in TABLE_RULES:
        if attr != table:
            continue
        if rows is not None and attr == "facilities":
            problems += table_rules.facility_rules(plan, rows)
        elif rows is None:
            problems += rules(plan)
        else:
            problems += (p for p in rules(plan) if p.index in rows)
    return problems


def errors(plan: Plan) -> list[Problem]:
    """Only the problems that stop a plan being computed or saved as a workbook."""
    return [p for p in validate(plan) if p.is_error]


def known_ids(plan: Plan, tables: Iterable[str] | None = None) -> dict[str, dict[str, str]]:
    """For each table with IDs (of ``tables``, default all): normalised ID -> the ID as written (first one)."""
    wanted = None if tables is None else set(tables)
    known: dict[str, dict[str, str]] = {}
    for table in TABLES:
        if table.id_attr and (wanted is None or table.attr in wanted):
            ids: dict[str, str] = {}
            for rec in getattr(plan, table.attr):
                ids.setdefault(id_key(getattr(rec, table.id_attr)), getattr(rec, table.id_attr))
            known[table.attr] = ids
    return known


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == ()


def _plan_fields(plan: Plan) -> Iterator[Problem]:
    for col in PLAN_FIELDS:
        if col.required and _empty(getattr(plan, col.attr)):
            yield Problem(f"{col.header} is required.", "Plan", None, col.header)
    start, end = plan.start_year, plan.end_year
    if isinstance(start, int) and not 1990 <= start <= 2100:
        yield Problem(f"Start year {start} is outside 1990-2100.", "Plan", None, "Start year")
    if isinstance(start, int) and isinstance(end, int):
        if end < start:
            yield Problem(f"End year {end} is before Start year {start}.", "Plan", None, "End year")
        elif end > start + MAX_HORIZON_YEARS:
            yield Problem(
                f"End year {end} is more than {MAX_HORIZON_YEARS} years after Start year {start}.",
                "Plan",
                None,
                "End year",
            )
    yield from _plan_countries(plan)
    if plan.base_scenario and id_key(plan.base_scenario) not in {id_key(s.id) for s in plan.scenarios}:
        yield Problem(
            f"Base scenario '{plan.base_scenario}' is not a Scenario ID in Scenarios.",
            "Plan",
            None,
            "Base scenario",
        )


def _plan_countries(plan: Plan) -> Iterator[Problem]:
    home = country_code(plan.home_country or "US")
    if home is None:
        yield Problem(
            unknown_country_message("Home country", plan.home_country), "Plan", None, "Home country"
        )
    covered = []
    for text in plan.covered_countries:
        code = country_code(text)
        if code is None:
            yield Problem(
                unknown_country_message("Covered countries", text), "Plan", None, "Covered countries"
            )
        covered.append(code)
    if home is not None and home in covered:
        yield Problem(
            f"Home country {home} is also in Covered countries; the domestic chain counts as domestic "
            "whatever the covered list says.",
            "Plan",
            None,
            "Covered countries",
            severity=Severity.WARNING,
        )


def _columns(
    plan: Plan, table: Table, known: dict[str, dict[str, str]], rows: Collection[int] | None = None
) -> Iterator[Problem]:
    checks = [(col, _column_check(col, known)) for col in table.columns]
    checks = [(col, check) for col, check in checks if check is not None]
    records = getattr(plan, table.attr)
    first: dict[str, int] = {}  # ID key -> the first row holding it
    if table.id_attr:
        for index, rec in enumerate(records):
            first.setdefault(id_key(getattr(rec, table.id_attr)), index)
    id_col = table.column(table.id_attr) if table.id_attr else None
    indexes: Iterable[int] = range(len(records)) if rows is None else sorted(rows)
    for index in indexes:
        if not 0 <= index < len(records):
            continue
        rec = records[index]
        for col, check in checks:
            message = check(getattr(rec, col.attr))
            if message:
                yield problem_at(table, index, rec, col.header, message)
        if id_col is not None:
            key = id_key(getattr(rec, id_col.attr))
            if key and first[key] < index:
                yield problem_at(
                    table, index, rec, id_col.header, duplicate_id_message(id_col, rec, first[key])
                )


def duplicate_id_message(col: Column, rec: object, first_index: int) -> str:
    return (
        f"{col.header} '{getattr(rec, col.attr)}' is already used by row {first_index + 1}; "
        "IDs must be unique, ignoring case and spaces at both ends."
    )


def _column_check(col: Column, known: dict[str, dict[str, str]]) -> Callable[[object], str] | None:
    """The check of one column's cells, built once per validation; None when nothing can be wrong.

    Validation runs after every edit, so the common cell (a valid number, a
    known ID) must cost next to nothing: references remember the raw values
    already found valid.
    """
    numeric = col.kind in (Kind.NUMBER, Kind.SHARE, Kind.INT, Kind.YEAR)
    if col.kind is Kind.COUNTRY:
        return _country_check(col)
    if not (col.required or numeric or col.kind in (Kind.REF, Kind.REFS)):
        return None
    low = -sys.float_info.max if col.minimum is None else col.minimum  # infinities take the slow path
    high = sys.float_info.max if col.maximum is None else col.maximum
    exclusive = col.exclusive_minimum
    valid_refs: set[str] = set()

    def ref_problem(value: str) -> str:
        if value in valid_refs:
            return ""
        message = _ref_problem(col, value, known)
        if not message:
            valid_refs.add(value)
        return message

    def slow_check(value: object) -> str:
        if _empty(value):
            return f"{col.header} is required." if col.required else ""
        if numeric and isinstance(value, (int, float)):
            if not math.isfinite(value):
                return f"{col.header} must be a finite number; it is {value}."
            return _bounds_problem(col, float(value))
        if col.kind is Kind.REF:
            return ref_problem(str(value))
        if col.kind is Kind.REFS:
            return next((m for v in value if (m := ref_problem(v))), "")  # type: ignore[union-attr]
        return ""

    if numeric:

        def check(value: object) -> str:
            if (
                value.__class__ in (float, int)
                and value <= high
                and (low < value or (not exclusive and low == value))
            ):  # type: ignore[operator]
                return ""
            return slow_check(value)

    elif col.kind is Kind.REF:

        def check(value: object) -> str:
            return "" if value in valid_refs else slow_check(value)

    elif col.kind is Kind.REFS:
        check = slow_check
    else:

        def check(value: object) -> str:
            return "" if value and not (value.__class__ is str and value.isspace()) else slow_check(value)  # type: ignore[union-attr]

    return check


def _country_check(col: Column) -> Callable[[object], str]:
    """Country cells are codes once read; a record built in code may hold a name, which is fine."""

    def check(value: object) -> str:
        if not value or not isinstance(value, str) or not value.strip():
            return f"{col.header} is required." if col.required else ""
        return "" if country_code(value) else unknown_country_message(col.header, value)

    return check


def _bounds_problem(col: Column, value: float) -> str:
    low, high = col.minimum, col.maximum
    too_low = low is not None and (value < low or (col.exclusive_minimum and value <= low))
    too_high = high is not None and value > high
    if not (too_low or too_high):
        return ""
    unit = f" {col.unit}" if col.unit and col.unit != "currency" else ""
    lower = f"above {bound_text(low)}" if col.exclusive_minimum else f"at least {bound_text(low)}"
    plausible = high is not None and high >= 1e5  # a plausible bound, not a limit of the quantity
    if too_high and plausible:
        return (
            f"{col.header} must be at most {bound_text(high)}{unit}, a plausible bound; "
            f"it is {bound_text(value)}. Check the unit and the number of zeros."
        )
    if low is not None and high is not None and not plausible:
        return f"{col.header} must be {lower} and at most {bound_text(high)}; it is {bound_text(value)}."
    if low is not None:
        return f"{col.header} must be {lower}; it is {bound_text(value)}."
    return f"{col.header} must be at most {bound_text(high)}; it is {bound_text(value)}."


def bound_text(value: float | None) -> str:
    """``10,000,000`` for large round numbers, ``1e+308`` for absurd ones, else the short form."""
    if value is None:
        return ""
    if abs(value) >= 1e4 and abs(value) < 1e15:
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{value:g}"


def _ref_problem(col: Column, value: str, known: dict[str, dict[str, str]]) -> str:
    ids = known.get(col.ref, {})
    if id_key(value) in ids:
        return ""
    target = TABLES_BY_ATTR[col.ref]
    listed = ", ".join(list(ids.values())[:12]) + (", ..." if len(ids) > 12 else "")
    hint = f" Known: {listed}." if ids else f" {target.sheet} is empty."
    header = target.column(target.id_attr).header
    article = "an" if header[0] in "AEIOU" else "a"
    return f"'{value}' is not {article} {header} in {target.sheet}.{hint}"


def _stages(plan: Plan) -> Iterator[Problem]:
    orders: dict[int, int] = {}
    for index, stage in enumerate(plan.stages):
        if stage.order in orders:
            yield problem_at(
                STAGES,
                index,
                stage,
                "Order",
                f"Order {stage.order} is also used by row {orders[stage.order] + 1}; "
                "each stage needs its own place in the chain.",
            )
        orders.setdefault(stage.order, index)
    chain = [(i, s) for i, s in enumerate(plan.stages) if id_key(s.id) != id_key(RECYCLE_STAGE)]
    if not chain and plan.stages:
        yield Problem("The plan needs at least one stage besides RECYCLE.", "Stages")
    for index, stage in enumerate(plan.stages):
        if id_key(stage.id) == id_key(RECYCLE_STAGE) and stage.basis is CapacityBasis.PRODUCT:
            yield problem_at(
                STAGES,
                index,
                stage,
                "Capacity basis",
                "The RECYCLE stage recovers materials, so its Capacity basis must be material.",
            )
    chain.sort(key=lambda pair: pair[1].order if isinstance(pair[1].order, int) else 0)
    seen_product = False
    for index, stage in chain:
        if stage.basis is CapacityBasis.PRODUCT:
            seen_product = True
        elif seen_product:
            yield problem_at(
                STAGES,
                index,
                stage,
                "Capacity basis",
                "A material stage cannot come after a product stage; "
                "order the chain material stages first, then product stages.",
            )


def _scenarios(plan: Plan) -> Iterator[Problem]:
    for index, scenario in enumerate(plan.scenarios):
        if any(sep in scenario.id for sep in ID_SEPARATORS):
            yield problem_at(
                SCENARIOS,
                index,
                scenario,
                "Scenario ID",
                f"Scenario ID '{scenario.id}' contains a comma or semicolon, which separate the "
                "scenarios listed in a Scenarios cell; choose an ID without them.",
            )
    yield from _scenario_cycles(plan)


def _scenario_cycles(plan: Plan) -> Iterator[Problem]:
    """One error per cycle, on the row of its first scenario, naming every scenario in it."""
    parent = {id_key(s.id): id_key(s.parent) for s in plan.scenarios if s.parent}
    written = {id_key(s.id): s.id for s in reversed(plan.scenarios)}
    row_of = {id_key(s.id): i for i, s in reversed(list(enumerate(plan.scenarios)))}
    reported: set[str] = set()
    for scenario in plan.scenarios:
        path: list[str] = []
        key = id_key(scenario.id)
        while key in parent and key not in path:
            path.append(key)
            key = parent[key]
        if key not in path or key in reported:
            continue
        cycle = path[path.index(key) :]
        reported.update(cycle)
        first = min(cycle, key=row_of.__getitem__)
        start = cycle.index(first)
        cycle = cycle[start:] + cycle[:start]
        names = " -> ".join(written[k] for k in [*cycle, first])
        index = row_of[first]
        yield problem_at(
            SCENARIOS,
            index,
            plan.scenarios[index],
            "Parent",
            f"Scenarios form a cycle through their parents: {names}. Every scenario must lead back to a root.",
        )


#: The rules across cells of each table, in the order ``validate`` reports them (after the column rules).
TABLE_RULES: tuple[tuple[str, Callable[[Plan], Iterable[Problem]]], ...] = (
    ("stages", _stages),
    ("facilities", table_rules.facility_rules),
    ("composition", table_rules.composition_rules),
    ("links", table_rules.link_rules),
    ("supply", table_rules.supply_rules),
    ("demand", table_rules.demand_rules),
    ("funding", table_rules.funding_rules),
    ("targets", table_rules.target_rules),
    ("scenarios", _scenarios),
    ("overrides", override_rules.override_rules),
    ("prices", price_rules.price_rules),
    ("price_floors", price_rules.price_floor_rules),
    ("schedule_risk", table_rules.schedule_risk_rules),
)

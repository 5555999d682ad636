"""Every problem of a plan, each with its place and a sentence a planner understands.

``validate(plan)`` never stops at the first problem. Column rules (required,
bounds, references, duplicate IDs) come from the schema; the rules that span
rows and tables are below them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from reeplanner.model.enums import CapacityBasis, Metric, OverrideKind, Status, parse_choice
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem, Severity
from reeplanner.model.schema import (
    COMPOSITION,
    DEMAND,
    FACILITIES,
    OVERRIDE_TARGETS,
    OVERRIDES,
    PLAN_FIELDS,
    SCENARIOS,
    STAGES,
    TABLES,
    TABLES_BY_ATTR,
    TARGETS,
    Column,
    Kind,
    Table,
)

RECYCLE_STAGE = "RECYCLE"
MAX_HORIZON_YEARS = 60


def validate(plan: Plan) -> list[Problem]:
    """All problems of ``plan``, errors and warnings, in table order."""
    problems: list[Problem] = []
    problems += _plan_fields(plan)
    known = known_ids(plan)
    for table in TABLES:
        problems += _columns(plan, table, known)
    problems += _stages(plan)
    problems += _facilities(plan)
    problems += _composition(plan)
    problems += _demand(plan)
    problems += _targets(plan)
    problems += _scenario_cycles(plan)
    problems += _overrides(plan, known)
    return problems


def errors(plan: Plan) -> list[Problem]:
    return [p for p in validate(plan) if p.is_error]


def known_ids(plan: Plan) -> dict[str, dict[str, str]]:
    """For each table with IDs: normalised ID -> the ID as written (first one)."""
    known: dict[str, dict[str, str]] = {}
    for table in TABLES:
        if table.id_attr:
            ids: dict[str, str] = {}
            for rec in getattr(plan, table.attr):
                ids.setdefault(id_key(getattr(rec, table.id_attr)), getattr(rec, table.id_attr))
            known[table.attr] = ids
    return known


def _problem(
    table: Table, index: int, rec: object, field: str, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    item = str(getattr(rec, table.id_attr)) if table.id_attr else ""
    return Problem(message, table.sheet, index + 1, field, item, severity, index)


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
    if plan.base_scenario and id_key(plan.base_scenario) not in {id_key(s.id) for s in plan.scenarios}:
        yield Problem(
            f"Base scenario '{plan.base_scenario}' is not a Scenario ID in Scenarios.",
            "Plan",
            None,
            "Base scenario",
        )


def _columns(plan: Plan, table: Table, known: dict[str, dict[str, str]]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, rec in enumerate(getattr(plan, table.attr)):
        for col in table.columns:
            value = getattr(rec, col.attr)
            message = _column_problem(col, value, known)
            if message:
                yield _problem(table, index, rec, col.header, message)
        if table.id_attr:
            key = id_key(getattr(rec, table.id_attr))
            if key and key in seen:
                col = table.column(table.id_attr)
                yield _problem(
                    table,
                    index,
                    rec,
                    col.header,
                    f"{col.header} '{getattr(rec, table.id_attr)}' is used twice "
                    f"(also row {seen[key] + 1}); IDs must be unique, ignoring case and spaces.",
                )
            seen.setdefault(key, index)


def _column_problem(col: Column, value: object, known: dict[str, dict[str, str]]) -> str:
    if _empty(value):
        return f"{col.header} is required." if col.required else ""
    if col.kind in (Kind.NUMBER, Kind.SHARE, Kind.INT, Kind.YEAR) and isinstance(value, (int, float)):
        return _bounds_problem(col, float(value))
    if col.kind is Kind.REF:
        return _ref_problem(col, str(value), known)
    if col.kind is Kind.REFS:
        return next((m for v in value if (m := _ref_problem(col, v, known))), "")  # type: ignore[union-attr]
    return ""


def _bounds_problem(col: Column, value: float) -> str:
    low, high = col.minimum, col.maximum
    if low is not None and (value < low or (col.exclusive_minimum and value <= low)):
        if high is not None:
            op = "above" if col.exclusive_minimum else "at least"
            return f"{col.header} must be {op} {low:g} and at most {high:g}; it is {value:g}."
        return f"{col.header} must be {low:g} or more; it is {value:g}."
    if high is not None and value > high:
        low_text = f"between {low:g} and " if low is not None else "at most "
        return f"{col.header} must be {low_text}{high:g}; it is {value:g}."
    return ""


def _ref_problem(col: Column, value: str, known: dict[str, dict[str, str]]) -> str:
    ids = known.get(col.ref, {})
    if id_key(value) in ids:
        return ""
    target = TABLES_BY_ATTR[col.ref]
    listed = ", ".join(list(ids.values())[:12]) + (", ..." if len(ids) > 12 else "")
    hint = f" Known: {listed}." if ids else f" {target.sheet} is empty."
    return f"'{value}' is not a {target.column(target.id_attr).header} in {target.sheet}.{hint}"


def _stages(plan: Plan) -> Iterator[Problem]:
    orders: dict[int, int] = {}
    for index, stage in enumerate(plan.stages):
        if stage.order in orders:
            yield _problem(
                STAGES,
                index,
                stage,
                "Order",
                f"Order {stage.order} is also used by row {orders[stage.order] + 1}; "
                "each stage needs its own place in the chain.",
            )
        orders.setdefault(stage.order, index)
    chain = [s for s in plan.stages if id_key(s.id) != id_key(RECYCLE_STAGE)]
    if not chain and plan.stages:
        yield Problem("The plan needs at least one stage besides RECYCLE.", "Stages")
    chain.sort(key=lambda s: s.order)
    seen_product = False
    for stage in chain:
        if stage.basis is CapacityBasis.PRODUCT:
            seen_product = True
        elif seen_product:
            index = plan.stages.index(stage)
            yield _problem(
                STAGES,
                index,
                stage,
                "Capacity basis",
                "A material stage cannot come after a product stage; "
                "order the chain material stages first, then product stages.",
            )


def _facilities(plan: Plan) -> Iterator[Problem]:
    stages = {id_key(s.id): s for s in plan.stages}
    with_composition = {id_key(c.facility) for c in plan.composition}
    for index, fac in enumerate(plan.facilities):
        stage = stages.get(id_key(fac.stage))
        has_comp = id_key(fac.id) in with_composition
        is_recycling = id_key(fac.stage) == id_key(RECYCLE_STAGE)
        if stage is not None and stage.basis is CapacityBasis.MATERIAL:
            if not fac.material and not has_comp:
                yield _problem(
                    FACILITIES,
                    index,
                    fac,
                    "Material",
                    f"Material is required on the {stage.name} stage (capacity is per material), "
                    "unless the facility has rows in Composition.",
                )
            elif fac.material and has_comp:
                yield _problem(
                    FACILITIES,
                    index,
                    fac,
                    "Material",
                    "The facility has Composition rows, so its Material is ignored.",
                    Severity.WARNING,
                )
        if stage is not None and stage.basis is CapacityBasis.PRODUCT and fac.material:
            yield _problem(
                FACILITIES,
                index,
                fac,
                "Material",
                f"Leave Material empty on the {stage.name} stage: its capacity is tonnes of product.",
            )
        if is_recycling and not fac.feeds_stage:
            yield _problem(
                FACILITIES, index, fac, "Feeds stage", "A recycling facility must name the stage it feeds."
            )
        if fac.feeds_stage and not is_recycling:
            yield _problem(
                FACILITIES,
                index,
                fac,
                "Feeds stage",
                "Only recycling facilities feed another stage; leave Feeds stage empty.",
            )
        if fac.feeds_stage and id_key(fac.feeds_stage) == id_key(RECYCLE_STAGE):
            yield _problem(FACILITIES, index, fac, "Feeds stage", "A recycling facility cannot feed RECYCLE.")
        if (
            fac.status is not Status.OPERATING
            and fac.status is not Status.CANCELLED
            and fac.online is None
            and fac.permitting_start is None
        ):
            yield _problem(
                FACILITIES,
                index,
                fac,
                "Online",
                "Neither Online nor Permitting start is given, so the facility contributes no capacity.",
                Severity.WARNING,
            )


def _composition(plan: Plan) -> Iterator[Problem]:
    totals: dict[str, float] = defaultdict(float)
    last_row: dict[str, int] = {}
    for index, row in enumerate(plan.composition):
        if isinstance(row.share, (int, float)):
            totals[id_key(row.facility)] += row.share
            last_row[id_key(row.facility)] = index
    for key, total in totals.items():
        if total > 1 + 1e-9:
            index = last_row[key]
            yield _problem(
                COMPOSITION,
                index,
                plan.composition[index],
                "Share",
                f"Shares of facility '{plan.composition[index].facility}' add up to "
                f"{total:.4g}, more than 1.",
            )


def _demand(plan: Plan) -> Iterator[Problem]:
    horizon = set(plan.years)
    segments: dict[tuple[str, str, str], int] = {}
    for index, row in enumerate(plan.demand):
        key = (id_key(row.segment), id_key(row.stage), id_key(row.material))
        if key in segments:
            yield _problem(
                DEMAND,
                index,
                row,
                "Segment",
                f"Segment '{row.segment}' already has a row for this stage and material "
                f"(row {segments[key] + 1}); their demand is added up.",
                Severity.WARNING,
            )
        segments.setdefault(key, index)
        outside = sorted(y for y in row.values if y not in horizon)
        if outside:
            yield _problem(
                DEMAND,
                index,
                row,
                str(outside[0]),
                f"Years {', '.join(map(str, outside))} are outside the plan horizon "
                f"{plan.start_year}-{plan.end_year} and are ignored.",
                Severity.WARNING,
            )
        for year, value in row.values.items():
            if not isinstance(value, (int, float)) or value < 0:
                yield _problem(DEMAND, index, row, str(year), f"Demand must be 0 or more; it is {value}.")
        inside = sorted(y for y in row.values if y in horizon)
        if inside:
            holes = [y for y in range(inside[0], inside[-1] + 1) if y not in row.values]
            if holes:
                yield _problem(
                    DEMAND,
                    index,
                    row,
                    str(holes[0]),
                    f"No demand is given for {', '.join(map(str, holes))}; those years count as zero.",
                    Severity.WARNING,
                )


def _targets(plan: Plan) -> Iterator[Problem]:
    stages = {id_key(s.id): s for s in plan.stages}
    for index, target in enumerate(plan.targets):
        stage = stages.get(id_key(target.stage))
        if (
            stage is not None
            and stage.basis is CapacityBasis.MATERIAL
            and not target.material
            and target.metric is not Metric.SELF_SUFFICIENCY
        ):
            yield _problem(
                TARGETS,
                index,
                target,
                "Material",
                f"The {stage.name} stage counts per material; name the Material this target is for.",
            )
        if stage is not None and stage.basis is CapacityBasis.PRODUCT and target.material:
            yield _problem(
                TARGETS,
                index,
                target,
                "Material",
                f"Leave Material empty: the {stage.name} stage counts tonnes of product.",
            )
        if isinstance(target.year, int) and not plan.start_year <= target.year <= plan.end_year:
            yield _problem(
                TARGETS,
                index,
                target,
                "Year",
                f"Year {target.year} is outside the plan horizon {plan.start_year}-{plan.end_year}.",
                Severity.WARNING,
            )


def _scenario_cycles(plan: Plan) -> Iterator[Problem]:
    parent = {id_key(s.id): id_key(s.parent) for s in plan.scenarios if s.parent}
    written = {id_key(s.id): s.id for s in plan.scenarios}
    reported: set[str] = set()
    for index, scenario in enumerate(plan.scenarios):
        path: list[str] = []
        key = id_key(scenario.id)
        while key in parent and key not in path:
            path.append(key)
            key = parent[key]
        if key in path:
            cycle = path[path.index(key) :]
            if not reported.intersection(cycle):
                reported.update(cycle)
                names = " -> ".join(written.get(k, k) for k in cycle + [cycle[0]])
                yield _problem(
                    SCENARIOS,
                    index,
                    scenario,
                    "Parent",
                    f"Scenarios form a cycle through their parents: {names}. "
                    "Every scenario must lead back to a root.",
                )


def _overrides(plan: Plan, known: dict[str, dict[str, str]]) -> Iterator[Problem]:
    segments = {id_key(d.segment) for d in plan.demand}
    sources = set(known["supply"])
    countries = {id_key(s.country) for s in plan.supply}
    facilities = set(known["facilities"])
    for index, ov in enumerate(plan.overrides):
        kind, target, value = ov.kind, ov.target, ov.value
        if kind is None:
            continue

        def bad(field: str, message: str, index: int = index, ov=ov) -> Problem:
            return _problem(OVERRIDES, index, ov, field, message)

        expects = OVERRIDE_TARGETS[kind]
        if kind in (
            OverrideKind.DELAY,
            OverrideKind.CAPACITY_FACTOR,
            OverrideKind.CANCEL,
            OverrideKind.STATUS,
        ):
            if id_key(target) not in facilities:
                yield bad("Target", f"A '{kind}' override needs {expects}; '{target}' is not in Facilities.")
        elif kind is OverrideKind.PERMITTING_FACTOR:
            if target and id_key(target) not in facilities:
                yield bad("Target", f"A '{kind}' override needs {expects}; '{target}' is not in Facilities.")
        elif kind is OverrideKind.DEMAND_FACTOR:
            if target and id_key(target) not in segments:
                yield bad(
                    "Target", f"A '{kind}' override needs {expects}; '{target}' is not a Demand segment."
                )
        elif kind is OverrideKind.SUPPLY_FACTOR:
            if id_key(target) not in sources and id_key(target) not in countries:
                yield bad(
                    "Target",
                    f"A '{kind}' override needs {expects}; '{target}' is neither a Source ID "
                    "nor the Country of a supply source.",
                )
        elif kind is OverrideKind.RISK_FACTOR and not isinstance(_status(target), Status):
            yield bad(
                "Target", f"A '{kind}' override needs a status ({', '.join(Status)}); it is '{target}'."
            )
        message = _override_value_problem(kind, value)
        if message:
            yield bad("Value", message)


def _status(text: str) -> Status | None:
    return parse_choice(Status, text or "")  # type: ignore[return-value]


def _override_value_problem(kind: OverrideKind, value: object) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is OverrideKind.DELAY:
        return "" if number else f"A delay is a number of months (may be negative); it is '{value}'."
    if kind is OverrideKind.CANCEL:
        return "" if value is True else f"A cancel override's Value is 'yes'; it is '{value}'."
    if kind is OverrideKind.STATUS:
        return (
            ""
            if isinstance(value, Status)
            else (f"A status override's Value is a status ({', '.join(Status)}); it is '{value}'.")
        )
    if kind is OverrideKind.RISK_FACTOR:
        if not number or not 0 <= value <= 1:  # type: ignore[operator]
            return f"A risk factor is a number from 0 to 1; it is '{value}'."
        return ""
    if not number or value < 0:  # type: ignore[operator]
        return f"A {kind} is a multiplier of 0 or more; it is '{value}'."
    return ""

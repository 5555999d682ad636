"""Rules on the Overrides table: each override's Target and Value, read by its Kind."""

from __future__ import annotations

import math
from collections.abc import Iterator

from reeplanner.model.countries import country_code
from reeplanner.model.enums import OverrideKind, Status, parse_choice
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem
from reeplanner.model.records import Override
from reeplanner.model.schema import OVERRIDE_TARGETS, OVERRIDES
from reeplanner.model.table_rules import FACILITY_OVERRIDES, problem_at


def sources_hit(plan: Plan, target: str) -> tuple[int, ...]:
    """Supply rows a supply-factor override hits: the source with that ID, or every source of that
    country (``China``, ``CN`` and ``chn`` alike)."""
    key, code = id_key(target), country_code(target or "")
    return tuple(
        i
        for i, s in enumerate(plan.supply)
        if id_key(s.id) == key or (code is not None and country_code(s.country or "") == code)
    )


def override_rules(plan: Plan) -> Iterator[Problem]:
    segments = {id_key(d.segment) for d in plan.demand}
    sources = {id_key(s.id) for s in plan.supply}
    countries = {c for s in plan.supply if (c := country_code(s.country or ""))}
    facilities = {id_key(f.id) for f in plan.facilities}
    for index, ov in enumerate(plan.overrides):
        if not isinstance(ov.kind, OverrideKind):
            continue  # the Kind column's own problem is already reported
        message = _override_target_problem(ov.kind, ov.target, facilities, segments, sources, countries)
        if message:
            yield problem_at(OVERRIDES, index, ov, "Target", message)
        if ov.value is not None:  # an empty Value is reported as required
            message = _override_value_problem(ov.kind, ov.value)
            if message:
                yield problem_at(OVERRIDES, index, ov, "Value", message)


def override_problems(plan: Plan, override: Override) -> tuple[str, str]:
    """What validation says of one override's Target and of its Value ("" when fine)."""
    if not isinstance(override.kind, OverrideKind):
        return "", ""
    target = _override_target_problem(
        override.kind,
        override.target,
        {id_key(f.id) for f in plan.facilities},
        {id_key(d.segment) for d in plan.demand},
        {id_key(s.id) for s in plan.supply},
        {c for s in plan.supply if (c := country_code(s.country or ""))},
    )
    value = _override_value_problem(override.kind, override.value) if override.value is not None else ""
    return target, value


def _override_target_problem(
    kind: OverrideKind,
    target: str,
    facilities: set[str],
    segments: set[str],
    sources: set[str],
    countries: set[str],
) -> str:
    expects = OVERRIDE_TARGETS[kind]
    key = id_key(target)
    if not key and kind in (*FACILITY_OVERRIDES, OverrideKind.SUPPLY_FACTOR, OverrideKind.RISK_FACTOR):
        return f"A '{kind}' override needs {expects} in Target; it is empty."
    if kind in FACILITY_OVERRIDES or (kind is OverrideKind.PERMITTING_FACTOR and key):
        if key not in facilities:
            return f"A '{kind}' override needs {expects}; '{target}' is not in Facilities."
    elif kind is OverrideKind.DEMAND_FACTOR:
        if key and key not in segments:
            return f"A '{kind}' override needs {expects}; '{target}' is not a Demand segment."
    elif kind is OverrideKind.SUPPLY_FACTOR:
        if key not in sources and country_code(target) not in countries:
            return (
                f"A '{kind}' override needs {expects}; '{target}' is neither a Source ID "
                "nor the Country of a supply source."
            )
    elif kind is OverrideKind.RISK_FACTOR and parse_choice(Status, target) is None:
        return f"A '{kind}' override needs a status ({', '.join(Status)}) in Target; it is '{target}'."
    return ""


def _override_value_problem(kind: OverrideKind, value: object) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind is OverrideKind.DELAY:
        return "" if number else f"A delay is a number of months (may be negative); it is '{value}'."
    if kind is OverrideKind.CANCEL:
        return "" if value is True else f"A cancel override's Value is 'yes'; it is '{value}'."
    if kind is OverrideKind.STATUS:
        if isinstance(value, Status):
            return ""
        return f"A status override's Value is a status ({', '.join(Status)}); it is '{value}'."
    if kind is OverrideKind.RISK_FACTOR:
        if not number or not 0 <= value <= 1:  # type: ignore[operator]
            return f"A risk factor is a number from 0 to 1; it is '{value}'."
        return ""
    if not number or value < 0:  # type: ignore[operator]
        return f"A {kind} is a multiplier of 0 or more; it is '{value}'."
    return ""

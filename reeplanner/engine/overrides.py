"""Overrides with their targets looked up once per plan (strictly: an unknown target is an error)."""

from __future__ import annotations

from dataclasses import dataclass

from reeplanner.model.enums import OverrideKind, Status, parse_choice
from reeplanner.model.ids import id_key
from reeplanner.model.override_rules import sources_hit
from reeplanner.model.plan import Plan
from reeplanner.model.records import Override

#: Status order of the status code arrays.
STATUSES: tuple[Status, ...] = tuple(Status)
STATUS_CODE: dict[Status, int] = {s: i for i, s in enumerate(STATUSES)}
FACILITY_KINDS = (OverrideKind.DELAY, OverrideKind.CAPACITY_FACTOR, OverrideKind.CANCEL, OverrideKind.STATUS)


@dataclass(frozen=True)
class ResolvedOverride:
    scenario: int  # position of its scenario in the computed scenarios
    kind: OverrideKind
    value: float  # months or factor; for status overrides the status code; 1.0 for cancel
    facility: int = -1  # facility kinds and permitting factor; -1: every facility
    rows: tuple[int, ...] = ()  # demand rows (demand factor) or supply sources (supply factor)
    status: int = -1  # risk factor: the status whose factor it replaces


def resolve_override(
    ov: Override, facility_index: dict[str, int], scenario_index: dict[str, int], plan: Plan
) -> ResolvedOverride:
    """``ov`` with its target looked up; ``KeyError``/``TypeError`` when the plan is wrong."""
    kind, target = OverrideKind(ov.kind), id_key(ov.target)
    scenario = scenario_index[id_key(ov.scenario)]
    if kind in FACILITY_KINDS:
        facility = facility_index[target]
        if kind is OverrideKind.STATUS:
            if not isinstance(ov.value, Status):
                raise TypeError(f"status override value {ov.value!r}")
            return ResolvedOverride(scenario, kind, STATUS_CODE[ov.value], facility)
        if kind is OverrideKind.CANCEL:
            if ov.value is not True:
                raise TypeError(f"cancel override value {ov.value!r}")
            return ResolvedOverride(scenario, kind, 1.0, facility)
        return ResolvedOverride(scenario, kind, _number(ov.value), facility)
    value = _number(ov.value)
    if kind is OverrideKind.PERMITTING_FACTOR:
        return ResolvedOverride(scenario, kind, value, facility_index[target] if target else -1)
    if kind is OverrideKind.DEMAND_FACTOR:
        rows = tuple(i for i, d in enumerate(plan.demand) if not target or id_key(d.segment) == target)
        if target and not rows:
            raise KeyError(ov.target)
        return ResolvedOverride(scenario, kind, value, rows=rows)
    if kind is OverrideKind.SUPPLY_FACTOR:
        rows = sources_hit(plan, ov.target)
        if not rows:
            raise KeyError(ov.target)
        return ResolvedOverride(scenario, kind, value, rows=rows)
    status = parse_choice(Status, ov.target or "")
    return ResolvedOverride(scenario, kind, value, status=STATUS_CODE[status])


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"override value {value!r} is not a number")
    return float(value)

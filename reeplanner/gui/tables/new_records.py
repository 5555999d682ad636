"""The row a planner gets from "Add row": a unique ID and values that pass validation where possible.

References point at the first row of the referenced table, so a new
facility sits on the first stage with the first material; the planner then
changes what matters. Plain Python: no Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from reeplanner.model import defaults, edits
from reeplanner.model.enums import CapacityBasis, FundingStatus, Metric, OverrideKind, Status
from reeplanner.model.plan import Plan
from reeplanner.model.records import (
    Agency,
    CompositionShare,
    DemandRow,
    Facility,
    FundingLine,
    Instrument,
    Link,
    Material,
    Override,
    Scenario,
    ScheduleRisk,
    Stage,
    SupplySource,
    Target,
)


def _first(plan: Plan, table: str, default: str = "") -> str:
    rows = getattr(plan, table)
    return rows[0].id if rows else default


def _first_material_stage(plan: Plan) -> tuple[str, str]:
    """The first stage whose capacity is per material, and the first material."""
    stage = next((s.id for s in plan.stages if s.basis is CapacityBasis.MATERIAL), _first(plan, "stages"))
    return stage, _first(plan, "materials")


def _facility(plan: Plan) -> Facility:
    stage, material = _first_material_stage(plan)
    fid = edits.unique_id(plan, "facilities", "FAC")
    return Facility(fid, "New facility", stage, Status.PLANNED, 0.0, material=material)


def _composition(plan: Plan) -> CompositionShare:
    return CompositionShare(_first(plan, "facilities"), _first(plan, "materials"), 0.0)


def _link(plan: Plan) -> Link:
    ids = [f.id for f in plan.facilities]
    return Link(ids[0] if ids else "", ids[1] if len(ids) > 1 else "")


def _supply(plan: Plan) -> SupplySource:
    stage, material = _first_material_stage(plan)
    sid = edits.unique_id(plan, "supply", "SRC")
    return SupplySource(sid, "New source", "Unknown", stage, 0.0, False, material=material)


def _demand(plan: Plan) -> DemandRow:
    taken = {d.segment.casefold() for d in plan.demand}
    n = 1
    while f"segment {n}" in taken:
        n += 1
    return DemandRow(f"Segment {n}")


def _funding(plan: Plan) -> FundingLine:
    fid = edits.unique_id(plan, "funding", "FUND")
    return FundingLine(
        fid,
        _first(plan, "instruments"),
        _first(plan, "agencies"),
        0.0,
        plan.start_year,
        FundingStatus.PROPOSED,
    )


def _target(plan: Plan) -> Target:
    stage = plan.stages[-1].id if plan.stages else "MAGNET"
    tid = edits.unique_id(plan, "targets", "TARGET")
    return Target(tid, "New target", stage, Metric.CAPACITY, 0.0, plan.end_year)


def _stage(plan: Plan) -> Stage:
    order = max((s.order for s in plan.stages), default=0) + 1
    return Stage(edits.unique_id(plan, "stages", "STAGE"), "New stage", order)


def _scenario(plan: Plan) -> Scenario:
    sid = edits.unique_id(plan, "scenarios", "SCENARIO")
    return Scenario(sid, "New scenario", plan.base_scenario_id if plan.scenarios else "")


def _override(plan: Plan) -> Override:
    others = [s.id for s in plan.scenarios if s.id != plan.base_scenario_id]
    scenario = others[0] if others else plan.base_scenario_id
    return Override(scenario, OverrideKind.DEMAND_FACTOR, 1.0)


def _schedule_risk(plan: Plan) -> ScheduleRisk:
    """The first status without a row, with engine.md's default figures (construction when all have one)."""
    taken = {row.status for row in plan.schedule_risk}
    rows = defaults.schedule_risk()
    return next((row for row in rows if row.status not in taken), rows[1])


_FACTORIES: dict[str, Callable[[Plan], object]] = {
    "materials": lambda p: Material(edits.unique_id(p, "materials", "MAT"), "New material"),
    "stages": _stage,
    "facilities": _facility,
    "composition": _composition,
    "links": _link,
    "supply": _supply,
    "demand": _demand,
    "funding": _funding,
    "instruments": lambda p: Instrument(edits.unique_id(p, "instruments", "INSTRUMENT"), "New instrument"),
    "agencies": lambda p: Agency(edits.unique_id(p, "agencies", "AGENCY"), "New agency"),
    "targets": _target,
    "scenarios": _scenario,
    "overrides": _override,
    "schedule_risk": _schedule_risk,
}


def new_records(plan: Plan, table: str, count: int = 1) -> list[object]:
    """``count`` new rows for ``table``, their IDs unique in the plan and among themselves."""
    scratch = plan.copy()
    records = []
    for _ in range(count):
        record = _FACTORIES[table](scratch)
        getattr(scratch, table).append(record)
        records.append(record)
    return records

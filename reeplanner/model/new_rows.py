"""The row a planner gets from "Add row" (and a paste past the last row): a unique ID and values that
pass validation where the plan allows it.

What the planner is looking at sets the defaults (``RowContext``): a new
override belongs to the scenario on show, a new link starts at the selected
facility and goes to one of the next stage, a new facility joins the
selected facility's stage. Other references point at the first row of the
referenced table; the planner then changes what matters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reeplanner.model import defaults, edits
from reeplanner.model.defaults import usual_agency
from reeplanner.model.enums import CapacityBasis, FundingStatus, Metric, OverrideKind
from reeplanner.model.ids import id_key
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
from reeplanner.model.table_rules import RECYCLE_STAGE


@dataclass(frozen=True, slots=True)
class RowContext:
    """What the planner is looking at: the scenario on show and the selected facility (a row index)."""

    scenario_id: str = ""
    facility: int | None = None


def _first(plan: Plan, table: str, default: str = "") -> str:
    rows = getattr(plan, table)
    return rows[0].id if rows else default


def _first_material_stage(plan: Plan) -> tuple[str, str]:
    """The first stage whose capacity is per material, and the first material."""
    stage = next((s.id for s in plan.stages if s.basis is CapacityBasis.MATERIAL), _first(plan, "stages"))
    return stage, _first(plan, "materials")


def _selected(plan: Plan, context: RowContext) -> Facility | None:
    index = context.facility
    return plan.facilities[index] if index is not None and 0 <= index < len(plan.facilities) else None


def _facility(plan: Plan, context: RowContext) -> Facility:
    selected = _selected(plan, context)
    return edits.new_facility(plan, selected.stage if selected is not None else "")


def _composition(plan: Plan, context: RowContext) -> CompositionShare:
    """For the selected facility (else the first on a material stage), a material it has no share of yet."""
    selected = _selected(plan, context)
    mines = [f for f in plan.facilities if _basis(plan, f.stage) is CapacityBasis.MATERIAL]
    owner = selected if selected is not None and selected in mines else (mines[0] if mines else None)
    owner_id = owner.id if owner else _first(plan, "facilities")
    given = {id_key(c.material) for c in plan.composition if id_key(c.facility) == id_key(owner_id)}
    material = next((m.id for m in plan.materials if id_key(m.id) not in given), _first(plan, "materials"))
    return CompositionShare(owner_id, material, 0.0)


def _basis(plan: Plan, stage_id: str) -> CapacityBasis | None:
    stage = edits.find_stage(plan, stage_id)
    return stage.basis if stage is not None else None


def _link(plan: Plan, context: RowContext) -> Link:
    """From the selected facility (else the first with a facility downstream) to a facility of the
    next stage it is not yet linked to (for a recycler: of the stage it feeds)."""
    by_stage: dict[str, list[Facility]] = {}
    for fac in plan.facilities:
        by_stage.setdefault(id_key(fac.stage), []).append(fac)
    selected = _selected(plan, context)
    candidates = [selected] if selected is not None else plan.facilities
    source = next(
        (f for f in candidates if by_stage.get(next_stage(plan, f))), candidates[0] if candidates else None
    )
    if source is None:
        return Link("", "")
    targets = by_stage.get(next_stage(plan, source), [])
    linked = {id_key(k.to_facility) for k in plan.links if id_key(k.from_facility) == id_key(source.id)}
    to = next((f.id for f in targets if id_key(f.id) not in linked), targets[0].id if targets else "")
    material = source.material if _basis(plan, source.stage) is CapacityBasis.MATERIAL else ""
    return Link(source.id, to, material)


def next_stage(plan: Plan, source: Facility) -> str:
    """The ID key of the stage after ``source``'s in the chain (for a recycler, the stage it feeds)."""
    if id_key(source.stage) == id_key(RECYCLE_STAGE):
        return id_key(source.feeds_stage)
    chain = [id_key(s.id) for s in edits.chain_stages(plan)]
    here = chain.index(id_key(source.stage)) if id_key(source.stage) in chain else -1
    return chain[here + 1] if 0 <= here < len(chain) - 1 else ""


def _supply(plan: Plan, context: RowContext) -> SupplySource:
    stage, material = _first_material_stage(plan)
    sid = edits.unique_id(plan, "supply", "SRC")
    country = plan.covered_countries[0] if plan.covered_countries else plan.home_country or "US"
    return SupplySource(sid, "New source", country, stage, 0.0, False, material=material)


def _demand(plan: Plan, context: RowContext) -> DemandRow:
    taken = {d.segment.casefold() for d in plan.demand}
    n = 1
    while f"segment {n}" in taken:
        n += 1
    return DemandRow(f"Segment {n}")


def _funding(plan: Plan, context: RowContext) -> FundingLine:
    """For the selected facility, with the first instrument and the agency that usually gives it."""
    fid = edits.unique_id(plan, "funding", "FUND")
    instrument = _first(plan, "instruments")
    agencies = {id_key(a.id): a.id for a in plan.agencies}
    agency = agencies.get(id_key(usual_agency(instrument))) or _first(plan, "agencies")
    selected = _selected(plan, context)
    return FundingLine(
        fid,
        instrument,
        agency,
        0.0,
        plan.start_year,
        FundingStatus.PROPOSED,
        facility=selected.id if selected is not None else "",
    )


def _target(plan: Plan, context: RowContext) -> Target:
    chain = edits.chain_stages(plan)
    stage = chain[-1].id if chain else "MAGNET"  # the last stage of the chain: magnets, usually
    tid = edits.unique_id(plan, "targets", "TARGET")
    return Target(tid, "New target", stage, Metric.CAPACITY, 0.0, plan.end_year)


def _stage(plan: Plan, context: RowContext) -> Stage:
    """Last in the chain, on the basis of the stage before it (material stages cannot follow product ones)."""
    chain = edits.chain_stages(plan)
    order = max((s.order for s in plan.stages), default=0) + 1
    basis = chain[-1].basis if chain else CapacityBasis.MATERIAL
    return Stage(edits.unique_id(plan, "stages", "STAGE"), "New stage", order, basis)


def _scenario(plan: Plan, context: RowContext) -> Scenario:
    sid = edits.unique_id(plan, "scenarios", "SCENARIO")
    return Scenario(sid, "New scenario", plan.base_scenario_id if plan.scenarios else "")


def _override(plan: Plan, context: RowContext) -> Override:
    """In the scenario on show: a delay of 0 months for the selected (else the first) facility, which
    changes nothing until the planner sets it; with no facility, a demand factor of 1."""
    known = {id_key(s.id): s.id for s in plan.scenarios}
    scenario = known.get(id_key(context.scenario_id)) or plan.base_scenario_id
    selected = _selected(plan, context) or (plan.facilities[0] if plan.facilities else None)
    if selected is None:
        return Override(scenario, OverrideKind.DEMAND_FACTOR, 1.0)
    return Override(scenario, OverrideKind.DELAY, 0.0, target=selected.id)


def _schedule_risk(plan: Plan, context: RowContext) -> ScheduleRisk:
    """The first status without a row, with engine.md's default figures (construction when all have one)."""
    taken = {row.status for row in plan.schedule_risk}
    rows = defaults.schedule_risk()
    return next((row for row in rows if row.status not in taken), rows[1])


_FACTORIES: dict[str, Callable[[Plan, RowContext], object]] = {
    "materials": lambda p, _c: Material(edits.unique_id(p, "materials", "MAT"), "New material"),
    "stages": _stage,
    "facilities": _facility,
    "composition": _composition,
    "links": _link,
    "supply": _supply,
    "demand": _demand,
    "funding": _funding,
    "instruments": lambda p, _c: Instrument(
        edits.unique_id(p, "instruments", "INSTRUMENT"), "New instrument"
    ),
    "agencies": lambda p, _c: Agency(edits.unique_id(p, "agencies", "AGENCY"), "New agency"),
    "targets": _target,
    "scenarios": _scenario,
    "overrides": _override,
    "schedule_risk": _schedule_risk,
}


def new_records(plan: Plan, table: str, count: int = 1, context: RowContext | None = None) -> list[object]:
    """``count`` new rows for ``table``, their IDs unique in the plan and among themselves."""
    scratch = plan.copy()
    context = context or RowContext()
    records = []
    for _ in range(count):
        record = _FACTORIES[table](scratch, context)
        getattr(scratch, table).append(record)
        records.append(record)
    return records

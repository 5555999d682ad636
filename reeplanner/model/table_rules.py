"""Rules that look at more than one cell: a row against its stage, rows against each other.

``validation.validate`` runs these after the column rules (required, bounds,
references), so a rule here can assume nothing about a reference it reads:
an unknown stage has already been reported and is skipped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterator

from reeplanner.model.defaults import usual_agency
from reeplanner.model.enums import CapacityBasis, Metric, OverrideKind, Status
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem, Severity
from reeplanner.model.records import Stage
from reeplanner.model.schema import (
    COMPOSITION,
    DEMAND,
    FACILITIES,
    FUNDING,
    LINKS,
    MAX_TONNES,
    SCHEDULE_RISK,
    SUPPLY,
    TARGETS,
    Table,
)

RECYCLE_STAGE = "RECYCLE"
#: The stage of a demand row whose Stage is empty (the contract's default).
DEMAND_STAGE = "MAGNET"
FACILITY_OVERRIDES = (
    OverrideKind.DELAY,
    OverrideKind.CAPACITY_FACTOR,
    OverrideKind.CANCEL,
    OverrideKind.STATUS,
)


def problem_at(
    table: Table, index: int, rec: object, field: str, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    """A problem on row ``index`` (0-based) of ``table``, shown as row ``index + 1``."""
    item = str(getattr(rec, table.id_attr)) if table.id_attr else ""
    return Problem(message, table.sheet, index + 1, field, item, severity, index)


def _stages_by_id(plan: Plan) -> dict[str, Stage]:
    return {id_key(s.id): s for s in plan.stages}


def _material_by_basis(
    table: Table, index: int, rec: object, stage: Stage | None, material: str, what: str
) -> Iterator[Problem]:
    """Material is named on a material stage and left empty on a product stage."""
    if stage is None:
        return
    if stage.basis is CapacityBasis.MATERIAL and not material:
        yield problem_at(
            table,
            index,
            rec,
            "Material",
            f"Material is required on the {stage.name} stage: it counts tonnes per material, "
            f"so name the material this {what} is for.",
        )
    elif stage.basis is CapacityBasis.PRODUCT and material:
        yield problem_at(
            table,
            index,
            rec,
            "Material",
            f"Leave Material empty on the {stage.name} stage: it counts tonnes of product.",
        )


def facility_rules(plan: Plan, rows: Collection[int] | None = None) -> Iterator[Problem]:
    """The rules of each facility row (of ``rows`` only, when given) against its stage and Composition."""
    stages = _stages_by_id(plan)
    with_composition = {id_key(c.facility) for c in plan.composition}
    facilities = plan.facilities
    indexes = range(len(facilities)) if rows is None else sorted(i for i in rows if 0 <= i < len(facilities))
    for index in indexes:
        fac = facilities[index]
        stage = stages.get(id_key(fac.stage))
        has_comp = id_key(fac.id) in with_composition
        is_recycling = id_key(fac.stage) == id_key(RECYCLE_STAGE)
        if stage is not None and stage.basis is CapacityBasis.MATERIAL:
            if not fac.material and not has_comp:
                yield problem_at(
                    FACILITIES,
                    index,
                    fac,
                    "Material",
                    f"Material is required on the {stage.name} stage (capacity is per material), "
                    "unless the facility has rows in Composition.",
                )
            elif fac.material and has_comp:
                yield problem_at(
                    FACILITIES,
                    index,
                    fac,
                    "Material",
                    "The facility has Composition rows, so its Material is ignored.",
                    Severity.WARNING,
                )
        if stage is not None and stage.basis is CapacityBasis.PRODUCT and fac.material:
            yield problem_at(
                FACILITIES,
                index,
                fac,
                "Material",
                f"Leave Material empty on the {stage.name} stage: its capacity is tonnes of product.",
            )
        if is_recycling and not fac.feeds_stage:
            yield problem_at(
                FACILITIES, index, fac, "Feeds stage", "A recycling facility must name the stage it feeds."
            )
        if fac.feeds_stage and not is_recycling:
            yield problem_at(
                FACILITIES,
                index,
                fac,
                "Feeds stage",
                "Only recycling facilities feed another stage; leave Feeds stage empty.",
            )
        if fac.feeds_stage and id_key(fac.feeds_stage) == id_key(RECYCLE_STAGE):
            yield problem_at(
                FACILITIES, index, fac, "Feeds stage", "A recycling facility cannot feed RECYCLE."
            )
        if (
            fac.status is not Status.OPERATING
            and fac.status is not Status.CANCELLED
            and fac.online is None
            and fac.permitting_start is None
        ):
            yield problem_at(
                FACILITIES,
                index,
                fac,
                "Online",
                f"Neither Online nor Permitting start is given for this {fac.status} facility, "
                "so it contributes no capacity.",
                Severity.WARNING,
            )


def composition_rules(plan: Plan) -> Iterator[Problem]:
    stages = _stages_by_id(plan)
    facilities = {id_key(f.id): f for f in plan.facilities}
    totals: dict[str, float] = defaultdict(float)
    last_row: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(plan.composition):
        key = id_key(row.facility)
        fac = facilities.get(key)
        stage = stages.get(id_key(fac.stage)) if fac is not None else None
        if stage is not None and stage.basis is CapacityBasis.PRODUCT:
            yield problem_at(
                COMPOSITION,
                index,
                row,
                "Facility ID",
                f"Facility '{row.facility}' is on the {stage.name} stage, which counts tonnes of "
                "product; Composition is only for material stages.",
            )
        pair = (key, id_key(row.material))
        if row.material and pair in seen:
            yield problem_at(
                COMPOSITION,
                index,
                row,
                "Material ID",
                f"Material '{row.material}' of facility '{row.facility}' is already given in "
                f"row {seen[pair] + 1}; give each material one share.",
            )
        seen.setdefault(pair, index)
        if isinstance(row.share, (int, float)):
            totals[key] += row.share
            last_row[key] = index
    for key, total in totals.items():
        if total > 1 + 1e-9:
            index = last_row[key]
            yield problem_at(
                COMPOSITION,
                index,
                plan.composition[index],
                "Share",
                f"Shares of facility '{plan.composition[index].facility}' add up to "
                f"{total:.4g}, more than 1.",
            )


def link_rules(plan: Plan) -> Iterator[Problem]:
    for index, link in enumerate(plan.links):
        if link.from_facility and id_key(link.from_facility) == id_key(link.to_facility):
            yield problem_at(
                LINKS,
                index,
                link,
                "To facility",
                f"The link goes from '{link.from_facility}' to itself; a link joins two facilities.",
            )


def _on_recycle(table: Table, index: int, rec: object, stage: str, what: str) -> Iterator[Problem]:
    """RECYCLE is not a stage of the chain: nothing but recycling facilities sits on it."""
    if id_key(stage) == id_key(RECYCLE_STAGE):
        yield problem_at(
            table,
            index,
            rec,
            "Stage",
            f"{what} sits on a stage of the chain; RECYCLE only feeds another stage. Choose that stage.",
        )


def supply_rules(plan: Plan) -> Iterator[Problem]:
    stages = _stages_by_id(plan)
    for index, source in enumerate(plan.supply):
        yield from _on_recycle(SUPPLY, index, source, source.stage, "Supply")
        yield from _material_by_basis(
            SUPPLY, index, source, stages.get(id_key(source.stage)), source.material, "supply source"
        )
        first, last = source.from_year, source.to_year
        if isinstance(first, int) and isinstance(last, int) and last < first:
            yield problem_at(SUPPLY, index, source, "To year", f"To year {last} is before From year {first}.")


def demand_rules(plan: Plan) -> Iterator[Problem]:
    stages = _stages_by_id(plan)
    horizon = set(plan.years)
    segments: dict[tuple[str, str, str], int] = {}
    for index, row in enumerate(plan.demand):
        stage_key = id_key(row.stage or DEMAND_STAGE)  # an empty Stage means MAGNET
        yield from _on_recycle(DEMAND, index, row, row.stage, "Demand")
        if not row.stage and stage_key not in stages:
            yield problem_at(
                DEMAND,
                index,
                row,
                "Stage",
                f"An empty Stage means {DEMAND_STAGE}, and the plan has no {DEMAND_STAGE} stage; "
                "name the stage this demand is for.",
            )
        yield from _material_by_basis(DEMAND, index, row, stages.get(stage_key), row.material, "demand")
        key = (id_key(row.segment), stage_key, id_key(row.material))
        if key in segments:
            yield problem_at(
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
            yield problem_at(
                DEMAND,
                index,
                row,
                str(outside[0]),
                f"Years {', '.join(map(str, outside))} are outside the plan horizon "
                f"{plan.start_year}-{plan.end_year} and are ignored.",
                Severity.WARNING,
            )
        for year in sorted(row.values):
            value = row.values[year]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                yield problem_at(
                    DEMAND, index, row, str(year), f"Demand must be a number of t/yr; it is {value}."
                )
            elif value < 0:
                yield problem_at(DEMAND, index, row, str(year), f"Demand must be 0 or more; it is {value:g}.")
            elif value > MAX_TONNES:
                yield problem_at(
                    DEMAND,
                    index,
                    row,
                    str(year),
                    f"Demand must be at most {MAX_TONNES:,.0f} t/yr, a plausible bound; it is {value:,.6g}. "
                    "Check the unit and the number of zeros.",
                )
        inside = sorted(y for y in row.values if y in horizon)
        if inside:
            holes = [y for y in range(inside[0], inside[-1] + 1) if y not in row.values]
            if holes:
                yield problem_at(
                    DEMAND,
                    index,
                    row,
                    str(holes[0]),
                    f"No demand is given for {', '.join(map(str, holes))}; those years count as zero.",
                    Severity.WARNING,
                )


def funding_rules(plan: Plan) -> Iterator[Problem]:
    """An instrument given by an agency other than its usual one: a warning, as co-funding happens."""
    agencies = {id_key(a.id) for a in plan.agencies}
    for index, line in enumerate(plan.funding):
        usual = usual_agency(line.instrument)
        if usual and id_key(usual) in agencies and line.agency and id_key(line.agency) != id_key(usual):
            yield problem_at(
                FUNDING,
                index,
                line,
                "Agency",
                f"{line.instrument} is usually given by {usual}, not {line.agency}; "
                "check the Agency (a line another agency co-funds is fine).",
                Severity.WARNING,
            )


def target_rules(plan: Plan) -> Iterator[Problem]:
    stages = _stages_by_id(plan)
    for index, target in enumerate(plan.targets):
        yield from _on_recycle(TARGETS, index, target, target.stage, "A target")
        stage = stages.get(id_key(target.stage))
        self_sufficiency = target.metric is Metric.SELF_SUFFICIENCY
        if not self_sufficiency or (stage is not None and stage.basis is CapacityBasis.PRODUCT):
            yield from _material_by_basis(TARGETS, index, target, stage, target.material, "target")
        if self_sufficiency and isinstance(target.threshold, (int, float)):
            message = _percent_problem(target.threshold)
            if message:
                yield problem_at(TARGETS, index, target, "Threshold", message, Severity.WARNING)
        if isinstance(target.year, int) and not plan.start_year <= target.year <= plan.end_year:
            yield problem_at(
                TARGETS,
                index,
                target,
                "Year",
                f"Year {target.year} is outside the plan horizon {plan.start_year}-{plan.end_year}.",
                Severity.WARNING,
            )


def _percent_problem(threshold: float) -> str:
    """Self-sufficiency thresholds are percent; catch 150 and a fraction like 0.8 meant as 80%."""
    if threshold > 100:
        return (
            f"Self-sufficiency is a percent; a threshold of {threshold:g} is above 100 and can never be met."
        )
    if 0 < threshold <= 1:
        return (
            f"Self-sufficiency is a percent: {threshold:g} means {threshold:g}%, "
            f"not {threshold * 100:g}%; write {threshold * 100:g} for that."
        )
    return ""


def schedule_risk_rules(plan: Plan) -> Iterator[Problem]:
    seen: dict[Status, int] = {}
    for index, row in enumerate(plan.schedule_risk):
        if row.status is Status.CANCELLED:
            yield problem_at(
                SCHEDULE_RISK,
                index,
                row,
                "Status",
                "Cancelled projects are always cancelled in a draw; remove this row.",
            )
        elif isinstance(row.status, Status) and row.status in seen:
            yield problem_at(
                SCHEDULE_RISK,
                index,
                row,
                "Status",
                f"Status {row.status} already has a row (row {seen[row.status] + 1}); keep one.",
            )
        if isinstance(row.status, Status):
            seen.setdefault(row.status, index)
        slips = (row.slip_min, row.slip_likely, row.slip_max)
        if all(isinstance(v, (int, float)) for v in slips):
            low, likely, high = slips
            if not low <= likely <= high:
                field = "Slip likely" if likely < low else "Slip max"
                yield problem_at(
                    SCHEDULE_RISK,
                    index,
                    row,
                    field,
                    f"Slips must run min <= likely <= max; they are {low:g}, {likely:g}, {high:g} months.",
                )

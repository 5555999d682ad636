"""How a figure was made, in terms a planner can redo by hand (engine.md, Explanations)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from reeplanner.engine.chain import ALLIED, Chain
from reeplanner.engine.compute import compute
from reeplanner.engine.flows import ForwardPass, product_tonnes
from reeplanner.engine.results import EngineOptions, ScenarioArrays, ScenarioResult
from reeplanner.engine.targets import evaluate, figure_text, threshold_text
from reeplanner.model.enums import Metric
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem


@dataclass(frozen=True)
class CapacityLine:
    """One facility's part of a stage's effective capacity in one year."""

    facility: str
    name: str
    nameplate: float
    share: float
    capacity_factor: float
    risk_factor: float
    ramp_share: float
    effective: float


@dataclass(frozen=True)
class OutputBound:
    """Both sides of the stage's ``min()`` and which one bound."""

    capacity: float
    input_limit: float  # inf on the first stage (no input side)
    output: float
    bound: str  # "capacity", "input", or "first stage"
    scarcest_material: str = ""  # on the first product stage
    recycled: float = 0.0
    input_from_above: float = 0.0


#: The supply views of engine.md, as ``explain`` and ``--view`` name them.
VIEWS = ("domestic", "allied", "all")


@dataclass(frozen=True)
class ViewFigures:
    """One supply view's pass and the capacity, recycled material and supply that went into it."""

    name: str
    flow: ForwardPass
    capacity: np.ndarray  # (L, Y)
    recycled: np.ndarray  # (K, M, Y)
    supply: np.ndarray  # (L, Y)
    takes_part: np.ndarray  # (F,) bool: facilities of the view


def view_figures(a: ScenarioArrays, view: str) -> ViewFigures:
    """The figures of ``view`` (domestic, allied or all) for an explanation."""
    prep = a.prep
    if view == "domestic":
        return ViewFigures(view, a.domestic, a.capacity, a.recycled, np.zeros_like(a.capacity), prep.domestic)
    which = 1 if view == "allied" else 2
    capacity = prep.lane_map.totals(a.facility_capacity.effective)[which]
    recycled = prep.recycle_map.totals(a.facility_capacity.effective)[which].reshape(a.recycled.shape)
    flow, supply = (a.allied, a.allied_imports) if view == "allied" else (a.with_imports, a.imports)
    takes_part = prep.participant <= ALLIED if view == "allied" else np.ones(prep.n_facilities, dtype=bool)
    return ViewFigures(view, flow, capacity, recycled, supply, takes_part)


@dataclass(frozen=True)
class Explanation:
    scenario_id: str
    year: int
    stage: str
    material: str
    lines: list[str]
    capacity: list[CapacityLine] = field(default_factory=list)
    capacity_total: float = 0.0
    output: OutputBound | None = None
    requirement: list[str] = field(default_factory=list)
    requirement_total: float = 0.0
    targets: list[dict[str, object]] = field(default_factory=list)
    view: str = "domestic"

    def __str__(self) -> str:
        return "\n".join(self.lines)


def explain(
    plan: Plan,
    scenario_id: str,
    year: int,
    stage: str,
    material: str | None = None,
    options: EngineOptions | None = None,
    view: str = "domestic",
) -> Explanation:
    """The arithmetic behind ``stage``'s capacity, requirement and output in ``year``."""
    return explain_result(compute(plan, scenario_id, options), year, stage, material, view)


def explain_result(
    result: ScenarioResult, year: int, stage: str, material: str | None = None, view: str = "domestic"
) -> Explanation:
    """Like ``explain`` for a scenario already computed (no recomputation).

    ``view`` is the supply view whose pass is explained: ``domestic`` (the
    default, with requirement and gap), ``allied`` or ``all`` (with imports).
    """
    if view not in VIEWS:
        raise PlanError([Problem(f"'{view}' is not a supply view; choose {', '.join(VIEWS)}.")])
    a = result.arrays
    figures = view_figures(a, view)
    chain = a.prep.chain
    k, m, y = _place(a, year, stage, material)
    lane = chain.lane(k, chain.materials[m] if m >= 0 else "")
    stage_rec = chain.stages[k]
    label = stage_rec.name + (f" {chain.materials[m]}" if m >= 0 else "")
    capacity = _capacity_lines(a, lane, y, figures.takes_part)
    total = float(figures.capacity[lane, y])
    seen_as = "" if view == "domestic" else f", {view} supply view"
    lines = [
        f"{label}, {year}, scenario {result.scenario_id} ({result.risk_view} view{seen_as})",
        "",
        "Capacity:",
    ]
    for c in capacity:
        lines.append(
            f"  {c.facility}: {c.nameplate:,.6g} t x share {c.share:.6g} x capacity factor "
            f"{c.capacity_factor:.6g} x risk factor {c.risk_factor:.6g} x ramp share {c.ramp_share:.6g} "
            f"= {c.effective:,.6g} t"
        )
    if not capacity:
        lines.append(f"  no {'domestic ' if view == 'domestic' else ''}facility contributes")
    lines.append(f"  effective capacity = {total:,.6g} t")
    requirement = _requirement_lines(a, k, m, y)
    lines += ["", "Requirement:"] + [f"  {r}" for r in requirement]
    bound = _output_bound(a, figures, k, m, lane, y)
    lines += ["", f"Output ({view}):"] + [
        f"  {t}" for t in _output_lines(chain, k, bound, chain.materials[m] if m >= 0 else "")
    ]
    lines += [f"  {t}" for t in _supply_lines(a, figures, lane, y, bound)]
    if view == "domestic":
        gap = float(a.requirement[lane, y] - a.domestic.output[lane, y])
        kind = "a shortfall" if gap > 0 else "a surplus" if gap < 0 else "balanced"
        lines.append(
            f"  gap = requirement - output = {a.requirement[lane, y]:,.6g} - {bound.output:,.6g} "
            f"= {gap:,.6g} t ({kind})"
        )
        lines += ["", "Coverage (capacity / requirement):"] + [f"  {t}" for t in _coverage_lines(a, k, y)]
    elif k == chain.magnet_stage:
        lines.append(f"  {_view_outcome(a, view, y)}")
    targets = [
        evaluate(a, t)
        for t in a.prep.plan.targets
        if id_key(t.stage) == id_key(stage_rec.id)
        and (m < 0 or id_key(t.material) in ("", id_key(chain.materials[m])))
    ]
    if targets:
        lines += ["", "Targets:"]
    for t in targets:
        lines.append(f"  {_target_line(t)}")
    return Explanation(
        scenario_id=result.scenario_id,
        year=year,
        stage=stage_rec.id,
        material=chain.materials[m] if m >= 0 else "",
        lines=lines,
        capacity=capacity,
        capacity_total=total,
        output=bound,
        requirement=requirement,
        requirement_total=float(a.requirement[lane, y]),
        targets=targets,
        view=view,
    )


def _supply_lines(
    a: ScenarioArrays, figures: ViewFigures, lane: int, y: int, bound: OutputBound
) -> list[str]:
    """Supply sources of the view entering this lane, added to its output before the next stage."""
    if figures.name == "domestic":
        return []
    prep = a.prep
    sources = np.flatnonzero(prep.supply_lane == lane)
    if figures.name == "allied":
        sources = sources[prep.supply_allied[sources]]
    lines = []
    for i in sources:
        src = prep.plan.supply[i]
        tonnes = prep.supply_tonnes[i, y] * a.inputs.supply_factor[i]
        lines.append(
            f"+ supply {src.id} ({src.country}{', allied' if prep.supply_allied[i] else ''}): "
            f"{prep.supply_tonnes[i, y]:,.6g} t x supply factor {a.inputs.supply_factor[i]:.6g} = {tonnes:,.6g} t"
        )
    if lines:
        total = float(figures.flow.output[lane, y])
        lines.append(f"output with supply = {total:,.6g} t")
    return lines


def _coverage_lines(a: ScenarioArrays, k: int, y: int) -> list[str]:
    """Each lane's coverage and whether the stage is the chain's bottleneck, on which material."""
    chain = a.prep.chain
    lines = []
    for lane in range(chain.lane_slices[k].start, chain.lane_slices[k].stop):
        label = chain.lane_material[lane] or chain.stages[k].name
        cap, req = float(a.capacity[lane, y]), float(a.requirement[lane, y])
        share = "no requirement" if req <= 0 else f"{cap / req:.1%}"
        lines.append(f"{label}: {cap:,.6g} / {req:,.6g} = {share}")
    worst = a.bottleneck[y]
    if worst < 0:
        lines.append("every stage covers its requirement: no bottleneck this year")
    elif worst == k:
        m = a.bottleneck_material[y]
        on = f", on {chain.materials[m]} (its lowest coverage)" if m >= 0 else ""
        lines.append(f"the lowest coverage of any stage: {chain.stages[k].name} is the bottleneck{on}")
    else:
        lines.append(f"the bottleneck this year is {chain.stages[worst].name}, which covers less")
    return lines


def _view_outcome(a: ScenarioArrays, view: str, y: int) -> str:
    demand = float(a.magnet_demand[y])
    if view == "allied":
        out = float(a.magnet_output_allied[y])
        share = "undefined (no demand)" if demand <= 0 else f"{out / demand:.1%}"
        return f"allied coverage = allied output / magnet demand = {out:,.6g} / {demand:,.6g} = {share}"
    out = float(a.magnet_output_with_imports[y])
    return (
        f"unmet demand = max(0, magnet demand - output with imports) = max(0, {demand:,.6g} - {out:,.6g}) "
        f"= {max(0.0, demand - out):,.6g} t"
    )


def _target_line(t: dict) -> str:
    """``T-SS: self-sufficiency in 2030 = 14.6% vs threshold 25%: missed; not met in the horizon``."""
    metric = Metric(t["metric"])
    when = f"first met {t['year_met']}" if t["year_met"] is not None else "not met in the horizon"
    return (
        f"{t['target']}: {t['metric']} in {t['year']} = {figure_text(metric, t['value'])} vs threshold "
        f"{threshold_text(metric, t['threshold'])}: {'met' if t['met'] else 'missed'}; {when}"
    )


def _place(a: ScenarioArrays, year: int, stage: str, material: str | None) -> tuple[int, int, int]:
    chain = a.prep.chain
    k = chain.stage_key(stage)
    if k is None:
        names = ", ".join(s.id for s in chain.stages)
        raise PlanError([Problem(f"'{stage}' is not a stage of the chain ({names}).", "Stages")])
    y = year - int(a.prep.years[0])
    if not 0 <= y < len(a.prep.years):
        raise PlanError(
            [Problem(f"{year} is outside the plan horizon {a.prep.years[0]}-{a.prep.years[-1]}.", "Plan")]
        )
    if not chain.is_material_stage(k):
        return k, -1, y
    m = chain.material_index.get(id_key(material or ""))
    if m is None:
        known = ", ".join(chain.materials)
        said = f"'{material}' is not a material" if material else "Name a material"
        raise PlanError([Problem(f"{said} of the {chain.stages[k].name} stage ({known}).", "Materials")])
    return k, m, y


def _capacity_lines(a: ScenarioArrays, lane: int, y: int, takes_part: np.ndarray) -> list[CapacityLine]:
    prep, inputs, fac = a.prep, a.inputs, a.facility_capacity
    shares = prep.shares[:, lane]
    lines = []
    for f in np.flatnonzero((shares > 0) & inputs.present & takes_part):
        rec = prep.plan.facilities[f]
        lines.append(
            CapacityLine(
                rec.id,
                rec.name,
                float(prep.nameplate[f]),
                float(shares[f]),
                float(inputs.capacity_factor[f]),
                float(inputs.risk_factor[f]),
                float(fac.ramp_share[f, y]),
                float(fac.effective[f, y] * shares[f]),
            )
        )
    return lines


def _requirement_lines(a: ScenarioArrays, k: int, m: int, y: int) -> list[str]:
    """The chain from magnet demand down to stage ``k``: each division by a yield, each content."""
    chain = a.prep.chain
    prep = a.prep
    demand = prep.demand_values[:, y] * a.inputs.demand_factor
    lines = []
    for d, row in enumerate(prep.plan.demand):
        if demand[d] or prep.demand_values[d, y]:
            lines.append(
                f"demand {row.segment} ({row.stage or 'MAGNET'}{' ' + row.material if row.material else ''}): "
                f"{prep.demand_values[d, y]:,.6g} t x demand factor {a.inputs.demand_factor[d]:.6g} "
                f"= {demand[d]:,.6g} t"
            )
    last = chain.magnet_stage
    material = chain.materials[m] if m >= 0 else ""
    value = a.magnet_demand[y]
    rows = "rows" if chain.has_product_stage else "rows without a Material"
    lines.append(
        f"{chain.stages[last].name}: magnet demand = sum of the {chain.stages[last].id} {rows} above = {value:,.6g} t"
    )
    if not chain.has_product_stage and m >= 0:
        # No product stage: the last stage needs magnet demand x magnet content of each material.
        prev, c = value, chain.content[m]
        value = float(a.requirement[chain.lane(last, material), y])
        text = (
            f"{chain.stages[last].name} {material}: {prev:,.6g} x magnet content {c:.6g} = {prev * c:,.6g} t"
        )
        if abs(value - prev * c) > 1e-9 * max(1.0, abs(value)):
            text += f" + direct demand {value - prev * c:,.6g} t = {value:,.6g} t"
        lines.append(text)
    for j in range(last - 1, k - 1, -1):
        below = chain.stages[j + 1]
        here = chain.lane(j, material)
        prev = value
        value = float(a.requirement[here, y])
        if j == chain.n_material_stages - 1 and chain.has_product_stage:
            c = chain.content[m]
            step = prev * c / below.process_yield
            text = (
                f"{chain.stages[j].name} {material}: {prev:,.6g} x magnet content {c:.6g} "
                f"/ {below.name} yield {below.process_yield:.6g} = {step:,.6g} t"
            )
        else:
            step = prev / below.process_yield
            text = (
                f"{chain.stages[j].name}{' ' + material if material and chain.is_material_stage(j) else ''}: "
            )
            text += f"{prev:,.6g} / {below.name} yield {below.process_yield:.6g} = {step:,.6g} t"
        if abs(value - step) > 1e-9 * max(1.0, abs(value)):
            text += f" + direct demand {value - step:,.6g} t = {value:,.6g} t"
        lines.append(text)
    return lines


def _output_bound(a: ScenarioArrays, figures: ViewFigures, k: int, m: int, lane: int, y: int) -> OutputBound:
    chain = a.prep.chain
    flow = figures.flow
    cap = float(figures.capacity[lane, y])
    # The stage's own part: without the supply added after its min().
    out = float(flow.output[lane, y] - figures.supply[lane, y])
    limit = float(flow.input_limit[lane, y])
    rec = figures.recycled
    recycled = rec[k][m, y] if m >= 0 else float(rec[k][:, y].sum())
    if k == 0:
        return OutputBound(cap, limit, out, "first stage", recycled=float(recycled))
    above = chain.lane_slices[k - 1]
    from_above = flow.output[above][max(m, 0) if chain.is_material_stage(k - 1) else 0, y]
    scarcest = ""
    if k == chain.n_material_stages and flow.scarcest[y] >= 0:
        scarcest = chain.materials[flow.scarcest[y]]
        from_above = flow.output[chain.lane(k - 1, scarcest), y]
        recycled = rec[k][flow.scarcest[y], y]
    elif not chain.is_material_stage(k):
        recycled = product_tonnes(chain, rec[k][:, y : y + 1])[0, 0]
    bound = "capacity" if cap <= limit else "input"
    return OutputBound(cap, limit, out, bound, scarcest, float(recycled), float(from_above))


def _output_lines(chain: Chain, k: int, b: OutputBound, material: str) -> list[str]:
    if b.bound == "first stage":
        if not b.recycled:
            return [f"first stage of the chain: output = capacity = {b.output:,.6g} t"]
        return [
            f"first stage of the chain: output = capacity {b.capacity:,.6g} t + recycled {b.recycled:,.6g} t "
            f"= {b.output:,.6g} t"
        ]
    y = chain.yields[k]
    above = chain.stages[k - 1].name
    if b.scarcest_material:
        c = chain.content[chain.material_index[id_key(b.scarcest_material)]]
        input_text = (
            f"yield {y:.6g} x ({above} {b.scarcest_material} {b.input_from_above:,.6g} t + recycled "
            f"{b.recycled:,.6g} t) / magnet content {c:.6g} = {b.input_limit:,.6g} t "
            f"({b.scarcest_material} is the scarcest material)"
        )
    else:
        input_text = (
            f"yield {y:.6g} x ({above}{' ' + material if material else ''} {b.input_from_above:,.6g} t "
            f"+ recycled {b.recycled:,.6g} t) "
            f"= {b.input_limit:,.6g} t"
        )
    which = "its own capacity" if b.bound == "capacity" else "the input from the stage above"
    return [
        f"capacity side: {b.capacity:,.6g} t",
        f"input side: {input_text}",
        f"output = min({b.capacity:,.6g}, {b.input_limit:,.6g}) = {b.output:,.6g} t, bound by {which}",
    ]

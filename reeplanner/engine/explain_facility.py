"""How a facility's output and a price floor's cost were made (engine.md v2, explanations).

``explain_facility`` redoes a facility's share of its stage's domestic output
and its utilisation; ``explain_floor`` redoes a floor's exposure year by year,
with the price row it used.
"""

from __future__ import annotations

import numpy as np

from reeplanner.engine.facility_output import lane_ratio
from reeplanner.engine.prices import STRESS_FACTORS, USD_MILLION_PER_USD_KG_TONNE, scenario_lineage
from reeplanner.engine.results import ScenarioArrays, ScenarioResult
from reeplanner.model.ids import id_key
from reeplanner.model.price_rules import price_row_for
from reeplanner.model.problems import PlanError, Problem


def explain_facility(result: ScenarioResult, year: int, facility: str) -> list[str]:
    """The lines a planner redoes by hand: capacity per material, the stage's output, the pro-rata share."""
    a = result.arrays
    prep, chain = a.prep, a.prep.chain
    f = _facility(a, facility)
    y = _year(a, year)
    fac = prep.plan.facilities[f]
    lines = [f"{fac.id} ({fac.name}), {year}, scenario {result.scenario_id} ({result.risk_view} view)", ""]
    if not a.inputs.present[f]:
        return lines + ["The facility is not part of this scenario: no capacity, no output."]
    effective = a.facility_capacity.effective[f, y]
    lines.append(
        f"Effective capacity: {prep.nameplate[f]:,.6g} t x capacity factor {a.inputs.capacity_factor[f]:.6g} "
        f"x risk factor {a.inputs.risk_factor[f]:.6g} x ramp share {a.facility_capacity.ramp_share[f, y]:.6g} "
        f"= {effective:,.6g} t"
    )
    if prep.facility_stage[f] < 0:
        return lines + [
            f"Recycling feeds {fac.feeds_stage}: its output is its effective capacity, {effective:,.6g} t "
            "(recycled material is used first), so its utilisation is 100% while it has capacity."
        ]
    if not prep.domestic[f]:
        return lines + [
            f"The facility is abroad ({fac.country}): it takes no part in the domestic pass, so it has no "
            "domestic output or utilisation. It counts whole in the allied (when not in a covered country) "
            "and all supply views."
        ]
    ratio = lane_ratio(a)
    total_cap = total_out = 0.0
    lanes = np.flatnonzero(prep.shares[f] > 0)
    for lane in lanes:
        cap_f = effective * prep.shares[f, lane]
        cap_s = a.capacity[lane, y]
        out_s = a.domestic.output[lane, y]
        out_f = cap_f * ratio[lane, y]
        name = chain.stages[chain.lane_stage_index[lane]].name
        label = f"{name} {chain.lane_material[lane]}".strip()
        total_cap += cap_f
        total_out += out_f
        lines.append("")
        lines.append(f"{label}: share {prep.shares[f, lane]:.6g} of the capacity = {cap_f:,.6g} t")
        if chain.lane_stage_index[lane] == 0:
            lines.append(f"  first stage of the chain: the facility produces its capacity, {out_f:,.6g} t")
        else:
            lines.append(
                f"  stage output {out_s:,.6g} t of stage capacity {cap_s:,.6g} t; the facility's part: "
                f"{out_s:,.6g} x {cap_f:,.6g} / {cap_s:,.6g} = {out_f:,.6g} t"
            )
    lines.append("")
    if total_cap > 0:
        lines.append(
            f"Utilisation = output / capacity = {total_out:,.6g} / {total_cap:,.6g} = {total_out / total_cap:.1%}"
        )
    else:
        lines.append(f"Output {total_out:,.6g} t; utilisation is undefined at zero capacity.")
    return lines


def explain_floor(result: ScenarioResult, floor_id: str, year: int | None = None) -> list[str]:
    """A floor's exposure in ``year`` (or every year of its term), with the stress view's totals."""
    a = result.arrays
    plan = a.prep.plan
    index = next((i for i, fl in enumerate(plan.price_floors) if id_key(fl.id) == id_key(floor_id)), None)
    if index is None:
        known = ", ".join(fl.id for fl in plan.price_floors) or "none"
        raise PlanError([Problem(f"There is no price floor '{floor_id}'. Known: {known}.", "Price floors")])
    floor = plan.price_floors[index]
    fe = a.floor_exposure
    head = (
        f"{floor.id}: {floor.agency} pays up to {floor.floor_price:,.6g} USD/kg on {floor.material} from "
        f"{floor.facility}, share {floor.share:.6g}, {floor.from_year}-{floor.to_year}, scenario "
        f"{result.scenario_id}"
    )
    if index not in fe.floors:
        return [head, "", "The floor is not present in this scenario (its Scenarios list or its facility)."]
    row = fe.floors.index(index)
    price_row = price_row_for(plan, floor.material, scenario_lineage(a))
    assert price_row is not None  # validation makes sure of it
    source = f"scenario {price_row.scenario}" if price_row.scenario else "every scenario"
    lines = [head, "", f"Prices: the {floor.material} row for {source}, USD/kg."]
    years = range(floor.from_year, floor.to_year + 1) if year is None else [year]
    for calendar_year in years:
        y = calendar_year - int(a.prep.years[0])
        if not 0 <= y < len(a.prep.years):
            continue
        price, out = fe.price[row, y], fe.output[row, y]
        shortfall = max(0.0, floor.floor_price - price)
        lines.append(
            f"  {calendar_year}: max(0, {floor.floor_price:,.6g} - {price:,.6g}) x share {floor.share:.6g} x output "
            f"{out:,.6g} t x 1,000 kg/t / 1e6 = {shortfall * floor.share * out * USD_MILLION_PER_USD_KG_TONNE:,.6g} "
            "USD million" + ("" if fe.active[row, y] else " (outside the floor's years: 0)")
        )
    totals = [float(e[row].sum()) for e in fe.exposure]
    lines.append("")
    lines.append(f"Total over the horizon: {totals[0]:,.6g} USD million at the scenario's prices")
    for factor, total in zip(STRESS_FACTORS, totals[1:], strict=True):
        lines.append(f"  with prices {1 - factor:.0%} lower: {total:,.6g} USD million")
    return lines


def _facility(a: ScenarioArrays, facility: str) -> int:
    f = a.prep.facility_index.get(id_key(facility))
    if f is None:
        raise PlanError([Problem(f"There is no facility '{facility}' in Facilities.", "Facilities")])
    return f


def _year(a: ScenarioArrays, year: int) -> int:
    y = year - int(a.prep.years[0])
    if not 0 <= y < len(a.prep.years):
        raise PlanError(
            [Problem(f"{year} is outside the plan horizon {a.prep.years[0]}-{a.prep.years[-1]}.", "Plan")]
        )
    return y

"""Requirement, output, recycling, stranded, supply sources, demand factors, bottleneck, self-sufficiency.

Default stage yields: MINE 1 (unused), SEP 0.92, METAL 0.84, ALLOY 0.97, MAGNET 0.85.
"""

from __future__ import annotations

import math

import pytest

from reeplanner.engine import compute, explain
from reeplanner.model import (
    CapacityBasis,
    DemandRow,
    Material,
    Override,
    OverrideKind,
    Stage,
    SupplySource,
)
from tests.builders import chain_plan, demand, facility, scenario

NDPR_ONLY = [Material("NdPr", "", 0.25)]


def flow(result, year: int, stage: str, material: str = "NdPr"):
    if stage in ("ALLOY", "MAGNET"):
        material = ""
    flows = result.flows
    row = flows[(flows.year == year) & (flows.stage == stage) & (flows.material == material)]
    assert len(row) == 1
    return row.iloc[0]


def ndpr_chain():
    """chain_plan with one material, NdPr at 0.25 t per t of magnet; 1,000 t/yr magnet demand."""
    plan = chain_plan(2025, 2027)
    plan.materials = list(NDPR_ONLY)
    return plan


def with_recycle_stage(plan):
    plan.stages = plan.stages + [Stage("RECYCLE", "Recycling", 9, CapacityBasis.MATERIAL, 0.9)]
    return plan


def test_requirement_runs_backwards_through_yields_and_content():
    plan = ndpr_chain()
    plan.demand.append(DemandRow("Stockpile", "SEP", "NdPr", values={2025: 100.0}))
    result = compute(plan, "BASE")
    magnet = 1000
    alloy = magnet / 0.85
    metal = alloy * 0.25 / 0.97
    sep = metal / 0.84 + 100  # direct demand for separated NdPr
    mine = sep / 0.92
    expected = {"MAGNET": magnet, "ALLOY": alloy, "METAL": metal, "SEP": sep, "MINE": mine}
    for stage, value in expected.items():
        assert flow(result, 2025, stage).requirement == pytest.approx(value), stage


def test_output_runs_forwards_each_stage_limited_by_capacity_or_input():
    result = compute(ndpr_chain(), "BASE")
    mine = 1000  # first stage: its capacity
    sep = min(800, 0.92 * mine)  # 800, its capacity binds
    metal = min(600, 0.84 * sep)  # 600 vs 672
    alloy = min(3000, 0.97 * metal / 0.25)  # 2,328: the metal binds
    magnet = min(2000, 0.85 * alloy)  # 1,978.8
    for stage, value in {"MINE": mine, "SEP": sep, "METAL": metal, "ALLOY": alloy, "MAGNET": magnet}.items():
        assert flow(result, 2025, stage).output == pytest.approx(value), stage
    assert flow(result, 2025, "MAGNET").gap == pytest.approx(1000 - 1978.8)
    assert result.magnet.loc[2025, "self_sufficiency"] == pytest.approx(1978.8 / 1000)
    # Stranded: what the next stage does not take; on the last stage, output above demand.
    assert flow(result, 2025, "MINE").stranded == pytest.approx(1000 - 800 / 0.92)
    assert flow(result, 2025, "SEP").stranded == pytest.approx(800 - 600 / 0.84)
    assert flow(result, 2025, "METAL").stranded == pytest.approx(0)
    assert flow(result, 2025, "ALLOY").stranded == pytest.approx(0)
    assert flow(result, 2025, "MAGNET").stranded == pytest.approx(1978.8 - 1000)


def test_first_product_stage_is_limited_by_the_scarcest_material():
    plan = ndpr_chain()
    plan.materials = [Material("NdPr", "", 0.25), Material("Dy", "", 0.02), Material("Ce", "", 0.0)]
    plan.facilities += [
        facility("MINE-DY", "MINE", 1000, material="Dy", ramp_up_years=0),
        facility("SEP-DY", "SEP", 1000, material="Dy", ramp_up_years=0),
        facility("MET-DY", "METAL", 30, material="Dy", ramp_up_years=0),  # min(30, 0.84 x 920)
    ]
    result = compute(plan, "BASE")
    # NdPr allows 0.97 x 600 / 0.25 = 2,328 t of alloy, Dy only 0.97 x 30 / 0.02 = 1,455 t.
    # Ce (content 0) never limits, although no Ce exists at all.
    assert flow(result, 2025, "ALLOY").output == pytest.approx(1455)
    # The alloy takes 1,455 x 0.02 / 0.97 = 30 t of Dy and 1,455 x 0.25 / 0.97 = 375 t of NdPr.
    assert flow(result, 2025, "METAL", "Dy").stranded == pytest.approx(0)
    assert flow(result, 2025, "METAL", "NdPr").stranded == pytest.approx(600 - 375)


def test_a_material_with_a_tiny_magnet_content_never_limits_and_raises_no_overflow():
    plan = ndpr_chain()
    plan.materials = [Material("NdPr", "", 1e-307)]  # valid (0-1); 600 t of metal allows ~6e309 t: inf
    result = compute(plan, "BASE")  # numpy's overflow warning would be an error here
    assert flow(result, 2025, "ALLOY").output == pytest.approx(3000)  # its own capacity binds
    assert flow(result, 2025, "MAGNET").output == pytest.approx(min(2000, 0.85 * 3000))


def test_recycled_material_is_used_before_material_from_the_stage_above():
    plan = with_recycle_stage(ndpr_chain())
    plan.facilities.append(facility("REC", "RECYCLE", 100, feeds_stage="METAL", ramp_up_years=0))
    result = compute(plan, "BASE")
    # METAL input = 800 from SEP + 100 recycled; output min(600, 0.84 x 900 = 756) = 600.
    metal = flow(result, 2025, "METAL")
    assert metal.output == pytest.approx(600)
    assert metal.recycled == pytest.approx(100)
    # It used 600 / 0.84 = 714.29 t, 100 of it recycled, so 614.29 t came from SEP.
    assert flow(result, 2025, "SEP").stranded == pytest.approx(800 - (600 / 0.84 - 100))


def test_recycled_material_feeding_a_later_product_stage_counts_through_magnet_content():
    plan = with_recycle_stage(ndpr_chain())
    plan.facilities = [f for f in plan.facilities if f.id != "ALY-1"]
    plan.facilities.append(facility("REC", "RECYCLE", 25, feeds_stage="MAGNET", ramp_up_years=0))
    result = compute(plan, "BASE")
    # No alloy: the magnet makes 0.85 x (0 + 25 / 0.25) = 85 t from recycled NdPr alone.
    assert flow(result, 2025, "MAGNET").output == pytest.approx(85)
    assert flow(result, 2025, "MAGNET").recycled == pytest.approx(100)


def test_supply_sources_add_to_output_with_imports_within_their_years_times_the_supply_factor():
    plan = ndpr_chain()
    plan.supply = [SupplySource("CN-1", "China metal", "China", "METAL", 200, False, "NdPr", 2026, 2026)]
    plan.scenarios += [scenario("CUT", "BASE"), scenario("SOURCE", "BASE")]
    plan.overrides = [
        Override("CUT", OverrideKind.SUPPLY_FACTOR, 0.5, "china"),
        Override("SOURCE", OverrideKind.SUPPLY_FACTOR, 0.0, "China"),
        Override("SOURCE", OverrideKind.SUPPLY_FACTOR, 0.25, "CN-1"),  # later row wins
    ]
    base = compute(plan, "BASE")
    assert flow(base, 2025, "METAL").imports == 0  # before From year
    metal = flow(base, 2026, "METAL")
    assert (metal.output, metal.imports, metal.output_with_imports) == pytest.approx((600, 200, 800))
    # With imports the alloy gets min(3000, 0.97 x 800 / 0.25 = 3,104) = 3,000, the magnet
    # min(2000, 0.85 x 3000) = 2,000; domestic stays 1,978.8.
    assert base.magnet.loc[2026, "magnet_output_with_imports"] == pytest.approx(2000)
    assert base.magnet.loc[2026, "domestic_magnet_output"] == pytest.approx(1978.8)
    assert flow(compute(plan, "CUT"), 2026, "METAL").imports == pytest.approx(100)
    assert flow(compute(plan, "SOURCE"), 2026, "METAL").imports == pytest.approx(50)


def test_a_supply_source_with_only_a_from_year_runs_to_the_end_of_the_horizon():
    plan = ndpr_chain()  # 2025-2027
    plan.supply = [SupplySource("AU-1", "Australian oxide", "Australia", "SEP", 40, True, "NdPr", 2026)]
    result = compute(plan, "BASE")
    assert [flow(result, y, "SEP").imports for y in (2025, 2026, 2027)] == [0, 40, 40]
    # With imports SEP gives 800 + 40 = 840 t; METAL takes min(600, 0.84 x 840 = 705.6) = 600.
    assert flow(result, 2027, "SEP").output_with_imports == pytest.approx(840)
    assert flow(result, 2027, "SEP").output == pytest.approx(800)


def test_demand_factor_by_segment_or_for_all_segments():
    plan = ndpr_chain()
    plan.demand = [demand({2025: 1000}, "EV"), demand({2025: 500}, "Wind")]
    plan.scenarios.append(scenario("HIGH", "BASE"))
    plan.overrides = [
        Override("HIGH", OverrideKind.DEMAND_FACTOR, 2.0),
        Override("HIGH", OverrideKind.DEMAND_FACTOR, 1.5, "ev"),
    ]
    assert compute(plan, "BASE").magnet.loc[2025, "magnet_demand"] == 1500
    assert compute(plan, "HIGH").magnet.loc[2025, "magnet_demand"] == pytest.approx(1000 * 1.5 + 500 * 2)


def test_bottleneck_is_the_least_covered_stage_most_upstream_on_a_tie():
    plan = ndpr_chain()
    plan.demand = [demand({2025: 1000, 2026: 100, 2027: 0})]
    # Requirement in 2025: SEP = 1000 / 0.85 x 0.25 / 0.97 / 0.84 = 360.88; METAL = 303.14.
    sep_req = 1000 / 0.85 * 0.25 / 0.97 / 0.84
    metal_req = 1000 / 0.85 * 0.25 / 0.97
    plan.facilities = [
        facility("MINE-1", "MINE", 10_000, ramp_up_years=0),
        facility("SEP-1", "SEP", sep_req / 2, ramp_up_years=0),  # covers half
        facility("MET-1", "METAL", metal_req / 2, ramp_up_years=0),  # covers half too
        facility("ALY-1", "ALLOY", 10_000, ramp_up_years=0),
        facility("MAG-1", "MAGNET", 10_000, ramp_up_years=0),
    ]
    magnet = compute(plan, "BASE").magnet
    assert magnet.loc[2025, "bottleneck"] == "SEP"
    # 2026: a tenth of the demand, so every stage covers its requirement: no bottleneck.
    assert magnet.loc[2026, "bottleneck"] is None
    assert magnet.loc[2027, "bottleneck"] is None
    assert math.isnan(magnet.loc[2027, "self_sufficiency"])


def test_recycled_material_into_the_first_product_stage_adds_to_its_input_per_material():
    plan = with_recycle_stage(ndpr_chain())
    plan.facilities.append(facility("REC", "RECYCLE", 50, feeds_stage="ALLOY", ramp_up_years=0))
    result = compute(plan, "BASE")
    # ALLOY input: 600 t NdPr from METAL + 50 t recycled: min(3000, 0.97 x 650 / 0.25 = 2,522).
    alloy = flow(result, 2025, "ALLOY")
    assert alloy.output == pytest.approx(0.97 * 650 / 0.25)
    assert alloy.recycled == pytest.approx(50)
    # All 600 t of metal are used: 2,522 x 0.25 / 0.97 = 650, minus the 50 recycled.
    assert flow(result, 2025, "METAL").stranded == pytest.approx(0)
    text = explain(plan, "BASE", year=2025, stage="ALLOY")
    assert text.output.recycled == pytest.approx(50)
    assert text.output.input_from_above == pytest.approx(600)

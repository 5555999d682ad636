"""Targets, funding, coordination findings, timeline, explanations and the result API."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest

from reeplanner.engine import compute, compute_all, explain
from reeplanner.model import (
    CapacityBasis,
    DemandRow,
    Link,
    Material,
    Metric,
    Override,
    OverrideKind,
    PlanError,
    Stage,
    Status,
)
from tests.builders import chain_plan, demand, facility, funding, scenario, target


def ndpr_chain():
    """One material (NdPr, 0.25 t per t of magnet); domestic magnet output 1,978.8 t every year:
    SEP 800, METAL min(600, 0.84 x 800) = 600, ALLOY 0.97 x 600 / 0.25 = 2,328, MAGNET 0.85 x 2,328."""
    plan = chain_plan(2025, 2028)
    plan.materials = [Material("NdPr", "", 0.25)]
    return plan


def test_targets_value_met_year_met_and_shortfall():
    plan = ndpr_chain()
    plan.facilities.append(facility("SEP-2", "SEP", 300, online=dt.date(2027, 1, 1), ramp_up_years=0))
    plan.targets = [
        target("MAG", "MAGNET", Metric.DOMESTIC_OUTPUT, 1500, 2026, owner_agency="DOD-IBP"),
        target("SEP", "SEP", Metric.CAPACITY, 1000, 2026, material="NdPr"),
        target("SS", "MAGNET", Metric.SELF_SUFFICIENCY, 250, 2026),
    ]
    rows = compute(plan, "BASE").targets.set_index("target")
    assert rows.loc["MAG", "value"] == pytest.approx(1978.8)
    assert (rows.loc["MAG", "met"], rows.loc["MAG", "year_met"], rows.loc["MAG", "shortfall"]) == (
        True,
        2025,
        0,
    )
    # SEP capacity: 800 in 2026 (missed by 200); 800 + 300 = 1,100 from 2027 (met late).
    assert rows.loc["SEP", "value"] == pytest.approx(800)
    assert (rows.loc["SEP", "met"], rows.loc["SEP", "year_met"]) == (False, 2027)
    assert rows.loc["SEP", "shortfall"] == pytest.approx(200)
    # Self-sufficiency in percent: 1,978.8 / 1,000 = 197.88 %, never 250 %.
    assert rows.loc["SS", "value"] == pytest.approx(197.88)
    assert (rows.loc["SS", "met"], rows.loc["SS", "year_met"]) == (False, None)
    assert rows.loc["SS", "shortfall"] == pytest.approx(250 - 197.88)


def funded_plan():
    plan = ndpr_chain()
    plan.facilities.append(facility("NEW", "MAGNET", 500, scenarios=("HIGH",)))
    plan.scenarios.append(scenario("HIGH", "BASE"))
    plan.funding = [
        funding("F1", 10, "MINE-1", "DOD-IBP", "DPA3", 2025),
        funding("F2", 20, "SEP-1", "DOE", "LPO", 2026, status="announced"),
        funding("F3", 30, "SEP-1", "PRIVATE", "PRIVATE", 2026),
        funding("F4", 5, "", "DOC", "CHIPS", 2027, status="proposed"),
        funding("F5", 40, "NEW", "DOE", "DOE-GRANT", 2027),  # its facility exists only in HIGH
        funding("F6", 7, "MET-1", "DOD-IBP", "DPA3", 2027, scenarios=("HIGH",)),
        funding("F7", 3, "SEP-1", "DOC", "CHIPS", 2026),
    ]
    return plan


def test_funding_totals_count_only_lines_present_in_the_scenario():
    result = compute_all(funded_plan())
    base, high = result.scenarios["BASE"], result.scenarios["HIGH"]
    assert base.funding_total == pytest.approx(10 + 20 + 30 + 5 + 3)
    assert high.funding_total == pytest.approx(68 + 40 + 7)
    summary = base.funding_summary
    assert summary["by_agency"].values.tolist() == [["PRIVATE", 30], ["DOE", 20], ["DOD-IBP", 10], ["DOC", 8]]
    assert summary["by_stage"].values.tolist() == [["MINE", 10], ["SEP", 53], ["", 5]]
    assert summary["by_year"].values.tolist() == [[2025, 10], [2026, 53], [2027, 5]]
    assert summary["by_status"].values.tolist() == [["committed", 43], ["announced", 20], ["proposed", 5]]
    assert summary["by_instrument"].amount.sum() == pytest.approx(68)


def test_public_money_per_tonne_and_midstream_share_leave_private_money_out():
    summary = compute(funded_plan(), "BASE").funding_summary
    per_tonne = summary["per_tonne"].set_index("stage")
    # MINE: 10 public / 1,000 t/yr; SEP: (20 + 3) public, the 30 private left out, / 800 t/yr.
    assert per_tonne.loc["MINE", "per_tonne"] == pytest.approx(10 / 1000)
    assert per_tonne.loc["SEP", "amount"] == pytest.approx(23)
    assert per_tonne.loc["SEP", "per_tonne"] == pytest.approx(23 / 800)
    # Midstream (SEP + METAL) over all material stages: 23 / (23 + 10).
    assert summary["midstream_share"] == pytest.approx(23 / 33)


def test_coordination_findings():
    plan = funded_plan()
    plan.demand = [demand({y: 3000 for y in plan.years})]
    plan.stages = [s if s.id == "SEP" else dataclasses.replace(s, owner_agency="DOE") for s in plan.stages]
    plan.targets = [target("OWNED", "MAGNET", Metric.DOMESTIC_OUTPUT, 1, 2026, owner_agency="DOE")]
    plan.targets.append(target("LOOSE", "MAGNET", Metric.DOMESTIC_OUTPUT, 1, 2026))
    found = compute(plan, "BASE").coordination
    assert sorted(zip(found.kind, found.subject, strict=True)) == [
        ("funding-without-facility", "F4"),
        ("gap-without-owner", "SEP"),  # every stage falls short, but only SEP has no owner
        ("several-agencies-no-lead", "SEP-1"),  # DOE and DOC; PRIVATE money does not count
        ("target-without-owner", "LOOSE"),
    ]
    gap = found[found.kind == "gap-without-owner"].iloc[0]
    # SEP requirement 3000 / 0.85 x 0.25 / 0.97 / 0.84 = 1,082.9 t; output 800: short by 283 t.
    assert gap.year == 2025
    assert "283 t" in gap.message


def test_timeline_phases_as_dates():
    plan = ndpr_chain()
    plan.facilities.append(
        facility(
            "NEW",
            "SEP",
            100,
            status=Status.PLANNED,
            permitting_start=dt.date(2025, 3, 10),
            permitting_months=12,
            construction_months=18,
            ramp_up_years=2,
        )
    )
    row = compute(plan, "BASE").timeline.set_index("facility").loc["NEW"]
    # Permitting from March 2025 for 12 months, construction 18 months: online September 2027.
    assert row.permitting_start == dt.date(2025, 3, 1)
    assert row.construction_start == dt.date(2026, 3, 1)
    assert row.online == dt.date(2027, 9, 1)
    assert row.ramp_end == dt.date(2029, 9, 1)


def test_explanation_shows_both_sides_of_the_min_and_the_requirement_chain():
    text = explain(ndpr_chain(), "base", year=2026, stage="ALLOY")
    assert text.output.bound == "input"
    assert text.output.scarcest_material == "NdPr"
    assert text.output.input_limit == pytest.approx(0.97 * 600 / 0.25)
    assert text.capacity_total == 3000
    assert text.capacity[0].facility == "ALY-1"
    assert "Alloy: 1,000 / Magnet yield 0.85 = 1,176.47 t" in text.requirement
    assert "  output = min(3,000, 2,328) = 2,328 t, bound by the input from the stage above" in text.lines
    sep = explain(ndpr_chain(), "BASE", year=2026, stage="SEP", material="ndpr")
    assert sep.output.bound == "capacity"
    assert sep.requirement_total == pytest.approx(1000 / 0.85 * 0.25 / 0.97 / 0.84)


def test_explanation_of_a_chain_without_product_stage_multiplies_by_magnet_content():
    plan = ndpr_chain()
    plan.stages = [s for s in plan.stages if s.basis is CapacityBasis.MATERIAL]  # MINE, SEP, METAL
    plan.facilities = [f for f in plan.facilities if f.stage in ("MINE", "SEP", "METAL")]
    plan.demand = [
        DemandRow("EV", "METAL", values={2026: 1000.0}),  # no Material: magnet demand
        DemandRow("Stock", "METAL", "NdPr", values={2026: 10.0}),  # direct demand for NdPr metal
    ]
    sep = explain(plan, "BASE", year=2026, stage="SEP", material="NdPr")
    # METAL NdPr: 1,000 t of magnets x 0.25 content = 250 t, + 10 t direct = 260 t.
    # SEP NdPr: 260 / METAL yield 0.84 = 309.524 t.
    assert sep.requirement_total == pytest.approx((1000 * 0.25 + 10) / 0.84)
    assert sep.requirement[-2:] == [
        "Metal NdPr: 1,000 x magnet content 0.25 = 250 t + direct demand 10 t = 260 t",
        "Separation NdPr: 260 / Metal yield 0.84 = 309.524 t",
    ]


def test_plan_without_scenarios_computes_base_and_scenarios_keep_plan_order():
    plan = ndpr_chain()
    plan.scenarios = []
    assert list(compute_all(plan).scenarios) == ["BASE"]
    plan.scenarios = [scenario("Zed"), scenario("alpha", "Zed")]
    result = compute_all(plan)
    assert list(result.scenarios) == ["Zed", "alpha"]
    assert result.scenario(" ALPHA ").scenario_id == "alpha"


def test_self_sufficiency_is_undefined_without_demand():
    plan = ndpr_chain()
    plan.demand = []
    magnet = compute(plan, "BASE").magnet
    assert math.isnan(magnet.loc[2025, "self_sufficiency"])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: p.facilities.append(facility("X", "NOPE", 1)), "'NOPE' is not a Stage ID"),
        (lambda p: p.overrides.append(Override("BASE", OverrideKind.DELAY, 3.0, "GHOST")), "GHOST"),
        (lambda p: p.overrides.append(Override("BASE", OverrideKind.DEMAND_FACTOR, 2.0, "Space")), "Space"),
        (lambda p: p.facilities.append(facility("X", "MINE", 1, scenarios=("NOPE",))), "NOPE"),
        (lambda p: p.scenarios.extend([scenario("A", "B"), scenario("B", "A")]), "cycle"),
        (
            lambda p: p.demand.append(DemandRow("Stock", "SEP", values={2025: 1.0})),
            "so name the material this demand is for",
        ),
        # Unknown IDs anywhere are errors, also where no figure is made from them.
        (lambda p: p.funding.append(funding("F", 5, "MINE-1", agency="GHOST")), "'GHOST' is not an Agency"),
        (lambda p: p.funding.append(funding("F", 5, instrument="NOPE")), "'NOPE' is not an Instrument"),
        (lambda p: p.facilities.append(facility("X", "MINE", 1, lead_agency="GHOST")), "'GHOST' is not an"),
        (
            lambda p: p.targets.append(
                target("T", "MAGNET", Metric.CAPACITY, 1, 2026, owner_agency="NOBODY")
            ),
            "'NOBODY' is not",
        ),
        (lambda p: p.links.append(Link("MINE-1", "GHOST")), "'GHOST' is not a Facility ID"),
    ],
)
def test_plan_errors_raise_plan_error_with_the_problem(change, expected):
    plan = ndpr_chain()
    change(plan)
    with pytest.raises(PlanError) as caught:
        compute_all(plan)
    assert any(expected in str(p) for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_unknown_scenario_is_a_plan_error():
    with pytest.raises(PlanError, match="no scenario 'NOPE'"):
        compute(ndpr_chain(), "NOPE")


def test_a_target_on_recycle_is_a_plan_error():
    plan = ndpr_chain()
    plan.stages = plan.stages + [Stage("RECYCLE", "Recycling", 9, CapacityBasis.MATERIAL, 0.9)]
    plan.targets = [target("REC", "RECYCLE", Metric.CAPACITY, 10, 2026, material="NdPr")]
    with pytest.raises(PlanError, match="RECYCLE only feeds another stage"):
        compute_all(plan)

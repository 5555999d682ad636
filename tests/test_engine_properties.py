"""Properties that hold for any plan: output within capacity and input, gap = requirement - output,
more capacity never means less output."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reeplanner.engine import compute, compute_all
from reeplanner.engine.explain import explain_result
from reeplanner.model import (
    CapacityBasis,
    Facility,
    Material,
    Metric,
    Override,
    OverrideKind,
    Plan,
    PlanError,
    RiskView,
    Scenario,
    Stage,
    Status,
    SupplySource,
)
from tests.builders import demand, funding, target

STAGES = ("MINE", "SEP", "METAL", "ALLOY", "MAGNET", "RECYCLE")
YIELDS = {"SEP": 0.92, "METAL": 0.84, "ALLOY": 0.97, "MAGNET": 0.85}
TOLERANCE = 1e-6

facilities = st.lists(
    st.tuples(
        st.sampled_from(STAGES),
        st.floats(0, 5000),
        st.sampled_from(("NdPr", "Dy")),
        st.sampled_from(list(Status)),
        st.integers(2020, 2032),
        st.sampled_from((0, 0.5, 2)),
        st.sampled_from(("SEP", "METAL", "ALLOY", "MAGNET")),
    ),
    max_size=12,
)


def build(rows, demand_tonnes: float) -> Plan:
    plan = Plan(name="Property", start_year=2025, end_year=2031)
    plan.materials = [Material("NdPr", "", 0.25), Material("Dy", "", 0.02)]
    plan.stages = plan.stages + [Stage("RECYCLE", "Recycling", 9, CapacityBasis.MATERIAL, 0.9)]
    for i, (stage, capacity, material, status, year, ramp, feeds) in enumerate(rows):
        plan.facilities.append(
            Facility(
                f"F{i}",
                f"F{i}",
                stage,
                status,
                capacity,
                material="" if stage in ("ALLOY", "MAGNET") else material,
                online=dt.date(year, 1 + i % 12, 1),
                ramp_up_years=ramp,
                feeds_stage=feeds if stage == "RECYCLE" else "",
            )
        )
    plan.demand = [demand({y: demand_tonnes for y in plan.years})]
    return plan


@settings(max_examples=25, deadline=None)
@given(facilities, st.floats(0, 20000))
def test_output_within_capacity_and_yield_times_input_and_gap_is_requirement_minus_output(rows, tonnes):
    flows = compute(build(rows, tonnes), "BASE").flows
    assert (flows.output <= flows.capacity + flows.recycled * (flows.stage == "MINE") + TOLERANCE).all()
    np.testing.assert_allclose(flows.gap, flows.requirement - flows.output, atol=TOLERANCE)
    for stage, above in (("SEP", "MINE"), ("METAL", "SEP")):
        here = flows[flows.stage == stage].reset_index(drop=True)
        up = flows[flows.stage == above].reset_index(drop=True)
        limit = YIELDS[stage] * (up.output + here.recycled)
        assert (here.output <= limit + TOLERANCE).all()
    product = flows[flows.stage == "MAGNET"].reset_index(drop=True)
    alloy = flows[flows.stage == "ALLOY"].reset_index(drop=True)
    assert (product.output <= YIELDS["MAGNET"] * (alloy.output + product.recycled) + TOLERANCE).all()


@settings(max_examples=25, deadline=None)
@given(facilities, st.sampled_from(STAGES), st.floats(1, 5000), st.sampled_from(("NdPr", "Dy")))
def test_adding_capacity_never_lowers_output(rows, stage, capacity, material):
    before = compute(build(rows, 5000), "BASE").flows.output.to_numpy()
    more = build(rows, 5000)
    material = "" if stage in ("ALLOY", "MAGNET") else material
    feeds = "SEP" if stage == "RECYCLE" else ""
    more.facilities.append(
        Facility("EXTRA", "Extra", stage, Status.OPERATING, capacity, material=material, feeds_stage=feeds)
    )
    after = compute(more, "BASE").flows.output.to_numpy()
    assert (after >= before - TOLERANCE).all()


@settings(max_examples=20, deadline=None)
@given(
    facilities,
    st.floats(0, 20000),
    st.sampled_from(list(RiskView)),
    st.lists(st.sampled_from(list(OverrideKind)), max_size=5),
    st.sampled_from(("MINE", "SEP", "METAL", "ALLOY", "MAGNET")),
)
def test_every_table_and_explanation_can_be_built(rows, tonnes, view, kinds, stage):
    plan = build(rows, tonnes)
    plan.scenarios.append(Scenario("ALT", "Alternative", "BASE", view))
    plan.supply = [SupplySource("S1", "Abroad", "Japan", "METAL", 100, True, "Dy", 2026, 2029)]
    plan.funding = [funding("L1", 5, plan.facilities[0].id if plan.facilities else ""), funding("L2", 1)]
    plan.targets = [
        target(
            "T1", stage, Metric.CAPACITY, 10, 2027, material="" if stage in ("ALLOY", "MAGNET") else "NdPr"
        ),
        target("T2", stage, Metric.SELF_SUFFICIENCY, 50, 2040),
    ]
    for kind in kinds:
        if kind in (
            OverrideKind.DELAY,
            OverrideKind.CAPACITY_FACTOR,
            OverrideKind.CANCEL,
            OverrideKind.STATUS,
        ):
            if not plan.facilities:
                continue
            value = {OverrideKind.CANCEL: True, OverrideKind.STATUS: Status.OPERATING}.get(kind, 2.0)
            plan.overrides.append(Override("ALT", kind, value, plan.facilities[-1].id))
        elif kind is OverrideKind.SUPPLY_FACTOR:
            plan.overrides.append(Override("ALT", kind, 0.5, "Japan"))
        elif kind is OverrideKind.RISK_FACTOR:
            plan.overrides.append(Override("ALT", kind, 0.1, "proposed"))
        else:
            plan.overrides.append(Override("ALT", kind, 1.5))
    result = compute_all(plan)
    for scenario_result in result.scenarios.values():
        for name in ("targets", "coordination", "facilities", "capacity_by_facility", "timeline", "funding"):
            assert isinstance(getattr(scenario_result, name), pd.DataFrame)
        assert set(scenario_result.funding_summary) >= {"by_agency", "per_tonne", "midstream_share"}
        text = explain_result(scenario_result, 2028, stage, "" if stage in ("ALLOY", "MAGNET") else "Dy")
        assert text.lines


MISTAKES = {
    "unknown stage": lambda p: p.facilities.append(Facility("X", "X", "SMELT", Status.OPERATING, 1.0)),
    "unknown material": lambda p: p.facilities.append(
        Facility("X", "X", "SEP", Status.OPERATING, 1.0, material="Zr")
    ),
    "no material": lambda p: p.facilities.append(Facility("X", "X", "SEP", Status.OPERATING, 1.0)),
    "missing capacity": lambda p: p.facilities.append(Facility("X", "X", "MAGNET", Status.OPERATING, None)),
    "text capacity": lambda p: p.facilities.append(Facility("X", "X", "MAGNET", Status.OPERATING, "lots")),
    "unknown scenario": lambda p: p.facilities.append(
        Facility("X", "X", "MAGNET", Status.OPERATING, 1.0, scenarios=("NOPE",))
    ),
    "recycler feeding nothing": lambda p: p.facilities.append(
        Facility("X", "X", "RECYCLE", Status.OPERATING, 1.0, material="NdPr")
    ),
    "zero yield": lambda p: setattr(
        p, "stages", [dataclasses.replace(s, process_yield=0.0) if s.id == "SEP" else s for s in p.stages]
    ),
    "material after product": lambda p: p.stages.append(
        Stage("LATE", "Late", 7, CapacityBasis.MATERIAL, 1.0)
    ),
    "no stages": lambda p: p.stages.clear(),
    "end before start": lambda p: setattr(p, "end_year", 2000),
    "parent cycle": lambda p: p.scenarios.extend([Scenario("A", "A", "B"), Scenario("B", "B", "A")]),
    "unknown parent": lambda p: p.scenarios.append(Scenario("A", "A", "NOPE")),
    "override on nothing": lambda p: p.overrides.append(Override("BASE", OverrideKind.CANCEL, True, "NOPE")),
    "override without value": lambda p: p.overrides.append(
        Override("BASE", OverrideKind.DEMAND_FACTOR, None)
    ),
    "bad status override": lambda p: p.overrides.append(
        Override("BASE", OverrideKind.RISK_FACTOR, 0.5, "maybe")
    ),
    "unknown supply target": lambda p: p.overrides.append(
        Override("BASE", OverrideKind.SUPPLY_FACTOR, 0.5, "Mars")
    ),
    "funding for nothing": lambda p: p.funding.append(funding("L9", 1, "NOPE")),
    "target without material": lambda p: p.targets.append(target("T9", "SEP", Metric.CAPACITY, 1, 2026)),
    "target on unknown stage": lambda p: p.targets.append(target("T9", "SMELT", Metric.CAPACITY, 1, 2026)),
    "supply without material": lambda p: p.supply.append(SupplySource("S9", "S", "Chile", "SEP", 5, True)),
}


@settings(max_examples=40, deadline=None)
@given(facilities, st.lists(st.sampled_from(sorted(MISTAKES)), min_size=1, max_size=3))
def test_a_plan_with_mistakes_raises_plan_error_and_nothing_else(rows, mistakes):
    plan = build(rows, 1000)
    for name in mistakes:
        MISTAKES[name](plan)
    try:
        result = compute_all(plan)
    except PlanError as exc:
        assert exc.problems
        return
    for scenario_result in result.scenarios.values():  # what computed must also lay out
        assert isinstance(scenario_result.targets, pd.DataFrame)
        assert isinstance(scenario_result.timeline, pd.DataFrame)


@settings(max_examples=20, deadline=None)
@given(facilities, st.lists(st.tuples(st.integers(0, 11), st.floats(-24, 24)), max_size=4))
def test_every_scenario_computed_together_equals_it_computed_alone(rows, delays):
    plan = build(rows, 3000)
    plan.scenarios += [Scenario("LATE", "Late", "BASE"), Scenario("LATER", "Later", "LATE")]
    for i, months in delays:
        if i < len(plan.facilities):
            plan.overrides.append(Override("LATE", OverrideKind.DELAY, months, plan.facilities[i].id))
    plan.overrides.append(Override("LATER", OverrideKind.PERMITTING_FACTOR, 2.0))
    together = compute_all(plan)
    for sid in ("BASE", "LATE", "LATER"):
        pd.testing.assert_frame_equal(together.scenarios[sid].flows, compute(plan, sid).flows)

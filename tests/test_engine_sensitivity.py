"""Sensitivity (engine.md): each assumption moved down and up by a step, the figure's swing ranked."""

from __future__ import annotations

import pytest

from reeplanner.engine import compute
from reeplanner.engine.sensitivity import Figure, FigureError, sensitivity
from reeplanner.formats.files import read_plan
from reeplanner.model import Material, Metric, Override, OverrideKind, PlanError, SupplySource
from tests.builders import chain_plan, facility, scenario, target
from tests.test_examples import EXAMPLES


def dy_bound_plan():
    """Magnets bound by dysprosium: 20 t/yr of Dy ore against 1,000 t/yr of NdPr, the rest ample.

    Dy metal: 20 x 0.92 x 0.84 = 15.456 t/yr; alloy 0.97 x 15.456 / 0.02 = 749.6 t/yr (NdPr would
    allow 2,585); magnets 0.85 x 749.6 = 637.2 t/yr, against 1,000 t/yr of demand.
    """
    plan = chain_plan(2025, 2027)
    plan.materials = [Material("NdPr", "", 0.29), Material("Dy", "", 0.02)]
    plan.facilities = [
        facility("MINE-ND", "MINE", 1000),
        facility("MINE-DY", "MINE", 20, "Dy"),
        facility("SEP-ND", "SEP", 1000),
        facility("SEP-DY", "SEP", 100, "Dy"),
        facility("MET-ND", "METAL", 1000),
        facility("MET-DY", "METAL", 100, "Dy"),
        facility("ALY-1", "ALLOY", 10_000),
        facility("MAG-1", "MAGNET", 10_000),
    ]
    plan.targets = [target("T-MAG", "MAGNET", Metric.DOMESTIC_OUTPUT, 700, 2026)]
    return plan


def row(tornado, kind: str, subject: str):
    rows = tornado.rows[(tornado.rows.kind == kind) & (tornado.rows.subject == subject)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_magnet_output_bound_by_dy_moves_inversely_with_dy_content():
    tornado = sensitivity(dy_bound_plan(), "BASE", "magnet_output:2026")
    base = 0.85 * 0.97 * 20 * 0.92 * 0.84 / 0.02

    dy = row(tornado, "magnet content", "Dy")
    assert tornado.value == pytest.approx(base)
    assert (dy.base, dy.down, dy.up) == pytest.approx((0.02, 0.016, 0.024))
    assert dy.figure_down == pytest.approx(base / 0.8)  # out = Y x in / c: the derivative by hand
    assert dy.figure_up == pytest.approx(base / 1.2)
    assert dy.swing == pytest.approx(base / 0.8 - base / 1.2)
    assert tornado.rows.iloc[0].subject == "Dy"  # the largest swing leads the tornado
    ndpr = row(tornado, "magnet content", "NdPr")
    assert ndpr.swing == pytest.approx(0)  # not the binding material


def test_a_moved_value_is_held_within_its_allowed_range():
    tornado = sensitivity(dy_bound_plan(), "BASE", "target:T-MAG")
    base = tornado.value

    magnet_yield = row(tornado, "yield", "MAGNET")
    assert (magnet_yield.down, magnet_yield.up) == pytest.approx((0.68, 1.0))  # 1.02 is held at 1
    assert magnet_yield.figure_up == pytest.approx(base / 0.85)
    operating = row(tornado, "risk factor", "operating")
    assert (operating.down, operating.up) == pytest.approx((0.8, 1.0))
    assert operating.figure_down == pytest.approx(0.8 * base)  # every capacity, so the output, x 0.8


def test_self_sufficiency_moves_with_demand_as_one_over_the_factor():
    plan = dy_bound_plan()
    tornado = sensitivity(plan, "BASE", "self_sufficiency:2026", step=0.25)
    output = compute(plan, "BASE").magnet.domestic_magnet_output[2026]

    demand = row(tornado, "demand", "EV")
    assert tornado.unit == "share"
    assert (demand.base, demand.down, demand.up) == pytest.approx((1000, 750, 1250))
    assert demand.figure_down == pytest.approx(output / 750)
    assert demand.figure_up == pytest.approx(output / 1250)


def test_assumptions_move_after_the_scenarios_overrides():
    plan = dy_bound_plan()
    plan.scenarios = [scenario("BASE"), scenario("HALF", "BASE")]
    plan.overrides = [
        Override("HALF", OverrideKind.DEMAND_FACTOR, 0.5, ""),
        Override("HALF", OverrideKind.RISK_FACTOR, 0.5, "operating"),
    ]
    plan.supply = [SupplySource("JP", "Japan magnets", "JP", "MAGNET", 300.0, True)]
    tornado = sensitivity(plan, "HALF", "magnet_output:2026")

    assert row(tornado, "demand", "EV").base == pytest.approx(500)
    risk = row(tornado, "risk factor", "operating")
    assert (risk.base, risk.down, risk.up) == pytest.approx((0.5, 0.4, 0.6))
    supply = row(tornado, "supply", "JP")
    assert (supply.base, supply.swing) == pytest.approx((300, 0))  # imports never make domestic output


def test_every_assumption_of_the_us_example_is_in_the_tornado():
    plan = read_plan(EXAMPLES / "us-mine-to-magnet.reeplan")[0]
    tornado = sensitivity(plan, "BASE", "target:t-ss-2030")

    kinds = tornado.rows.kind.value_counts().to_dict()
    segments = {d.segment.casefold() for d in plan.demand}
    chain_stages = [s for s in plan.stages if s.id != "RECYCLE"]
    assert kinds == {
        "magnet content": len(plan.materials),
        "yield": len(chain_stages),
        "risk factor": 5,  # every status but cancelled
        "demand": len(segments),
        "supply": len(plan.supply),
    }
    assert tornado.label.startswith("T-SS-2030")
    assert tornado.unit == "%"
    swings = tornado.rows.swing.tolist()
    assert swings == sorted(swings, reverse=True)


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ("target:NOPE", "no target 'NOPE'"),
        ("magnet_output:2040", "outside the plan's horizon"),
        ("self_sufficiency:soon", "'soon' is not a year"),
        ("output:2026", "is not a figure"),
    ],
)
def test_a_figure_the_plan_does_not_have_is_named_in_the_error(figure, message):
    with pytest.raises(FigureError, match=message):
        sensitivity(dy_bound_plan(), "BASE", figure)


def test_an_unknown_scenario_is_a_plan_error_and_a_step_outside_zero_and_one_a_figure_error():
    with pytest.raises(PlanError, match="no scenario 'X'"):
        sensitivity(dy_bound_plan(), "X", "magnet_output:2026")
    with pytest.raises(FigureError, match="between 0 and 1"):
        sensitivity(dy_bound_plan(), "BASE", "magnet_output:2026", step=1.5)


def test_figures_read_as_written():
    assert Figure.parse(" Target : T-1 ") == Figure("target", target="T-1")
    assert str(Figure.parse("magnet-output:2030")) == "magnet_output:2030"

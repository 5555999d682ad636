"""Schedule risk (engine.md): P(met) against its closed form, seeds, drivers, an independent implementation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest

from reeplanner.engine import EngineOptions, compute
from reeplanner.engine import risk as risk_module
from reeplanner.engine.risk import schedule_risk
from reeplanner.formats.files import read_plan
from reeplanner.model import (
    Material,
    Metric,
    Override,
    OverrideKind,
    PlanError,
    RiskView,
    ScheduleRisk,
    Status,
)
from tests import risk_loops
from tests.builders import chain_plan, planned, scenario, target
from tests.test_examples import EXAMPLES

US_EXAMPLE = EXAMPLES / "us-mine-to-magnet.reeplan"


def one_uncertain_plan(status: Status = Status.PLANNED, threshold: float = 2500, **risk_row):
    """chain_plan plus MAG-2, 1,000 t/yr of magnets due in January 2027 (ramp-up 0), and a target on
    magnet capacity in 2028. MAG-1 gives 2,000 t/yr: the target needs MAG-2's share of 2028."""
    plan = chain_plan(2025, 2030)
    plan.facilities.append(planned("MAG-2", "MAGNET", 1000, dt.date(2027, 1, 1), status=status))
    plan.targets = [target("T-CAP", "MAGNET", Metric.CAPACITY, threshold, 2028)]
    if risk_row:
        plan.schedule_risk = [ScheduleRisk(status, **risk_row)]
    return plan


def triangular_cdf(x: float, low: float, likely: float, high: float) -> float:
    if x <= low:
        return 0.0
    if x >= high:
        return 1.0
    if x <= likely:
        return (x - low) ** 2 / ((high - low) * (likely - low))
    return 1 - (high - x) ** 2 / ((high - low) * (high - likely))


@pytest.mark.parametrize(
    ("status", "threshold", "risk_row", "slack"),
    [
        # 2,500 t/yr needs half of 2028 from MAG-2: online by July 2028, 18 months of slack.
        (Status.PLANNED, 2500, {}, 18.0),
        # 2,750 t/yr needs three quarters: online by April 2028, 15 months.
        (Status.FINANCED, 2750, {}, 15.0),
        # The plan's own row replaces the default: cancel 0.2, slip 3 / 9 / 30 months.
        (
            Status.PROPOSED,
            2250,
            {"cancel_probability": 0.2, "slip_min": 3, "slip_likely": 9, "slip_max": 30},
            21.0,
        ),
    ],
)
def test_one_uncertain_facility_meets_the_closed_form(status, threshold, risk_row, slack):
    plan = one_uncertain_plan(status, threshold, **risk_row)
    rows = {r.status: r for r in plan.schedule_risk}
    row = rows[status]
    expected = (1 - row.cancel_probability) * triangular_cdf(
        slack, row.slip_min, row.slip_likely, row.slip_max
    )

    result = schedule_risk(plan, draws=10_000, seed=3).scenarios["BASE"].target("T-CAP")

    standard_error = math.sqrt(expected * (1 - expected) / 10_000)
    assert abs(result.p_met - expected) <= 3 * standard_error
    assert result.standard_error == pytest.approx(standard_error, rel=0.05)


def test_the_same_seed_gives_the_same_numbers_and_another_seed_others():
    plan = read_plan(US_EXAMPLE)[0]
    first = schedule_risk(plan, ["PERMIT"], draws=3_000, seed=11).scenarios["PERMIT"]
    again = schedule_risk(plan, ["PERMIT"], draws=3_000, seed=11).scenarios["PERMIT"]
    other = schedule_risk(plan, ["PERMIT"], draws=3_000, seed=12).scenarios["PERMIT"]

    assert first.bands.equals(again.bands)
    assert [t.p_met for t in first.targets] == [t.p_met for t in again.targets]
    assert all(a.drivers.equals(b.drivers) for a, b in zip(first.targets, again.targets, strict=True))
    assert not first.bands.equals(other.bands)


def test_chunks_of_draws_do_not_change_the_numbers(monkeypatch):
    plan = read_plan(US_EXAMPLE)[0]
    whole = schedule_risk(plan, ["PERMIT"], draws=2_000).scenarios["PERMIT"]
    monkeypatch.setattr(risk_module, "CHUNK_BYTES", 100_000)  # a few dozen draws per chunk

    chunked = schedule_risk(plan, ["PERMIT"], draws=2_000).scenarios["PERMIT"]

    assert chunked.bands.equals(whole.bands)
    assert [t.p_met for t in chunked.targets] == [t.p_met for t in whole.targets]


def test_a_lone_uncertain_facility_gains_exactly_the_draws_it_misses():
    """Common random numbers: secured, MAG-2 meets the target in every draw, so its gain is 1 - P(met)."""
    plan = one_uncertain_plan()
    result = schedule_risk(plan, draws=4_000, seed=5).scenarios["BASE"].target("T-CAP")

    assert result.top_drivers() == [("MAG-2", pytest.approx(1 - result.p_met, abs=1e-12))]
    assert round(result.drivers.gain[0] * 4_000) == 4_000 - round(result.p_met * 4_000)


def test_drivers_rank_the_facilities_that_matter_and_leave_out_those_that_do_not():
    plan = one_uncertain_plan()
    # A planned mine adds nothing to magnet capacity. MAG-3 (400 t/yr, due October 2027) meets the
    # target only beside part of MAG-2; MAG-2 secured meets it alone.
    plan.facilities += [
        planned("MINE-2", "MINE", 500, dt.date(2026, 1, 1)),
        planned("MAG-3", "MAGNET", 400, dt.date(2027, 10, 1)),
    ]
    result = schedule_risk(plan, draws=4_000).scenarios["BASE"].target("T-CAP")

    (first, first_gain), (second, second_gain) = result.top_drivers()
    assert (first, second) == ("MAG-2", "MAG-3")
    assert first_gain == pytest.approx(1 - result.p_met)
    assert 0 < second_gain < first_gain
    assert result.drivers.set_index("facility").gain["MINE-2"] == 0


def test_the_p80_year_is_the_first_year_met_in_four_draws_of_five():
    plan = one_uncertain_plan()
    plan.targets = [target("T-CAP", "MAGNET", Metric.CAPACITY, 2900, 2027)]
    result = schedule_risk(plan, draws=4_000).scenarios["BASE"].target("T-CAP")

    # 2,900 t/yr needs 90% of a year from MAG-2 (due January 2027): in 2027 a slip of at most 1.2
    # months, in 2028 13.2, in 2029 25.2, from 2030 any slip; and it must not be cancelled (25%).
    planned_row = (0, 12, 36)
    for position, slack in [(2, 1.2), (3, 13.2), (4, 25.2), (5, 37.2)]:
        expected = 0.75 * triangular_cdf(slack, *planned_row)
        assert result.met_share[position] == pytest.approx(expected, abs=0.03)
    assert result.p_met == result.met_share[2]
    assert result.p80_year is None  # 75% at best
    plan.schedule_risk = [ScheduleRisk(Status.PLANNED, 0.1, 0, 12, 36)]
    assert schedule_risk(plan, draws=4_000).scenarios["BASE"].target("T-CAP").p80_year == 2030


def test_facilities_online_before_the_horizon_neither_slip_nor_cancel():
    plan = one_uncertain_plan()
    plan.facilities[-1] = dataclasses.replace(plan.facilities[-1], online=dt.date(2024, 6, 1))

    result = schedule_risk(plan, draws=500).scenarios["BASE"]

    assert result.target("T-CAP").p_met == 1
    assert result.target("T-CAP").drivers.empty


def test_overrides_apply_before_the_draw_and_risk_factors_do_not():
    plan = one_uncertain_plan()
    plan.scenarios = [scenario("BASE"), scenario("LATE", "BASE"), scenario("GONE", "BASE")]
    plan.overrides = [
        Override("LATE", OverrideKind.DELAY, 24.0, "MAG-2"),  # online 2029: never in 2028
        Override("GONE", OverrideKind.CANCEL, True, "MAG-2"),
        Override("BASE", OverrideKind.RISK_FACTOR, 0.0, "planned"),
    ]
    result = schedule_risk(plan, draws=2_000)

    assert result.scenarios["BASE"].target("T-CAP").p_met > 0.3
    assert result.scenarios["LATE"].target("T-CAP").p_met == 0
    assert result.scenarios["GONE"].target("T-CAP").p_met == 0
    assert result.scenarios["GONE"].target("T-CAP").drivers.empty  # a cancelled facility cannot drive


def test_bands_hold_the_percentiles_of_magnet_output_and_self_sufficiency():
    plan = one_uncertain_plan()
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities[4] = dataclasses.replace(plan.facilities[4], capacity=1000.0)  # MAG-1
    bands = schedule_risk(plan, draws=4_000).scenarios["BASE"].bands

    # The alloy stage gives at most 1,978.8 t/yr of magnets; MAG-1 makes 1,000 and MAG-2 the rest when
    # it is on. In 2028 MAG-2 is cancelled in 25% of draws (output 1,000) and full in 25% (a slip of a
    # year at most): the 10th and 90th percentiles.
    alloy_bound = 0.85 * 0.97 * 600 / 0.25
    assert bands.domestic_magnet_output_p10[2028] == pytest.approx(1000)
    assert bands.domestic_magnet_output_p90[2028] == pytest.approx(alloy_bound)
    assert bands.domestic_magnet_output_p50[2026] == pytest.approx(1000)  # before MAG-2 is due
    assert bands.self_sufficiency_p90[2028] == pytest.approx(alloy_bound / 1000)
    assert list(bands.index) == list(range(2025, 2031))


def test_bad_schedule_risk_rows_and_unknown_scenarios_are_plan_errors():
    plan = one_uncertain_plan(slip_min=12, slip_likely=6, slip_max=24, cancel_probability=0.1)
    with pytest.raises(PlanError, match="Slip"):
        schedule_risk(plan, draws=10)
    with pytest.raises(PlanError, match="no scenario 'NOPE'"):
        schedule_risk(one_uncertain_plan(), ["NOPE"], draws=10)


def _agree(engine, loop, loop_draws: int, engine_draws: int) -> None:
    for tid, p_loop in loop.items():
        p_engine = engine.target(tid).p_met
        error = math.sqrt(p_engine * (1 - p_engine) / engine_draws + p_loop * (1 - p_loop) / loop_draws)
        assert abs(p_engine - p_loop) <= 3 * error, (engine.scenario_id, tid, p_engine, p_loop)


def test_an_independent_loop_agrees_on_every_target_of_the_us_example():
    plan = read_plan(US_EXAMPLE)[0]
    result = schedule_risk(plan, draws=10_000, drivers=False)
    for sid in result.scenarios:
        _agree(result.scenarios[sid], risk_loops.p_met(plan, sid, 1_000, seed=7), 1_000, 10_000)


@pytest.mark.parametrize("scenario_id", ["BASE", "PERMIT", "DELAY", "SURGE"])
def test_an_independent_loop_agrees_where_the_us_example_is_most_uncertain(scenario_id):
    """Targets on five figures in three years, each at the scenario's deterministic value (P(met) far
    from 0 and 1): the stages, materials, recycling and overrides of the example all count."""
    plan = read_plan(US_EXAMPLE)[0]
    probes = []
    for year in (2026, 2028, 2030):
        probes += [
            target(f"MAG-{year}", "MAGNET", Metric.DOMESTIC_OUTPUT, 0, year),
            target(f"ALY-{year}", "ALLOY", Metric.DOMESTIC_OUTPUT, 0, year),
            target(f"METDY-{year}", "METAL", Metric.DOMESTIC_OUTPUT, 0, year, "Dy"),
            target(f"SEPTB-{year}", "SEP", Metric.CAPACITY, 0, year, "Tb"),
            target(f"SS-{year}", "MAGNET", Metric.SELF_SUFFICIENCY, 0, year),
        ]
    plan.targets = probes
    values = compute(plan, scenario_id).targets.value
    plan.targets = [dataclasses.replace(t, threshold=float(v)) for t, v in zip(probes, values, strict=True)]

    engine = schedule_risk(plan, [scenario_id], draws=10_000, drivers=False).scenarios[scenario_id]
    loop = risk_loops.p_met(plan, scenario_id, 2_000, seed=7)

    assert max(loop.values()) > 0.1  # the check has teeth
    _agree(engine, loop, 2_000, 10_000)


def test_on_the_us_example_the_dy_separation_target_hangs_on_separation_projects():
    plan = read_plan(US_EXAMPLE)[0]
    base = schedule_risk(plan, ["BASE"]).scenarios["BASE"]
    separation = {f.id for f in plan.facilities if f.stage == "SEP"}

    dy = base.target("T-HRE-2028")
    assert 0 < dy.p_met < 1
    assert {facility for facility, _ in dy.top_drivers()} <= separation  # a capacity target: its own stage
    assert dy.top_drivers(1)[0][1] > 0.3  # one project on time lifts the odds by more than 30 points
    nameplate = compute(plan, "BASE", EngineOptions(RiskView.NAMEPLATE)).targets.set_index("target")
    assert dy.p_met < 1 and bool(nameplate.met["T-HRE-2028"])  # met on paper, not in most draws

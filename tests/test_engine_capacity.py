"""Effective capacity: online dates, exact ramp-up, risk views, every facility override, scenario presence."""

from __future__ import annotations

import datetime as dt

import pytest

from reeplanner.engine import EngineOptions, compute, compute_all
from reeplanner.model import (
    CompositionShare,
    Material,
    Override,
    OverrideKind,
    Plan,
    RiskView,
    Status,
)
from tests.builders import facility, planned, scenario


def capacity(result, year: int, stage: str = "MINE", material: str = "NdPr") -> float:
    flows = result.flows
    if stage in ("ALLOY", "MAGNET"):
        material = ""
    row = flows[(flows.year == year) & (flows.stage == stage) & (flows.material == material)]
    assert len(row) == 1
    return float(row.capacity.iloc[0])


def one_mine(fac, start: int = 2025, end: int = 2030, **plan_fields) -> Plan:
    plan = Plan(name="Capacity", start_year=start, end_year=end, **plan_fields)
    plan.facilities = [fac]
    return plan


def test_ramp_share_is_the_exact_mean_over_each_year():
    # Online July 2026 (t0 = 2026 + 6/12 = 2026.5), ramp-up R = 2 years, operating (risk 1).
    mine = planned("M", "MINE", 1000, dt.date(2026, 7, 15), ramp_up_years=2, status=Status.OPERATING)
    result = compute(one_mine(mine), "BASE")
    # 2025: not online yet.
    assert capacity(result, 2025) == 0
    # 2026: mean over [2026, 2027) of clamp((t - 2026.5) / 2): integral 0.5^2 / 2 / 2 = 0.0625.
    assert capacity(result, 2026) == pytest.approx(1000 * 0.0625)
    # 2027: (t - 2026.5) / 2 runs 0.25 -> 0.75, mean 0.5.
    assert capacity(result, 2027) == pytest.approx(1000 * 0.5)
    # 2028: 0.75 -> 1 over half a year (mean 0.875) then 1 for half a year: 0.4375 + 0.5 = 0.9375.
    assert capacity(result, 2028) == pytest.approx(1000 * 0.9375)
    assert capacity(result, 2029) == pytest.approx(1000)


def test_zero_ramp_up_is_a_step_at_the_online_month():
    # Online April 2027: t0 = 2027.25, so 2027 is online for 9 of 12 months.
    mine = planned("M", "MINE", 1000, dt.date(2027, 4, 1), ramp_up_years=0, status=Status.OPERATING)
    result = compute(one_mine(mine), "BASE")
    assert [capacity(result, y) for y in (2026, 2027, 2028)] == pytest.approx([0, 750, 1000])


def test_ramp_up_begun_before_the_horizon_and_a_negative_delay():
    # Online July 2024 (t0 = 2024.5), R = 2: the horizon starts half-way up the ramp.
    mine = planned("M", "MINE", 1000, dt.date(2024, 7, 1), ramp_up_years=2, status=Status.OPERATING)
    plan = one_mine(mine)
    result = compute(plan, "BASE")
    # 2025: (t - 2024.5) / 2 runs 0.25 -> 0.75, mean 0.5. 2026: 0.75 -> 1 for half a year (mean
    # 0.875), then 1: 0.4375 + 0.5 = 0.9375.
    assert [capacity(result, y) for y in (2025, 2026, 2027)] == pytest.approx([500, 937.5, 1000])
    # A delay of -14 months: t0 = 2024.5 - 14/12 = 2023 + 4/12, fully up at 2025 + 4/12. In 2025
    # the ramp runs 5/6 -> 1 for 4 months (mean 11/12, so 11/12 x 4/12 = 11/36), then 1 for
    # 8 months (24/36): share 35/36.
    plan.scenarios.append(scenario("EARLY", "BASE"))
    plan.overrides = [Override("EARLY", OverrideKind.DELAY, -14.0, "M")]
    early = compute(plan, "EARLY")
    assert [capacity(early, y) for y in (2025, 2026)] == pytest.approx([1000 * 35 / 36, 1000])


def test_online_date_derived_from_permitting_and_construction():
    # 2025-01 + 18 months permitting + 12 months construction = 2027.5.
    mine = facility(
        "M",
        "MINE",
        1000,
        status=Status.OPERATING,
        permitting_start=dt.date(2025, 1, 1),
        permitting_months=18,
        construction_months=12,
        ramp_up_years=0,
    )
    plan = one_mine(mine)
    assert capacity(compute(plan, "BASE"), 2027) == pytest.approx(500)
    # A permitting factor of 2 for all facilities: 2025 + 36/12 + 12/12 = 2029.
    plan.scenarios.append(scenario("SLOW", "BASE"))
    plan.overrides = [Override("SLOW", OverrideKind.PERMITTING_FACTOR, 2.0)]
    slow = compute(plan, "SLOW")
    assert [capacity(slow, y) for y in (2028, 2029)] == pytest.approx([0, 1000])


def test_missing_permitting_and_construction_months_count_as_zero():
    mine = facility(
        "M", "MINE", 1000, status=Status.OPERATING, permitting_start=dt.date(2026, 1, 1), ramp_up_years=0
    )
    result = compute(one_mine(mine), "BASE")
    assert [capacity(result, y) for y in (2025, 2026)] == pytest.approx([0, 1000])


def test_delay_shifts_the_online_date_by_its_months():
    mine = planned("M", "MINE", 1000, dt.date(2026, 1, 1), status=Status.OPERATING)
    plan = one_mine(mine)
    plan.scenarios.append(scenario("LATE", "BASE"))
    plan.overrides = [Override("LATE", OverrideKind.DELAY, 6.0, "m")]
    # 2026.0 + 6/12 = 2026.5: half of 2026 online.
    assert capacity(compute(plan, "LATE"), 2026) == pytest.approx(500)
    assert capacity(compute(plan, "BASE"), 2026) == pytest.approx(1000)


def test_operating_without_dates_is_online_before_the_horizon_and_planned_without_dates_is_not():
    plan = one_mine(facility("M", "MINE", 1000, ramp_up_years=2))
    plan.facilities.append(facility("P", "MINE", 700, status=Status.PLANNED))
    result = compute(plan, "BASE")
    assert capacity(result, 2025) == 1000  # only the operating mine, already fully ramped


def test_risk_view_by_status_and_its_inheritance():
    plan = one_mine(planned("M", "MINE", 1000, dt.date(2020, 1, 1), status=Status.PROPOSED))
    plan.scenarios += [
        scenario("FULL", "BASE", risk_view=RiskView.NAMEPLATE),
        scenario("FULL-CHILD", "FULL"),
    ]
    result = compute_all(plan)
    assert capacity(result.scenarios["BASE"], 2025) == pytest.approx(1000 * 0.25)  # proposed
    assert capacity(result.scenarios["FULL"], 2025) == pytest.approx(1000)
    assert result.scenarios["FULL-CHILD"].risk_view is RiskView.NAMEPLATE
    assert capacity(result.scenarios["FULL-CHILD"], 2025) == pytest.approx(1000)
    forced = compute(plan, "BASE", EngineOptions(risk_view=RiskView.NAMEPLATE))
    assert capacity(forced, 2025) == pytest.approx(1000)


@pytest.mark.parametrize(
    ("status", "factor"),
    [
        (Status.OPERATING, 1.0),
        (Status.CONSTRUCTION, 0.9),
        (Status.FINANCED, 0.75),
        (Status.PLANNED, 0.5),
        (Status.PROPOSED, 0.25),
        (Status.CANCELLED, 0.0),
    ],
)
def test_risk_factors_by_status(status, factor):
    plan = one_mine(planned("M", "MINE", 1000, dt.date(2020, 1, 1), status=status))
    assert capacity(compute(plan, "BASE"), 2025) == pytest.approx(1000 * factor)


def test_facility_overrides_cancel_status_capacity_and_risk_factor():
    plan = one_mine(planned("M", "MINE", 1000, dt.date(2020, 1, 1), status=Status.PLANNED))
    plan.scenarios += [scenario(s, "BASE") for s in ("CANCEL", "BUILD", "HALF", "RISKY")]
    plan.overrides = [
        Override("CANCEL", OverrideKind.CANCEL, True, "M"),
        Override("BUILD", OverrideKind.STATUS, Status.CONSTRUCTION, "M"),
        Override("HALF", OverrideKind.CAPACITY_FACTOR, 0.5, "M"),
        Override("RISKY", OverrideKind.RISK_FACTOR, 0.6, "planned"),
    ]
    result = compute_all(plan)
    assert capacity(result.scenarios["BASE"], 2025) == pytest.approx(500)  # planned: 0.5
    assert capacity(result.scenarios["CANCEL"], 2025) == 0
    assert bool(result.scenarios["CANCEL"].facilities.cancelled.iloc[0])
    assert capacity(result.scenarios["BUILD"], 2025) == pytest.approx(900)  # construction: 0.9
    assert capacity(result.scenarios["HALF"], 2025) == pytest.approx(1000 * 0.5 * 0.5)
    assert capacity(result.scenarios["RISKY"], 2025) == pytest.approx(600)


def test_overrides_apply_ancestor_first_then_own_in_row_order():
    plan = one_mine(facility("M", "MINE", 1000))
    plan.scenarios += [scenario("PARENT", "BASE"), scenario("CHILD", "PARENT")]
    plan.overrides = [
        Override("CHILD", OverrideKind.CAPACITY_FACTOR, 0.3, "M"),
        Override("CHILD", OverrideKind.CAPACITY_FACTOR, 0.8, "M"),  # later row wins
        Override("PARENT", OverrideKind.CAPACITY_FACTOR, 0.5, "M"),  # ancestor: applied first
    ]
    result = compute_all(plan)
    assert capacity(result.scenarios["PARENT"], 2025) == pytest.approx(500)
    assert capacity(result.scenarios["CHILD"], 2025) == pytest.approx(800)


def test_facility_exists_in_the_scenarios_it_names_and_their_descendants():
    plan = one_mine(facility("M", "MINE", 1000))
    plan.facilities.append(facility("NEW", "MINE", 300, scenarios=("high",)))
    plan.scenarios += [scenario("HIGH", "BASE"), scenario("HIGHER", "HIGH")]
    result = compute_all(plan)
    assert capacity(result.scenarios["BASE"], 2025) == 1000
    assert capacity(result.scenarios["HIGH"], 2025) == 1300
    assert capacity(result.scenarios["HIGHER"], 2025) == 1300
    assert list(result.scenarios["BASE"].facilities.facility) == ["M"]
    timeline = result.scenarios["BASE"].timeline
    assert list(timeline.scenario_present) == [True, False]


def test_composition_splits_capacity_and_wins_over_material():
    plan = one_mine(facility("M", "MINE", 1000, material="Tb"))
    plan.composition = [CompositionShare("M", "NdPr", 0.8), CompositionShare("M", "Dy", 0.05)]
    result = compute(plan, "BASE")
    assert capacity(result, 2025, material="NdPr") == pytest.approx(800)
    assert capacity(result, 2025, material="Dy") == pytest.approx(50)
    assert capacity(result, 2025, material="Tb") == 0


def test_foreign_facilities_count_only_with_imports():
    plan = one_mine(facility("M", "MINE", 1000))
    plan.facilities.append(facility("CA", "MINE", 400, country="Canada"))
    plan.materials = [Material("NdPr", "", 0.25)]
    result = compute(plan, "BASE")
    row = result.flows[(result.flows.year == 2025) & (result.flows.stage == "MINE")].iloc[0]
    assert row.capacity == 1000
    assert row.output == 1000
    assert row.output_with_imports == 1400


def test_capacity_by_facility_keeps_each_factor():
    plan = one_mine(planned("M", "MINE", 1000, dt.date(2026, 7, 1), ramp_up_years=2, status=Status.PLANNED))
    rows = compute(plan, "BASE").capacity_by_facility
    row = rows[rows.year == 2026].iloc[0]
    assert (row.facility, row.stage, row.material) == ("M", "MINE", "NdPr")
    assert (row.nameplate, row.share, row.capacity_factor, row.risk_factor) == (1000, 1, 1, 0.5)
    assert row.ramp_share == pytest.approx(0.0625)
    assert row.effective == pytest.approx(1000 * 0.5 * 0.0625)


def test_composition_rows_of_a_product_stage_facility_are_ignored():
    plan = one_mine(facility("ALY", "ALLOY", 1000))
    plan.composition = [CompositionShare("ALY", "NdPr", 0.5)]
    result = compute(plan, "BASE")
    assert capacity(result, 2025, "ALLOY") == 1000
    assert capacity(result, 2025, "MAGNET") == 0


def test_a_ramp_up_of_a_few_milliseconds_is_the_step_it_tends_to():
    """1e-320 years (valid: at least 0) was divided by and overflowed (found by the fuzz campaign)."""
    import numpy as np

    from reeplanner.engine.capacity import ramp_shares

    years = np.arange(2025, 2030)
    t0 = np.array([2026.5, 2026.5])
    shares = ramp_shares(t0, np.array([0.0, 1e-320]), years)
    assert shares.tolist() == [[0.0, 0.5, 1.0, 1.0, 1.0]] * 2


def test_a_ramp_up_of_1e308_years_is_barely_begun_without_overflow():
    import numpy as np

    from reeplanner.engine.capacity import ramp_shares

    shares = ramp_shares(np.array([2025.0, 2025.0]), np.array([1e308, 2.0]), np.arange(2025, 2028))
    assert shares[0].max() < 1e-300
    assert shares[1].tolist() == [0.25, 0.75, 1.0]

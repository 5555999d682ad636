"""Engine aggregates for the brief and the window: money by department, kind, status, plant status and
year; stage coverage and the binding constraint; the risk register; identical scenarios."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from reeplanner.engine import compute_all
from reeplanner.engine.constraints import ranked_constraints, stage_coverage
from reeplanner.engine.money import department_of, money_breakdown
from reeplanner.engine.risk import schedule_risk
from reeplanner.engine.risk_register import risk_register
from reeplanner.engine.scenario_groups import differences, identical_groups, same_figures
from reeplanner.model import (
    Agency,
    FundingStatus,
    Metric,
    Override,
    OverrideKind,
    PriceFloor,
    PriceRow,
    Status,
)
from tests.brief_plans import ban_plan, hand_plan
from tests.builders import facility, funding, scenario, target


def money_plan():
    """``ban_plan`` (DoD IBP 100 committed grant, DLA 20 announced stockpile, DOE 50 committed loan
    guarantee, private 30) with 40 of DOD-OSC loan on a planned plant and 15 from an agency with no
    Department."""
    plan = ban_plan()
    plan.facilities.append(facility("MAG-2", "MAGNET", 500, status=Status.PLANNED))
    plan.agencies = [*plan.agencies, Agency("TX", "Texas Enterprise Fund")]
    plan.funding += [
        funding(
            "F5", 40, "MAG-2", agency="DOD-OSC", instrument="OSC", year=2028, status=FundingStatus.PROPOSED
        ),
        funding("F6", 15, "MAG-1", agency="TX", instrument="DOE-GRANT", year=2029),
    ]
    return plan


def test_a_department_sums_its_offices_and_an_agency_without_one_stands_alone():
    plan = money_plan()
    m = money_breakdown(compute_all(plan).scenarios["BASE"])
    rows = {r.department: r for r in m.by_department.itertuples(index=False)}
    # DoD: IBP 100 + DLA 20 + OSC 40 = 160, over its three offices, largest first.
    assert rows["Department of Defense"].total == pytest.approx(160.0)
    assert rows["Department of Defense"].agencies == ("DOD-IBP", "DOD-OSC", "DLA")
    assert (rows["Department of Defense"].committed, rows["Department of Defense"].announced) == (100.0, 20.0)
    assert rows["Department of Defense"].proposed == 40.0
    assert rows["Department of Energy"].total == 50.0
    assert rows["Texas Enterprise Fund"].total == 15.0  # no Department: its own name
    assert department_of(plan, "tx ") == "Texas Enterprise Fund"
    assert list(m.by_department["department"])[0] == "Department of Defense"


def test_public_money_leaves_out_private_lines_everywhere():
    plan = money_plan()
    plan.funding.append(funding("F7", 70, "MAG-1", agency="DOE", instrument="PRIVATE", year=2027))
    result = compute_all(plan).scenarios["BASE"]
    m = money_breakdown(result)
    # Public: 100 + 20 + 50 + 40 + 15 = 225; private: the PRIVATE agency's 30 and DOE's PRIVATE instrument 70.
    assert m.public_total == result.funding_public_total == pytest.approx(225.0)
    assert m.private_total == pytest.approx(100.0)
    for table in (m.by_department, m.by_agency, m.by_kind, m.by_stage, m.by_year):
        assert table["total"].sum() == pytest.approx(225.0)
    assert "PRIVATE" not in set(m.by_agency["agency"])
    assert m.status_totals() == {"committed": 165.0, "announced": 20.0, "proposed": 40.0, "total": 225.0}


def test_money_by_kind_plant_status_and_year():
    m = money_breakdown(compute_all(money_plan()).scenarios["BASE"])
    kinds = dict(zip(m.by_kind["kind"], m.by_kind["total"], strict=True))
    assert kinds == {"grant": 115.0, "loan guarantee": 50.0, "loan": 40.0, "stockpile": 20.0}
    statuses = {r.status: (r.facilities, r.total) for r in m.by_facility_status.itertuples(index=False)}
    assert statuses == {"operating": (3, 185.0), "planned": (1, 40.0)}
    assert m.at_risk_totals()["total"] == 40.0 and m.at_risk_totals()["proposed"] == 40.0
    assert m.public_on(["sep-1", "MAG-2"]) == 160.0
    assert dict(zip(m.by_year["year"], m.by_year["total"], strict=True)) == {
        2026: 100.0,
        2027: 70.0,
        2028: 40.0,
        2029: 15.0,
    }
    assert m.out_year_totals(2027) == {"committed": 15.0, "announced": 0.0, "proposed": 40.0, "total": 55.0}


def test_a_cancel_override_puts_a_plants_money_among_the_cancelled():
    plan = money_plan()
    plan.scenarios.append(scenario("STOP", "BASE", name="Stop"))
    plan.overrides.append(Override("STOP", OverrideKind.CANCEL, True, "MAG-2"))
    m = money_breakdown(compute_all(plan).scenarios["STOP"])
    assert (
        dict(zip(m.by_facility_status["status"], m.by_facility_status["total"], strict=True))["cancelled"]
        == 40.0
    )


def test_price_floor_exposure_per_floor_at_lower_prices():
    """A $100/kg floor on MINE-1's NdPr (1,000 t) with the price at 60: 40 x 1,000 x 1000 / 1e6 = 40 a year;
    prices 25% lower (45): 55; 50% lower (30): 70; over 2026-2027 twice that."""
    plan = hand_plan()
    plan.prices = [PriceRow("NdPr", values={2025: 60.0})]
    plan.price_floors = [PriceFloor("PF", "MINE-1", "NdPr", 100.0, 2026, 2027, "DOD-IBP")]
    m = money_breakdown(compute_all(plan).scenarios["BASE"])
    floor = m.floors.iloc[0]
    assert (floor.department, floor.first_year, floor.last_year) == ("Department of Defense", 2026, 2027)
    assert (floor.exposure, floor.exposure_prices_25_lower, floor.exposure_prices_50_lower) == pytest.approx(
        (80.0, 110.0, 140.0)
    )
    assert m.floor_stress_totals() == pytest.approx((80.0, 110.0, 140.0))
    assert m.floor_totals_after(2026) == pytest.approx((40.0, 55.0, 70.0))


def test_stage_coverage_and_the_binding_constraint_with_its_runners_up():
    """hand_plan in 2028: Separation covers 300 / 418.7 = 72% (the bottleneck); Metal's 600 t covers
    600 / 351.7; magnets 716.5 of 1,000 t are made."""
    result = compute_all(hand_plan()).scenarios["BASE"]
    coverage = stage_coverage(result, 2028).set_index("stage")
    assert coverage.at["SEP", "capacity_share"] == pytest.approx(300 / 418.72, abs=1e-4)
    assert coverage.at["MAGNET", "output_share"] == pytest.approx(0.71646, abs=1e-4)
    assert coverage.at["ALLOY", "gap"] == pytest.approx(1176.47 - 842.90, abs=0.01)
    ranked = ranked_constraints(result, 2028)
    assert (ranked.stage[0], ranked.material[0], bool(ranked.binding[0])) == ("SEP", "NdPr", True)
    assert not ranked.binding[1:].any()
    # From 2029 SEP-2 adds 200 t: nothing binds.
    assert not ranked_constraints(result, 2029).binding.any()
    with pytest.raises(ValueError, match="outside the plan's horizon"):
        stage_coverage(result, 2040)


def test_risk_register_lists_the_plants_that_move_a_target():
    """One planned magnet plant decides whether 1,500 t/yr of magnets are made in 2030."""
    plan = hand_plan()
    plan.facilities.append(
        dataclasses.replace(
            facility("MAG-2", "MAGNET", 1500, status=Status.PLANNED),
            online=dt.date(2028, 1, 1),
            ramp_up_years=0,
        )
    )
    plan.facilities[4] = dataclasses.replace(plan.facilities[4], capacity=6000)  # alloy is no limit
    plan.facilities[1] = dataclasses.replace(plan.facilities[1], capacity=3000)  # nor separation
    plan.facilities[3] = dataclasses.replace(plan.facilities[3], capacity=3000)  # nor metal

    plan.targets = [target("T-BIG", "MAGNET", Metric.CAPACITY, 3000, 2030)]
    plan.funding.append(
        funding("F9", 25, "MAG-2", agency="DOE", instrument="LPO", status=FundingStatus.ANNOUNCED)
    )
    result = compute_all(plan).scenarios["BASE"]
    risk = schedule_risk(plan, draws=2000).scenarios["BASE"]
    register = risk_register(result, risk)
    assert list(register.facility) == ["MAG-2"]
    row = register.iloc[0]
    # Planned: cancelled one time in four; secured, the target is always met.
    assert row.cancel_probability == 0.25 and row.slip_likely_months == 12
    assert row.targets == ("T-BIG",) and row.gains[0] == pytest.approx(1 - row.p_met[0])
    assert (row.public_money, row.committed_money) == (25.0, 0.0)
    assert row.online.year == 2028


def test_identical_scenarios_are_grouped_and_differences_are_from_the_base():
    plan = ban_plan()
    plan.scenarios.append(scenario("SAME", "BASE", name="Same"))
    results = list(compute_all(plan).scenarios.values())
    assert identical_groups(results) == [["BASE", "SAME"], ["BAN"]]
    # Domestic self-sufficiency is the same in all three: one line on a chart.
    assert identical_groups(results, ["self_sufficiency"], horizon=False, targets=False) == [
        ["BASE", "BAN", "SAME"]
    ]
    assert same_figures(results[0], results[1], ["unmet_demand"], years=[2029, 2030])
    frame = differences(results, [2027], ["unmet_demand"]).set_index("scenario")
    assert frame.at["BAN", "difference"] == pytest.approx(1000 - 716.46, abs=0.01)
    assert frame.at["SAME", "difference"] == 0.0

"""The figures the timeline, comparison and agency views show: schedules and what a scenario moves,
headline figures side by side and why two scenarios give the same ones, scenario changes in words,
and who owns what from mine to magnet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pytest

from reeplanner.engine import compute, compute_all
from reeplanner.engine.agencies import NO_FACILITY, agency_matrix
from reeplanner.engine.comparison import DOMESTIC_FIGURES, EVERY_FIGURE, headlines, sameness
from reeplanner.engine.coordination import coordination_rows
from reeplanner.engine.scenario_changes import ABROAD, DOMESTIC_CHAIN, PRICES, scenario_changes
from reeplanner.engine.schedule import dating_field, differs, online_shift_months, schedule
from reeplanner.model import (
    Material,
    Metric,
    Override,
    OverrideKind,
    PriceRow,
    RiskView,
    Status,
    SupplySource,
)
from tests.builders import chain_plan, facility, funding, scenario, target


def scheduled_plan():
    """The five-stage chain (NdPr only) plus NEW, a metal plant permitted from January 2026 (12
    months), built in 12 months: construction from January 2027, online January 2028, full output
    2030. Metal (600 t) holds the chain back, so NEW raises magnet output once online (the magnet
    plant has room: 5,000 t)."""
    plan = chain_plan(2025, 2032)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities = [
        dataclasses.replace(f, capacity=5000.0) if f.id == "MAG-1" else f for f in plan.facilities
    ]
    plan.facilities.append(
        facility(
            "NEW",
            "METAL",
            500,
            status=Status.PLANNED,
            name="New metal",
            permitting_start=dt.date(2026, 1, 15),
            permitting_months=12,
            construction_months=12,
            ramp_up_years=2,
        )
    )
    plan.scenarios = [
        scenario("BASE", name="Base case"),
        scenario("LATE", "BASE", name="Late"),
        scenario("FAST", "BASE", name="Fast permits"),
        scenario("DROP", "BASE", name="Dropped"),
        scenario("FIN", "BASE", name="Financed"),
    ]
    plan.overrides = [
        Override("LATE", OverrideKind.DELAY, 6.0, "NEW"),
        Override("FAST", OverrideKind.PERMITTING_FACTOR, 0.5),
        Override("DROP", OverrideKind.CANCEL, True, "NEW"),
        Override("FIN", OverrideKind.STATUS, Status.FINANCED, "NEW"),
    ]
    return plan


def new_index(plan) -> int:
    return next(i for i, f in enumerate(plan.facilities) if f.id == "NEW")


# -- schedules -----------------------------------------------------------------------------------


def test_schedule_phases_match_the_timeline_table():
    plan = scheduled_plan()
    result = compute(plan, "BASE")
    f = new_index(plan)
    times = schedule(result).starts()[:, f]
    assert times.tolist() == pytest.approx([2026.0, 2027.0, 2028.0, 2030.0])
    row = result.timeline.set_index("facility").loc["NEW"]
    assert (row.permitting_start, row.online, row.ramp_end) == (
        dt.date(2026, 1, 1),
        dt.date(2028, 1, 1),
        dt.date(2030, 1, 1),
    )
    # Operating with no dates: online before the horizon.
    mine = plan.facilities.index(next(x for x in plan.facilities if x.id == "MINE-1"))
    assert schedule(result).online[mine] == -math.inf


def test_a_delay_and_a_permitting_factor_move_a_facility_and_a_status_does_not():
    plan = scheduled_plan()
    results = compute_all(plan)
    base = schedule(results.scenario("BASE"))
    f = new_index(plan)
    late, fast = schedule(results.scenario("LATE")), schedule(results.scenario("FAST"))
    assert differs(late, base)[f] and online_shift_months(late, base)[f] == 6
    assert late.construction_start[f] == base.construction_start[f]  # the delay moves Online only
    # Permitting halved: construction from July 2026, online July 2027, 6 months earlier.
    assert fast.construction_start[f] == pytest.approx(2026.5)
    assert online_shift_months(fast, base)[f] == -6
    dropped = schedule(results.scenario("DROP"))
    assert dropped.cancelled[f] and differs(dropped, base)[f]
    financed = schedule(results.scenario("FIN"))
    assert financed.status_of(f) is Status.FINANCED and not differs(financed, base)[f]
    assert not differs(late, base)[np.arange(len(plan.facilities)) != f].any()


def test_the_date_a_drag_moves_is_online_when_given_else_permitting_start():
    plan = scheduled_plan()
    new = plan.facilities[new_index(plan)]
    assert dating_field(new) == "permitting_start"
    assert dating_field(dataclasses.replace(new, online=dt.date(2029, 1, 1))) == "online"
    assert dating_field(plan.facilities[0]) is None  # operating, no dates


# -- scenario changes in words -------------------------------------------------------------------


def test_scenario_changes_are_written_out_with_inherited_ones_first():
    plan = scheduled_plan()
    plan.scenarios.append(scenario("LATER", "LATE", name="Later still", risk_view=RiskView.NAMEPLATE))
    plan.overrides.append(Override("LATER", OverrideKind.CAPACITY_FACTOR, 0.5, "MAG-1"))
    plan.supply = [SupplySource("CN-DY", "Chinese Dy", "China", "METAL", 50, False, "NdPr")]
    plan.overrides.append(Override("LATER", OverrideKind.SUPPLY_FACTOR, 0.0, "CN-DY"))
    prep = compute(plan, "BASE").arrays.prep
    changes = scenario_changes(prep, "LATER")
    assert [(c.text, c.scenario, c.reach) for c in changes] == [
        ("New metal (NEW) online 6 months later", "LATE", DOMESTIC_CHAIN),
        ("counts every project at full nameplate (nameplate view)", "LATER", DOMESTIC_CHAIN),
        ("Mag-1 (MAG-1) at 50% of its capacity (capacity factor 0.5)", "LATER", DOMESTIC_CHAIN),
        ("supply of Chinese Dy (CN-DY) x 0 (cut off)", "LATER", ABROAD),
    ]
    assert scenario_changes(prep, "BASE") == []
    fast = scenario_changes(prep, "FAST")
    assert [c.text for c in fast] == ["every permitting period x 0.5"]


# -- headlines and sameness ------------------------------------------------------------------------


def test_headlines_are_the_engines_figures_by_year():
    plan = scheduled_plan()
    plan.targets = [
        target("T1", "MAGNET", Metric.DOMESTIC_OUTPUT, 1, 2026, owner_agency="DOE"),
        target("T2", "MAGNET", Metric.DOMESTIC_OUTPUT, 1e6, 2026, owner_agency="DOE"),
    ]
    plan.funding = [
        funding("F1", 100, "NEW", year=2026),
        funding("F2", 40, "NEW", agency="PRIVATE", year=2026),
        funding("F3", 25, "", year=2027),
        funding("F4", 10, "NEW", year=2040),  # after the horizon: in the total, in no year
    ]
    result = compute(plan, "BASE")
    h = headlines(result)
    magnet = result.magnet
    assert h.domestic.tolist() == pytest.approx(magnet["domestic_magnet_output"].tolist())
    assert h.allied.tolist() == pytest.approx(magnet["magnet_output_allied"].tolist())
    assert h.unmet_demand.tolist() == pytest.approx(magnet["unmet_demand"].tolist())
    assert h.targets_due(2026) == (1, 2)
    assert h.targets_due(2027) == (0, 0)
    assert dict(zip(h.years, h.public_funding.tolist(), strict=True))[2026] == 100
    assert dict(zip(h.years, h.public_funding.tolist(), strict=True))[2027] == 25
    assert h.public_funding_total == 135 and h.funding_total == 175
    assert h.bottleneck[0] == (
        magnet["bottleneck"].iloc[0] or "",
        magnet["bottleneck_material"].iloc[0] or "",
    )


def test_scenarios_with_the_same_figures_are_named_with_the_reason():
    plan = scheduled_plan()
    plan.supply = [SupplySource("CN-MAG", "Chinese magnets", "China", "MAGNET", 300, False)]
    plan.scenarios += [scenario("BAN", "BASE", name="Ban"), scenario("COPY", "BASE", name="Copy")]
    plan.overrides.append(Override("BAN", OverrideKind.SUPPLY_FACTOR, 0.0, "CN-MAG"))
    results = compute_all(plan)
    found = {s.scenario_id: s for s in sameness(results, ["BASE", "LATE", "BAN", "COPY", "FIN"])}
    assert "LATE" not in found  # the plant comes six months later: output differs
    ban = found["BAN"]
    assert (ban.same_as, ban.scope) == ("BASE", DOMESTIC_FIGURES)
    assert ban.reason == (
        "no override touches the domestic chain: what differs (CN-MAG) reaches only supply from abroad "
        "(the allied and with-imports figures)"
    )
    assert (found["COPY"].same_as, found["COPY"].scope) == ("BASE", EVERY_FIGURE)
    assert found["COPY"].reason == "it changes nothing the other does not"
    # FIN makes NEW financed: a status changes its risk factor, so its output (and figures) differ.
    assert "FIN" not in found


def test_a_scenarios_own_prices_reach_only_the_price_floor_exposure():
    plan = scheduled_plan()
    plan.prices = [PriceRow("NdPr", values={2025: 60.0}), PriceRow("NdPr", "HIGH", values={2025: 90.0})]
    plan.scenarios.append(scenario("HIGH", "BASE", name="High prices"))
    prep = compute(plan, "BASE").arrays.prep
    assert [(c.text, c.reach) for c in scenario_changes(prep, "HIGH")] == [
        ("its own NdPr prices (Prices table)", PRICES)
    ]
    found = sameness(compute_all(plan), ["BASE", "HIGH"])
    # No floor: the exposure is nil either way, so every figure is the same.
    assert [(s.scenario_id, s.scope) for s in found] == [("HIGH", EVERY_FIGURE)]
    assert found[0].reason == (
        "no override touches the domestic chain, and what differs (NdPr prices) moves no figure inside 2025-2032"
    )


def test_an_override_that_moves_nothing_inside_the_horizon_is_named():
    plan = scheduled_plan()
    plan.scenarios.append(scenario("OLD", "BASE", name="Old plant late"))
    plan.overrides.append(Override("OLD", OverrideKind.DELAY, 12.0, "MINE-1"))  # online before the horizon
    found = sameness(compute_all(plan), ["BASE", "OLD"])
    assert [(s.scenario_id, s.scope) for s in found] == [("OLD", EVERY_FIGURE)]
    assert found[0].reason == "what differs (MINE-1) moves no figure inside 2025-2032"


# -- agencies -------------------------------------------------------------------------------------


def test_agency_matrix_gives_money_leads_targets_owners_and_gaps_without_owner():
    plan = scheduled_plan()
    plan.stages = [dataclasses.replace(s, owner_agency="DOE") if s.id == "MAGNET" else s for s in plan.stages]
    plan.facilities = [
        dataclasses.replace(f, lead_agency="DOC") if f.id == "NEW" else f for f in plan.facilities
    ]
    plan.targets = [target("T1", "MAGNET", Metric.DOMESTIC_OUTPUT, 1, 2026, owner_agency="DOD-IBP")]
    plan.funding = [
        funding("F1", 100, "NEW", agency="DOC"),
        funding("F2", 40, "NEW", agency="DOC", instrument="PRIVATE"),
        funding("F3", 25, "", agency="DOE"),
    ]
    plan.demand[0] = dataclasses.replace(plan.demand[0], values={y: 5000.0 for y in plan.years})
    matrix = agency_matrix(compute(plan, "BASE"), 2026)
    doc = matrix.role("DOC", "METAL")
    assert (doc.money, doc.public_money, doc.facilities) == (140, 100, ["NEW"])
    assert matrix.role("DOE", "MAGNET").owns_stage
    assert matrix.role("DOD-IBP", "MAGNET").targets == ["T1"]
    assert matrix.role("DOE", NO_FACILITY).money == 25 and matrix.stages[-1] == NO_FACILITY
    assert matrix.role("DOS", "SEP").empty
    # Demand of 5,000 t of magnets: every stage falls short; only MAGNET has an owner.
    assert matrix.gap_without_owner("SEP") and not matrix.gap_without_owner("MAGNET")
    assert matrix.gaps["sep"] > 0
    assert agency_matrix(compute(plan, "BASE"), 1990).gaps == {}  # outside the horizon


def test_coordination_rows_are_the_frames_rows():
    plan = scheduled_plan()
    plan.targets = [target("LOOSE", "MAGNET", Metric.DOMESTIC_OUTPUT, 1, 2026)]
    result = compute(plan, "BASE")
    frame = result.coordination
    assert [tuple(r) for r in frame.itertuples(index=False)] == coordination_rows(result.arrays)
    assert ("target-without-owner", "LOOSE") in [(r[0], r[1]) for r in coordination_rows(result.arrays)]

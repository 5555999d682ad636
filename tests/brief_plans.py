"""Plans for the brief's tests: a small hand-computed chain and a realistic US mine-to-magnet plan."""

from __future__ import annotations

import datetime as dt

from reeplanner.model import (
    DemandRow,
    FundingStatus,
    Metric,
    Override,
    OverrideKind,
    Plan,
    Status,
    SupplySource,
)
from tests.builders import chain_plan, facility, funding, planned, scenario, target


def hand_plan() -> Plan:
    """``chain_plan`` (2025-2030) with a second separation plant online in 2028, targets and funding.

    Base case, by hand (default yields SEP 0.92, METAL 0.84, ALLOY 0.97, MAGNET 0.85; NdPr content 0.29):
    - magnet demand 1,000 t/yr; requirement NdPr at METAL = 1,000 / 0.85 / 0.97 x 0.29 / 0.84 ... the
      chain is limited upstream: mine 1,000 t -> SEP min(800, 0.92 x 1,000 = 920) = 800 t
      -> METAL min(600, 0.84 x 800 = 672) = 600 t -> ALLOY min(3,000, 0.97 x 600 / 0.29 = 2,006.9) = 2,006.9 t
      -> MAGNET min(2,000, 0.85 x 2,006.9 = 1,705.9) = 1,705.9 t >= demand 1,000.
    Tests that need exact figures state them beside the plan they build.
    """
    plan = chain_plan(2025, 2030)
    plan.name = "Hand plan"
    plan.facilities.append(planned("SEP-2", "SEP", 500, dt.date(2028, 1, 1), status=Status.OPERATING))
    plan.funding = [
        funding("F1", 100, "SEP-1", agency="DOD-IBP", instrument="DPA3", year=2026, source="DoD News, 2024"),
        funding("F2", 50, "MET-1", agency="DOE", instrument="LPO", year=2027, source="DOE LPO press release"),
        funding("F3", 30, "MAG-1", agency="PRIVATE", instrument="PRIVATE", year=2027),
    ]
    plan.targets = [
        target("T-MAG", "MAGNET", Metric.DOMESTIC_OUTPUT, 1500, 2027, description="Magnets 1,500 t by 2027"),
    ]
    return plan


def us_plan() -> Plan:
    """A US mine-to-magnet plan in the spirit of the example, with three scenarios (figures illustrative)."""
    plan = Plan(name="US mine to magnet (illustrative)", start_year=2025, end_year=2035)
    usgs = "USGS Mineral Commodity Summaries 2025"
    plan.facilities = [
        facility("MP-MINE", "MINE", 7000, name="Mountain Pass mine", source=usgs, lead_agency="DOI"),
        facility("MP-SEP", "SEP", 6000, name="Mountain Pass separation", source="MP Materials 10-K 2024"),
        planned(
            "LYNAS-TX",
            "SEP",
            5000,
            dt.date(2027, 7, 1),
            2,
            Status.FINANCED,
            name="Lynas Seadrift heavy/light separation",
            source="DoD IBAS award, June 2022",
            notes="Aug 2025: 'significant uncertainty'",
        ),
        planned(
            "EF-WHITE",
            "SEP",
            1000,
            dt.date(2026, 1, 1),
            1,
            Status.CONSTRUCTION,
            name="Energy Fuels White Mesa Phase 1",
            source="Energy Fuels, 2024",
        ),
        planned(
            "MP-METAL",
            "METAL",
            1200,
            dt.date(2026, 6, 1),
            2,
            Status.CONSTRUCTION,
            name="MP Fort Worth metal",
            source="MP Materials 10-K 2024",
        ),
        planned(
            "EVAC-SC",
            "ALLOY",
            2000,
            dt.date(2025, 10, 1),
            1,
            Status.CONSTRUCTION,
            name="e-VAC Sumter alloy",
            source="OASD IBP MCEIP award 2023",
        ),
        planned(
            "MP-FTW",
            "MAGNET",
            1000,
            dt.date(2025, 10, 1),
            2,
            Status.CONSTRUCTION,
            name="MP Independence magnets",
            source="MP Materials 10-K 2024",
        ),
        facility(
            "MP-10X",
            "MAGNET",
            7000,
            status=Status.PLANNED,
            name="MP 10X magnet plant",
            permitting_start=dt.date(2025, 9, 1),
            permitting_months=12,
            construction_months=24,
            ramp_up_years=2,
            source="DoD-MP Materials agreement, July 2025",
        ),
        facility(
            "VULCAN",
            "MAGNET",
            10000,
            status=Status.PROPOSED,
            name="Vulcan Elements magnets",
            permitting_start=dt.date(2026, 1, 1),
            permitting_months=18,
            construction_months=30,
            ramp_up_years=3,
            source="OSC conditional loan, Nov 2025",
        ),
        facility(
            "NOVEON",
            "MAGNET",
            2000,
            name="Noveon Magnetics (recycled feed)",
            source="Noveon company post",
        ),
    ]
    plan.facilities = [f for f in plan.facilities]
    plan.supply = [
        SupplySource(
            "CN-MAG", "China magnet exports", "CN", "MAGNET", 15000, False, source="Adamas Intelligence 2024"
        ),
    ]
    plan.demand = [
        DemandRow("Defense", values={y: 500.0 for y in plan.years}, source="GAO-24-106959"),
        DemandRow(
            "EV",
            values={y: 9000.0 + 900 * (y - 2025) for y in plan.years},
            source="Industry estimate (illustrative)",
        ),
        DemandRow(
            "Industrial", values={y: 8000.0 for y in plan.years}, source="Industry estimate (illustrative)"
        ),
    ]
    plan.funding = [
        funding("F-MP-DPA", 9.6, "MP-SEP", "DOD-IBP", "DPA3", 2020, source="DoD News, Nov 2020"),
        funding("F-MP-IBAS", 35, "MP-SEP", "DOD-IBP", "IBAS", 2022, source="DoD News, Feb 2022"),
        funding(
            "F-MP-EQ",
            400,
            "MP-10X",
            "DOD-IBP",
            "EQUITY",
            2025,
            source="DoD-MP Materials agreement, July 2025",
        ),
        funding(
            "F-MP-LOAN", 150, "MP-SEP", "DOD-IBP", "OSC", 2025, source="DoD-MP Materials agreement, July 2025"
        ),
        funding("F-LYN", 258, "LYNAS-TX", "DOD-IBP", "IBAS", 2023, source="DoD IBAS award, June 2022"),
        funding("F-EVAC", 94.1, "EVAC-SC", "DOD-IBP", "MCEIP", 2023, source="OASD IBP MCEIP award 2023"),
        funding(
            "F-EVAC-48C", 111.8, "EVAC-SC", "DOE", "48C", 2024, FundingStatus.ANNOUNCED, source="DOE 48C list"
        ),
        funding(
            "F-VUL", 620, "VULCAN", "DOD-IBP", "OSC", 2025, FundingStatus.ANNOUNCED, source="OSC, Nov 2025"
        ),
        funding(
            "F-VUL-DOC", 50, "VULCAN", "DOC", "CHIPS", 2026, FundingStatus.PROPOSED, source="Commerce LOI"
        ),
        funding("F-PRIV", 1000, "MP-10X", "PRIVATE", "PRIVATE", 2025, source="JPMorgan/Goldman financing"),
    ]
    plan.targets = [
        target(
            "T-MAG-2028",
            "MAGNET",
            Metric.DOMESTIC_OUTPUT,
            10000,
            2028,
            description="Domestic magnets 10,000 t/yr",
        ),
        target(
            "T-SS-2030",
            "MAGNET",
            Metric.SELF_SUFFICIENCY,
            50,
            2030,
            description="Magnet self-sufficiency 50%",
        ),
        target(
            "T-SEP-2027",
            "SEP",
            Metric.CAPACITY,
            8000,
            2027,
            material="NdPr",
            description="NdPr separation 8,000 t/yr",
            owner_agency="DOD-IBP",
        ),
    ]
    plan.scenarios = [
        scenario("BASE", name="Base case"),
        scenario("DELAY", "BASE", name="10X delayed two years"),
        scenario("SURGE", "BASE", name="Funding surge"),
    ]
    plan.overrides = [
        Override("DELAY", OverrideKind.DELAY, 24.0, "MP-10X"),
        Override("SURGE", OverrideKind.STATUS, Status.FINANCED, "VULCAN"),
        Override("SURGE", OverrideKind.PERMITTING_FACTOR, 0.5),
    ]
    return plan

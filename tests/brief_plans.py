"""Plans for the brief's tests: a small hand-computed chain and a realistic US mine-to-magnet plan."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reeplanner.model import (
    CompositionShare,
    DemandRow,
    FundingStatus,
    Material,
    Metric,
    Override,
    OverrideKind,
    Plan,
    Status,
    SupplySource,
)
from tests.builders import demand, facility, funding, planned, scenario, target


def hand_plan() -> Plan:
    """NdPr only (content 0.29), 2025-2030, 1,000 t/yr of magnets wanted; every facility operating, no ramp-up.

    Default yields SEP 0.92, METAL 0.84, ALLOY 0.97, MAGNET 0.85. Requirement: MAGNET 1,000;
    ALLOY 1,000 / 0.85 = 1,176.5; METAL 1,176.5 x 0.29 / 0.97 = 351.7; SEP 351.7 / 0.84 = 418.7;
    MINE 418.7 / 0.92 = 455.1.
    Output 2025-2028: MINE 1,000; SEP min(300, 0.92 x 1,000) = 300; METAL min(600, 0.84 x 300) = 252;
    ALLOY min(3,000, 0.97 x 252 / 0.29) = 842.9; MAGNET min(2,000, 0.85 x 842.9) = 716.5 -> 72 %.
    Separation covers 300 / 418.7 = 0.72 of its requirement, the least: the bottleneck.
    Stranded at the mine: 1,000 - 300 / 0.92 = 673.9 t.
    From 2029 SEP-2 adds 200 t: SEP 500, METAL 420, ALLOY 1,404.8, MAGNET 1,194.1 -> 119 %; no bottleneck.
    Public funding 100 (DoD IBP) + 50 (DOE) = 150; 30 more is private.
    """
    plan = Plan(name="Hand plan", start_year=2025, end_year=2030)
    plan.materials = [Material("NdPr", "Neodymium-praseodymium", 0.29)]
    plan.facilities = [
        facility("MINE-1", "MINE", 1000, ramp_up_years=0, name="Hand mine", source="USGS MCS 2025"),
        facility("SEP-1", "SEP", 300, ramp_up_years=0, name="Hand separation", source="Company 10-K"),
        planned(
            "SEP-2", "SEP", 200, dt.date(2029, 1, 1), status=Status.OPERATING, notes="Expansion, per press"
        ),
        facility("MET-1", "METAL", 600, ramp_up_years=0, source="usgs mcs 2025"),
        facility("ALY-1", "ALLOY", 3000, ramp_up_years=0),
        facility("MAG-1", "MAGNET", 2000, ramp_up_years=0),
    ]
    plan.demand = [demand({y: 1000 for y in plan.years})]
    plan.demand[0] = DemandRow("EV", values=plan.demand[0].values, source="Industry estimate")
    plan.funding = [
        funding("F1", 100, "SEP-1", agency="DOD-IBP", instrument="DPA3", year=2026, source="DoD News, 2024"),
        funding("F2", 50, "MET-1", agency="DOE", instrument="LPO", year=2027, source="DOE LPO press release"),
        funding("F3", 30, "MAG-1", agency="PRIVATE", instrument="PRIVATE", year=2027),
    ]
    plan.targets = [
        target("T-MAG", "MAGNET", Metric.DOMESTIC_OUTPUT, 700, 2027, description="Magnets 700 t/yr"),
        target("T-SS", "MAGNET", Metric.SELF_SUFFICIENCY, 80, 2028, description="Self-sufficiency 80%"),
    ]
    return plan


def us_plan() -> Plan:
    """A US mine-to-magnet plan in the spirit of the example, with three scenarios (figures illustrative)."""
    plan = Plan(name="US mine to magnet (illustrative)", start_year=2025, end_year=2035)
    usgs = "USGS Mineral Commodity Summaries 2025"
    plan.facilities = [
        facility(
            "MP-MINE", "MINE", 7000, material="", name="Mountain Pass mine", source=usgs, lead_agency="DOI"
        ),
        facility(
            "MP-SEP",
            "SEP",
            6000,
            material="",
            name="Mountain Pass separation",
            source="MP Materials 10-K 2024",
        ),
        planned(
            "LYNAS-TX",
            "SEP",
            5000,
            dt.date(2027, 7, 1),
            2,
            Status.FINANCED,
            material="",
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
            material="",
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
    plan.composition = [
        CompositionShare(fid, material, share)
        for fid in ("MP-MINE", "MP-SEP", "LYNAS-TX", "MP-METAL")
        for material, share in (("NdPr", 0.94), ("Dy", 0.045), ("Tb", 0.015))
    ]
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


def ban_plan() -> Plan:
    """``hand_plan`` with 400 t/yr of Chinese magnets, a BAN scenario that cuts them to nothing, a
    Defense Logistics Agency line, an official magnet target and the Plan fields of page 1.

    Magnets with imports: 716.5 + 400 = 1,116.5 t against 1,000 t of demand: nobody goes short in
    Base case. BAN: 716.5 t, so 1,000 - 716.5 = 283.5 t unmet in 2025-2028; from 2029 SEP-2 lifts
    domestic output to 1,194.1 t and nobody goes short.
    Public money: DoD 100 (IBP, DPA3 grant, committed) + 20 (DLA, stockpile, announced) = 120 over
    two offices; DOE 50 (LPO loan guarantee, committed): 170 public, 150 committed; 30 private.
    """
    plan = hand_plan()
    plan.as_of = dt.date(2026, 1, 31)
    plan.prepared_by = "Office of Strategic Planning"
    plan.point_of_contact = "J. Analyst, 555-0100"
    plan.classification = "UNCLASSIFIED//FOUO"
    plan.supply = [SupplySource("CN-MAG", "Chinese magnets", "CN", "MAGNET", 400.0, False)]
    plan.funding.append(
        funding("F4", 20, "SEP-1", agency="DLA", instrument="NDS", year=2027, status=FundingStatus.ANNOUNCED)
    )
    plan.targets = [
        dataclasses.replace(plan.targets[0], official=True),
        plan.targets[1],
    ]
    plan.scenarios = [scenario("BASE", name="Base case"), scenario("BAN", "BASE", name="Ban")]
    plan.overrides = [Override("BAN", OverrideKind.SUPPLY_FACTOR, 0.0, "CN-MAG")]
    return plan

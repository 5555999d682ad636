"""A seeded generator of realistic synthetic plans for benchmarks.

``synthetic_plan(n_facilities, n_scenarios=5, years=30)`` spreads facilities
over the default chain plus RECYCLE, with composition mixes, every status,
dates, foreign plants, funding lines, demand segments, supply sources,
targets and scenarios with overrides. The same arguments give the same plan.
"""

from __future__ import annotations

import datetime as dt
import random

from reeplanner.model import (
    CapacityBasis,
    CompositionShare,
    DemandRow,
    Facility,
    FundingLine,
    FundingStatus,
    Metric,
    Override,
    OverrideKind,
    Plan,
    PriceFloor,
    PriceRow,
    RiskView,
    Scenario,
    Stage,
    Status,
    SupplySource,
    Target,
)

START_YEAR = 2025
#: (stage, share of facilities, typical nameplate t/yr)
STAGE_MIX = (("MINE", 0.25, 4000), ("SEP", 0.2, 2500), ("METAL", 0.2, 1500), ("ALLOY", 0.1, 3000),
             ("MAGNET", 0.2, 2000), ("RECYCLE", 0.05, 300))  # fmt: skip
STATUS_WEIGHTS = {Status.OPERATING: 3, Status.CONSTRUCTION: 2, Status.FINANCED: 2, Status.PLANNED: 3,
                  Status.PROPOSED: 3, Status.CANCELLED: 1}  # fmt: skip
COUNTRIES = ("US", "US", "US", "", "AU", "CA", "JP", "CN")  # ISO codes, as files hold them
AGENCIES = ("DOD-IBP", "DOE", "DOC", "DFC", "EXIM", "DLA", "PRIVATE")
INSTRUMENTS = ("DPA3", "IBAS", "OSC", "LPO", "DOE-GRANT", "48C", "OFFTAKE", "PRIVATE")
SEGMENTS = ("Defense", "EV", "Wind", "Industrial", "Consumer")


def synthetic_plan(n_facilities: int, n_scenarios: int = 5, years: int = 30, seed: int = 1) -> Plan:
    rng = random.Random(seed)
    plan = Plan(name=f"Synthetic {n_facilities}", start_year=START_YEAR, end_year=START_YEAR + years - 1)
    plan.stages = plan.stages + [Stage("RECYCLE", "Recycling", 9, CapacityBasis.MATERIAL, 0.9)]
    plan.scenarios = _scenarios(n_scenarios)
    materials = [m.id for m in plan.materials]
    for i in range(n_facilities):
        plan.facilities.append(_facility(rng, i, materials, plan.scenarios))
        fac = plan.facilities[-1]
        if fac.stage == "MINE" and not fac.material:
            plan.composition += [
                CompositionShare(fac.id, "NdPr", 0.8),
                CompositionShare(fac.id, "Dy", 0.05),
                CompositionShare(fac.id, "Tb", 0.01),
            ]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            plan.funding.append(_funding(rng, len(plan.funding), fac.id, plan))
    for _ in range(max(1, n_facilities // 50)):
        plan.funding.append(_funding(rng, len(plan.funding), "", plan))
    plan.demand = [
        DemandRow(seg, values={y: round(base * (1.05 ** (y - START_YEAR)), 1) for y in plan.years})
        for seg, base in zip(SEGMENTS, (2000, 30000, 12000, 8000, 10000), strict=True)
    ]
    plan.demand.append(DemandRow("Stockpile", "SEP", "Dy", values={y: 50.0 for y in plan.years}))
    plan.supply = _supply(rng, max(3, n_facilities // 50))
    plan.targets = [
        Target("T-MAG", "Domestic magnets", "MAGNET", Metric.DOMESTIC_OUTPUT, 10000, START_YEAR + 5, "", "DOD-IBP"),
        Target("T-SEP", "NdPr separation", "SEP", Metric.CAPACITY, 5000, START_YEAR + 3, "NdPr", "DOE"),
        Target("T-SS", "Self-sufficiency", "MAGNET", Metric.SELF_SUFFICIENCY, 50, START_YEAR + 10),
    ]  # fmt: skip
    plan.overrides = _overrides(rng, plan)
    plan.prices, plan.price_floors = _prices_and_floors(rng, plan)
    return plan


def _prices_and_floors(rng: random.Random, plan: Plan) -> tuple[list[PriceRow], list[PriceFloor]]:
    """Price paths for each material (and a low case for one scenario), and floors on one domestic
    separation plant in 100."""
    base = {"NdPr": 60.0, "Dy": 250.0, "Tb": 800.0}
    prices = [
        PriceRow(m, values={y: round(p * rng.uniform(0.7, 1.4), 1) for y in plan.years[::3]})
        for m, p in base.items()
    ]
    prices.append(PriceRow("NdPr", plan.scenarios[-1].id, values={plan.start_year: 40.0}))
    eligible = [f for f in plan.facilities if f.stage == "SEP" and f.material and f.country in ("US", "")]
    floors = [
        PriceFloor(
            f"PF{i:04d}", f.id, f.material, base[f.material] * 1.5, plan.start_year, plan.start_year + 10,
            "DOD-OSC", rng.choice((1.0, 0.5)),
        )
        for i, f in enumerate(eligible[: max(1, len(plan.facilities) // 100)])
    ]  # fmt: skip
    return prices, floors


def _scenarios(n: int) -> list[Scenario]:
    names = [
        ("BASE", "Base case", "", None),
        ("DELAY", "Delays", "BASE", None),
        ("HIGH", "High demand", "BASE", None),
        ("CUT", "Supply cut", "DELAY", None),
        ("NAMEPLATE", "Nameplate", "BASE", RiskView.NAMEPLATE),
    ]
    out = [Scenario(*row) for row in names[:n]]
    out += [Scenario(f"S{i}", f"Scenario {i}", "BASE") for i in range(len(out), n)]
    return out


def _facility(rng: random.Random, i: int, materials: list[str], scenarios: list[Scenario]) -> Facility:
    stage, _, size = rng.choices(STAGE_MIX, weights=[w for _, w, _ in STAGE_MIX])[0]
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    fields: dict = {"ramp_up_years": rng.choice((0, 1, 2, 2, 3))}
    if status is not Status.OPERATING or rng.random() < 0.3:
        if rng.random() < 0.5:
            fields["online"] = dt.date(rng.randint(START_YEAR - 2, START_YEAR + 12), rng.randint(1, 12), 1)
        else:
            fields["permitting_start"] = dt.date(
                rng.randint(START_YEAR - 3, START_YEAR + 6), rng.randint(1, 12), 1
            )
            fields["permitting_months"] = rng.choice((12, 18, 24, 36))
            fields["construction_months"] = rng.choice((12, 24, 30))
    if stage in ("ALLOY", "MAGNET"):
        material = ""
    elif stage == "MINE" and rng.random() < 0.5:
        material = ""  # a composition mix
    else:
        material = rng.choices(materials, weights=(8, 1, 0.5))[0]
    if stage == "RECYCLE":
        fields["feeds_stage"] = rng.choice(("SEP", "METAL", "ALLOY"))
    if rng.random() < 0.05 and len(scenarios) > 1:
        fields["scenarios"] = (rng.choice(scenarios[1:]).id,)
    return Facility(
        f"F{i:05d}",
        f"Facility {i}",
        stage,
        status,
        float(round(size * rng.uniform(0.2, 2.0))),
        country=rng.choice(COUNTRIES),
        material=material,
        lead_agency=rng.choice(("", "", "DOE", "DOD-IBP")),
        **fields,
    )


def _funding(rng: random.Random, n: int, facility: str, plan: Plan) -> FundingLine:
    scenarios = (rng.choice(plan.scenarios).id,) if rng.random() < 0.1 else ()
    return FundingLine(
        f"FL{n:05d}",
        rng.choice(INSTRUMENTS),
        rng.choice(AGENCIES),
        round(rng.uniform(1, 400), 1),
        rng.randint(plan.start_year, plan.start_year + 8),
        rng.choice(list(FundingStatus)),
        facility=facility,
        scenarios=scenarios,
    )


def _supply(rng: random.Random, n: int) -> list[SupplySource]:
    sources = []
    for i in range(n):
        stage = rng.choice(("SEP", "METAL", "MAGNET"))
        material = "" if stage == "MAGNET" else rng.choice(("NdPr", "Dy", "Tb"))
        country = rng.choice(("CN", "AU", "JP", "MY"))
        to_year = rng.choice((None, START_YEAR + 10))
        sources.append(
            SupplySource(f"SRC{i}", f"Source {i}", country, stage, round(rng.uniform(50, 3000)),
                         country != "CN", material, START_YEAR, to_year)
        )  # fmt: skip
    return sources


def _overrides(rng: random.Random, plan: Plan) -> list[Override]:
    ids = {s.id for s in plan.scenarios}
    facs = [f.id for f in plan.facilities]
    overrides: list[Override] = []
    if "DELAY" in ids and facs:
        for fid in rng.sample(facs, max(1, len(facs) // 20)):
            overrides.append(Override("DELAY", OverrideKind.DELAY, float(rng.choice((6, 12, 24))), fid))
        overrides.append(Override("DELAY", OverrideKind.PERMITTING_FACTOR, 1.5))
        overrides.append(Override("DELAY", OverrideKind.CANCEL, True, facs[0]))
    if "HIGH" in ids:
        overrides.append(Override("HIGH", OverrideKind.DEMAND_FACTOR, 1.3))
        overrides.append(Override("HIGH", OverrideKind.DEMAND_FACTOR, 1.6, "EV"))
        if facs:
            overrides.append(Override("HIGH", OverrideKind.CAPACITY_FACTOR, 1.2, facs[-1]))
    if "CUT" in ids:
        overrides.append(Override("CUT", OverrideKind.SUPPLY_FACTOR, 0.0, "CN"))
        overrides.append(Override("CUT", OverrideKind.RISK_FACTOR, 0.1, "proposed"))
        if len(facs) > 1:
            overrides.append(Override("CUT", OverrideKind.STATUS, Status.OPERATING, facs[1]))
    return overrides

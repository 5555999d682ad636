"""The heavy rare earths example: Dy and Tb from mine to metal, and where a Chinese ban bites."""

from __future__ import annotations

from example_parts import SRC
from example_subset import subset
from example_us_plan import us_mine_to_magnet

from reeplanner.model import Metric, Override, OverrideKind, Plan, Scenario, Status, SupplySource, Target

FACILITIES = [
    "MP-MINE",
    "ROUND-TOP",
    "MP-HRE",
    "EF-P2",
    "LYN-TX-H",
    "UCORE-1",
    "UCORE-2",
    "USAR-SEP",
    "REEL-SEP",
    "PHX-MET",
    "PHX-MET-2",
    "MP-10X-MET",
    "USAR-MET",
    "VUL-MET",
    "MP-IND-ALY",
    "MP-IND2-ALY",
    "MP-10X-ALY",
    "USAR-ALY",
    "VUL-ALY",
    "MP-IND-MAG",
    "MP-IND2-MAG",
    "MP-10X-MAG",
    "EVAC-MAG",
    "STW-1",
    "STW-2",
    "VUL-MAG",
    "NOV-MAG",
    "NOV-REC",
    "MP-REC",
]


def china_oxide() -> list[SupplySource]:
    note = (
        "China separates nearly all the world's Dy and Tb outside Lynas (public-figures.md; Commerce: >85% of "
        "processing). Not allied. Estimate: volume to US buyers not published; sized like the metal rows."
    )
    return [
        SupplySource(
            "CN-DY-OX",
            "Chinese Dy oxide",
            "CN",
            "SEP",
            180.0,
            False,
            "Dy",
            2024,
            notes=note,
            source=SRC["usgs"] + "; " + SRC["figures"],
        ),
        SupplySource(
            "CN-TB-OX",
            "Chinese Tb oxide",
            "CN",
            "SEP",
            55.0,
            False,
            "Tb",
            2024,
            notes=note,
            source=SRC["usgs"] + "; " + SRC["figures"],
        ),
    ]


def heavy_targets() -> list[Target]:
    return [
        Target(
            "T-HRE-2028",
            "Domestic Dy separation capacity >= 200 t/yr by 2028 (illustrative)",
            "SEP",
            Metric.CAPACITY,
            200.0,
            2028,
            "Dy",
            "DOD-IBP",
        ),
        Target(
            "T-DY-MET-2030",
            "Domestic Dy metal output >= 100 t/yr by 2030 (illustrative)",
            "METAL",
            Metric.DOMESTIC_OUTPUT,
            100.0,
            2030,
            "Dy",
            "DOD-IBP",
        ),
        Target(
            "T-TB-MET-2030",
            "Domestic Tb metal output >= 30 t/yr by 2030 (illustrative)",
            "METAL",
            Metric.DOMESTIC_OUTPUT,
            30.0,
            2030,
            "Tb",
            "DOD-IBP",
        ),
    ]


def heavy_scenarios() -> tuple[list[Scenario], list[Override]]:
    ov = OverrideKind
    scenarios = [
        Scenario("BASE", "Base case", description="Announced heavy RE projects at risk-adjusted capacity."),
        Scenario(
            "BAN",
            "China Dy/Tb export ban",
            "BASE",
            description="No Dy or Tb, as oxide or metal, leaves China.",
        ),
        Scenario(
            "BAN-BUILD",
            "Ban met by an allied build-out",
            "BAN",
            description="Under the ban, Seadrift heavy and White Mesa Phase 2 are financed and permitting "
            "is halved.",
        ),
    ]
    overrides = [
        Override("BAN", ov.SUPPLY_FACTOR, 0.0, sid, "Full ban on Chinese Dy and Tb")
        for sid in ("CN-DY", "CN-TB", "CN-DY-OX", "CN-TB-OX")
    ]
    overrides += [
        Override("BAN-BUILD", ov.STATUS, Status.FINANCED, "LYN-TX-H", "Offtake agreed with DoD"),
        Override("BAN-BUILD", ov.STATUS, Status.FINANCED, "EF-P2", "Financing closes"),
        Override("BAN-BUILD", ov.PERMITTING_FACTOR, 0.5, "", "Emergency permitting"),
    ]
    return scenarios, overrides


def heavy_rare_earths() -> Plan:
    us = us_mine_to_magnet()
    plan = subset(us, FACILITIES, ["Dy", "Tb"], ["BASE"])
    plan.name = "Heavy rare earths: Dy and Tb"
    plan.description = (
        "Dysprosium and terbium from mine to metal, cut from the US mine-to-magnet example: heavy RE separation "
        "(MP Materials, Energy Fuels Phase 2, Lynas Seadrift, Ucore, USA Rare Earth, ReElement), metallization "
        "(Phoenix Tailings, planned integrated lines), the funding of those steps, and supply from China versus "
        "allied Lynas Malaysia. "
        "NdPr and imported finished magnets are left out, so magnet output here is what the Dy and Tb supply "
        "allows (magnet content Dy 1%, Tb 0.3%, both estimates). Facilities that separate NdPr too keep only their Dy and Tb shares. Every "
        "figure names its source; 'Estimate:' rows say how they were sized."
    )
    plan.supply = [s for s in plan.supply if s.material] + china_oxide()
    upstream = {f.id for f in plan.facilities if f.stage in ("MINE", "SEP", "METAL")}
    plan.funding = [f for f in plan.funding if f.facility in upstream]
    plan.targets = heavy_targets()
    plan.scenarios, plan.overrides = heavy_scenarios()
    return plan

"""The heavy rare earths example: Dy and Tb from mine to metal, and where a Chinese cut bites."""

from __future__ import annotations

from example_subset import subset
from example_us_plan import SCHEDULE_RISK_NOTE, us_mine_to_magnet
from example_us_scenarios import CN_DYTB, DYTB_CUT

from reeplanner.model import Metric, Override, OverrideKind, Plan, Scenario, Status, Target

FACILITIES = [
    "MP-MINE",
    "ROUND-TOP",
    "ACL-CARINA",
    "MP-HRE",
    "EF-P2",
    "LYN-TX",
    "UCORE-1",
    "UCORE-2",
    "REEL-NOB",
    "REEL-SEP",
    "USAR-SEP",
    "ACL-SEP",
    "PHX-MET",
    "PHX-MET-2",
    "MP-10X-MET",
    "LCM-MET",
    "USAR-MET",
    "VUL-MET",
    "MP-IND-ALY",
    "MP-IND2-ALY",
    "MP-10X-ALY",
    "LCM-ALY",
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


def heavy_targets() -> list[Target]:
    return [
        Target(
            "T-HRE-2028",
            "Domestic Dy separation capacity >= 200 t/yr by 2028 (Estimate: illustrative, the scale of MP's "
            "heavy circuit)",
            "SEP",
            Metric.CAPACITY,
            200.0,
            2028,
            "Dy",
            "DOD-IBP",
        ),
        Target(
            "T-DY-MET-2030",
            "Domestic Dy metal output >= 100 t/yr by 2030 (Estimate: illustrative, the Dy of ~10,000 t/yr of "
            "magnets at 1%)",
            "METAL",
            Metric.DOMESTIC_OUTPUT,
            100.0,
            2030,
            "Dy",
            "DOD-IBP",
        ),
        Target(
            "T-TB-MET-2030",
            "Domestic Tb metal output >= 30 t/yr by 2030 (Estimate: illustrative, the Tb of ~10,000 t/yr of "
            "magnets at 0.3%)",
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
            "China Dy/Tb export cut",
            "BASE",
            description="No Dy or Tb, as oxide or metal, leaves China.",
        ),
        Scenario(
            "BAN-BUILD",
            "Cut met by an allied build-out",
            "BAN",
            description="Under the cut, Aclara and White Mesa Phase 2 are financed, Lynas Malaysia triples what "
            "it sends and permitting is halved.",
        ),
    ]
    build = "Estimate: allied build-out under the cut. "
    overrides = [Override("BAN", ov.SUPPLY_FACTOR, 0.0, sid, DYTB_CUT) for sid in CN_DYTB]
    overrides += [
        Override("BAN-BUILD", ov.STATUS, Status.FINANCED, fid, build + "Financing closes.")
        for fid in ("ACL-SEP", "ACL-CARINA", "EF-P2")
    ]
    overrides += [
        Override(
            "BAN-BUILD",
            ov.SUPPLY_FACTOR,
            3.0,
            sid,
            build + "Lynas's expanded Malaysian heavy circuit "
            "(announced 29 Oct 2025, Argus) triples what reaches US buyers.",
        )
        for sid in ("LYN-MY-DY", "LYN-MY-TB")
    ]
    overrides.append(Override("BAN-BUILD", ov.PERMITTING_FACTOR, 0.5, "", build + "Emergency permitting."))
    return scenarios, overrides


def heavy_rare_earths() -> Plan:
    us = us_mine_to_magnet()
    plan = subset(us, FACILITIES, ["Dy", "Tb"], ["BASE"])
    plan.name = "Heavy rare earths: Dy and Tb"
    plan.description = (
        "Dysprosium and terbium from mine to metal, cut from the US mine-to-magnet example (same sources, same "
        "As of date): heavy RE separation (MP Materials, Aclara, Energy Fuels Phase 2, Ucore, ReElement, USA "
        "Rare Earth; Lynas Seadrift, cancelled), metallization (Phoenix Tailings, Less Common Metals, planned "
        "integrated lines), the funding of those steps, and Dy and Tb from China against allied Lynas Malaysia "
        "and Australian concentrate. NdPr is left out, so magnet output here is what the Dy and Tb supply allows "
        "(magnet content Dy 1%, Tb 0.3%, both estimates); imported finished magnets stay, so unmet demand is "
        "what users here could not get at all. Every figure names "
        "its source; 'Estimate:' says how an unpublished one was sized. " + SCHEDULE_RISK_NOTE
    )
    upstream = {f.id for f in plan.facilities if f.stage in ("MINE", "SEP", "METAL")}
    plan.funding = [f for f in plan.funding if f.facility in upstream]
    plan.targets = heavy_targets()
    scenarios, overrides = heavy_scenarios()
    plan.scenarios = scenarios
    plan.overrides = plan.overrides + overrides
    return plan

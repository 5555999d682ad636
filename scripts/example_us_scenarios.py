"""US mine-to-magnet example: targets, scenarios and their overrides.

The base scenario carries the capacity factors of plants that run well below
nameplate for reasons other than a ramp (Energy Fuels' campaigns, Noveon);
every other scenario descends from it and inherits them. Each override's
Notes give its source or say "Estimate:".
"""

from __future__ import annotations

from example_sources import SRC
from example_us_magnets import DELAYED, SURGE_STATUS

from reeplanner.model import Metric, Override, OverrideKind, RiskView, Scenario, Status, Target

OV = OverrideKind
CN_DYTB = ("CN-DY-OX", "CN-TB-OX", "CN-DY", "CN-TB")
MAGNET_CUT = (
    "Estimate: 0.1, the May 2025 level: China's magnet exports to the US fell to 46 t that month from over "
    "400 t a month in 2024 (customs, as reported: " + SRC["cn-magnets"] + ")."
)
DYTB_CUT = "Estimate: 0, a full stop of the exports that MOFCOM No. 18 (4 Apr 2025) put under licence."


def targets() -> list[Target]:
    m = Metric
    return [
        Target(
            "T-DEF-2027",
            "Domestic magnets cover defence demand by 2027 (Source: DoD mine-to-magnet goal, DoD News, Mar 2024; "
            "threshold Estimate: the plan's 2027 defence demand)",
            "MAGNET",
            m.DOMESTIC_OUTPUT,
            1160.0,
            2027,
            owner_agency="DOD-IBP",
            official=True,
        ),
        Target(
            "T-MAG-2028",
            "Domestic magnet output >= 3,000 t/yr by 2028 (Estimate: illustrative, about a quarter of 2028 "
            "demand)",
            "MAGNET",
            m.DOMESTIC_OUTPUT,
            3000.0,
            2028,
            owner_agency="DOD-IBP",
        ),
        Target(
            "T-HRE-2028",
            "Domestic Dy separation capacity >= 200 t/yr by 2028 (Estimate: illustrative, the scale of MP's "
            "heavy circuit)",
            "SEP",
            m.CAPACITY,
            200.0,
            2028,
            material="Dy",
            owner_agency="DOD-IBP",
        ),
        Target(
            "T-SS-2030",
            "Magnet self-sufficiency >= 25% by 2030 (Estimate: illustrative)",
            "MAGNET",
            m.SELF_SUFFICIENCY,
            25.0,
            2030,
            owner_agency="DOC",
        ),
    ]


def scenarios() -> list[Scenario]:
    def child(sid: str, name: str, description: str, view: RiskView | None = None) -> Scenario:
        return Scenario(sid, name, "BASE", view, description)

    return [
        Scenario(
            "BASE",
            "Base case",
            risk_view=RiskView.RISK_ADJUSTED,
            description="Announced projects weighted by status; plants in campaign mode at their run rate.",
        ),
        child(
            "NAMEPLATE",
            "Announced at face value",
            "Every announced project at full nameplate, whatever its status.",
            RiskView.NAMEPLATE,
        ),
        child("BAN-DYTB", "China Dy/Tb export cut", "China stops exporting Dy and Tb, as oxide or metal."),
        child(
            "BAN-MAG",
            "China magnet export cut",
            "China's magnet exports to the US fall to the May 2025 level.",
        ),
        child("BAN", "China Dy/Tb and magnet export cut", "Both cuts at once."),
        child(
            "ALLIED",
            "Allied build-out",
            "Allies and allied-fed US projects expand: Lynas heavy RE, Aclara, Japanese and European magnets.",
        ),
        child("PERMIT", "Permitting reform", "Every permitting period is halved."),
        child(
            "DELAY", "Key plants two years late", "10X, Stillwater, Round Top, Vulcan, Aclara, White Mesa 2."
        ),
        child(
            "SURGE",
            "Funding surge",
            "Financing closes on planned plants; a recycling network and a heavy RE metal line are funded.",
        ),
        child("LOWPRICE", "Low prices", "NdPr, Dy and Tb prices fall in 2026: the floor costs DoD more."),
        child(
            "HIGHPRICE", "High prices", "Prices rise to 2022 and post-control levels: the floor pays nothing."
        ),
        child("DEF-HIGH", "Defence demand per Commerce", "Defence demand at the 3,000-4,000 t/yr reported."),
    ]


def base_overrides() -> list[Override]:
    return [
        Override(
            "BASE",
            OV.CAPACITY_FACTOR,
            0.035,
            "EF-P1",
            "Estimate: ~35 t/yr, the top of the one 2024 campaign (25-35 t, EF release 10 Jun 2024); the mill "
            "then ran uranium 'through 2025 and into 2026' (EF Q2 2024 results). " + SRC["ef-2024"],
        ),
        Override(
            "BASE",
            OV.CAPACITY_FACTOR,
            0.1,
            "NOV-MAG",
            "Estimate: ~200 t/yr: Nidec takes 1,000 t over five years, and 2023 revenue of ~$10M against "
            "~$250M at the full 2,000 t/yr. " + SRC["noveon"],
        ),
    ]


def scenario_overrides() -> list[Override]:
    overrides = [Override("BAN-DYTB", OV.SUPPLY_FACTOR, 0.0, sid, DYTB_CUT) for sid in CN_DYTB]
    overrides.append(Override("BAN-MAG", OV.SUPPLY_FACTOR, 0.1, "CN-MAG", MAGNET_CUT))
    overrides += [Override("BAN", OV.SUPPLY_FACTOR, 0.0, sid, DYTB_CUT) for sid in CN_DYTB]
    overrides.append(Override("BAN", OV.SUPPLY_FACTOR, 0.1, "CN-MAG", MAGNET_CUT))
    allied = "Estimate: allied build-out. "
    overrides += [
        Override(
            "ALLIED",
            OV.SUPPLY_FACTOR,
            3.0,
            sid,
            allied + "Lynas's expanded Malaysian heavy circuit "
            "(announced 29 Oct 2025, Argus) triples what reaches US buyers.",
        )
        for sid in ("LYN-MY-DY", "LYN-MY-TB")
    ]
    overrides += [
        Override(
            "ALLIED", OV.SUPPLY_FACTOR, 2.0, "LYN-MY-NDPR", allied + "Lynas doubles NdPr sold to the US."
        ),
        Override("ALLIED", OV.SUPPLY_FACTOR, 1.5, "JP-MAG", allied + "Japanese makers add 50% for US users."),
        Override(
            "ALLIED",
            OV.SUPPLY_FACTOR,
            5.0,
            "EE-MAG",
            allied + "Neo's Narva Phase 2 (to 5,000 t/yr, Metalnomist) sells half its growth to US users.",
        ),
        Override("ALLIED", OV.SUPPLY_FACTOR, 2.0, "AU", allied + "twice the allied heavy concentrate."),
        Override("ALLIED", OV.STATUS, Status.FINANCED, "ACL-SEP", allied + "Aclara closes its funding."),
        Override("ALLIED", OV.STATUS, Status.FINANCED, "ACL-CARINA", allied + "Carina is financed."),
        Override("PERMIT", OV.PERMITTING_FACTOR, 0.5, "", "Estimate: reform halves every permitting period."),
        Override(
            "DEF-HIGH",
            OV.DEMAND_FACTOR,
            3.5,
            "Defence",
            "Estimate: 3.5, the middle of a Commerce figure of 3,000-4,000 t/yr of magnets for the Pentagon, "
            "reported by Bloomberg Government (secondary; the primary was not found).",
        ),
    ]
    overrides += [
        Override("DELAY", OV.DELAY, 24.0, fid, "Estimate: a two-year slip, as Ucore's first stage slipped.")
        for fid in DELAYED
    ]
    overrides += [
        Override("SURGE", OV.STATUS, status, fid, "Estimate: financing closes with surge funding.")
        for fid, status in SURGE_STATUS.items()
    ]
    return overrides


def overrides() -> list[Override]:
    return base_overrides() + scenario_overrides()

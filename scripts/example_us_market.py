"""US mine-to-magnet example: what foreign producers sell to US users, and US magnet demand.

Supply rows are tonnes available to US users from plants serving the world
market (engine.md: a plant abroad is a facility only when it serves the US
chain). Volumes to US buyers are rarely published: each row's Notes label its
tonnage ("Tonnes:") and first year ("From:") with a source or "Estimate:".
"""

from __future__ import annotations

from example_parts import grow
from example_sources import SRC

from reeplanner.model import DemandRow, SupplySource

START, END = 2024, 2035
COVERED = "Covered country (DFARS 252.225-7052), never allied. "


def _src(*keys: str) -> str:
    return "; ".join(SRC[k] for k in dict.fromkeys(keys))


def covered_supply() -> list[SupplySource]:
    cut = "Cut in the BAN scenarios. "
    return [
        SupplySource(
            "CN-MAG",
            "Chinese NdFeB magnets",
            "CN",
            "MAGNET",
            6000.0,
            False,
            from_year=START,
            notes=COVERED
            + cut
            + "Tonnes: Estimate: ~500 t a month, within the 'over 400 tons' a month of 2024 and the 420-619 t "
            "a month of Jul-Sep 2025 that Chinese customs reported for magnets to the US.",
            source=_src("cn-magnets"),
        ),
        SupplySource(
            "CN-NDPR",
            "Chinese NdPr oxide",
            "CN",
            "SEP",
            500.0,
            False,
            material="NdPr",
            from_year=START,
            notes=COVERED + "Tonnes: Estimate: small; US metal makers ran mostly on MP's oxide in 2024-25. "
            "China was 70% of US RE compound and metal imports in 2020-23 (USGS).",
            source=_src("usgs"),
        ),
        SupplySource(
            "CN-DY-OX",
            "Chinese Dy oxide",
            "CN",
            "SEP",
            40.0,
            False,
            material="Dy",
            from_year=START,
            notes=COVERED
            + cut
            + "Tonnes: Estimate: volume to US buyers not published; the Dy of ~4,000 t/yr "
            "of magnets. Export licences required since 4 Apr 2025 (MOFCOM No. 18).",
            source=_src("usgs", "mofcom"),
        ),
        SupplySource(
            "CN-TB-OX",
            "Chinese Tb oxide",
            "CN",
            "SEP",
            12.0,
            False,
            material="Tb",
            from_year=START,
            notes=COVERED + cut + "Tonnes: Estimate: as the Dy row, at magnet proportions. Licences required "
            "since 4 Apr 2025 (MOFCOM No. 18).",
            source=_src("usgs", "mofcom"),
        ),
        SupplySource(
            "CN-DY",
            "Chinese Dy metal and DyFe",
            "CN",
            "METAL",
            60.0,
            False,
            material="Dy",
            from_year=START,
            notes=COVERED + cut + "Tonnes: Estimate: the Dy of ~6,000 t/yr of magnets made in the US from "
            "imported inputs. Licences required since 4 Apr 2025 (MOFCOM No. 18).",
            source=_src("usgs", "mofcom"),
        ),
        SupplySource(
            "CN-TB",
            "Chinese Tb metal",
            "CN",
            "METAL",
            18.0,
            False,
            material="Tb",
            from_year=START,
            notes=COVERED + cut + "Tonnes: Estimate: as the Dy metal row, at magnet proportions.",
            source=_src("usgs", "mofcom"),
        ),
    ]


def allied_supply() -> list[SupplySource]:
    return [
        SupplySource(
            "JP-MAG",
            "Japanese NdFeB magnets",
            "JP",
            "MAGNET",
            1000.0,
            True,
            from_year=START,
            notes="Shin-Etsu, Proterial, TDK. Tonnes: Estimate: not published; with Chinese imports and US "
            "output it makes up the 7,400 t/yr of 2024 demand; Japan was 6% of US RE compound and metal "
            "imports in 2020-23 (USGS).",
            source=_src("usgs"),
        ),
        SupplySource(
            "DE-MAG",
            "German NdFeB magnets (VAC)",
            "DE",
            "MAGNET",
            200.0,
            True,
            from_year=START,
            notes="Tonnes: Estimate: VAC's sales to US users before Sumter; not published.",
            source=_src("evac"),
        ),
        SupplySource(
            "EE-MAG",
            "Estonian NdFeB magnets (Neo, Narva)",
            "EE",
            "MAGNET",
            200.0,
            True,
            from_year=2026,
            notes="Tonnes: Estimate: 10% of the 2,000 t/yr Phase 1; its buyers are mostly European (Metalnomist, "
            "Dec 2025). From: 2026, the commercial ramp-up (Metalnomist).",
            source=_src("neo"),
        ),
        SupplySource(
            "DE-ALLOY",
            "German NdFeB alloy for e-VAC Sumter",
            "DE",
            "ALLOY",
            1500.0,
            True,
            from_year=2025,
            notes="Tonnes: Estimate: alloy for e-VAC's 2,000 t/yr at magnets / 0.85, less local supply; VAC "
            "has not said where Sumter's alloy comes from. From: 2025, e-VAC's first magnets (REEx).",
            source=_src("evac", "evac-2025"),
        ),
        SupplySource(
            "LYN-MY-NDPR",
            "Lynas Malaysia NdPr oxide",
            "MY",
            "SEP",
            500.0,
            True,
            material="NdPr",
            from_year=START,
            notes="Lynas (Australian; Mt Weld ore, Malaysian refinery) is allied. Tonnes: Estimate: ~8% of the "
            "~6,500 t/yr Lynas makes (quarters of 1,404-2,080 t in 2025); Lynas says it can serve US buyers "
            "from Malaysia (Northern Miner, Aug 2025).",
            source=_src("lynas-my", "lynas-2025"),
        ),
        SupplySource(
            "LYN-MY-DY",
            "Lynas Malaysia Dy oxide",
            "MY",
            "SEP",
            20.0,
            True,
            material="Dy",
            from_year=2026,
            notes="Tonnes: Estimate: a quarter of the ~100 t/yr Dy+Tb run rate (26 t in the Dec-2025 quarter), "
            "split 3:1. From: 2026; first US contracts signed in 2025 (Argus).",
            source=_src("lynas-my"),
        ),
        SupplySource(
            "LYN-MY-TB",
            "Lynas Malaysia Tb oxide",
            "MY",
            "SEP",
            6.0,
            True,
            material="Tb",
            from_year=2026,
            notes="Tonnes: Estimate: as the Dy row. From: 2026, as the Dy row (Argus).",
            source=_src("lynas-my"),
        ),
        SupplySource(
            "AU-HRE-DY",
            "Allied heavy RE concentrate (Dy)",
            "AU",
            "MINE",
            60.0,
            True,
            material="Dy",
            from_year=2026,
            notes="Third-party heavy feed for MP's heavy circuit and Ucore (MP Q3 2025 call). Tonnes: "
            "Estimate: suppliers and tonnage not public. From: 2026, MP's heavy commissioning (MP Q3 2025 call).",
            source=_src("mp-q3-2025", "ucore"),
        ),
        SupplySource(
            "AU-HRE-TB",
            "Allied heavy RE concentrate (Tb)",
            "AU",
            "MINE",
            20.0,
            True,
            material="Tb",
            from_year=2026,
            notes="Tonnes: Estimate: as the Dy row, at Dy:Tb ~3:1. From: 2026, as the Dy row (MP Q3 2025 call).",
            source=_src("mp-q3-2025", "mp-hre"),
        ),
    ]


def supply() -> list[SupplySource]:
    return covered_supply() + allied_supply()


#: Segment, 2024 t/yr of magnets, growth a year, basis.
SEGMENTS = (
    (
        "Defence",
        1000,
        0.05,
        "Magnets in US defence systems. Estimate: 1,000 t/yr in 2024, +5%/yr. Basis: DoD uses <0.1% of world "
        "RE demand (GAO, Sep 2024); an F-35 holds >900 lb of rare earths (DoD News, Mar 2024). A Commerce "
        "figure of 3,000-4,000 t/yr reported in the press is tested in scenario DEF-HIGH.",
        ("gao-2024", "dod-2027"),
    ),
    (
        "EV and hybrid",
        1800,
        0.10,
        "Traction motors of vehicles assembled in the US. Estimate: 1,800 t/yr, +10%/yr. Basis: ~2 kg of NdFeB "
        "a vehicle; NEVs are 35% of world demand (ACREI), a smaller share here.",
        ("acrei", "heim"),
    ),
    (
        "Wind",
        300,
        0.05,
        "Permanent-magnet generators. Estimate: 300 t/yr, +5%/yr; most US turbines use geared generators.",
        ("acrei",),
    ),
    (
        "Industrial",
        2500,
        0.06,
        "Motors, HVAC compressors, robotics, MRI. Estimate: 2,500 t/yr, +6%/yr.",
        ("sec232",),
    ),
    (
        "Consumer",
        1800,
        0.02,
        "Electronics, drives, audio. Estimate: 1,800 t/yr, +2%/yr; consumer electronics are ~30% of world "
        "demand (Heim and Vander Wal) but mostly imported inside finished goods.",
        ("heim",),
    ),
)

DEMAND_BASIS = (
    "Estimate: demand is magnets bought as magnets by US users, not magnets inside imported goods. The 2024 "
    "total, 7,400 t/yr, is sized from supply: ~6,000 t of Chinese magnets (customs), ~1,200 t of allied "
    "imports and ~200 t of US output, so that nothing is unmet in 2024; growth rates make it about double in a decade, as Commerce expects "
    "(Section 232 report). "
)


def demand() -> list[DemandRow]:
    return [
        DemandRow(
            segment,
            values=grow(START, END, first, rate),
            notes=note,
            source=DEMAND_BASIS + _src("cn-magnets", "sec232", *keys),
        )
        for segment, first, rate, note, keys in SEGMENTS
    ]

"""The US mine-to-magnet example: funding, outside supply, demand, targets and scenarios around the chain."""

from __future__ import annotations

from example_parts import (
    SRC,
    chain_stages,
    example_agencies,
    example_instruments,
    grow,
    materials,
)
from example_us_funding import funding
from example_us_magnets import DELAYED, SURGE_STATUS, links, us_facilities

from reeplanner.model import (
    DemandRow,
    Metric,
    Override,
    OverrideKind,
    Plan,
    RiskView,
    Scenario,
    SupplySource,
    Target,
)

START, END = 2024, 2035
#: Stage owners: nobody owns metal and alloy, which the coordination findings should show.
OWNERS = {"MINE": "DOI", "SEP": "DOD-IBP", "MAGNET": "DOD-IBP"}


def supply() -> list[SupplySource]:
    china = (
        "China: 270,000 t REO mined in 2024e (~69% of world); US imports of RE compounds and metals 2020-23: "
    )
    china += "China 70%. Not allied."
    return [
        SupplySource(
            "CN-MAG",
            "Chinese NdFeB magnets",
            "CN",
            "MAGNET",
            14000.0,
            False,
            from_year=START,
            notes=china
            + " Estimate: ~70% of the ~20,000 t/yr US demand, taking the USGS import share as a proxy.",
            source=SRC["usgs"] + "; " + SRC["figures"],
        ),
        SupplySource(
            "JP-MAG",
            "Japanese NdFeB magnets",
            "JP",
            "MAGNET",
            1200.0,
            True,
            from_year=START,
            notes="Estimate: Japan's 6% share of US RE imports (USGS, 2020-23) applied to ~20,000 t/yr as a proxy.",
            source=SRC["usgs"],
        ),
        SupplySource(
            "CN-DY",
            "Chinese Dy metal and DyFe",
            "CN",
            "METAL",
            150.0,
            False,
            material="Dy",
            from_year=START,
            notes=china
            + " Estimate: volume to US buyers not published; sized to the Dy of ~15,000 t/yr of magnets.",
            source=SRC["usgs"],
        ),
        SupplySource(
            "CN-TB",
            "Chinese Tb metal",
            "CN",
            "METAL",
            45.0,
            False,
            material="Tb",
            from_year=START,
            notes=china
            + " Estimate: volume to US buyers not published; sized to the Tb of ~15,000 t/yr of magnets.",
            source=SRC["usgs"],
        ),
        SupplySource(
            "AL-HRE-DY",
            "Allied heavy RE concentrate (Dy)",
            "AU",
            "MINE",
            100.0,
            True,
            material="Dy",
            from_year=2026,
            notes="Estimate: third-party heavy feed US separators say they are sourcing (MP, Ucore); suppliers "
            "and tonnage not public. Without it, US heavy separation runs on ~14 t/yr of Mountain Pass Dy.",
            source=SRC["mp-hre"] + "; " + SRC["ucore"],
        ),
        SupplySource(
            "AL-HRE-TB",
            "Allied heavy RE concentrate (Tb)",
            "AU",
            "MINE",
            30.0,
            True,
            material="Tb",
            from_year=2026,
            notes="Estimate: as the Dy row, at Dy:Tb ~3:1.",
            source=SRC["mp-hre"] + "; " + SRC["ucore"],
        ),
        SupplySource(
            "LYN-MY-NDPR",
            "Lynas Malaysia NdPr oxide",
            "MY",
            "SEP",
            1500.0,
            True,
            material="NdPr",
            from_year=START,
            notes="Lynas (Australian; Mt Weld ore, Malaysian refinery) counts as allied. Capacity 10,500 t/yr NdPr. "
            "Estimate: 1,500 t/yr available to US buyers.",
            source=SRC["lynas-my"],
        ),
        SupplySource(
            "LYN-MY-DY",
            "Lynas Malaysia Dy oxide",
            "MY",
            "SEP",
            75.0,
            True,
            material="Dy",
            from_year=2025,
            notes="First separated Dy May 2025. Estimate: Dy output not published; ~5% of the 1,500 t/yr SEGH feed.",
            source=SRC["lynas-my"],
        ),
        SupplySource(
            "LYN-MY-TB",
            "Lynas Malaysia Tb oxide",
            "MY",
            "SEP",
            15.0,
            True,
            material="Tb",
            from_year=2025,
            notes="First Tb June 2025. Estimate: Tb output not published; ~1% of the 1,500 t/yr SEGH feed.",
            source=SRC["lynas-my"],
        ),
    ]


def demand() -> list[DemandRow]:
    basis = (
        "Estimate: US NdFeB use ~20,000 t/yr in 2024 is uncertain (public-figures.md); this segment's share of "
        "it and its growth rate are illustrative."
    )
    rows = [
        (
            "Defense",
            500,
            0.03,
            "GAO 2024: DoD <0.1% of global RE demand; Adamas: tens to hundreds of t of magnet RE "
            "a year, i.e. a few hundred t of magnets. 500 t/yr, +3%/yr.",
        ),
        ("EV", 3000, 0.12, "EV and hybrid traction motors, ~2 kg of NdFeB a vehicle; +12%/yr."),
        ("Wind", 2000, 0.05, "Permanent-magnet generators; +5%/yr."),
        ("Industrial", 8000, 0.04, "Motors, compressors, robotics, MRI; +4%/yr."),
        ("Consumer", 6500, 0.01, "Electronics, appliances, audio, drives; +1%/yr."),
    ]
    return [
        DemandRow(
            segment, values=grow(START, END, first, rate), notes=note, source=basis + " " + SRC["figures"]
        )
        for segment, first, rate, note in rows
    ]


def targets(mag_2028: float) -> list[Target]:
    m = Metric
    return [
        Target(
            "T-DEF-2027",
            "Domestic magnets cover defense demand by 2027 (DoD mine-to-magnet goal, DoD News Mar 2024)",
            "MAGNET",
            m.DOMESTIC_OUTPUT,
            500.0,
            2027,
            owner_agency="DOD-IBP",
        ),
        Target(
            "T-MAG-2028",
            f"Domestic magnet manufacturing by 2028: domestic output >= {mag_2028:,.0f} t/yr "
            "(illustrative: about an eighth of projected 2028 demand)",
            "MAGNET",
            m.DOMESTIC_OUTPUT,
            mag_2028,
            2028,
            owner_agency="DOD-IBP",
        ),
        Target(
            "T-HRE-2028",
            "Domestic Dy separation capacity >= 200 t/yr by 2028 (illustrative)",
            "SEP",
            m.CAPACITY,
            200.0,
            2028,
            material="Dy",
            owner_agency="DOD-IBP",
        ),
        Target(
            "T-SS-2030",
            "Magnet self-sufficiency >= 25% by 2030 (illustrative)",
            "MAGNET",
            m.SELF_SUFFICIENCY,
            25.0,
            2030,
            owner_agency="DOC",
        ),
    ]


def scenarios() -> tuple[list[Scenario], list[Override]]:
    ov = OverrideKind
    scen = [
        Scenario(
            "BASE",
            "Base case",
            risk_view=RiskView.RISK_ADJUSTED,
            description="Announced projects, each weighted by its status risk factor.",
        ),
        Scenario(
            "NAMEPLATE",
            "Announced at face value",
            "BASE",
            RiskView.NAMEPLATE,
            "Every announced project at full nameplate, whatever its status.",
        ),
        Scenario(
            "BAN",
            "China Dy/Tb export ban",
            "BASE",
            description="China stops Dy and Tb exports, and half of its magnet exports (those containing them).",
        ),
        Scenario("PERMIT", "Permitting reform", "BASE", description="Every permitting period is halved."),
        Scenario(
            "DELAY",
            "Key plants two years late",
            "BASE",
            description="10X, Stillwater expansion, Round Top and Seadrift slip 24 months.",
        ),
        Scenario(
            "SURGE",
            "Funding surge",
            "BASE",
            description="Financing closes on planned plants; a funded recycling network and a heavy RE "
            "metal line are added (illustrative).",
        ),
    ]
    overrides = [
        Override(
            "BAN", ov.SUPPLY_FACTOR, 0.0, "CN-DY", "April 2025 controls covered Dy and Tb; a full ban is 0."
        ),
        Override(
            "BAN", ov.SUPPLY_FACTOR, 0.0, "CN-TB", "April 2025 controls covered Dy and Tb; a full ban is 0."
        ),
        Override(
            "BAN",
            ov.SUPPLY_FACTOR,
            0.5,
            "CN-MAG",
            "Estimate: the controls also covered magnets containing Dy/Tb; half of imports assumed affected.",
        ),
        Override(
            "PERMIT", ov.PERMITTING_FACTOR, 0.5, "", "Permitting reform halves every permitting period."
        ),
    ]
    overrides += [Override("DELAY", ov.DELAY, 24.0, fid, "Two-year slip") for fid in DELAYED]
    overrides += [
        Override("SURGE", ov.STATUS, status, fid, "Financing closes with surge funding")
        for fid, status in SURGE_STATUS.items()
    ]
    return scen, overrides


def us_mine_to_magnet(mag_2028: float = 3000.0) -> Plan:
    facilities, composition = us_facilities()
    scen, overrides = scenarios()
    return Plan(
        name="US mine to magnet (public figures)",
        description=(
            "The US rare-earth magnet chain as publicly reported up to early 2026: MP Materials (Mountain Pass, "
            "Independence, 10X), Energy Fuels, Lynas USA, Ucore, ReElement/Vulcan, USA Rare Earth, e-VAC, "
            "Noveon and Phoenix Tailings, with DoD, Commerce and DOE funding. Every figure names its source; "
            "rows marked 'Estimate:' are illustrative and say how they were sized. Capacities are t/yr; money "
            "is USD million."
        ),
        start_year=START,
        end_year=END,
        base_scenario="BASE",
        materials=materials(),
        stages=chain_stages(OWNERS),
        facilities=facilities,
        composition=composition,
        links=links(),
        supply=supply(),
        demand=demand(),
        funding=funding(),
        instruments=example_instruments(),
        agencies=example_agencies(),
        targets=targets(mag_2028),
        scenarios=scen,
        overrides=overrides,
    )

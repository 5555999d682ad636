"""Building blocks for the example plans: citations, materials, stages and record helpers.

Every figure in an example carries its source. ``SRC`` holds the citations the
examples share (publisher, date, title and the address read); an estimate says
"Estimate:" and its basis in the row's Notes or Source.
"""

from __future__ import annotations

import datetime as dt

from reeplanner.model import (
    Agency,
    CapacityBasis,
    CompositionShare,
    Facility,
    FundingLine,
    FundingStatus,
    Instrument,
    InstrumentKind,
    Material,
    Stage,
    Status,
)
from reeplanner.model.defaults import agencies, instruments, stages

#: Shared citations, by short key.
SRC: dict[str, str] = {
    "usgs": "USGS Mineral Commodity Summaries 2025, Rare earths "
    "(https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf; data release doi:10.5066/P13XCP3R)",
    "mp-dod": "MP Materials / DoD partnership, 10 Jul 2025, as summarised by Adamas Intelligence "
    "(https://www.adamasintel.com/mp-materials-announces-transformational-partnership-with-the-us-department-of-defense) "
    "and FAS (https://fas.org/publication/unpacking-dod-and-mp-partnership)",
    "mp-dod-loan": "Metal Tech News, 16 Jul 2025, 'DoD commits billions to US rare earths' "
    "(https://www.metaltechnews.com/story/2025/07/16/tech-metals/dod-commits-billions-to-us-rare-earths/2370.html)",
    "mp-ibas": "Green Car Congress, 23 Feb 2022, MP Materials $35M IBAS heavy rare earth award; also the Dec 2020 "
    "$9.6M DPA Title III award (https://www.greencarcongress.com/2022/02/20220223-mp.html)",
    "mp-ftw": "Fort Worth Inc., MP Materials starts commercial metal and magnet production at Independence; "
    "$58.5M 48C credit (https://fortworthinc.com/news/mp-materials-restores-u-s-rare-earth-magnet-production-in-fo/); "
    "~1,000 t/yr magnets, ramp from late 2025 (https://stocktitan.net/news/MP/mp-materials-restores-u-s-rare-earth-"
    "magnet-8w3syy418g69.html)",
    "mp-apple": "NS Energy, 16 Jul 2025, MP Materials and Apple $500M recycled-magnet agreement "
    "(https://www.nsenergybusiness.com/news/mp-materials-apple-sign-500m-deal-for-rare-earth-magnets/); "
    "Fort Worth Report via The SAG, Independence ~1,000 t/yr doubling to ~2,000 t "
    "(https://thesagonline.com/fort-worths-mp-materials-attracts-nearly-1b-in-deals-from-apple-defense-department)",
    "mp-hre": "Metalnomist, Jan 2026, MP Materials Dy/Tb production from mid-2026, >200 t/yr Dy+Tb, Dy:Tb ~3:1 "
    "(https://www.metalnomist.com/2026/01/mp-materials-dysprosium-and-terbium.html)",
    "ef-p1": "Energy Fuels press release, 10 Jun 2024, commercial NdPr at White Mesa, Phase 1 850-1,000 t/yr "
    "(https://advfn.com/stock-market/TSX/EFR/stock-news/94012899/energy-fuels-achieves-commercial-production-of-on)",
    "ef-p2": "Engineering News, 11 Jun 2024, Energy Fuels Phase 2/3: 4,000-6,000 t/yr NdPr, 150-225 t/yr Dy, "
    "50-75 t/yr Tb (https://engineeringnews.co.za/print-version/energy-fuels-achieves-commercial-production-of-"
    "separated-rare-earths-at-white-mesa-2024-06-11)",
    "lynas-tx": "C&EN, Jan 2021, Lynas Texas light RE plant, up to $30M DPA, ~1,250 t/yr NdPr "
    "(https://cen.acs.org/materials/inorganic-chemistry/Lynas-build-Texas-rare-earths/99/i4); "
    "Magnetics Magazine, 2023, IBAS contract raised to ~$258M, Seadrift site "
    "(https://magneticsmag.com/u-s-dod-strengthens-support-for-lynas-u-s-facility/)",
    "lynas-2025": "The Northern Miner, Aug 2025, Lynas: 'significant uncertainty as to whether construction of the "
    "Seadrift processing facility will proceed' "
    "(https://secure.northernminer.com/news/lynas-flags-texas-rare-earths-plant-uncertainty/1003882176)",
    "lynas-my": "Australian Mining, 16 May 2025, first separated Dy at Lynas Malaysia, Tb from June "
    "(https://www.australianmining.com.au/lynas-produces-worlds-first-dysprosium-outside-of-china/); Fastmarkets, "
    "Jun 2024, 1,500 t/yr SEGH feed, NdPr capacity 10,500 t/yr "
    "(https://fastmarkets.com/insights/lynas-to-produce-dysprosium-terbium-oxide-in-malaysia)",
    "evac": "DoD release, 2023, $94.1M MCEIP award to e-VAC "
    "(https://www.defense.gov/News/Releases/Release/Article/3529874/); Fastmarkets, 9 Apr 2024, $111.9M 48C "
    "credit, operations late fall 2025 (https://www.fastmarkets.com/insights/e-vacs-rare-earth-magnet-factory-"
    "tax-credit-ira/)",
    "evac-2025": "Rare Earth Exchanges, 15 Dec 2025, e-VAC ships first US-made sintered NdFeB magnets; Sumter to "
    "reach 2,000 t/yr in 2026 (https://rareearthexchanges.com/news/a-magnet-ships-and-a-line-is-crossed)",
    "noveon": "Noveon Magnetics, Feb 2023, '>$35 million' DoD investment, plant built for 2,000 t/yr "
    "(https://noveon.co/noveon-jumpstart)",
    "ucore": "Raw Materials, 15 May 2025, Ucore $18.4M DoD funding, 2,000 t/yr TREO, start 2H 2026 "
    "(https://rawmaterials.net/ucore-secures-dod-funding-to-advance-rare-earth-processing-in-louisiana/); "
    "total $22.4M incl. $4M (2023); 7,500 t/yr expansion plan "
    "(https://1stafrika.com/2025/05/20/ucore-secures-18-4m-in-u-s-department-of-defense-funding-to-advance-"
    "rare-earth-processing-plant-in-louisiana)",
    "osc": "DoD release, Nov 2025, OSC joint $700M conditional loan commitment: Vulcan $620M, ReElement $80M, "
    "up to 10,000 t NdFeB magnet material (https://www.war.gov/News/Releases/Release/Article/4339788/)",
    "vulcan-doc": "ExecutiveGov, 24 Nov 2025, Commerce CHIPS LOI $50M for Vulcan and $50M equity "
    "(https://www.executivegov.com/articles/osc-vulcan-reelement-ndfeb-magnet)",
    "usar": "Commerce CHIPS Program release, 26 Jan 2026, LOI with USA Rare Earth: $277M funding, $1.3B loan; "
    "Round Top production 2028; Stillwater to 10,000 t/yr magnets and 10,000 t/yr metals and alloys "
    "(https://www.einpresswire.com/article/886608115/)",
    "usar-stw": "Mine Listings, USA Rare Earth Stillwater: 1,200 t/yr initially, 4,800 t/yr nameplate "
    "(https://minelistings.com/mine-news/usa-rare-earth-produces-first-batch-of-magnets-at-oklahoma-plant)",
    "phoenix": "Magnetics Magazine, Oct 2025, Phoenix Tailings opens Exeter NH metallization: 200 tons/yr light and "
    "heavy RE metals, scalable to >1,000 (https://magneticsmag.com/phoenix-tailings-opens-rare-earth-"
    "metallization-facility)",
    "dod-2027": "DoD News, Mar 2024, 'DOD Looks to Establish Mine-to-Magnet Supply Chain': >$439M since 2020, goal "
    "of supporting all US defense needs by 2027 (https://magneticspro.com/?p=721)",
    "figures": "REE Planner public-figures.md (collected 2026-11-23 from USGS, DoD, Adamas, GAO)",
}

#: Recycled magnet scrap carries rare earths in magnet proportions (see ``MAGNET_CONTENT``).
MAGNET_CONTENT: dict[str, float] = {"NdPr": 0.29, "Dy": 0.01, "Tb": 0.003}


def materials() -> list[Material]:
    """NdPr, Dy and Tb with the examples' magnet content (Dy and Tb below the app defaults)."""
    return [
        Material(
            "NdPr",
            "Neodymium-praseodymium",
            MAGNET_CONTENT["NdPr"],
            "Sintered NdFeB holds 29-32.5 wt% rare earths (public-figures.md); 0.29 is the low end.",
        ),
        Material(
            "Dy",
            "Dysprosium",
            MAGNET_CONTENT["Dy"],
            "Estimate: common grades hold 0.6-1.2 wt% Dy (public-figures.md); 0.01 is a blended average "
            "across segments, many consumer grades hold none.",
        ),
        Material(
            "Tb",
            "Terbium",
            MAGNET_CONTENT["Tb"],
            "Estimate: 0.3 wt% blended average; grain-boundary-diffused grades use a few tenths of a percent "
            "and many grades none. Keeps Dy:Tb near the ~3:1 of announced US heavy separation output.",
        ),
    ]


def chain_stages(owners: dict[str, str]) -> list[Stage]:
    """The default five stages with the given owner agencies, plus RECYCLE."""
    chain = [
        Stage(s.id, s.name, s.order, s.basis, s.process_yield, owners.get(s.id, ""), s.notes)
        for s in stages()
    ]
    chain.append(
        Stage(
            "RECYCLE",
            "Recycling",
            6,
            CapacityBasis.MATERIAL,
            1.0,
            notes="Recycled magnet scrap; each facility names the stage it feeds.",
        )
    )
    return chain


def example_agencies() -> list[Agency]:
    return agencies() + [
        Agency("DOD", "Department of Defense (office not named in the source)", "Department of Defense"),
    ]


def example_instruments() -> list[Instrument]:
    k = InstrumentKind
    return instruments() + [
        Instrument("DOD-LOAN", "Department of Defense direct loan", k.LOAN, "Office not named in the source"),
        Instrument("DOD-AWARD", "Department of Defense award (program not named in the source)", k.GRANT),
        Instrument("CHIPS-LOAN", "Commerce CHIPS senior secured loan", k.LOAN),
    ]


def month(text: str) -> dt.date:
    """``"2026-07"`` -> 1 July 2026 (the engine counts to the month)."""
    year, mon = text.split("-")
    return dt.date(int(year), int(mon), 1)


def fac(
    fid: str,
    name: str,
    stage: str,
    status: Status,
    capacity: float,
    source: str,
    *,
    online: str = "",
    permit: str = "",
    permit_months: float | None = None,
    build_months: float | None = None,
    **fields,
) -> Facility:
    """A facility; dates as ``"YYYY-MM"`` text. ``fields`` are further ``Facility`` fields."""
    if "ramp_up_years" in fields:
        fields["ramp_up_years"] = float(fields["ramp_up_years"])
    return Facility(
        fid,
        name,
        stage,
        status,
        float(capacity),
        source=source,
        online=month(online) if online else None,
        permitting_start=month(permit) if permit else None,
        permitting_months=None if permit_months is None else float(permit_months),
        construction_months=None if build_months is None else float(build_months),
        **fields,
    )


def shares(fid: str, tonnes: dict[str, float]) -> tuple[float, list[CompositionShare]]:
    """Capacity and Composition rows of a mixed facility from tonnes per material.

    Shares are rounded down to four places so they never add up to more than 1.
    """
    total = sum(tonnes.values())
    rows = [CompositionShare(fid, m, int(t / total * 10_000) / 10_000) for m, t in tonnes.items()]
    return float(total), rows


def share_rows(fid: str, fractions: dict[str, float]) -> list[CompositionShare]:
    return [CompositionShare(fid, m, s) for m, s in fractions.items()]


def scrap_shares(fid: str) -> list[CompositionShare]:
    """Recycled magnet scrap: rare earths in magnet proportions."""
    return shares(fid, MAGNET_CONTENT)[1]


def fund(
    fid: str,
    facility: str,
    instrument: str,
    agency: str,
    amount: float,
    year: int,
    status: FundingStatus,
    source: str,
    notes: str = "",
    scenarios: tuple[str, ...] = (),
) -> FundingLine:
    return FundingLine(
        fid,
        instrument,
        agency,
        float(amount),
        year,
        status,
        facility=facility,
        scenarios=scenarios,
        notes=notes,
        source=source,
    )


def grow(start_year: int, end_year: int, first: float, rate: float, step: float = 10) -> dict[int, float]:
    """``first`` t/yr in ``start_year`` growing by ``rate`` a year, rounded to ``step`` tonnes."""
    return {
        y: float(round(first * (1 + rate) ** (y - start_year) / step) * step)
        for y in range(start_year, end_year + 1)
    }

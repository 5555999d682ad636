"""Building blocks for the example plans: materials, stages, agencies and record helpers.

Every figure in an example carries its source. ``SRC`` (``example_sources``)
holds the citations the examples share; an estimate says "Estimate:" and its
basis. Facility notes name each figure with a label ("Capacity:", "Online:",
"Ramp-up:", "Mix:"...) so a reader, and tests/test_example_sources.py, can
see where each one comes from.
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

#: Recycled magnet scrap carries rare earths in magnet proportions (see ``MAGNET_CONTENT``).
MAGNET_CONTENT: dict[str, float] = {"NdPr": 0.29, "Dy": 0.01, "Tb": 0.003}


def materials() -> list[Material]:
    """NdPr, Dy and Tb with the examples' magnet content (Dy and Tb below the app defaults)."""
    return [
        Material(
            "NdPr",
            "Neodymium-praseodymium",
            MAGNET_CONTENT["NdPr"],
            "Source: sintered NdFeB holds ~30% rare earths as metal (Heim and Vander Wal 2023, "
            "https://doi.org/10.3390/min13101274); 0.29 is that less the Dy and Tb below.",
        ),
        Material(
            "Dy",
            "Dysprosium",
            MAGNET_CONTENT["Dy"],
            "Estimate: 1% blended across all magnets sold here; high-temperature traction and defence grades "
            "hold several percent (Heim and Vander Wal 2023 give ~4% in wind grades), many consumer grades none.",
        ),
        Material(
            "Tb",
            "Terbium",
            MAGNET_CONTENT["Tb"],
            "Estimate: 0.3% blended; grain-boundary-diffused grades use a few tenths of a percent and many grades "
            "none. Keeps Dy:Tb near the ~3:1 of MP's heavy separation output (Metalnomist, Jan 2026).",
        ),
    ]


#: Why each stage yield is what it is (the values are the app defaults).
STAGE_NOTES: dict[str, str] = {
    "MINE": "Rare-earth oxide contained in concentrate. Yield: not used (engine.md: the first stage's output "
    "is its capacity); Estimate: 1.0.",
    "SEP": "Separated oxides. Yield: Estimate: 0.92, an assumed recovery of each element from concentrate "
    "through cracking, leaching and solvent extraction; no US plant publishes it.",
    "METAL": "Rare-earth metals. Yield: 0.84 = 0.857 x 0.98. Source: Nd2O3 is 85.7% Nd by mass "
    "(2 x 144.24 / 336.48, standard atomic weights); Estimate: 98% recovery in reduction.",
    "ALLOY": "NdFeB alloy (strip cast). Yield: Estimate: 0.97, ~3% melt and casting losses.",
    "MAGNET": "Sintered NdFeB magnets. Yield: Estimate: 0.85, ~15% lost to machining, grinding and rejects "
    "between alloy and finished magnet.",
}


def chain_stages(owners: dict[str, str]) -> list[Stage]:
    """The default five stages with the given owner agencies and sourced notes, plus RECYCLE."""
    chain = [
        Stage(s.id, s.name, s.order, s.basis, s.process_yield, owners.get(s.id, ""), STAGE_NOTES[s.id])
        for s in stages()
    ]
    chain.append(
        Stage(
            "RECYCLE",
            "Recycling",
            6,
            CapacityBasis.MATERIAL,
            1.0,
            notes="Recycled magnet scrap; each facility names the stage it feeds. Yield: not used (a recycling "
            "facility's effective capacity is added to the stage it feeds); Estimate: 1.0.",
        )
    )
    return chain


def example_agencies() -> list[Agency]:
    return agencies() + [
        Agency(
            "DOD",
            "Department of Defense (office not named in the source)",
            "Department of Defense",
            "The MP Materials agreements of Jul 2025 name the Department, not an office.",
        ),
        Agency(
            "STATE",
            "State economic-development agencies",
            "State governments",
            "Texas, Louisiana and North Carolina incentive packages; public money, not federal.",
        ),
    ]


def example_instruments() -> list[Instrument]:
    k = InstrumentKind
    return instruments() + [
        Instrument("DOD-AWARD", "Department of Defense award (program not named in the source)", k.GRANT),
        Instrument("CHIPS-LOAN", "Commerce CHIPS senior secured loan", k.LOAN),
        Instrument(
            "EBITDA-FLOOR",
            "Guarantee of a facility's earnings (EBITDA floor)",
            k.OTHER,
            "DoD makes up 10X's EBITDA to a floor; contingent, no fixed amount.",
        ),
        Instrument("STATE-GRANT", "State incentive package (grants, tax exemptions)", k.GRANT),
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

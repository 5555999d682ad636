"""US magnet plants, magnet recycling, the SURGE-only projects and the offtake links."""

from __future__ import annotations

from example_parts import SRC, fac, scrap_shares, share_rows
from example_us_chain import CON, FIN, OP, PLN, alloy, metal, mining, separation

from reeplanner.model import CompositionShare, Facility, Link, Status

SCRAP_NOTE = (
    "Recycled scrap carries RE in magnet proportions (NdPr 0.29 : Dy 0.01 : Tb 0.003 per t of magnet), "
    "so {t} t/yr of RE is the scrap of ~{mag} t/yr of magnets."
)


def magnets() -> list[Facility]:
    return [
        fac(
            "MP-IND-MAG",
            "Independence magnet plant",
            "MAGNET",
            OP,
            1000,
            SRC["mp-ftw"] + "; " + SRC["mp-apple"],
            online="2025-01",
            operator="MP Materials",
            location="Fort Worth, TX",
            lead_agency="DOD-IBP",
            notes="~1,000 t/yr; trial magnets from Jan 2025, deliveries to GM from late 2025 (GM is a customer "
            "under a long-term supply agreement, not a facility).",
        ),
        fac(
            "MP-IND2-MAG",
            "Independence expansion (Apple lines)",
            "MAGNET",
            FIN,
            1000,
            SRC["mp-apple"],
            online="2027-01",
            operator="MP Materials",
            location="Fort Worth, TX",
            notes="Apple's $500M commitment (incl. $200M prepayment) funds lines that roughly double Independence "
            "to ~2,000 t/yr; shipments from 2027 from recycled feed. Apple is a customer, not a facility.",
        ),
        fac(
            "MP-10X-MAG",
            "10X magnet plant",
            "MAGNET",
            FIN,
            8000,
            SRC["mp-dod"],
            online="2028-01",
            operator="MP Materials",
            location="TX (site per MP)",
            lead_agency="DOD",
            notes="Commissioning 2028; brings MP to ~10,000 t/yr in total. Estimate: 8,000 t/yr = 10,000 minus "
            "Independence's ~2,000 after the Apple lines. DoD buys 100% of output for 10 years.",
        ),
        fac(
            "EVAC-MAG",
            "e-VAC Sumter magnet plant",
            "MAGNET",
            OP,
            2000,
            SRC["evac-2025"] + "; " + SRC["evac"],
            online="2025-11",
            ramp_up_years=1,
            operator="e-VAC Magnetics (VAC Group)",
            location="Sumter, SC",
            lead_agency="DOD-IBP",
            notes="First commercial magnets shipped Dec 2025; plan to reach 2,000 t/yr in 2026 (secondary report; "
            "VAC has not published a capacity, public-figures.md had ~1,500 t unverified). Estimate: online Nov "
            "2025 with a one-year ramp. GM is an anchor customer. No domestic alloy line is announced for it, so "
            "its domestic output depends on other US alloy makers.",
        ),
        fac(
            "STW-1",
            "Stillwater magnet plant Phase 1",
            "MAGNET",
            CON,
            1200,
            SRC["usar-stw"],
            online="2026-04",
            operator="USA Rare Earth",
            location="Stillwater, OK",
            lead_agency="DOC",
            notes="1,200 t/yr initially (nameplate plan 4,800 t/yr). Estimate: commissioning in 2026.",
        ),
        fac(
            "STW-2",
            "Stillwater expansion to 10,000 t/yr",
            "MAGNET",
            PLN,
            8800,
            SRC["usar"],
            online="2028-07",
            operator="USA Rare Earth",
            location="Stillwater, OK",
            lead_agency="DOC",
            notes="Commerce LOI (Jan 2026): Stillwater to 10,000 t/yr, i.e. +8,800 over Phase 1. Estimate: online "
            "mid-2028.",
        ),
        fac(
            "VUL-MAG",
            "Vulcan Elements 10,000 t magnet plant",
            "MAGNET",
            PLN,
            10000,
            SRC["osc"],
            permit="2026-01",
            permit_months=12,
            build_months=24,
            ramp_up_years=3,
            operator="Vulcan Elements",
            location="US (site not announced)",
            lead_agency="DOD-OSC",
            notes="With ReElement 'up to 10,000 t' of NdFeB magnet material 'in the next several years' (OSC). "
            "Estimate: permitting 2026 for 12 months, construction 24 months. Loans are conditional.",
        ),
        fac(
            "NOV-MAG",
            "Noveon San Marcos magnet plant",
            "MAGNET",
            OP,
            2000,
            SRC["noveon"],
            operator="Noveon Magnetics",
            location="San Marcos, TX",
            lead_agency="DOD-IBP",
            notes="Built for 2,000 t/yr of sintered NdFeB; magnet-to-magnet recycling. Estimate: counted at the "
            "full 2,000 t/yr from before 2024 (the company gives plant capacity, not output). Nidec offtake of "
            "1,000 t over five years (customer, not a facility).",
        ),
    ]


def recycling() -> tuple[list[Facility], list[CompositionShare]]:
    facilities = [
        fac(
            "NOV-REC",
            "Noveon magnet-to-magnet recycling",
            "RECYCLE",
            OP,
            300,
            SRC["noveon"],
            feeds_stage="MAGNET",
            operator="Noveon Magnetics",
            location="San Marcos, TX",
            notes="Estimate: about half of the 2,000 t/yr output from recycled feed. "
            + SCRAP_NOTE.format(t=300, mag="1,000"),
        ),
        fac(
            "MP-REC",
            "Mountain Pass recycling line",
            "RECYCLE",
            FIN,
            300,
            SRC["mp-apple"],
            online="2027-01",
            feeds_stage="SEP",
            operator="MP Materials",
            location="CA",
            notes="Commercial-scale recycling line for Apple's recycled magnets. Estimate: sized to the ~1,000 t/yr "
            "Apple lines. " + SCRAP_NOTE.format(t=300, mag="1,000"),
        ),
    ]
    comp = scrap_shares("NOV-REC") + scrap_shares("MP-REC")
    return facilities, comp


def surge_only() -> tuple[list[Facility], list[CompositionShare]]:
    """Illustrative projects present only in the SURGE scenario."""
    facilities = [
        fac(
            "SURGE-REC",
            "Funded magnet-scrap recycling network",
            "RECYCLE",
            FIN,
            600,
            "Illustrative SURGE assumption, not an announced project.",
            online="2027-07",
            feeds_stage="SEP",
            scenarios=("SURGE",),
            notes="Estimate: scrap of ~2,000 t/yr of magnets collected and recycled with public funding. "
            + SCRAP_NOTE.format(t=600, mag="2,000"),
        ),
        fac(
            "SURGE-MET",
            "Funded heavy RE metallization",
            "METAL",
            FIN,
            300,
            "Illustrative SURGE assumption, not an announced project.",
            online="2027-07",
            scenarios=("SURGE",),
            notes="Estimate: Dy/Tb metal line (Dy 0.75, Tb 0.25) funded to clear the metal bottleneck.",
        ),
    ]
    comp = scrap_shares("SURGE-REC") + share_rows("SURGE-MET", {"Dy": 0.75, "Tb": 0.25})
    return facilities, comp


def us_facilities() -> tuple[list[Facility], list[CompositionShare]]:
    """Every US-plan facility in chain order, with its Composition rows."""
    facilities: list[Facility] = []
    comp: list[CompositionShare] = []
    for part in (mining(), separation(), metal()):
        facilities += part[0]
        comp += part[1]
    facilities += alloy() + magnets()
    for part in (recycling(), surge_only()):
        facilities += part[0]
        comp += part[1]
    return facilities, comp


def links() -> list[Link]:
    """Offtake and integration links between facilities (customers go in facility Notes)."""
    mp = "MP Materials integrated chain"
    return [
        Link("MP-MINE", "MP-SEP", "NdPr", notes="Integrated at Mountain Pass"),
        Link("MP-MINE", "MP-HRE", "Dy", notes="Integrated at Mountain Pass"),
        Link("MP-REC", "MP-SEP", notes="Recycled feed processed at Mountain Pass (Apple agreement)"),
        Link("MP-SEP", "MP-IND-MET", "NdPr", notes=mp),
        Link("MP-IND-MET", "MP-IND-ALY", notes=mp),
        Link("MP-IND-ALY", "MP-IND-MAG", notes=mp),
        Link("MP-SEP", "MP-10X-MET", "NdPr", start_year=2028, notes=mp),
        Link("MP-HRE", "MP-10X-MET", "Dy", start_year=2028, notes=mp),
        Link("MP-10X-MET", "MP-10X-ALY", start_year=2028, notes=mp),
        Link("MP-10X-ALY", "MP-10X-MAG", start_year=2028, notes=mp),
        Link("MP-IND2-ALY", "MP-IND2-MAG", start_year=2027, notes=mp),
        Link("NOV-REC", "NOV-MAG", notes="Noveon magnet-to-magnet recycling"),
        Link("ROUND-TOP", "USAR-SEP", start_year=2028, notes="USA Rare Earth mine-to-magnet plan"),
        Link("USAR-SEP", "USAR-MET", start_year=2028, notes="USA Rare Earth mine-to-magnet plan"),
        Link("USAR-MET", "USAR-ALY", start_year=2028, notes="USA Rare Earth mine-to-magnet plan"),
        Link("USAR-ALY", "STW-2", start_year=2028, notes="USA Rare Earth mine-to-magnet plan"),
        Link("REEL-SEP", "VUL-MET", notes="Vulcan-ReElement partnership (OSC, Nov 2025)"),
        Link("VUL-MET", "VUL-ALY", notes="Vulcan vertically integrated chain"),
        Link("VUL-ALY", "VUL-MAG", notes="Vulcan vertically integrated chain"),
    ]


#: Plants the DELAY scenario pushes back two years.
DELAYED = (
    "MP-10X-MET",
    "MP-10X-ALY",
    "MP-10X-MAG",
    "STW-2",
    "USAR-MET",
    "USAR-ALY",
    "USAR-SEP",
    "ROUND-TOP",
    "LYN-TX-L",
    "LYN-TX-H",
)

#: Status upgrades in the SURGE scenario: financing closes on the planned plants.
SURGE_STATUS: dict[str, Status] = {
    "EF-P2": FIN,
    "VUL-MET": FIN,
    "VUL-ALY": FIN,
    "VUL-MAG": FIN,
    "REEL-SEP": FIN,
    "ROUND-TOP": FIN,
    "USAR-SEP": FIN,
    "LYN-TX-H": CON,
    "UCORE-2": FIN,
    "STW-2": FIN,
}

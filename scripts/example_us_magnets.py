"""US magnet plants, magnet recycling, the SURGE-only projects and the offtake links."""

from __future__ import annotations

from example_parts import fac, scrap_shares, share_rows
from example_sources import SRC
from example_us_midstream import DEFAULT_RAMP, alloy, metal
from example_us_upstream import CON, FIN, OP, PLN, mining, separation

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
            SRC["mp-ftw"] + "; " + SRC["mp-fy2025"],
            online="2025-10",
            operator="MP Materials",
            location="Fort Worth, TX",
            lead_agency="DOD-IBP",
            notes="Trial magnets from Jan 2025; GM is a customer under a long-term supply agreement, not a "
            "facility. Capacity: 1,000 t/yr of sintered NdFeB (Fastmarkets, Dec 2023). Online: Oct 2025; "
            "first magnets on commercial equipment in Q4 2025 (MP FY2025 release)." + DEFAULT_RAMP,
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
            notes="Apple's $500M commitment (incl. a $200M prepayment) funds lines for Apple products, fed by "
            "recycled material; Apple is a customer, not a facility. Capacity: ~1,000 t/yr, taking "
            "Independence to ~2,000 t (Fort Worth Report). Online: Jan 2027; shipments 'expected to begin in "
            "2027' (MP)." + DEFAULT_RAMP,
        ),
        fac(
            "MP-10X-MAG",
            "10X magnet plant",
            "MAGNET",
            FIN,
            8000,
            SRC["mp-dod"] + "; " + SRC["mp-fy2025"],
            online="2028-01",
            operator="MP Materials",
            location="Northlake, TX",
            lead_agency="DOD",
            notes="Site: Northlake, TX, with a $200M Texas incentive package (MP FY2025 release). DoD buys or "
            "places 100% of output for 10 years and guarantees its EBITDA (see Funding). Capacity: Estimate: "
            "8,000 t/yr = the ~10,000 t/yr MP total (MP release, 10 Jul 2025) less Independence's ~2,000 t "
            "after the Apple lines. Online: Jan 2028, commissioning 'in 2028' (MP release, 10 Jul 2025)."
            + DEFAULT_RAMP,
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
            notes="GM is the anchor customer. No domestic alloy line is announced for it, so its domestic "
            "output depends on other US alloy makers; VAC's alloy comes from abroad (see Supply). Capacity: "
            "2,000 t/yr, the 2026 level in e-VAC's Dec 2025 release (REEx); VAC itself had not disclosed a "
            "capacity (Fastmarkets, Dec 2023). Online: Nov 2025; first commercial magnets shipped Dec 2025 "
            "(REEx). Ramp-up: Estimate: 1 year, reaching 2,000 t/yr during 2026 as e-VAC plans.",
        ),
        fac(
            "STW-1",
            "Stillwater magnet plant Phase 1",
            "MAGNET",
            CON,
            1200,
            SRC["usar-stw"],
            online="2026-03",
            operator="USA Rare Earth",
            location="Stillwater, OK",
            lead_agency="DOC",
            notes="Alloy from LCM (UK) until Stillwater's own strip casting. Capacity: 1,200 t/yr initially of "
            "a 4,800 t/yr nameplate plan (Mine Listings). Online: Estimate: Mar 2026; commissioning 'early "
            "2026' (Magnetics Magazine, Dec 2025)." + DEFAULT_RAMP,
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
            notes="Capacity: 8,800 t/yr, taking Stillwater to the 10,000 t/yr of the Commerce LOI (Jan 2026). "
            "Online: Estimate: Jul 2028, with the Stillwater metal and alloy lines." + DEFAULT_RAMP,
        ),
        fac(
            "VUL-MAG",
            "Vulcan Elements magnet plant, Benson",
            "MAGNET",
            PLN,
            10000,
            SRC["vulcan"] + "; " + SRC["osc"],
            online="2027-07",
            ramp_up_years=3,
            operator="Vulcan Elements",
            location="Benson, NC",
            lead_agency="DOD-OSC",
            notes="Status planned: the OSC loans are conditional commitments. Vulcan also runs a small plant in "
            "Research Triangle Park (capacity not published, not modelled). Capacity: 10,000 t/yr (NC "
            "Governor's release, 18 Nov 2025). Online: Estimate: Jul 2027; Vulcan expects initial operations "
            "in 2027 (Tectonic). Ramp-up: Estimate: 3 years; OSC speaks of 10,000 t 'in the next several "
            "years'.",
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
            notes="Makes sintered NdFeB largely from recycled magnets; Nidec is a customer (1,000 t over five "
            "years), not a facility. The base scenario's capacity factor 0.1 gives ~200 t/yr (see "
            "Overrides). Capacity: 2,000 t/yr, what the plant was built for (Noveon, Feb 2023); operating "
            "before 2024, so no online date.",
        ),
    ]


def recycling() -> tuple[list[Facility], list[CompositionShare]]:
    facilities = [
        fac(
            "NOV-REC",
            "Noveon magnet-to-magnet recycling",
            "RECYCLE",
            OP,
            70,
            SRC["noveon"],
            feeds_stage="MAGNET",
            operator="Noveon Magnetics",
            location="San Marcos, TX",
            notes="Capacity: Estimate: 70 t/yr of RE, the recycled feed for Noveon's ~200 t/yr of output. "
            + SCRAP_NOTE.format(t=70, mag="230")
            + " Mix: Estimate: magnet proportions.",
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
            location="Mountain Pass, CA",
            notes="Commercial-scale recycling line for Apple's magnets (Apple release, 15 Jul 2025). Capacity: "
            "Estimate: sized to the ~1,000 t/yr Apple lines. "
            + SCRAP_NOTE.format(t=300, mag="1,000")
            + " Mix: Estimate: magnet proportions. Online: Jan 2027, with the Apple lines (MP)."
            + DEFAULT_RAMP,
        ),
    ]
    comp = scrap_shares("NOV-REC") + scrap_shares("MP-REC")
    return facilities, comp


ILLUSTRATIVE = "Illustrative SURGE assumption, not an announced project."


def surge_only() -> tuple[list[Facility], list[CompositionShare]]:
    """Illustrative projects present only in the SURGE scenario."""
    facilities = [
        fac(
            "SURGE-REC",
            "Funded magnet-scrap recycling network",
            "RECYCLE",
            FIN,
            600,
            ILLUSTRATIVE,
            online="2027-07",
            feeds_stage="SEP",
            scenarios=("SURGE",),
            notes="Capacity: Estimate: scrap of ~2,000 t/yr of magnets collected and recycled with public "
            "funding. "
            + SCRAP_NOTE.format(t=600, mag="2,000")
            + " Mix: Estimate: magnet proportions. Online: "
            "Estimate: Jul 2027, a year after surge funding." + DEFAULT_RAMP,
        ),
        fac(
            "SURGE-MET",
            "Funded heavy RE metallization",
            "METAL",
            FIN,
            300,
            ILLUSTRATIVE,
            online="2027-07",
            scenarios=("SURGE",),
            notes="Capacity: Estimate: 300 t/yr of Dy/Tb metal, funded to clear the heavy metal bottleneck. Mix: "
            "Estimate: Dy 0.75, Tb 0.25. Online: Estimate: Jul 2027." + DEFAULT_RAMP,
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
    tenx = mp + "; from 10X commissioning in 2028 (Source: MP release, 10 Jul 2025)"
    usar = "USA Rare Earth mine-to-magnet plan; from 2028, Round Top's start (Source: Commerce, 26 Jan 2026)"
    return [
        Link("MP-MINE", "MP-SEP", "NdPr", notes="Integrated at Mountain Pass"),
        Link("MP-MINE", "MP-HRE", "Dy", notes="Integrated at Mountain Pass"),
        Link("MP-REC", "MP-SEP", notes="Recycled feed processed at Mountain Pass (Apple agreement)"),
        Link("MP-SEP", "MP-IND-MET", "NdPr", notes=mp),
        Link("MP-IND-MET", "MP-IND-ALY", notes=mp),
        Link("MP-IND-ALY", "MP-IND-MAG", notes=mp),
        Link("MP-SEP", "MP-10X-MET", "NdPr", start_year=2028, notes=tenx),
        Link("MP-HRE", "MP-10X-MET", "Dy", start_year=2028, notes=tenx),
        Link("MP-10X-MET", "MP-10X-ALY", start_year=2028, notes=tenx),
        Link("MP-10X-ALY", "MP-10X-MAG", start_year=2028, notes=tenx),
        Link(
            "MP-IND2-ALY",
            "MP-IND2-MAG",
            start_year=2027,
            notes=mp + "; Apple lines from 2027 (Source: MP on the Apple agreement, Jul 2025)",
        ),
        Link("NOV-REC", "NOV-MAG", notes="Noveon magnet-to-magnet recycling"),
        Link(
            "ACL-CARINA",
            "ACL-SEP",
            start_year=2028,
            notes="Aclara's own ionic-clay feed from mid-2028 (Source: Aclara release, 24 Oct 2025)",
        ),
        Link("ROUND-TOP", "USAR-SEP", start_year=2028, notes=usar),
        Link("USAR-SEP", "USAR-MET", start_year=2028, notes=usar),
        Link("USAR-MET", "USAR-ALY", start_year=2028, notes=usar),
        Link("USAR-ALY", "STW-2", start_year=2028, notes=usar),
        Link("LCM-MET", "LCM-ALY", notes="Less Common Metals, owned by USA Rare Earth"),
        Link("LCM-ALY", "STW-1", notes="LCM strip-cast alloy for Stillwater (USA Rare Earth, 18 Nov 2025)"),
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
    "VUL-MET",
    "VUL-ALY",
    "VUL-MAG",
    "ACL-SEP",
    "ACL-CARINA",
    "EF-P2",
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
    "UCORE-2": FIN,
    "STW-2": FIN,
    "ACL-SEP": FIN,
    "ACL-CARINA": FIN,
}

"""US mine-to-magnet example, midstream: metal and alloy plants serving the US chain.

Where only a plant's magnet capacity is public, its metal and alloy lines are
sized to feed it (alloy = magnets / 0.85; metal = alloy x magnet content /
0.97) and the Notes say so.
"""

from __future__ import annotations

from example_parts import fac, share_rows, shares
from example_sources import SRC
from example_us_upstream import FIN, OP, PLN, PRO

from reeplanner.model import CompositionShare, Facility

# Integrated lines sized to a magnet plant: t of magnets -> t of metal per material.
SIZED_10X = {"NdPr": 2814, "Dy": 97, "Tb": 29}  # 8,000 t/yr magnets
SIZED_10KT = {"NdPr": 3517, "Dy": 121, "Tb": 36}  # 10,000 t/yr magnets
SIZED_1200 = {"NdPr": 422, "Dy": 15, "Tb": 4}  # 1,200 t/yr magnets
SIZING = (
    "Capacity: Estimate: not published; sized to feed {mag} t/yr of magnets (alloy = magnets / 0.85; metal = "
    "alloy x magnet content / 0.97)."
)
ALLOY_SIZING = "Capacity: Estimate: not published; sized at magnets / 0.85 for {mag} t/yr of magnets."
DEFAULT_RAMP = " Ramp-up: Estimate: the app's default 2 years."


def metal() -> tuple[list[Facility], list[CompositionShare]]:
    x_cap, x_comp = shares("MP-10X-MET", SIZED_10X)
    u_cap, u_comp = shares("USAR-MET", SIZED_10KT)
    v_cap, v_comp = shares("VUL-MET", SIZED_10KT)
    lcm_cap, lcm_comp = shares("LCM-MET", SIZED_1200)
    facilities = [
        fac(
            "MP-IND-MET",
            "Independence metal line",
            "METAL",
            OP,
            350,
            SRC["mp-ftw"] + "; " + SRC["mp-fy2024"],
            online="2024-12",
            ramp_up_years=1,
            operator="MP Materials",
            location="Fort Worth, TX",
            material="NdPr",
            lead_agency="DOD-IBP",
            notes="Metal, alloy and magnet lines are integrated in one plant; NdPr metal only. "
            + SIZING.format(mag="1,000")
            + " Online: Dec 2024, when the Magnetics segment began making precursor products (MP 10-K 2024). "
            "Ramp-up: Estimate: 1 year.",
        ),
        fac(
            "MP-10X-MET",
            "10X metal line",
            "METAL",
            FIN,
            x_cap,
            SRC["mp-dod"] + "; " + SRC["mp-fy2025"],
            online="2028-01",
            operator="MP Materials",
            location="Northlake, TX",
            lead_agency="DOD",
            notes="Estimate: assumes 10X integrates metal and alloy lines as Independence does, incl. Dy/Tb. "
            + SIZING.format(mag="8,000")
            + " Mix: Estimate: by magnet content. Online: Jan 2028, commissioning 'in 2028' (MP release, 10 Jul 2025)."
            + DEFAULT_RAMP,
        ),
        fac(
            "PHX-MET",
            "Phoenix Tailings Exeter metallization",
            "METAL",
            OP,
            181,
            SRC["phoenix"],
            online="2025-10",
            ramp_up_years=1,
            operator="Phoenix Tailings",
            location="Exeter, NH",
            notes="Capacity: 200 short tons (181 t) a year of light and heavy RE metals incl. NdPr and DyFe "
            "(Magnetics Magazine, Oct 2025). Online: Oct 2025, the opening (Magnetics Magazine). Ramp-up: Estimate: 1 year. Mix: "
            "Estimate: NdPr 0.6, Dy 0.3, Tb 0.1; the company has shifted toward heavy RE metals.",
        ),
        fac(
            "PHX-MET-2",
            "Phoenix Tailings metallization scale-up",
            "METAL",
            PRO,
            726,
            SRC["phoenix"],
            online="2028-01",
            operator="Phoenix Tailings",
            location="Exeter, NH",
            notes="Capacity: 'scalable to >1,000' short tons a year: +800 short tons (726 t) (Magnetics "
            "Magazine, Oct 2025). Online: Estimate: Jan 2028; no date announced." + DEFAULT_RAMP + " Mix: "
            "Estimate: as the first line.",
        ),
        fac(
            "LCM-MET",
            "Less Common Metals, Ellesmere Port (metals)",
            "METAL",
            OP,
            lcm_cap,
            SRC["usar-lcm"],
            operator="Less Common Metals (USA Rare Earth)",
            location="Ellesmere Port, Cheshire",
            country="GB",
            notes="Owned by USA Rare Earth since 18 Nov 2025 and supplying Stillwater, so a facility abroad "
            "serving the US chain (allied view). Makes NdPr, Dy, Tb, Sm metals and alloys (MRC). Capacity: "
            "Estimate: not published; sized to feed Stillwater's first 1,200 t/yr of magnets. Mix: Estimate: by "
            "magnet content.",
        ),
        fac(
            "USAR-MET",
            "Stillwater metallization",
            "METAL",
            PLN,
            u_cap,
            SRC["usar"],
            online="2028-07",
            operator="USA Rare Earth",
            location="Stillwater, OK",
            lead_agency="DOC",
            notes="Commerce: on-site metallization and strip casting, 10,000 t/yr of metals and alloys. "
            + SIZING.format(mag="10,000")
            + " Mix: Estimate: by magnet content. Online: Estimate: Jul 2028, after Round Top's 2028 start (Commerce)."
            + DEFAULT_RAMP,
        ),
        fac(
            "VUL-MET",
            "Vulcan Elements metallization",
            "METAL",
            PLN,
            v_cap,
            SRC["osc"] + "; " + SRC["vulcan"],
            online="2027-07",
            ramp_up_years=3,
            operator="Vulcan Elements",
            location="Benson, NC",
            lead_agency="DOD-OSC",
            notes="OSC: the loans support separation, metallization and magnet manufacturing. "
            + SIZING.format(mag="10,000")
            + " Mix: Estimate: by magnet content. Online: Estimate: Jul 2027, with the magnet plant. Ramp-up: Estimate: "
            "3 years, as the magnet plant.",
        ),
    ]
    comp = x_comp + u_comp + v_comp + lcm_comp
    for fid in ("PHX-MET", "PHX-MET-2"):
        comp += share_rows(fid, {"NdPr": 0.6, "Dy": 0.3, "Tb": 0.1})
    return facilities, comp


def alloy() -> list[Facility]:
    return [
        fac(
            "MP-IND-ALY",
            "Independence alloy line",
            "ALLOY",
            OP,
            1200,
            SRC["mp-ftw"] + "; " + SRC["mp-fy2024"],
            online="2024-12",
            ramp_up_years=1,
            operator="MP Materials",
            location="Fort Worth, TX",
            lead_agency="DOD-IBP",
            notes=ALLOY_SIZING.format(mag="1,000")
            + " Online: Dec 2024, precursor production began (MP 10-K 2024). Ramp-up: Estimate: 1 year.",
        ),
        fac(
            "MP-IND2-ALY",
            "Independence expansion alloy line",
            "ALLOY",
            FIN,
            1200,
            SRC["mp-apple"],
            online="2027-01",
            operator="MP Materials",
            location="Fort Worth, TX",
            notes=ALLOY_SIZING.format(mag="1,000")
            + " Online: Jan 2027; Apple magnet shipments 'expected to begin in 2027' (MP)."
            + DEFAULT_RAMP,
        ),
        fac(
            "MP-10X-ALY",
            "10X alloy line",
            "ALLOY",
            FIN,
            9400,
            SRC["mp-dod"] + "; " + SRC["mp-fy2025"],
            online="2028-01",
            operator="MP Materials",
            location="Northlake, TX",
            lead_agency="DOD",
            notes=ALLOY_SIZING.format(mag="8,000")
            + " Online: Jan 2028, commissioning 'in 2028' (MP release, 10 Jul 2025)."
            + DEFAULT_RAMP,
        ),
        fac(
            "LCM-ALY",
            "Less Common Metals, Ellesmere Port (strip-cast alloy)",
            "ALLOY",
            OP,
            1400,
            SRC["usar-lcm"],
            operator="Less Common Metals (USA Rare Earth)",
            location="Ellesmere Port, Cheshire",
            country="GB",
            notes="LCM supplies NdFeB strip-cast alloy to Stillwater (USA Rare Earth release, 18 Nov 2025). "
            + ALLOY_SIZING.format(mag="1,200"),
        ),
        fac(
            "USAR-ALY",
            "Stillwater strip casting",
            "ALLOY",
            PLN,
            10000,
            SRC["usar"],
            online="2028-07",
            operator="USA Rare Earth",
            location="Stillwater, OK",
            lead_agency="DOC",
            notes="Capacity: 10,000 t/yr of metals and alloys (Commerce). Online: Estimate: Jul 2028, with the "
            "metal line." + DEFAULT_RAMP,
        ),
        fac(
            "VUL-ALY",
            "Vulcan Elements alloy line",
            "ALLOY",
            PLN,
            11800,
            SRC["osc"] + "; " + SRC["vulcan"],
            online="2027-07",
            ramp_up_years=3,
            operator="Vulcan Elements",
            location="Benson, NC",
            lead_agency="DOD-OSC",
            notes=ALLOY_SIZING.format(mag="10,000")
            + " Online: Estimate: Jul 2027, with the magnet plant. Ramp-up: Estimate: 3 years, as the magnet "
            "plant.",
        ),
    ]

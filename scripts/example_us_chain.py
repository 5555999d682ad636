"""The US mine-to-magnet chain as publicly reported: facilities, their material mix and offtake links.

Capacities are t/yr of contained material (mine, separation, metal, recycling)
or of product (alloy, magnet). Where a company has not published a capacity,
the row says "Estimate:" and how the figure was sized.
"""

from __future__ import annotations

from example_parts import SRC, fac, share_rows, shares

from reeplanner.model import CompositionShare, Facility, Status

OP, CON, FIN, PLN, PRO = (
    Status.OPERATING,
    Status.CONSTRUCTION,
    Status.FINANCED,
    Status.PLANNED,
    Status.PROPOSED,
)

# Integrated lines sized to a magnet plant: t of magnets -> t of metal per material.
# alloy = magnets / 0.85 (magnet yield); metal = alloy x content / 0.97 (alloy yield).
SIZED_10X = {"NdPr": 2814, "Dy": 97, "Tb": 29}  # 8,000 t/yr magnets
SIZED_10KT = {"NdPr": 3517, "Dy": 121, "Tb": 36}  # 10,000 t/yr magnets
SIZING_NOTE = (
    "Estimate: capacity not public; sized to feed the {mag} t/yr magnet plant "
    "(alloy = magnets / 0.85; metal = alloy x magnet content / 0.97)."
)


def mining() -> tuple[list[Facility], list[CompositionShare]]:
    facilities = [
        fac(
            "MP-MINE",
            "Mountain Pass mine",
            "MINE",
            OP,
            45455,
            "MP Materials 2024 output 45,455 t REO (public-figures.md); USGS MCS 2025 gives 45,000 t REO for all "
            "US mine production in 2024e. " + SRC["usgs"],
            operator="MP Materials",
            location="CA",
            lead_agency="DOI",
            notes="Estimate: NdPr share 0.16 of REO (bastnaesite with Nd ~12% and Pr ~4% of REO; public "
            "descriptions give 0.16-0.20). Estimate: Dy 0.0003 and Tb 0.00015 of REO, the commonly cited "
            "Mountain Pass distribution (Dy ~0.03%, Tb ~0.016% of REO; not re-checked; Molycorp gave HREE as ~1% "
            "of REO): ~14 t Dy a year, so "
            "MP's 200 t/yr heavy circuit needs outside feed. Concentrate not separated on site was shipped to "
            "China (stranded output).",
        ),
        fac(
            "ROUND-TOP",
            "Round Top mine",
            "MINE",
            PLN,
            2000,
            SRC["usar"],
            permit="2025-01",
            permit_months=24,
            build_months=12,
            ramp_up_years=3,
            operator="USA Rare Earth / Texas Mineral Resources",
            location="TX",
            lead_agency="DOC",
            notes="Commercial production expected 2028 (Commerce). Estimate: 2,000 t/yr REO is a placeholder "
            "(no production profile found); Estimate: heavy-RE-enriched mix NdPr 0.05, Dy 0.04, Tb 0.006 "
            "of REO. Permitting 24 + construction 12 months reproduces the 2028 start.",
        ),
    ]
    comp = share_rows("MP-MINE", {"NdPr": 0.16, "Dy": 0.0003, "Tb": 0.00015})
    comp += share_rows("ROUND-TOP", {"NdPr": 0.05, "Dy": 0.04, "Tb": 0.006})
    return facilities, comp


def separation() -> tuple[list[Facility], list[CompositionShare]]:
    ef2_cap, ef2 = shares("EF-P2", {"NdPr": 6000, "Dy": 225, "Tb": 75})
    reel_cap, reel = shares("REEL-SEP", {"NdPr": 2100, "Dy": 70, "Tb": 20})
    usar_cap, usar = shares("USAR-SEP", {"NdPr": 1600, "Dy": 160, "Tb": 32})
    facilities = [
        fac(
            "MP-SEP",
            "Mountain Pass light RE separation (Stage II)",
            "SEP",
            OP,
            6000,
            SRC["mp-ibas"],
            online="2023-07",
            ramp_up_years=4,
            operator="MP Materials",
            location="CA",
            material="NdPr",
            lead_agency="DOD-IBP",
            notes="Estimate: ~6,000 t/yr NdPr oxide Stage II design (company materials, not re-checked). A 4-year "
            "ramp from mid-2023 gives ~1,500 t in 2024 against ~1,300 t reported (public-figures.md).",
        ),
        fac(
            "MP-HRE",
            "Mountain Pass heavy RE separation",
            "SEP",
            CON,
            200,
            SRC["mp-hre"] + "; " + SRC["mp-dod-loan"],
            online="2026-07",
            operator="MP Materials",
            location="CA",
            lead_agency="DOD-IBP",
            notes="Commissioning mid-2026; >200 t/yr Dy+Tb split 3:1 (150 Dy, 50 Tb). Feed includes third-party "
            "heavy concentrate, which the domestic pass cannot see (imports).",
        ),
        fac(
            "EF-P1",
            "White Mesa Mill Phase 1 separation",
            "SEP",
            OP,
            1000,
            SRC["ef-p1"],
            online="2024-06",
            ramp_up_years=1,
            operator="Energy Fuels",
            location="UT",
            material="NdPr",
            notes="Design 850-1,000 t/yr NdPr; monazite from Chemours (FL/GA). No DoD award found "
            "(public-figures.md). Runs in campaigns alongside uranium.",
        ),
        fac(
            "EF-P2",
            "White Mesa Mill Phase 2 separation",
            "SEP",
            PLN,
            ef2_cap,
            SRC["ef-p2"],
            permit="2026-01",
            permit_months=18,
            build_months=18,
            operator="Energy Fuels",
            location="UT",
            notes="Upper end of the announced ranges: 6,000 t NdPr, 225 t Dy, 75 t Tb. A later feasibility study "
            "was reported at >6,000 t NdPr, ~240 t Dy, ~66 t Tb with commissioning in Q1 2029 (secondary "
            "report, not verified). Estimate: permitting from 2026 for 18 months, construction 18 months. "
            "Feed is mostly imported monazite (Madagascar, Brazil, Australia).",
        ),
        fac(
            "LYN-TX-L",
            "Seadrift light RE separation",
            "SEP",
            PRO,
            1250,
            SRC["lynas-tx"] + "; " + SRC["lynas-2025"],
            online="2027-07",
            operator="Lynas USA",
            location="TX",
            material="NdPr",
            lead_agency="DOD-IBP",
            notes="~1,250 t/yr NdPr of ~5,000 t/yr RE products (2021 plan). Status proposed: Lynas reported "
            "'significant uncertainty' (Aug 2025). Estimate: online mid-2027 if it proceeds.",
        ),
        fac(
            "LYN-TX-H",
            "Seadrift heavy RE separation",
            "SEP",
            PRO,
            60,
            SRC["lynas-tx"] + "; " + SRC["lynas-2025"],
            online="2027-07",
            operator="Lynas USA",
            location="TX",
            lead_agency="DOD-IBP",
            notes="Estimate: Dy+Tb capacity not published; 60 t/yr at 3:1 assumed. Feed: Mt Weld mixed carbonate "
            "(Australia). Status proposed after the Aug 2025 'significant uncertainty'.",
        ),
        fac(
            "UCORE-1",
            "Louisiana Strategic Metals Complex",
            "SEP",
            CON,
            2000,
            SRC["ucore"],
            online="2026-10",
            operator="Ucore Rare Metals",
            location="LA",
            lead_agency="DOD-IBP",
            notes="2,000 t/yr TREO, start 2H 2026 (RapidSX). Estimate: NdPr 0.20, Dy 0.01, Tb 0.003 of TREO for a "
            "typical mixed carbonate feed (Australia, Brazil, recycled oxides).",
        ),
        fac(
            "UCORE-2",
            "Louisiana Strategic Metals Complex expansion",
            "SEP",
            PLN,
            5500,
            SRC["ucore"],
            online="2028-01",
            operator="Ucore Rare Metals",
            location="LA",
            lead_agency="DOD-IBP",
            notes="Expansion from 2,000 to 7,500 t/yr TREO. Estimate: online 2028; same mix as Phase 1.",
        ),
        fac(
            "REEL-SEP",
            "ReElement refining expansion",
            "SEP",
            PLN,
            reel_cap,
            SRC["osc"],
            permit="2026-01",
            permit_months=12,
            build_months=18,
            operator="ReElement Technologies",
            location="IN",
            lead_agency="DOD-OSC",
            notes="Estimate: not public; half of the oxide needed for Vulcan's 10,000 t/yr magnets "
            "(2,100 t NdPr, 70 t Dy, 20 t Tb), the rest assumed from recycled feed. Conditional OSC loan.",
        ),
        fac(
            "USAR-SEP",
            "Round Top processing",
            "SEP",
            PLN,
            usar_cap,
            SRC["usar"],
            permit="2025-01",
            permit_months=24,
            build_months=12,
            ramp_up_years=3,
            operator="USA Rare Earth",
            location="TX",
            lead_agency="DOC",
            notes="Processes 8,000 t/yr of third-party mixed carbonate and heavy RE concentrates (Commerce). "
            "Estimate: NdPr 0.20, Dy 0.02, Tb 0.004 of that feed.",
        ),
    ]
    comp = share_rows("MP-HRE", {"Dy": 0.75, "Tb": 0.25})
    comp += ef2 + reel + usar
    comp += share_rows("LYN-TX-H", {"Dy": 0.75, "Tb": 0.25})
    for fid in ("UCORE-1", "UCORE-2"):
        comp += share_rows(fid, {"NdPr": 0.2, "Dy": 0.01, "Tb": 0.003})
    return facilities, comp


def metal() -> tuple[list[Facility], list[CompositionShare]]:
    x_cap, x_comp = shares("MP-10X-MET", SIZED_10X)
    u_cap, u_comp = shares("USAR-MET", SIZED_10KT)
    v_cap, v_comp = shares("VUL-MET", SIZED_10KT)
    facilities = [
        fac(
            "MP-IND-MET",
            "Independence metal line",
            "METAL",
            OP,
            350,
            SRC["mp-ftw"],
            online="2025-01",
            operator="MP Materials",
            location="Fort Worth, TX",
            material="NdPr",
            lead_agency="DOD-IBP",
            notes="Commercial NdPr metal from Jan 2025; metal, alloy and magnet lines are integrated in one plant. "
            + SIZING_NOTE.format(mag="1,000"),
        ),
        fac(
            "MP-10X-MET",
            "10X metal line",
            "METAL",
            FIN,
            x_cap,
            SRC["mp-dod"],
            online="2028-01",
            operator="MP Materials",
            location="TX (site per MP)",
            lead_agency="DOD",
            notes="Estimate: assumes 10X integrates metal and alloy lines as Independence does, incl. Dy/Tb. "
            + SIZING_NOTE.format(mag="8,000"),
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
            location="NH",
            notes="200 short tons (181 t)/yr of light and heavy RE metals incl. NdPr and DyFe. Estimate: split "
            "NdPr 0.6, Dy 0.3, Tb 0.1 (company shifted toward heavy RE in 2025).",
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
            location="NH",
            notes="Company says scalable to >1,000 tons/yr: +800 short tons (726 t). Estimate: 2028, same split.",
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
            notes="Commerce: on-site metallization and strip-casting, 10,000 t/yr of metals and alloys. "
            + SIZING_NOTE.format(mag="10,000")
            + " Estimate: online mid-2028.",
        ),
        fac(
            "VUL-MET",
            "Vulcan Elements metallization",
            "METAL",
            PLN,
            v_cap,
            SRC["osc"],
            permit="2026-01",
            permit_months=12,
            build_months=24,
            operator="Vulcan Elements",
            location="US (site not announced)",
            lead_agency="DOD-OSC",
            notes="OSC: loans support separation, metallization and magnet manufacturing. "
            + SIZING_NOTE.format(mag="10,000"),
        ),
    ]
    comp = x_comp + u_comp + v_comp
    for fid in ("PHX-MET", "PHX-MET-2"):
        comp += share_rows(fid, {"NdPr": 0.6, "Dy": 0.3, "Tb": 0.1})
    return facilities, comp


def alloy() -> list[Facility]:
    note = "Estimate: alloy capacity not public; sized at magnets / 0.85 for the plant's {mag} t/yr magnets."
    return [
        fac(
            "MP-IND-ALY",
            "Independence alloy line",
            "ALLOY",
            OP,
            1200,
            SRC["mp-ftw"],
            online="2025-01",
            operator="MP Materials",
            location="Fort Worth, TX",
            lead_agency="DOD-IBP",
            notes=note.format(mag="1,000"),
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
            notes=note.format(mag="1,000"),
        ),
        fac(
            "MP-10X-ALY",
            "10X alloy line",
            "ALLOY",
            FIN,
            9400,
            SRC["mp-dod"],
            online="2028-01",
            operator="MP Materials",
            location="TX (site per MP)",
            lead_agency="DOD",
            notes=note.format(mag="8,000"),
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
            notes="Commerce: 10,000 t/yr strip-casting of metals and alloys. Estimate: online mid-2028.",
        ),
        fac(
            "VUL-ALY",
            "Vulcan Elements alloy line",
            "ALLOY",
            PLN,
            11800,
            SRC["osc"],
            permit="2026-01",
            permit_months=12,
            build_months=24,
            operator="Vulcan Elements",
            location="US (site not announced)",
            lead_agency="DOD-OSC",
            notes=note.format(mag="10,000"),
        ),
    ]

"""US mine-to-magnet example, upstream: the mines and separation plants that serve the US chain.

Capacities are t/yr of contained material. Each facility's Notes name every
figure with a label ("Capacity:", "Online:", "Permitting:", "Construction:",
"Ramp-up:", "Mix:") and say which source gives it or that it is an estimate.
"""

from __future__ import annotations

from example_parts import fac, share_rows, shares
from example_sources import SRC

from reeplanner.model import CompositionShare, Facility, Status

OP, CON, FIN, PLN, PRO, CAN = (
    Status.OPERATING,
    Status.CONSTRUCTION,
    Status.FINANCED,
    Status.PLANNED,
    Status.PROPOSED,
    Status.CANCELLED,
)

#: Mountain Pass ore: NdPr from the 10-K; Dy and Tb from SEG+ (1.8% of TREO) x ~4% Dy+Tb, split 3:1.
MP_ORE = {"NdPr": 0.157, "Dy": 0.00054, "Tb": 0.00018}


def mining() -> tuple[list[Facility], list[CompositionShare]]:
    carina_cap, carina = shares("ACL-CARINA", {"NdPr": 1160, "Dy": 166, "Tb": 25})
    facilities = [
        fac(
            "MP-MINE",
            "Mountain Pass mine",
            "MINE",
            OP,
            50692,
            "; ".join(SRC[k] for k in ("mp-fy2025", "mp-fy2024", "mp-trs", "mp-seg", "mp-hre")),
            operator="MP Materials",
            location="Mountain Pass, CA",
            lead_agency="DOI",
            notes="MP stopped selling concentrate to China in Jul 2025 (MP Q3 2025); what US separators do not "
            "take shows as stranded output. Capacity: 50,692 t/yr REO, the 2025 record (MP FY2025 release); "
            "2024 was 45,455 t (MP 10-K 2024). Mix: NdPr 15.7% of TREO (MP 10-K 2021, Exhibit 96.1). Dy 0.054% "
            "and Tb 0.018%: Estimate: SEG+ is 1.8% of TREO (same exhibit) and MP's SEG+ holds ~4% Dy+Tb (REEx, "
            "8 Nov 2025), 0.072% of TREO, split 3:1 (Metalnomist, Jan 2026). That is ~27 t Dy and ~9 t Tb a "
            "year, so MP's 200 t/yr heavy circuit needs outside feed.",
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
            location="Hudspeth County, TX",
            lead_agency="DOC",
            notes="Commerce: commercial production expected 2028. Capacity: Estimate: 2,000 t/yr REO, a "
            "placeholder (no production profile published). Permitting: Estimate: from Jan 2025 for 24 months. "
            "Construction: Estimate: 12 months; with the permitting this reproduces the 2028 start Commerce "
            "gives. Ramp-up: Estimate: 3 years for a new mine and flowsheet. Mix: Estimate: NdPr 0.05, Dy "
            "0.04, Tb 0.006 of REO for a heavy-enriched rhyolite; not published.",
        ),
        fac(
            "ACL-CARINA",
            "Carina ionic-clay project (feeds Vinton)",
            "MINE",
            PLN,
            carina_cap,
            SRC["aclara"],
            online="2028-07",
            operator="Aclara Resources",
            location="Nova Roma, Goias",
            country="BR",
            notes="Owned by Aclara and feeding its Vinton, LA plant, so a facility abroad serving the US chain "
            "(counted in the allied view, not the domestic one). Aclara's smaller Penco module (Chile) is left "
            "out. Capacity: the three magnet REs only, 1,351 t/yr (other REO not modelled). Mix: Dy 166 t and "
            "Tb 25 t: Estimate: Carina's 191 t/yr Dy+Tb (Reuters, Sep 2024) split like Vinton's 200:30; NdPr "
            "1,160 t: Estimate: Vinton's 1,400 t scaled by Carina's share of Dy+Tb. Online: Estimate: Jul "
            "2028, Aclara's 'feed by mid-2028' (release, 24 Oct 2025). Ramp-up: Estimate: the app's default "
            "2 years.",
        ),
    ]
    comp = share_rows("MP-MINE", MP_ORE)
    comp += share_rows("ROUND-TOP", {"NdPr": 0.05, "Dy": 0.04, "Tb": 0.006})
    comp += carina
    return facilities, comp


def separation() -> tuple[list[Facility], list[CompositionShare]]:
    ef2_cap, ef2 = shares("EF-P2", {"NdPr": 6000, "Dy": 240, "Tb": 66})
    lyn_cap, lyn = shares("LYN-TX", {"NdPr": 1250, "Dy": 45, "Tb": 15})
    reel_cap, reel = shares("REEL-SEP", {"NdPr": 1400, "Dy": 50, "Tb": 16})
    usar_cap, usar = shares("USAR-SEP", {"NdPr": 1600, "Dy": 160, "Tb": 32})
    acl_cap, acl = shares("ACL-SEP", {"NdPr": 1400, "Dy": 200, "Tb": 30})
    facilities = [
        fac(
            "MP-SEP",
            "Mountain Pass light RE separation (Stage II)",
            "SEP",
            OP,
            6000,
            "; ".join(SRC[k] for k in ("mp-adamas", "mp-q3-2023", "mp-fy2024", "mp-fy2025", "mp-q4-call")),
            online="2023-07",
            ramp_up_years=4.6,
            operator="MP Materials",
            location="Mountain Pass, CA",
            material="NdPr",
            lead_agency="DOD-IBP",
            notes="Capacity: 6,000 t/yr NdPr oxide, 'upwards of 6,000 tonnes of NdPr oxide per annum' "
            "(Adamas site visit, Nov 2022). Online: Jul 2023; MP 'commenced shipments and ramping production "
            "of NdPr oxide' in Q3 2023 (MP release, 2 Nov 2023). Ramp-up: Estimate: 4.6 years, fitted so that "
            "the modelled output matches the reported 1,294 t in 2024 (MP 10-K 2024) and 2,599 t in 2025 "
            "(MP FY2025 release); MP exited 2025 at ~4,000 t/yr (Q4 call).",
        ),
        fac(
            "MP-HRE",
            "Mountain Pass heavy RE separation",
            "SEP",
            CON,
            200,
            "; ".join(SRC[k] for k in ("mp-q3-2025", "mp-q4-call", "mp-hre")),
            online="2026-07",
            ramp_up_years=1,
            operator="MP Materials",
            location="Mountain Pass, CA",
            lead_agency="DOD-IBP",
            notes="Feed: MP's own SEG+, its stockpile and third-party concentrate (MP Q3 2025 call); the "
            "domestic view sees only the first. Capacity: 200 t/yr Dy/Tb nameplate on ~3,000 t/yr of feedstock "
            "(MP Q3 2025 call). Online: Jul 2026, commissioning 'mid-2026' (MP Q4 2025 call). Ramp-up: "
            "Estimate: 1 year; Dy and Tb output 'late in the year' (Q4 call). Mix: Dy 0.75, Tb 0.25, the "
            "~3:1 (Metalnomist, Jan 2026).",
        ),
        fac(
            "EF-P1",
            "White Mesa Mill Phase 1 separation",
            "SEP",
            OP,
            1000,
            SRC["ef-2024"],
            online="2024-04",
            ramp_up_years=0,
            operator="Energy Fuels",
            location="Blanding, UT",
            material="NdPr",
            notes="Runs in campaigns between uranium campaigns; monazite from Chemours (FL/GA). The base "
            "scenario's capacity factor 0.035 gives ~35 t/yr (see Overrides). Capacity: 1,000 t/yr NdPr, the "
            "top of the 850-1,000 t design (EF release, 10 Jun 2024). Online: Apr 2024, Phase 1 commissioned "
            "that month (EF release, 17 Jul 2025). Ramp-up: 0: EF reported design output from the first campaign "
            "(release, 10 Jun 2024).",
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
            build_months=20,
            operator="Energy Fuels",
            location="Blanding, UT",
            notes="Feed: monazite, largely imported (Donald, Australia; Vara Mada, Madagascar). Capacity and Mix: "
            ">6,000 t/yr NdPr, ~240 t Dy, ~66 t Tb (EF feasibility study, 15 Jan 2026). Permitting: from Jan "
            "2026 (EF release, 15 Jan 2026); 18 months to the approval EF expects 'by mid-2027'. Construction: 20 "
            "months, to the Q1 2029 commissioning EF targets (EF release). Ramp-up: Estimate: the app's default 2 years.",
        ),
        fac(
            "LYN-TX",
            "Seadrift light and heavy RE separation",
            "SEP",
            CAN,
            lyn_cap,
            SRC["lynas-tx"] + "; " + SRC["lynas-2025"],
            online="2026-06",
            operator="Lynas USA",
            location="Seadrift, TX",
            lead_agency="DOD-IBP",
            notes="Status cancelled: the chair told the Nov 2025 AGM the plant is 'unlikely to proceed' "
            "(The West Australian); kept so that the ~$288M of DoD money (Northern Miner) stays on the books. "
            "Capacity and Mix: ~1,250 t/yr NdPr (C&EN, Jan 2021); Dy 45 t and Tb 15 t: Estimate: heavy output "
            "not published. Online: Jun 2026, operations in Lynas's fiscal 2026 as planned before the project "
            "stalled (Reuters, Aug 2025). Ramp-up: Estimate: the app's default 2 years (no effect while "
            "cancelled).",
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
            location="Alexandria, LA",
            lead_agency="DOD-IBP",
            notes="Feed: third-party mixed carbonate and recycled oxides. Capacity: 2,000 t/yr TREO, the first "
            "stage (Ucore). Online: Oct 2026, 'operational readiness' in 2H 2026 (In-Focus, Jan 2026); Ucore "
            "had earlier aimed at Q1 2025. Ramp-up: Estimate: the app's default 2 years. Mix: Estimate: NdPr "
            "0.20, Dy 0.01, Tb 0.003 of TREO for a typical mixed carbonate.",
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
            location="Alexandria, LA",
            lead_agency="DOD-IBP",
            notes="Capacity: 5,500 t/yr TREO, taking the complex from 2,000 to 7,500 t/yr (Ucore). Online: "
            "Estimate: Jan 2028; Ucore planned 7,500 t/yr for 2027 when the first stage was due in 2025, and "
            "that stage has slipped to late 2026. Ramp-up: Estimate: the app's default 2 years. Mix: "
            "Estimate: as the first stage.",
        ),
        fac(
            "REEL-NOB",
            "ReElement Noblesville refinery",
            "SEP",
            OP,
            200,
            SRC["reelement"],
            online="2025-10",
            ramp_up_years=1,
            operator="ReElement Technologies",
            location="Noblesville, IN",
            notes="Capacity: >200 t/yr after the Sep 2025 expansion (NS Energy), across Sb, Dy, Gd, Ga, Ge, Sm, "
            "Tb, Y, Nd and Pr. Online: Oct 2025, the expansion (NS Energy). Ramp-up: Estimate: 1 year. Mix: Estimate: "
            "NdPr 0.30, Dy 0.05, Tb 0.01; the product split is not published.",
        ),
        fac(
            "REEL-SEP",
            "ReElement Marion refinery, phase 1",
            "SEP",
            PLN,
            reel_cap,
            SRC["reelement"] + "; " + SRC["osc"],
            online="2027-01",
            operator="ReElement Technologies",
            location="Marion, IN",
            lead_agency="DOD-OSC",
            notes="Feed: recycled magnets and ore concentrates; supplies Vulcan under a five-year deal. "
            "Capacity and Mix: the three magnet REs of the 2,000 t/yr of RE oxides Argus reported for phase 1 "
            "(2024); ReElement now gives 2,500-3,500 t/yr including battery materials and antimony. Estimate: "
            "NdPr 1,400 t, Dy 50 t, Tb 16 t. Online: Estimate: Jan 2027; >60% of phase-1 equipment ordered or "
            "installed by Sep 2025 (NS Energy). Ramp-up: Estimate: the app's default 2 years.",
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
            location="Hudspeth County, TX",
            lead_agency="DOC",
            notes="Processes Round Top ore and third-party mixed carbonate and heavy concentrates (Commerce). "
            "Capacity and Mix: Estimate: NdPr 1,600, Dy 160, Tb 32 t/yr from ~8,000 t/yr of feed. Permitting: "
            "Estimate: as Round Top, Jan 2025 for 24 months. Construction: Estimate: 12 months, for the 2028 "
            "start Commerce gives. Ramp-up: Estimate: 3 years.",
        ),
        fac(
            "ACL-SEP",
            "Aclara heavy RE separation, Vinton",
            "SEP",
            PLN,
            acl_cap,
            SRC["aclara"],
            online="2027-07",
            operator="Aclara Resources",
            location="Vinton, LA",
            notes="Status planned: completion is 'contingent upon the timely completion of funding and offtake "
            "agreements' (Aclara). Capacity and Mix: 200 t/yr Dy, 30 t/yr Tb, 1,400 t/yr NdPr oxides (Aclara). "
            "Online: Estimate: Jul 2027; construction from 2026, completion in 2027 (Manufacturing.net). "
            "Ramp-up: Estimate: the app's default 2 years; Aclara's own feed arrives mid-2028.",
        ),
    ]
    comp = share_rows("MP-HRE", {"Dy": 0.75, "Tb": 0.25})
    comp += ef2 + lyn + reel + usar + acl
    for fid in ("UCORE-1", "UCORE-2"):
        comp += share_rows(fid, {"NdPr": 0.2, "Dy": 0.01, "Tb": 0.003})
    comp += share_rows("REEL-NOB", {"NdPr": 0.3, "Dy": 0.05, "Tb": 0.01})
    return facilities, comp

"""Public and private money in the US mine-to-magnet example: awards, loans, credits, equity, guarantees.

Amounts are USD million. Commitments without a fixed amount (the price floor,
the offtake, the EBITDA guarantee) are entered as 0 with their terms in
Notes; the engine works out the floor's exposure from the Price floors table.
"""

from __future__ import annotations

from example_parts import fund
from example_sources import SRC
from example_us_magnets import ILLUSTRATIVE

from reeplanner.model import FundingLine, FundingStatus

C, A, P = FundingStatus.COMMITTED, FundingStatus.ANNOUNCED, FundingStatus.PROPOSED


def mp_funding() -> list[FundingLine]:
    dod = SRC["mp-dod"]
    return [
        fund(
            "F-MP-DPA",
            "MP-SEP",
            "DPA3",
            "DOD-IBP",
            9.6,
            2020,
            C,
            SRC["mp-ibas"],
            "Stage II light RE separation",
        ),
        fund("F-MP-IBAS", "MP-HRE", "IBAS", "DOD-IBP", 35, 2022, C, SRC["mp-ibas"], "Heavy RE separation"),
        fund("F-MP-48C", "MP-IND-MAG", "48C", "DOE", 58.5, 2024, C, SRC["mp-ftw"], "Fort Worth plant"),
        fund(
            "F-MP-EQ",
            "MP-10X-MAG",
            "EQUITY",
            "DOD",
            400,
            2025,
            C,
            dod,
            "Convertible preferred stock plus warrants at $30.03/share; funds 10X and separation.",
        ),
        fund(
            "F-MP-FLOOR",
            "MP-SEP",
            "PRICE-FLOOR",
            "DOD",
            0,
            2025,
            C,
            dod + "; " + SRC["mp-q3-2025"],
            "Terms: $110/kg on MP's NdPr products 'stockpiled or sold', 10 years from 1 Oct 2025; DoD pays the "
            "gap to the benchmark price and shares the upside. Contingent, so entered as 0: the Price floors "
            "table carries it and the engine works out the exposure.",
        ),
        fund(
            "F-MP-PPA-25Q4",
            "MP-SEP",
            "PRICE-FLOOR",
            "DOD",
            51,
            2025,
            C,
            SRC["mp-q4-call"],
            "Price-protection income actually received for Q4 2025 (MP Q4 2025 call), incl. stockpiled "
            "inventory; the first payment under F-MP-FLOOR.",
        ),
        fund(
            "F-MP-OFF",
            "MP-10X-MAG",
            "OFFTAKE",
            "DOD",
            0,
            2025,
            C,
            dod,
            "Terms: for 10 years after 10X is built, DoD ensures 100% of its magnets are bought, by DoD or "
            "placed with commercial customers, cost-plus pricing with quarterly true-ups (8-K Ex. 10.5). "
            "Contract value not published, entered as 0.",
        ),
        fund(
            "F-MP-EBITDA",
            "MP-10X-MAG",
            "EBITDA-FLOOR",
            "DOD",
            0,
            2028,
            C,
            dod + "; " + SRC["mp-q3-2025"],
            "Terms: DoD guarantees 10X at least $140M of EBITDA a year once ramped, +2%/yr, for the 10-year "
            "offtake, sharing the upside (MP 10-Q Q3 2025; Project Blue). Contingent, entered as 0; year 2028 "
            "is 10X's commissioning.",
        ),
        fund(
            "F-MP-LOAN",
            "MP-HRE",
            "OSC",
            "DOD-OSC",
            150,
            2025,
            C,
            SRC["osc-mp"],
            "OSC's first direct loan (Aug 2025), for heavy RE separation at Mountain Pass; MP's 10-Q calls it "
            "the 'Samarium Project Loan'.",
        ),
        fund(
            "F-MP-BANKS",
            "MP-10X-MAG",
            "PRIVATE",
            "PRIVATE",
            1000,
            2025,
            A,
            dod,
            "$1.0B commitment letter from JPMorgan Chase and Goldman Sachs for 10X.",
        ),
        fund(
            "F-MP-TX",
            "MP-10X-MAG",
            "STATE-GRANT",
            "STATE",
            200,
            2026,
            A,
            SRC["mp-fy2025"],
            "$200M Texas incentive package for 10X in Northlake, anchored by a Texas Semiconductor Innovation "
            "Fund grant (MP FY2025 release, Feb 2026).",
        ),
        fund(
            "F-MP-APPLE",
            "MP-IND2-MAG",
            "PRIVATE",
            "PRIVATE",
            500,
            2025,
            C,
            SRC["mp-apple"],
            "Apple's $500M commitment to buy magnets, incl. a $200M prepayment.",
        ),
    ]


def other_funding() -> list[FundingLine]:
    return [
        fund("F-LYN-DPA", "LYN-TX", "DPA3", "DOD-IBP", 30.4, 2021, C, SRC["lynas-tx"], "Light RE plant"),
        fund(
            "F-LYN-IBAS",
            "LYN-TX",
            "IBAS",
            "DOD-IBP",
            258,
            2023,
            C,
            SRC["lynas-tx"] + "; " + SRC["lynas-2025"],
            "~$120M (Jun 2022) raised to ~$258M (2023), expenditure-based; with the DPA award ~$288M from DoD "
            "(Northern Miner). The plant is unlikely to proceed (Nov 2025); how much was spent is not public.",
        ),
        fund(
            "F-EVAC-MCEIP", "EVAC-MAG", "MCEIP", "DOD-IBP", 94.1, 2023, C, SRC["evac"], "Equipment and lines"
        ),
        fund(
            "F-EVAC-48C",
            "EVAC-MAG",
            "48C",
            "DOE",
            111.8,
            2024,
            C,
            SRC["evac"],
            "$111.8M per the company's release (The Sumter Item); Fastmarkets reported $111.9M.",
        ),
        fund(
            "F-NOV-DOD",
            "NOV-MAG",
            "DOD-AWARD",
            "DOD-IBP",
            35,
            2022,
            C,
            SRC["noveon"],
            "'More than $35 million' from DoD by early 2023 (company); programs not itemised. Estimate: year "
            "2022 stands in for awards made 2020-2023.",
        ),
        fund(
            "F-UCORE-1", "UCORE-1", "DPA3", "DOD-IBP", 4, 2023, C, SRC["ucore"], "Demonstration award (2023)"
        ),
        fund(
            "F-UCORE-2", "UCORE-1", "DPA3", "DOD-IBP", 18.4, 2025, C, SRC["ucore"], "Commercial-scale build"
        ),
        fund(
            "F-VUL-OSC", "VUL-MAG", "OSC", "DOD-OSC", 620, 2025, A, SRC["osc"], "Conditional loan commitment"
        ),
        fund(
            "F-REEL-OSC", "REEL-SEP", "OSC", "DOD-OSC", 80, 2025, A, SRC["osc"], "Conditional loan commitment"
        ),
        fund(
            "F-REEL-EXIM",
            "REEL-SEP",
            "EXIM",
            "EXIM",
            150,
            2025,
            P,
            SRC["reelement"],
            "Letter of interest for up to $150M for Marion (9 Jun 2025); non-binding, so proposed.",
        ),
        fund("F-VUL-CHIPS", "VUL-MAG", "CHIPS", "DOC", 50, 2025, A, SRC["vulcan-doc"], "Preliminary LOI"),
        fund(
            "F-VUL-EQ",
            "VUL-MAG",
            "EQUITY",
            "DOC",
            0,
            2025,
            A,
            SRC["vulcan-doc"],
            "Commerce to receive $50M of equity in Vulcan; the sources do not say whether this is on top of or "
            "in exchange for the $50M CHIPS incentive, so it is entered as 0 to avoid counting it twice.",
        ),
        fund("F-VUL-PRIV", "VUL-MAG", "PRIVATE", "PRIVATE", 550, 2025, A, SRC["vulcan"], "Private capital"),
        fund(
            "F-VUL-NC",
            "VUL-MAG",
            "STATE-GRANT",
            "STATE",
            17.6,
            2025,
            A,
            SRC["vulcan"],
            "North Carolina Job Development Investment Grant, up to $17.6M over 12 years if targets are met.",
        ),
        fund(
            "F-ACL-LA",
            "ACL-SEP",
            "STATE-GRANT",
            "STATE",
            46.4,
            2025,
            A,
            SRC["aclara"],
            "Louisiana tax incentives and grants for the Vinton plant.",
        ),
        fund(
            "F-USAR-CHIPS",
            "STW-2",
            "CHIPS",
            "DOC",
            277,
            2026,
            A,
            SRC["usar"],
            "Non-binding LOI for Round Top and Stillwater (split not published); Commerce receives 16.1M "
            "shares and warrants.",
        ),
        fund("F-USAR-LOAN", "STW-2", "CHIPS-LOAN", "DOC", 1300, 2026, A, SRC["usar"], "Non-binding LOI"),
        fund(
            "F-SURGE-DPA",
            "SURGE-REC",
            "DPA3",
            "DOD-IBP",
            250,
            2026,
            P,
            ILLUSTRATIVE,
            "Estimate: illustrative award for a magnet-scrap recycling network.",
            scenarios=("SURGE",),
        ),
        fund(
            "F-SURGE-MET",
            "SURGE-MET",
            "IBAS",
            "DOD-IBP",
            150,
            2026,
            P,
            ILLUSTRATIVE,
            "Estimate: illustrative award for a heavy RE metal line.",
            scenarios=("SURGE",),
        ),
    ]


def funding() -> list[FundingLine]:
    return mp_funding() + other_funding()

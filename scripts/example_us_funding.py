"""Public money in the US mine-to-magnet example: awards, loans, credits, equity and the DoD-MP agreement.

Amounts are USD million. Commitments without a fixed amount (a price floor, an
offtake whose value is not published) are entered as 0 with the reason in Notes.
"""

from __future__ import annotations

from example_parts import SRC, fund

from reeplanner.model import FundingLine, FundingStatus

C, A, P = FundingStatus.COMMITTED, FundingStatus.ANNOUNCED, FundingStatus.PROPOSED


def funding() -> list[FundingLine]:
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
            SRC["mp-dod"],
            "Convertible preferred stock plus warrants at $30.03/share; funds 10X construction.",
        ),
        fund(
            "F-MP-FLOOR",
            "MP-SEP",
            "PRICE-FLOOR",
            "DOD",
            0,
            2025,
            C,
            SRC["mp-dod"],
            "$110/kg NdPr price floor for 10 years: DoD pays the shortfall below $110/kg, so no fixed amount. "
            "Estimate for scale: at ~$56/kg (USGS 2024 Nd oxide) and 1,300 t NdPr (2024) the shortfall is ~$70M "
            "a year; entered as 0 so totals count only fixed amounts.",
        ),
        fund(
            "F-MP-OFF",
            "MP-10X-MAG",
            "OFFTAKE",
            "DOD",
            0,
            2025,
            C,
            SRC["mp-dod"],
            "DoD buys 100% of 10X magnets for 10 years; contract value not published, entered as 0.",
        ),
        fund(
            "F-MP-LOAN",
            "MP-HRE",
            "DOD-LOAN",
            "DOD",
            150,
            2025,
            C,
            SRC["mp-dod-loan"],
            "Loan to expand heavy RE separation at Mountain Pass.",
        ),
        fund(
            "F-MP-BANKS",
            "MP-10X-MAG",
            "PRIVATE",
            "PRIVATE",
            1000,
            2025,
            A,
            SRC["mp-dod"],
            "$1B financing commitment from JPMorgan Chase and Goldman Sachs for 10X.",
        ),
        fund(
            "F-LYN-DPA",
            "LYN-TX-L",
            "DPA3",
            "DOD-IBP",
            30.4,
            2021,
            C,
            SRC["lynas-tx"],
            "Light RE plant (Hondo, TX)",
        ),
        fund(
            "F-LYN-IBAS",
            "LYN-TX-H",
            "IBAS",
            "DOD-IBP",
            258,
            2023,
            C,
            SRC["lynas-tx"],
            "~$120M (Jun 2022) raised to ~$258M (2023), expenditure-based; project uncertain since Aug 2025.",
        ),
        fund(
            "F-EVAC-MCEIP", "EVAC-MAG", "MCEIP", "DOD-IBP", 94.1, 2023, C, SRC["evac"], "Equipment and lines"
        ),
        fund(
            "F-EVAC-48C",
            "EVAC-MAG",
            "48C",
            "DOE",
            111.9,
            2024,
            C,
            SRC["evac"],
            "Qualifying advanced energy credit; $111.9M per the company announcement (some reports: $111.8M).",
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
            "'More than $35 million' from DoD by early 2023 (company); programs not itemised. "
            "Estimate: year 2022 stands in for awards made 2020-2023.",
        ),
        fund("F-UCORE-1", "UCORE-1", "DPA3", "DOD-IBP", 4, 2023, C, SRC["ucore"], "Demonstration award"),
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
            "F-VUL-CHIPS",
            "VUL-MAG",
            "CHIPS",
            "DOC",
            50,
            2025,
            A,
            SRC["vulcan-doc"],
            "Preliminary LOI, equipment",
        ),
        fund(
            "F-VUL-EQ",
            "VUL-MAG",
            "EQUITY",
            "DOC",
            0,
            2025,
            A,
            SRC["vulcan-doc"],
            "Commerce to receive $50M of equity in Vulcan; the sources do not say whether this is on top of or in "
            "exchange for the $50M CHIPS incentive, so it is entered as 0 to avoid counting it twice.",
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
            "Non-binding LOI for Round Top and Stillwater (split not published); Commerce receives 16.1M shares "
            "and warrants.",
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
            "Illustrative SURGE assumption, not an announced award.",
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
            "Illustrative SURGE assumption, not an announced award.",
            scenarios=("SURGE",),
        ),
    ]

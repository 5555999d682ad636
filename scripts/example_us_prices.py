"""Market prices (base, low and high cases) and MP Materials' NdPr price floor, in USD/kg.

A year without a price takes the last given one (engine.md), so each path
gives the reported years and, in the low and high cases, the level it moves
to in 2026. Each row's Notes label every year with its source or "Estimate:".
"""

from __future__ import annotations

from example_sources import SRC

from reeplanner.model import PriceFloor, PriceRow

BASE = {
    "NdPr": (
        {2024: 52.0, 2025: 62.0},
        "NdPr oxide. 2024: $52/kg, Fastmarkets fob China $50-55/kg (Apr-Jun 2024) and Lynas's US$51/kg for "
        "the Dec-2024 quarter. 2025: Estimate: $62/kg, above MP's realised $59/kg in Q3 2025 as prices firmed "
        "late in the year; held flat after 2025.",
        ("px-2024", "px-2025"),
    ),
    "Dy": (
        {2024: 260.0, 2025: 224.0},
        "Dy oxide. 2024: $260/kg (USGS MCS 2025, 2024e). 2025: $224/kg, the average price of ~96% of the Dy "
        "oxide used worldwide (Adamas); European asks of $700-1,000+ were thin trade. Held flat after 2025.",
        ("usgs", "px-2025"),
    ),
    "Tb": (
        {2024: 810.0, 2025: 900.0},
        "Tb oxide. 2024: $810/kg (USGS MCS 2025, 2024e). 2025: Estimate: $900/kg, between the 2024 level and "
        "the $930-1,000/kg Europe paid before the April 2025 controls (Argus). Held flat after 2025.",
        ("usgs", "px-2025"),
    ),
}

LOW = {
    "NdPr": (45.0, "2026: Estimate: $45/kg, below the 2024 trough (Fastmarkets $50-52/kg, Jun 2024)."),
    "Dy": (180.0, "2026: Estimate: $180/kg, 20% under 2025's volume-weighted $224/kg (Adamas)."),
    "Tb": (650.0, "2026: Estimate: $650/kg, 20% under the 2024 level (USGS)."),
}

HIGH = {
    "NdPr": (120.0, "2026: Estimate: $120/kg, the Jun-2022 quarter average Lynas reported."),
    "Dy": (700.0, "2026: Estimate: $700/kg, the low end of Europe's post-control range (Argus, May 2025)."),
    "Tb": (
        2000.0,
        "2026: Estimate: $2,000/kg, the low end of Europe's post-control range (Argus, May 2025).",
    ),
}


def _sources(keys: tuple[str, ...]) -> str:
    return "; ".join(SRC[k] for k in keys)


def prices() -> list[PriceRow]:
    rows = [
        PriceRow(material, values=dict(values), notes=notes, source=_sources(keys))
        for material, (values, notes, keys) in BASE.items()
    ]
    for scenario, case, extra in (("LOWPRICE", LOW, ()), ("HIGHPRICE", HIGH, ("px-high",))):
        for material, (level, note) in case.items():
            values, notes, keys = BASE[material]
            history = notes.split(" Held flat")[0]
            rows.append(
                PriceRow(
                    material,
                    scenario,
                    values={**values, 2026: level},
                    notes=f"{history} {note} Held flat after 2026.",
                    source=_sources(keys + extra),
                )
            )
    return rows


def price_floors() -> list[PriceFloor]:
    sources = "; ".join(SRC[k] for k in ("mp-dod", "mp-q3-2025", "mp-q4-call"))
    floor = "Floor: $110/kg NdPr (MP release, 10 Jul 2025)."
    return [
        PriceFloor(
            "PF-MP-25Q4",
            "MP-SEP",
            "NdPr",
            110.0,
            2025,
            2025,
            "DOD",
            share=0.25,
            funding="F-MP-FLOOR",
            notes=floor + " Share: Estimate: 0.25, Oct-Dec as a quarter of 2025's output; the floor began 1 "
            "Oct 2025 (MP Q3 2025 release). Years: 2025 only. Compare the $51M MP received for Q4 2025, which "
            "also paid on stockpiled material (funding line F-MP-PPA-25Q4).",
            source=sources,
        ),
        PriceFloor(
            "PF-MP",
            "MP-SEP",
            "NdPr",
            110.0,
            2026,
            2035,
            "DOD",
            funding="F-MP-FLOOR",
            notes=floor + " Share: 1, all NdPr 'stockpiled or sold' (MP release). Years: 10 years from 1 Oct "
            "2025 (MP Q3 2025 release), whole years 2026-2035.",
            source=sources,
        ),
    ]

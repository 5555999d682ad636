"""Where the chain breaks: each stage and material's share of its requirement that domestic capacity
and domestic output cover, and the constraints ranked from the binding one down.

Shares make materials and products comparable: 14 t of Tb and 4,000 t of alloy are both "29% of
what the chain needs here". The binding constraint is engine.md's bottleneck (the stage whose
capacity covers the smallest fraction of its requirement, on its scarcest material); the
runners-up are the next lanes by the same measure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine import flows

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioResult

COVERAGE_COLUMNS = [
    "stage",
    "material",
    "requirement",
    "capacity",
    "output",
    "gap",
    "capacity_share",
    "output_share",
]


def stage_coverage(result: ScenarioResult, year: int) -> pd.DataFrame:
    """One row per lane (stage and material; material ``""`` on product stages), chain order, in
    ``year``: domestic requirement, capacity, output and gap (t/yr), and capacity and output as a
    fraction of the requirement (NaN where nothing is required)."""
    import pandas as pd  # on first use

    a = result.arrays
    chain = a.prep.chain
    y = _year_column(result, year)
    requirement = a.requirement[:, y]
    output = a.domestic.output[:, y]
    capacity = a.capacity[:, y]
    return pd.DataFrame(
        {
            "stage": list(chain.lane_stage),
            "material": list(chain.lane_material),
            "requirement": requirement,
            "capacity": capacity,
            "output": output,
            "gap": requirement - output,
            "capacity_share": flows.share_of(capacity, requirement),
            "output_share": flows.share_of(output, requirement),
        },
        columns=COVERAGE_COLUMNS,
    )


def ranked_constraints(result: ScenarioResult, year: int) -> pd.DataFrame:
    """The lanes with a requirement in ``year``, least covered by capacity first (``stage_coverage``
    rows, ties upstream first), with ``binding`` True on the bottleneck's lane (engine.md)."""
    frame = stage_coverage(result, year)
    frame = frame[frame["requirement"] > 0].copy()
    order = np.lexsort((np.arange(len(frame)), frame["capacity_share"].to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    a = result.arrays
    y = _year_column(result, year)
    k, m = int(a.bottleneck[y]), int(a.bottleneck_material[y])
    chain = a.prep.chain
    stage = chain.stages[k].id if k >= 0 else None
    material = chain.materials[m] if m >= 0 else ""
    frame["binding"] = [
        s == stage and mat == material for s, mat in zip(frame.stage, frame.material, strict=True)
    ]
    return frame


def _year_column(result: ScenarioResult, year: int) -> int:
    if year not in result.years:
        raise ValueError(f"{year} is outside the plan's horizon ({result.years[0]}-{result.years[-1]}).")
    return result.years.index(year)

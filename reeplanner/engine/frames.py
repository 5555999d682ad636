"""The flows and magnet tables of a scenario, laid out from its arrays when first read.

``compute`` works on numpy arrays alone and every table is laid out on first
read, so pandas is imported only when a table is: a window draws its canvas
and charts from the arrays before pandas is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reeplanner.engine import flows
from reeplanner.engine.chain import Chain

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioArrays

FLOW_COLUMNS = [
    "year",
    "stage",
    "material",
    "capacity",
    "requirement",
    "output",
    "output_with_imports",
    "recycled",
    "imports",
    "gap",
    "stranded",
    "coverage",
]


def flows_frame(a: ScenarioArrays) -> pd.DataFrame:
    """One row per (year, stage, material): lanes vary fastest."""
    n_lanes, n_years = a.capacity.shape
    numbers = np.stack(
        [
            a.capacity,
            a.requirement,
            a.domestic.output,
            a.with_imports.output,
            a.recycled_by_lane,
            a.imports,
            a.gap,
            a.stranded,
            flows.coverage(a.capacity, a.requirement),
        ],
        axis=-1,
    )  # (L, Y, 9)
    block = numbers.transpose(1, 0, 2).reshape(n_lanes * n_years, -1)
    columns = flow_labels(a.prep.chain, a.prep.years)
    columns.update({name: block[:, i] for i, name in enumerate(FLOW_COLUMNS[3:])})
    return pd.DataFrame(columns, copy=False)


def magnet_frame(a: ScenarioArrays) -> pd.DataFrame:
    chain = a.prep.chain
    demand = a.magnet_demand
    stage_ids = [s.id for s in chain.stages]
    bottleneck = [stage_ids[k] if k >= 0 else None for k in a.bottleneck]
    material = [chain.materials[m] if m >= 0 else None for m in a.bottleneck_material]
    years = pd.Index(a.prep.years, name="year")
    columns = {
        "magnet_demand": demand,
        "domestic_magnet_output": a.magnet_output,
        "magnet_output_allied": a.magnet_output_allied,
        "magnet_output_with_imports": a.magnet_output_with_imports,
        "self_sufficiency": a.self_sufficiency,
        "allied_coverage": a.allied_coverage,
        "unmet_demand": a.unmet_demand,
        # Object Series: as a list, the constructor would make a text column with NaN for None.
        "bottleneck": pd.Series(bottleneck, index=years, dtype=object),
        "bottleneck_material": pd.Series(material, index=years, dtype=object),
        "price_floor_exposure": a.floor_exposure.by_year,
    }
    return pd.DataFrame(columns, index=years)


def flow_labels(chain: Chain, years: np.ndarray) -> dict[str, object]:
    """Flows rows run over years, then lanes: the year column and the lanes' labels as categoricals."""

    def categorical(per_lane: np.ndarray) -> pd.Categorical:
        labels = list(dict.fromkeys(per_lane))
        codes = np.array([labels.index(label) for label in per_lane])
        return pd.Categorical.from_codes(np.tile(codes, len(years)), categories=labels)

    return {
        "year": np.repeat(years, chain.n_lanes),
        "stage": categorical(chain.lane_stage),
        "material": categorical(chain.lane_material),
    }

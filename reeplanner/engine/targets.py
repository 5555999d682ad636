"""Targets: the metric's value in the target year, met or not, the first year it holds, the shortfall."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.model.enums import Metric
from reeplanner.model.ids import id_key
from reeplanner.model.records import Target

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioArrays

#: A value this close below the threshold (relative) still meets it, so rounding never decides.
MET_TOLERANCE = 1e-9

TARGET_COLUMNS = [
    "target",
    "description",
    "stage",
    "material",
    "metric",
    "threshold",
    "year",
    "value",
    "met",
    "year_met",
    "shortfall",
    "owner_agency",
]


def metric_series(a: ScenarioArrays, target: Target) -> np.ndarray:
    """(Y,) the target's metric in every horizon year (domestic figures; self-sufficiency in percent)."""
    chain = a.prep.chain
    k = chain.stage_key(target.stage)
    if target.metric is Metric.SELF_SUFFICIENCY:
        if k == chain.magnet_stage:
            return _percent(a.magnet_output, a.magnet_demand)
        lanes = chain.lane_slices[k]
        if chain.is_material_stage(k) and target.material:
            lanes = slice(chain.lane(k, target.material), chain.lane(k, target.material) + 1)
        ratios = _percent(a.domestic.output[lanes], a.requirement[lanes])
        # The scarcest material with a requirement speaks for the stage.
        with np.errstate(all="ignore"):
            return np.where(np.isnan(ratios).all(axis=0), np.nan, np.nanmin(_nan_to_inf(ratios), axis=0))
    lane = chain.lane(k, target.material)
    figures = a.capacity if target.metric is Metric.CAPACITY else a.domestic.output
    return figures[lane]


def evaluate(a: ScenarioArrays, target: Target) -> dict[str, object]:
    """One row of the targets table."""
    series = metric_series(a, target)
    holds = series >= target.threshold - MET_TOLERANCE * max(1.0, abs(target.threshold))
    years = a.prep.years
    position = target.year - int(years[0])
    inside = 0 <= position < len(years)
    value = float(series[position]) if inside else np.nan
    met = bool(inside and holds[position])
    first = np.flatnonzero(holds)
    if np.isnan(value):
        shortfall = float(target.threshold)
    else:
        shortfall = 0.0 if met else max(0.0, target.threshold - value)
    return {
        "target": target.id,
        "description": target.description,
        "stage": target.stage,
        "material": target.material,
        "metric": str(target.metric),
        "threshold": float(target.threshold),
        "year": target.year,
        "value": value,
        "met": met,
        "year_met": int(years[first[0]]) if len(first) else None,
        "shortfall": shortfall,
        "owner_agency": target.owner_agency,
    }


def targets_frame(a: ScenarioArrays) -> pd.DataFrame:
    import pandas as pd  # on first use: the engine computes without it

    rows = [evaluate(a, t) for t in a.prep.plan.targets]
    frame = pd.DataFrame({name: [row[name] for row in rows] for name in TARGET_COLUMNS})
    frame["year_met"] = pd.array([row["year_met"] for row in rows], dtype=object)
    return frame


def metric_unit(metric: Metric) -> str:
    """The unit a target's threshold and value are in: ``%`` for self-sufficiency, else ``t/yr``."""
    return "%" if metric is Metric.SELF_SUFFICIENCY else "t/yr"


def figure_text(metric: Metric, value: float) -> str:
    """A target's value, shortfall or threshold as a reader takes it in: ``2,490 t/yr``, ``30.0 t/yr``, ``14.6%``.

    Thousands separators; one decimal on percentages and below 100 t/yr, none above.
    """
    if value is None or math.isnan(value):
        return "no value"
    if metric is Metric.SELF_SUFFICIENCY:
        return f"{value:,.1f}%"
    return f"{value:,.1f} t/yr" if abs(round(value, 1)) < 100 else f"{value:,.0f} t/yr"


def threshold_text(metric: Metric, threshold: float) -> str:
    """A threshold as the planner typed it, with its unit: ``3,000 t/yr``, ``25%``, ``12.5%``."""
    number = f"{threshold:,.2f}".rstrip("0").rstrip(".")
    return f"{number}%" if metric is Metric.SELF_SUFFICIENCY else f"{number} t/yr"


def shortfall_text(metric: Metric, shortfall: float) -> str:
    """``510 t/yr``, or ``10.4 percentage points`` for self-sufficiency."""
    if metric is Metric.SELF_SUFFICIENCY:
        return f"{shortfall:,.1f} percentage points"
    return figure_text(metric, shortfall)


def find_target(a: ScenarioArrays, target_id: str) -> Target | None:
    return next((t for t in a.prep.plan.targets if id_key(t.id) == id_key(target_id)), None)


def _percent(out: np.ndarray, req: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.where(req > 0, 100.0 * out / np.where(req > 0, req, 1.0), np.nan)


def _nan_to_inf(values: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(values), np.inf, values)

"""Scenarios side by side: each one's figures beside the base's, and which scenarios are identical.

A comparison that shows twelve columns of which seven are the same misleads as much as one that
hides a scenario. ``identical_groups`` names the scenarios whose figures agree in every year
(so a reader is told "identical", never left to spot it), and ``differences`` gives each
figure's value and its change from the base.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioResult

T = TypeVar("T")
#: Figures this close (relative) are the same figure.
SAME = 1e-9
#: Magnet-frame figures of a scenario table: what users here can get, and what is made at home.
TABLE_FIGURES = (
    "domestic_magnet_output",
    "self_sufficiency",
    "allied_coverage",
    "magnet_output_with_imports",
    "unmet_demand",
)
#: Horizon figures compared beside the yearly ones.
HORIZON_FIGURES = ("funding_public_total", "price_floor_exposure")
DIFFERENCE_COLUMNS = ["scenario", "figure", "year", "value", "base", "difference"]


def same_figures(
    a: ScenarioResult,
    b: ScenarioResult,
    figures: Sequence[str],
    *,
    horizon: bool = False,
    targets: bool = False,
    years: Sequence[int] | None = None,
) -> bool:
    """Whether ``a`` and ``b`` agree on the magnet figures ``figures`` in every horizon year (or in
    ``years``), and, when asked, on public money and price-floor exposure over the horizon and on
    every target's value and outcome."""
    rows = list(years) if years is not None else slice(None)
    series = [(a.magnet.loc[rows, f].to_numpy(float), b.magnet.loc[rows, f].to_numpy(float)) for f in figures]
    if horizon:
        series += [(np.array([_horizon(a, f)]), np.array([_horizon(b, f)])) for f in HORIZON_FIGURES]
    if targets:
        series.append((a.targets["value"].to_numpy(float), b.targets["value"].to_numpy(float)))
        if list(a.targets["met"]) != list(b.targets["met"]) or list(a.targets["year_met"]) != list(
            b.targets["year_met"]
        ):
            return False
    return all(
        x.shape == y.shape and np.allclose(x, y, rtol=SAME, atol=SAME, equal_nan=True) for x, y in series
    )


def identical_groups(
    results: Sequence[ScenarioResult],
    figures: Sequence[str] = TABLE_FIGURES,
    *,
    horizon: bool = True,
    targets: bool = True,
    years: Sequence[int] | None = None,
) -> list[list[str]]:
    """The scenarios in groups of identical figures (``same_figures``), in the order given: each
    group in order, led by its first scenario; a scenario like no other is a group of one."""
    groups = alike_groups(
        results,
        lambda result: result,
        lambda a, b: same_figures(a, b, figures, horizon=horizon, targets=targets, years=years),
    )
    return [[r.scenario_id for r in group] for group, _first in groups]


def alike_groups(
    results: Sequence[ScenarioResult],
    figures_of: Callable[[ScenarioResult], T],
    alike: Callable[[T, T], bool],
) -> list[tuple[list[ScenarioResult], T]]:
    """The scenarios in groups whose figures (``figures_of``) are ``alike``, in the order given:
    each group with its first scenario's figures, which the others were compared with."""
    groups: list[tuple[list[ScenarioResult], T]] = []
    for result in results:
        figures = figures_of(result)
        group = next((members for members, first in groups if alike(first, figures)), None)
        if group is not None:
            group.append(result)
        else:
            groups.append(([result], figures))
    return groups


def differences(
    results: Sequence[ScenarioResult], years: Sequence[int], figures: Sequence[str] = TABLE_FIGURES
) -> pd.DataFrame:
    """Each scenario's ``figures`` in ``years`` beside the first scenario's (the base):
    ``DIFFERENCE_COLUMNS``, ``difference`` = value - base (NaN where either is undefined)."""
    import pandas as pd  # on first use

    base = results[0]
    rows = []
    for result in results:
        for figure in figures:
            for year in years:
                value = float(result.magnet.at[year, figure])
                reference = float(base.magnet.at[year, figure])
                rows.append((result.scenario_id, figure, int(year), value, reference, value - reference))
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def horizon_difference(result: ScenarioResult, base: ScenarioResult, figure: str) -> float:
    """``figure`` (``funding_public_total`` or ``price_floor_exposure``) over the horizon, minus the
    base's."""
    return _horizon(result, figure) - _horizon(base, figure)


def _horizon(result: ScenarioResult, figure: str) -> float:
    if figure == "funding_public_total":
        return float(result.funding_public_total)
    if figure == "price_floor_exposure":
        return float(result.arrays.floor_exposure.total)
    raise ValueError(f"no horizon figure {figure!r}")

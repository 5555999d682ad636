"""Drivers of a target under schedule risk: ``P(met | facility secured) - P(met)`` (engine.md).

Secured means the same draws with that facility neither cancelled nor
slipped (common random numbers). A secured facility has at least the
capacity it has in the draw, and output, capacity and self-sufficiency never
fall when a capacity rises, so only the draws that miss the target and in
which the facility's capacity differs can change: only those are
recomputed, in the target year only, all candidates of a target in one
forward pass.

On plans with more than ``EXACT_DRIVERS`` uncertain facilities, the gain is
computed for the ``SCREENED_DRIVERS`` facilities whose capacity in the
target year is most rank-correlated with the target's value over the first
``SCREEN_DRAWS`` draws; the others are reported as not computed (NaN).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pandas as pd

from reeplanner.engine.risk_draws import DrawFigures, ScenarioDraws, meets
from reeplanner.engine.targets import metric_series
from reeplanner.model.records import Target

EXACT_DRIVERS = 60
SCREENED_DRIVERS = 20
SCREEN_DRAWS = 1_000
#: Per-chunk bound on driver columns (lanes x columns stay near this many numbers).
COLUMN_NUMBERS = 4_000_000

Chunks = Callable[[int], Iterator[np.ndarray]]


def driver_gains(
    draws: ScenarioDraws,
    targets: Sequence[Target],
    n: int,
    chunks: Chunks,
    progress: Callable[[float], None] | None = None,
) -> list[np.ndarray | None]:
    """Per target, (U,) gains in ``P(met)`` (NaN: not computed), or None for a target outside the horizon.

    ``chunks(size)`` gives the run's uniforms ``size`` draws at a time, from the start.
    """
    first = int(draws.prep.years[0])
    inside = [j for j, t in enumerate(targets) if 0 <= t.year - first < len(draws.prep.years)]
    gains: list[np.ndarray | None] = [None] * len(targets)
    if not inside or not draws.n_uncertain:
        for j in inside:
            gains[j] = np.zeros(draws.n_uncertain)
        return gains
    columns = np.unique([targets[j].year - first for j in inside])
    column_of = {j: int(np.searchsorted(columns, targets[j].year - first)) for j in inside}
    chunk = max(1, COLUMN_NUMBERS // (draws.prep.chain.n_lanes * draws.n_uncertain * len(columns)))
    if draws.n_uncertain <= EXACT_DRIVERS:
        candidates = {j: np.arange(draws.n_uncertain) for j in inside}
    else:
        sample = [(draws, targets[j], column_of[j]) for j in inside]
        picked = _screened(sample, columns, chunks(min(chunk, SCREEN_DRAWS)), min(n, SCREEN_DRAWS))
        candidates = dict(zip(inside, picked, strict=True))
    secured = draws.secured_capacity(columns)
    counts = {j: np.zeros(len(candidates[j])) for j in inside}
    done = 0
    for uniforms in chunks(chunk):
        capacity = draws.facility_capacity(uniforms, columns)
        base = draws.figures(capacity, columns)
        for j in inside:
            target, t = targets[j], column_of[j]
            met = meets(metric_series(base, target), target).reshape(len(uniforms), len(columns))[:, t]
            counts[j] += _newly_met(draws, base, capacity, secured, candidates[j], met, target, t, columns)
        done += len(uniforms)
        if progress:
            progress(done / n)
    for j in inside:
        gains[j] = np.full(draws.n_uncertain, np.nan)
        gains[j][candidates[j]] = counts[j] / n
    return gains


def _newly_met(
    draws: ScenarioDraws,
    base: DrawFigures,
    capacity: np.ndarray,
    secured: np.ndarray,
    candidates: np.ndarray,
    met: np.ndarray,
    target: Target,
    t: int,
    columns: np.ndarray,
) -> np.ndarray:
    """Per candidate, the draws of this chunk that miss the target and meet it once it is secured.

    A draw is tried for a candidate only if securing the candidate's whole stage meets the target
    in it (an upper bound, one forward pass per stage instead of one per facility).
    """
    delta = secured[candidates, t][None, :] - capacity[:, candidates, t]  # (n, c) >= 0
    open_ = (delta > 0) & ~met[:, None]
    group = draws.group[candidates]
    for g in np.unique(group):
        members = np.flatnonzero(group == g)
        rows = np.flatnonzero(open_[:, members].any(axis=1))
        if len(rows):
            added = [(candidates[[m]], delta[rows, m]) for m in members]
            hopeless = rows[~_met_when_added(draws, base, rows, added, target, t, columns)]
            open_[np.ix_(hopeless, members)] = False
    rows, which = np.nonzero(open_)
    if not len(rows):
        return np.zeros(len(candidates))
    now_met = _met_when_added(
        draws, base, rows, [(candidates[which], delta[rows, which])], target, t, columns
    )
    return np.bincount(which, weights=now_met, minlength=len(candidates))


def _met_when_added(
    draws: ScenarioDraws,
    base: DrawFigures,
    rows: np.ndarray,
    added: list[tuple[np.ndarray, np.ndarray]],
    target: Target,
    t: int,
    columns: np.ndarray,
) -> np.ndarray:
    """(R,) whether the draws ``rows`` meet the target in year position ``t`` with capacity added:
    each ``(facilities, tonnes)`` of ``added`` gives one facility to every row, or one per row, with its
    extra capacity."""
    picked = rows * len(columns) + t  # the draws' columns in ``base``
    lanes = base.capacity[:, picked]
    recycled = base.recycled[:, picked]
    for facility, tonnes in added:
        lanes += draws.lane_shares[facility].T * tonnes
        recycled += draws.recycle_shares[facility].T * tonnes
    figures = draws.column_figures(lanes, recycled, np.full(len(rows), columns[t]))
    return meets(metric_series(figures, target), target)


def _screened(
    sample: list[tuple[ScenarioDraws, Target, int]],
    columns: np.ndarray,
    chunks: Iterator[np.ndarray],
    size: int,
) -> list[np.ndarray]:
    """Per target, the ``SCREENED_DRIVERS`` facilities whose capacity in the target year is most
    rank-correlated (Spearman, over the first ``size`` draws) with the target's value."""
    draws = sample[0][0]
    capacity, values, taken = [], [], 0
    for uniforms in chunks:
        uniforms = uniforms[: size - taken]
        per_facility = draws.facility_capacity(uniforms, columns)
        figures = draws.figures(per_facility, columns)
        capacity.append(per_facility)
        values.append(
            [metric_series(figures, target).reshape(len(uniforms), -1)[:, t] for _, target, t in sample]
        )
        taken += len(uniforms)
        if taken >= size:
            break
    capacity = np.concatenate(capacity)
    picked = []
    for i, (_, _, t) in enumerate(sample):
        value = np.concatenate([v[i] for v in values])
        correlation = _spearman(capacity[:, :, t], value)
        order = np.lexsort((np.arange(len(correlation)), -np.nan_to_num(correlation, nan=-np.inf)))
        picked.append(np.sort(order[:SCREENED_DRIVERS]))
    return picked


def _spearman(columns: np.ndarray, value: np.ndarray) -> np.ndarray:
    """(U,) Spearman's rank correlation of each column of ``columns`` (n, U) with ``value`` (n,);
    NaN for a column (or a value) that does not vary."""
    ranks = pd.DataFrame(columns).rank().to_numpy(copy=True)
    ranked = pd.Series(value).rank().to_numpy(copy=True)
    ranks -= ranks.mean(axis=0)
    ranked -= ranked.mean()
    spread = np.sqrt((ranks**2).sum(axis=0) * (ranked**2).sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(spread > 0, (ranks * ranked[:, None]).sum(axis=0) / spread, np.nan)

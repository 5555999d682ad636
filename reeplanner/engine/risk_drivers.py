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

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from reeplanner.engine.risk_draws import DrawFigures, ScenarioDraws, meets
from reeplanner.engine.targets import metric_series
from reeplanner.model.records import Target

EXACT_DRIVERS = 60
SCREENED_DRIVERS = 20
SCREEN_DRAWS = 1_000


class DriverGains:
    """Counts, chunk by chunk, the draws each candidate facility turns from missed to met.

    ``add(capacity)`` takes each chunk's per-facility capacity in the target years
    (``columns``), as the main pass computes it; with more than ``EXACT_DRIVERS``
    uncertain facilities, ``screen`` must have picked the candidates first.
    """

    def __init__(self, draws: ScenarioDraws, targets: Sequence[Target], n: int) -> None:
        self.draws, self.targets, self.n = draws, list(targets), n
        first, count = int(draws.prep.years[0]), len(draws.prep.years)
        self.inside = [j for j, t in enumerate(targets) if 0 <= t.year - first < count]
        #: Horizon positions of the target years, and each target's place among them.
        self.columns = np.unique([targets[j].year - first for j in self.inside]).astype(int)
        self.column_of = {j: int(np.searchsorted(self.columns, targets[j].year - first)) for j in self.inside}
        self.exact = draws.n_uncertain <= EXACT_DRIVERS
        everyone = np.arange(draws.n_uncertain)
        self.candidates = {j: everyone for j in self.inside} if self.exact else {}
        self.secured = draws.secured_capacity(self.columns)
        self.counts = {j: np.zeros(len(everyone)) for j in self.inside}

    def screen(self, chunks: Iterator[np.ndarray]) -> None:
        """Pick each target's candidates from the first ``SCREEN_DRAWS`` draws of ``chunks`` (uniforms)."""
        sample = [(self.targets[j], self.column_of[j]) for j in self.inside]
        picked = _screened(self.draws, sample, self.columns, chunks, min(self.n, SCREEN_DRAWS))
        self.candidates = dict(zip(self.inside, picked, strict=True))
        self.counts = {j: np.zeros(len(self.candidates[j])) for j in self.inside}

    def add(self, capacity: np.ndarray) -> None:
        """One chunk: (n, U, T) each uncertain facility's capacity in each draw and target year."""
        if not self.inside or not self.draws.n_uncertain:
            return
        base = self.draws.figures(capacity, self.columns)
        size = len(capacity)
        for j in self.inside:
            target, t = self.targets[j], self.column_of[j]
            met = meets(metric_series(base, target), target).reshape(size, len(self.columns))[:, t]
            self.counts[j] += _newly_met(
                self.draws, base, capacity, self.secured, self.candidates[j], met, target, t, self.columns
            )

    def gains(self) -> list[np.ndarray | None]:
        """Per target, (U,) gains in ``P(met)`` (NaN: not computed), or None outside the horizon."""
        gains: list[np.ndarray | None] = [None] * len(self.targets)
        for j in self.inside:
            gains[j] = np.full(self.draws.n_uncertain, np.nan)
            gains[j][self.candidates[j]] = self.counts[j] / self.n
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
    in it (an upper bound: one block of columns per stage, all stages in one forward pass).
    """
    delta = secured[candidates, t][None, :] - capacity[:, candidates, t]  # (n, c) >= 0
    open_ = (delta > 0) & ~met[:, None]
    group = draws.group[candidates]
    blocks, added, offset = [], [], 0
    for g in np.unique(group):
        members = np.flatnonzero(group == g)
        rows = np.flatnonzero(open_[:, members].any(axis=1))
        if len(rows):
            where = slice(offset, offset + len(rows))
            added += [(candidates[[m]], delta[rows, m], where) for m in members]
            blocks.append((members, rows, where))
            offset += len(rows)
    if blocks:
        every_row = np.concatenate([rows for _, rows, _ in blocks])
        stage_met = _met_when_added(draws, base, every_row, added, target, t, columns)
        for members, rows, where in blocks:
            open_[np.ix_(rows[~stage_met[where]], members)] = False
    rows, which = np.nonzero(open_)
    if not len(rows):
        return np.zeros(len(candidates))
    one_each = [(candidates[which], delta[rows, which], slice(None))]
    now_met = _met_when_added(draws, base, rows, one_each, target, t, columns)
    return np.bincount(which, weights=now_met, minlength=len(candidates))


def _met_when_added(
    draws: ScenarioDraws,
    base: DrawFigures,
    rows: np.ndarray,
    added: list[tuple[np.ndarray, np.ndarray, slice]],
    target: Target,
    t: int,
    columns: np.ndarray,
) -> np.ndarray:
    """(R,) whether the draws ``rows`` meet the target in year position ``t`` with capacity added:
    each ``(facilities, tonnes, where)`` of ``added`` adds to the columns ``where`` one facility (to
    each of them) or one facility per column, with its extra capacity per column."""
    picked = rows * len(columns) + t  # the draws' columns in ``base``
    lanes = base.capacity[:, picked]
    recycled = base.recycled[:, picked]
    for facility, tonnes, where in added:
        lanes[:, where] += draws.lane_shares[facility].T * tonnes
        recycled[:, where] += draws.recycle_shares[facility].T * tonnes
    figures = draws.column_figures(lanes, recycled, np.full(len(rows), columns[t]))
    return meets(metric_series(figures, target), target)


def _screened(
    draws: ScenarioDraws,
    sample: list[tuple[Target, int]],
    columns: np.ndarray,
    chunks: Iterator[np.ndarray],
    size: int,
) -> list[np.ndarray]:
    """Per target, the ``SCREENED_DRIVERS`` facilities whose capacity in the target year is most
    rank-correlated (Spearman, over the first ``size`` draws) with the target's value."""
    capacity, values, taken = [], [], 0
    for uniforms in chunks:
        uniforms = uniforms[: size - taken]
        per_facility = draws.facility_capacity(uniforms, columns)
        figures = draws.figures(per_facility, columns)
        capacity.append(per_facility)
        values.append(
            [metric_series(figures, target).reshape(len(uniforms), -1)[:, t] for target, t in sample]
        )
        taken += len(uniforms)
        if taken >= size:
            break
    capacity = np.concatenate(capacity)
    picked = []
    for i, (_, t) in enumerate(sample):
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

"""Schedule risk (engine.md, "Schedule risk"): the probability that each target is met, and what drives it.

``schedule_risk(plan)`` runs N Monte Carlo draws of facility schedules (default
10,000, seed 0) for every scenario, or those named. The same seed and N give
the same numbers, whatever the machine or the chunking of the draws.

Draws are worked out in chunks (a memory bound), each chunk vectorised over
draws x facilities x years; random numbers are drawn per plan facility, in
one stream, so a facility keeps its numbers in every scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from reeplanner.engine.compute import scenario_arrays
from reeplanner.engine.prepared_plan import PreparedPlan, prepare
from reeplanner.engine.results import EngineOptions
from reeplanner.engine.risk_draws import ScenarioDraws, meets, scenario_draws
from reeplanner.engine.risk_drivers import SCREEN_DRAWS, DriverGains
from reeplanner.engine.targets import metric_series
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.records import Target
from reeplanner.model.table_rules import schedule_risk_rules

DRAWS = 10_000
SEED = 0
#: A target is "likely met" from the first year it holds in this share of draws (the P80 year).
P80 = 0.8
#: Roughly how many bytes one chunk of draws may take.
CHUNK_BYTES = 48_000_000
BAND_COLUMNS = [
    "domestic_magnet_output_p10",
    "domestic_magnet_output_p50",
    "domestic_magnet_output_p90",
    "self_sufficiency_p10",
    "self_sufficiency_p50",
    "self_sufficiency_p90",
]

#: Called with the share of the work done (0-1); raising from it stops the run.
Progress = Callable[[float], None]


@dataclass(frozen=True)
class TargetRisk:
    """One target under schedule risk."""

    target: str  # ID as written
    year: int
    threshold: float
    p_met: float  # share of draws meeting the threshold in the target year
    standard_error: float  # of p_met: sqrt(p (1 - p) / N)
    p80_year: int | None  # first horizon year met in at least 80% of draws
    met_share: np.ndarray  # (Y,) share of draws meeting the threshold in each horizon year
    drivers: pd.DataFrame  # facility, name, gain (NaN: not computed); largest gain first

    def top_drivers(self, count: int = 10) -> list[tuple[str, float]]:
        """The ``count`` facilities whose secured delivery raises ``P(met)`` most (gain above 0)."""
        rows = self.drivers[self.drivers.gain > 0].head(count)
        return list(zip(rows.facility, rows.gain.astype(float), strict=True))


@dataclass(frozen=True)
class ScenarioRisk:
    scenario_id: str
    scenario_name: str
    draws: int
    seed: int
    years: list[int]
    bands: pd.DataFrame  # index year; BAND_COLUMNS (self-sufficiency a fraction, NaN when demand is 0)
    targets: list[TargetRisk]

    def target(self, target_id: str) -> TargetRisk:
        wanted = id_key(target_id)
        return next(t for t in self.targets if id_key(t.target) == wanted)


@dataclass(frozen=True)
class RiskResult:
    draws: int
    seed: int
    scenarios: dict[str, ScenarioRisk]  # plan order, keyed by ID as written


def schedule_risk(
    plan: Plan,
    scenario_ids: Sequence[str] | None = None,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    drivers: bool = True,
    progress: Progress | None = None,
) -> RiskResult:
    """Schedule risk of ``scenario_ids`` (default: every scenario). ``PlanError`` when the plan has errors
    or names an unknown scenario; ``ValueError`` when ``draws`` is below 1."""
    if draws < 1:
        raise ValueError("The number of draws is at least 1.")
    problems = [p for p in schedule_risk_rules(plan) if p.is_error]
    if problems:
        raise PlanError(problems)
    prep = prepare(plan)
    positions = _positions(prep, scenario_ids)
    results: dict[str, ScenarioRisk] = {}
    alike: dict[bytes, ScenarioRisk] = {}
    for done, position in enumerate(positions):
        scenario = prep.scenarios[position]
        arrays = scenario_arrays(prep, position, EngineOptions())
        scenario_draws_ = scenario_draws(prep, arrays.inputs, arrays.requirement, arrays.magnet_demand)
        # Scenarios that differ only in what a draw ignores (risk factors, imports) draw alike.
        key = scenario_draws_.signature()
        if key not in alike:
            share = _share_of(progress, done, len(positions))
            alike[key] = _scenario_risk(scenario_draws_, draws, seed, drivers, share)
        results[scenario.id] = replace(alike[key], scenario_id=scenario.id, scenario_name=scenario.name)
    if progress:
        progress(1.0)
    return RiskResult(draws, seed, results)


def _positions(prep: PreparedPlan, scenario_ids: Sequence[str] | None) -> list[int]:
    if scenario_ids is None:
        return list(range(len(prep.scenarios)))
    positions = []
    for sid in scenario_ids:
        position = prep.scenario_index.get(id_key(sid))
        if position is None:
            known = ", ".join(s.id for s in prep.scenarios)
            raise PlanError([Problem(f"There is no scenario '{sid}'. Known: {known}.", "Scenarios")])
        positions.append(position)
    return positions


def _share_of(progress: Progress | None, done: int, total: int) -> Progress | None:
    """Progress within one of ``total`` equal parts, reported as progress of the whole."""
    if progress is None:
        return None
    return lambda fraction: progress((done + fraction) / total)


def uniform_chunks(seed: int, draws: int, n_facilities: int, chunk: int) -> Iterator[np.ndarray]:
    """(n, 2, F) uniforms per draw and plan facility, ``chunk`` draws at a time, from one stream:
    the numbers of a draw do not depend on ``chunk``."""
    rng = np.random.default_rng(seed)
    for start in range(0, draws, chunk):
        yield rng.random((min(chunk, draws - start), 2, n_facilities))


def chunk_draws(draws: ScenarioDraws, n_years: int) -> int:
    """Draws per chunk so that one chunk's arrays stay near ``CHUNK_BYTES``."""
    per_draw = 8 * n_years * (8 * draws.n_uncertain + 12 * draws.prep.chain.n_lanes + 16)
    return max(1, CHUNK_BYTES // per_draw)


def _scenario_risk(
    draws: ScenarioDraws, n: int, seed: int, with_drivers: bool, progress: Progress | None
) -> ScenarioRisk:
    """One pass over the draws: figures per year, and the drivers' counts from the same capacities."""
    prep = draws.prep
    years = prep.years
    columns = np.arange(len(years))
    targets = list(prep.plan.targets)
    magnet = np.empty((n, len(years)))
    met_count = np.zeros((len(targets), len(years)), dtype=np.int64)
    chunk = chunk_draws(draws, len(years))
    drivers = DriverGains(draws, targets, n) if with_drivers and targets else None
    if drivers is not None and not drivers.exact:
        drivers.screen(uniform_chunks(seed, min(n, SCREEN_DRAWS), prep.n_facilities, chunk))
    start = 0
    for uniforms in uniform_chunks(seed, n, prep.n_facilities, chunk):
        capacity = draws.facility_capacity(uniforms, columns)
        figures = draws.figures(capacity, columns)
        size = len(uniforms)
        magnet[start : start + size] = figures.magnet_output.reshape(size, len(years))
        for j, target in enumerate(targets):
            met_count[j] += meets(metric_series(figures, target), target).reshape(size, -1).sum(axis=0)
        if drivers is not None:
            drivers.add(capacity[:, :, drivers.columns])
        start += size
        if progress:
            progress(start / n)
    gains = drivers.gains() if drivers is not None else None
    scenario = draws.inputs.scenario
    return ScenarioRisk(
        scenario_id=scenario.id,
        scenario_name=scenario.name,
        draws=n,
        seed=seed,
        years=[int(y) for y in years],
        bands=_bands(magnet, draws.magnet_demand, years),
        targets=[
            _target_risk(draws, t, met_count[j], n, None if gains is None else gains[j])
            for j, t in enumerate(targets)
        ],
    )


def _bands(magnet: np.ndarray, demand: np.ndarray, years: np.ndarray) -> pd.DataFrame:
    output = np.percentile(magnet, [10, 50, 90], axis=0)
    sufficiency = np.full_like(output, np.nan)
    has_demand = demand > 0
    # Self-sufficiency is output / demand with demand fixed: its percentiles are the output's, scaled.
    sufficiency[:, has_demand] = output[:, has_demand] / demand[has_demand]
    frame = pd.DataFrame(np.vstack([output, sufficiency]).T, columns=BAND_COLUMNS)
    frame.index = pd.Index(years, name="year")
    return frame


def _target_risk(
    draws: ScenarioDraws, target: Target, met_count: np.ndarray, n: int, gains: np.ndarray | None
) -> TargetRisk:
    years = draws.prep.years
    position = target.year - int(years[0])
    inside = 0 <= position < len(years)
    p_met = met_count[position] / n if inside else 0.0
    likely = np.flatnonzero(met_count * 10 >= n * round(P80 * 10))
    return TargetRisk(
        target=target.id,
        year=target.year,
        threshold=float(target.threshold),
        p_met=float(p_met),
        standard_error=float(np.sqrt(p_met * (1 - p_met) / n)),
        p80_year=int(years[likely[0]]) if len(likely) else None,
        met_share=met_count / n,
        drivers=_drivers_frame(draws, gains),
    )


def _drivers_frame(draws: ScenarioDraws, gains: np.ndarray | None) -> pd.DataFrame:
    """Largest gain first (plan order among equals), then those not computed."""
    facilities = draws.prep.plan.facilities
    ids = [facilities[f].id for f in draws.uncertain]
    names = [facilities[f].name for f in draws.uncertain]
    gain = np.full(len(ids), np.nan) if gains is None else gains
    order = np.lexsort((np.arange(len(ids)), -np.nan_to_num(gain, nan=-np.inf)))
    frame = pd.DataFrame({"facility": ids, "name": names, "gain": gain})
    return frame.iloc[order].reset_index(drop=True)

"""One scenario's schedule draws (engine.md, "Schedule risk"): who is uncertain, and the figures of a draw.

A draw cancels each uncertain facility with its status's probability, or
else moves its online time later by a triangular slip in months. Risk
factors do not apply in a draw. Only domestic facilities make the figures a
draw is asked for (targets, domestic magnet output, self-sufficiency), so
only domestic facilities are drawn; the others' capacity is fixed.

Figures of many draws are computed at once: the columns of the usual
``(lanes, years)`` arrays become ``(lanes, draws x years)``, draw-major, and
the engine's own lane totals, forward pass and target metrics run on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.engine import flows
from reeplanner.engine.capacity import online_time, ramp_shares
from reeplanner.engine.chain import DOMESTIC, LaneMap
from reeplanner.engine.overrides import STATUS_CODE, STATUSES
from reeplanner.engine.prepared_plan import PreparedPlan
from reeplanner.engine.scenario_inputs import ScenarioInputs
from reeplanner.engine.targets import MET_TOLERANCE
from reeplanner.model import defaults
from reeplanner.model.enums import Status
from reeplanner.model.plan import Plan
from reeplanner.model.records import Target

CANCELLED = STATUS_CODE[Status.CANCELLED]


def status_risks(plan: Plan) -> np.ndarray:
    """(statuses, 4): cancel probability, slip min, likely, max in months, per status code.

    The plan's Schedule risk rows over engine.md's defaults; cancelled is always cancelled.
    """
    table = np.zeros((len(STATUSES), 4))
    for row in defaults.schedule_risk() + list(plan.schedule_risk):
        table[STATUS_CODE[row.status]] = (row.cancel_probability, row.slip_min, row.slip_likely, row.slip_max)
    table[CANCELLED] = (1.0, 0.0, 0.0, 0.0)
    return table


def triangular_months(u: np.ndarray, low: np.ndarray, likely: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The triangular distribution's quantile at ``u`` (inverse CDF); ``low`` where it has no width."""
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(width > 0, (likely - low) / np.where(width > 0, width, 1.0), 0.0)
    rising = low + np.sqrt(u * width * (likely - low))
    falling = high - np.sqrt((1.0 - u) * width * (high - likely))
    return np.where(u < split, rising, falling)


def meets(values: np.ndarray, target: Target) -> np.ndarray:
    """Where ``values`` meet the target's threshold (with the tolerance of ``targets.evaluate``)."""
    return values >= target.threshold - MET_TOLERANCE * max(1.0, abs(target.threshold))


@dataclass(frozen=True)
class DrawFigures:
    """The domestic figures of a block of columns, with the attribute names ``targets.metric_series`` reads."""

    prep: PreparedPlan
    capacity: np.ndarray  # (L, C)
    recycled: np.ndarray  # (K*M, C)
    domestic: flows.ForwardPass
    requirement: np.ndarray  # (L, C)
    magnet_output: np.ndarray  # (C,)
    magnet_demand: np.ndarray  # (C,)


@dataclass(frozen=True)
class ScenarioDraws:
    """What the draws of one scenario share: the uncertain facilities and everything fixed."""

    prep: PreparedPlan
    inputs: ScenarioInputs
    uncertain: np.ndarray  # (U,) facility indices (plan order) that can slip or be cancelled
    cancel_probability: np.ndarray  # (U,)
    slip: np.ndarray  # (3, U) min, likely, max in months
    online: np.ndarray  # (U,) online time after overrides, before any slip
    group: np.ndarray  # (U,) the stage a facility adds to (K + fed stage for recycling)
    per_facility: np.ndarray  # (U,) nameplate x capacity factor
    lanes: LaneMap  # the uncertain facilities' lanes
    recycle_lanes: LaneMap
    lane_shares: np.ndarray  # (U, L) dense, for driver columns
    recycle_shares: np.ndarray  # (U, K*M)
    fixed_capacity: np.ndarray  # (L, Y) domestic capacity of every other facility
    fixed_recycled: np.ndarray  # (K*M, Y)
    requirement: np.ndarray  # (L, Y)
    magnet_demand: np.ndarray  # (Y,)

    @property
    def n_uncertain(self) -> int:
        return len(self.uncertain)

    def signature(self) -> bytes:
        """Equal for two scenarios whose draws give the same figures (same seed and number of draws)."""
        parts = (self.uncertain, self.cancel_probability, self.slip, self.online, self.per_facility)
        fixed = (self.fixed_capacity, self.fixed_recycled, self.requirement, self.magnet_demand)
        return b"|".join(np.ascontiguousarray(a, dtype=float).tobytes() for a in parts + fixed)

    def facility_capacity(self, uniforms: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """(n, U, T) each uncertain facility's capacity in each draw and year position of ``columns``.

        ``uniforms`` is ``(n, 2, F)`` over every facility of the plan: the first
        decides cancellation, the second the slip, so a facility keeps its
        numbers whatever else is in the scenario (common random numbers).
        """
        n, u = len(uniforms), self.n_uncertain
        cancel = uniforms[:, 0, self.uncertain] < self.cancel_probability
        slip = triangular_months(uniforms[:, 1, self.uncertain], *self.slip)
        t0 = (self.online + slip / 12.0).ravel()
        ramp = np.broadcast_to(self.prep.ramp_years[self.uncertain], (n, u)).ravel()
        share = ramp_shares(t0, ramp, self.prep.years[columns].astype(float)).reshape(n, u, len(columns))
        share *= np.where(cancel, 0.0, self.per_facility)[:, :, None]
        return share

    def secured_capacity(self, columns: np.ndarray) -> np.ndarray:
        """(U, T) each uncertain facility's capacity when it is neither cancelled nor slipped."""
        years = self.prep.years[columns].astype(float)
        return (
            ramp_shares(self.online, self.prep.ramp_years[self.uncertain], years) * self.per_facility[:, None]
        )

    def figures(self, facility_capacity: np.ndarray, columns: np.ndarray) -> DrawFigures:
        """The figures of every draw in ``facility_capacity`` (n, U, T): columns are draw-major."""
        n, _, t = facility_capacity.shape
        per_facility = facility_capacity.transpose(1, 0, 2).reshape(self.n_uncertain, n * t)
        capacity = self.lanes.totals(per_facility)[0].reshape(-1, n, t)
        capacity += self.fixed_capacity[:, None, columns]
        recycled = self.recycle_lanes.totals(per_facility)[0].reshape(-1, n, t)
        recycled += self.fixed_recycled[:, None, columns]
        return self.column_figures(
            capacity.reshape(-1, n * t), recycled.reshape(-1, n * t), np.tile(columns, n)
        )

    def column_figures(
        self, capacity: np.ndarray, recycled: np.ndarray, year_of_column: np.ndarray
    ) -> DrawFigures:
        """Figures from lane capacity (L, C) and recycled material (K*M, C), column ``i`` in year position
        ``year_of_column[i]``."""
        chain = self.prep.chain
        rec = recycled.reshape(chain.n_stages, chain.n_materials, -1)
        domestic = flows.forward(chain, capacity, rec, np.zeros_like(capacity))
        return DrawFigures(
            prep=self.prep,
            capacity=capacity,
            recycled=recycled,
            domestic=domestic,
            requirement=self.requirement[:, year_of_column],
            magnet_output=flows.magnet_output(chain, domestic.output),
            magnet_demand=self.magnet_demand[year_of_column],
        )


def scenario_draws(
    prep: PreparedPlan, inputs: ScenarioInputs, requirement: np.ndarray, magnet_demand: np.ndarray
) -> ScenarioDraws:
    """The draws' shared parts for one scenario (its requirement and magnet demand from ``compute``)."""
    risks = status_risks(prep.plan)[inputs.status]
    t0 = online_time(prep, inputs)
    start = float(prep.years[0])
    live = inputs.present & ~inputs.cancelled
    can_move = (risks[:, 0] > 0) | (risks[:, 3] > 0)
    uncertain = np.flatnonzero(live & prep.domestic & np.isfinite(t0) & (t0 >= start) & can_move)
    per_facility = prep.nameplate * inputs.capacity_factor * live
    fixed = ramp_shares(t0, prep.ramp_years, prep.years.astype(float)) * per_facility[:, None]
    fixed[uncertain] = 0.0
    domestic = np.full(len(uncertain), DOMESTIC)
    lane_shares = prep.shares[uncertain]
    recycle_shares = prep.recycle_shares[uncertain]
    return ScenarioDraws(
        prep=prep,
        inputs=inputs,
        uncertain=uncertain,
        cancel_probability=risks[uncertain, 0],
        slip=risks[uncertain, 1:].T.copy(),
        online=t0[uncertain],
        group=_stage_groups(prep, uncertain),
        per_facility=per_facility[uncertain],
        lanes=LaneMap.from_dense(lane_shares, domestic),
        recycle_lanes=LaneMap.from_dense(recycle_shares, domestic),
        lane_shares=lane_shares,
        recycle_shares=recycle_shares,
        fixed_capacity=prep.lane_map.totals(fixed)[0],
        fixed_recycled=prep.recycle_map.totals(fixed)[0],
        requirement=requirement,
        magnet_demand=magnet_demand,
    )


def _stage_groups(prep: PreparedPlan, facilities: np.ndarray) -> np.ndarray:
    """Each facility's chain stage; a recycling facility's is ``K +`` the stage it feeds."""
    stage = prep.facility_stage[facilities].copy()
    recycling = stage < 0
    fed = prep.recycle_shares[facilities[recycling]].argmax(axis=1) // prep.chain.n_materials
    stage[recycling] = prep.chain.n_stages + fed
    return stage

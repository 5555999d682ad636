"""Online dates, ramp-up shares and effective capacity, vectorised over facilities x years.

Effective capacity = nameplate x capacity factor x risk factor x ramp share
(engine.md, rules 3-6). The ramp share of year ``y`` is the exact mean of
``clamp((t - t0) / R, 0, 1)`` over ``[y, y + 1)``, from its integral in
closed form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.engine.overrides import STATUS_CODE
from reeplanner.engine.prepared_plan import PreparedPlan
from reeplanner.engine.scenario_inputs import ScenarioInputs
from reeplanner.model.enums import Status

OPERATING = STATUS_CODE[Status.OPERATING]


@dataclass(frozen=True)
class FacilityCapacity:
    """Per facility: online time and its effective capacity in every year."""

    online: np.ndarray  # (F,) t0; -inf when online before the horizon, NaN when never
    ramp_share: np.ndarray  # (F, Y)
    effective: np.ndarray  # (F, Y) 0 for facilities not present in the scenario


def online_time(prep: PreparedPlan, inputs: ScenarioInputs) -> np.ndarray:
    """(F,) each facility's online time after the permitting factor and the delay.

    ``-inf``: operating with no dates, so online before the horizon. ``NaN``:
    neither Online nor Permitting start, and not operating: never online.
    """
    derived = (
        prep.permitting_start
        + prep.permitting_months * inputs.permitting_factor / 12
        + prep.construction_months / 12
    )
    t0 = np.where(np.isnan(prep.online), derived, prep.online) + inputs.delay_months / 12
    no_dates = np.isnan(t0)
    return np.where(no_dates & (inputs.status == OPERATING), -np.inf, t0)


#: A ramp-up this short (a few milliseconds) is the step it tends to: dividing by a ramp of 1e-320
#: years, which validation lets through, overflowed (found by the fuzz campaign).
STEP_RAMP_YEARS = 1e-9


def ramp_shares(t0: np.ndarray, ramp_years: np.ndarray, years: np.ndarray) -> np.ndarray:
    """(F, Y) the mean of the ramp over each year ``[y, y + 1)``, exactly.

    Only facilities whose ramp overlaps the horizon are worked out year by
    year; the others are fully on (1) or not yet on (0) in every year.
    """
    if np.isfinite(t0).all():
        # Every facility has a date (schedule risk's draws): the closed form holds before and after
        # the ramp too (0 and 1), so the whole array is worked out at once; steps are put right after.
        share = _ramp_means(years[None, :] - t0[:, None], np.maximum(ramp_years, STEP_RAMP_YEARS)[:, None])
        step = np.flatnonzero(ramp_years <= STEP_RAMP_YEARS)
        if len(step):
            share[step] = np.clip(years[None, :] + 1.0 - t0[step][:, None], 0.0, 1.0)
        return share
    start, end = years[0], years[-1] + 1
    share = np.zeros((len(t0), len(years)))
    share[t0 + ramp_years <= start] = 1.0  # ramped up before the horizon (also -inf: no dates)
    partial = np.isfinite(t0) & (t0 + ramp_years > start) & (t0 < end)
    step = np.flatnonzero(partial & (ramp_years <= STEP_RAMP_YEARS))
    ramped = np.flatnonzero(partial & (ramp_years > STEP_RAMP_YEARS))
    if len(step):
        # R = 0: the step t >= t0, whose mean over the year is the part of the year online.
        share[step] = np.clip(years[None, :] + 1.0 - t0[step][:, None], 0.0, 1.0)
    if len(ramped):
        share[ramped] = _ramp_means(years[None, :] - t0[ramped][:, None], ramp_years[ramped][:, None])
    return share


def _ramp_means(a: np.ndarray, ramp: np.ndarray) -> np.ndarray:
    """The mean of ``clamp(t / R, 0, 1)`` over ``[a, a + 1)`` (``a``: years online at a year's start),
    computed in place of ``a``.

    With ``G(x) = (x - R)+ + clamp(x, 0, R)^2 / 2R``, the integral of the ramp
    from -inf to ``x``, the mean is ``G(a + 1) - G(a)``, that is
    ``clamp(a + 1 - R, 0, 1) + (q - p)(q + p) / 2R`` with ``p = clamp(a, 0, R)``
    and ``q = clamp(a + 1, 0, R)``: a few passes over the array, none of them
    a selection (schedule risk ramps millions of facility-draws at a time).
    """
    p = np.clip(a, 0.0, ramp)
    a += 1.0
    q = np.clip(a, 0.0, ramp)
    a -= ramp
    np.clip(a, 0.0, 1.0, out=a)
    q -= p  # q - p
    p *= 2.0
    p += q  # q + p
    q *= p
    q /= ramp  # then halved: 2 x a ramp of 1e308 years would overflow
    q *= 0.5
    a += q
    return a


def facility_capacity(
    prep: PreparedPlan, inputs: ScenarioInputs, reuse: FacilityCapacity | None = None
) -> FacilityCapacity:
    """Effective capacity of every facility; ramp shares of ``reuse`` are taken where the online
    time is the same (scenarios of one plan mostly share them), the rest computed."""
    t0 = online_time(prep, inputs)
    years = prep.years.astype(float)
    if reuse is None:
        share = ramp_shares(t0, prep.ramp_years, years)
    else:
        same = (t0 == reuse.online) | (np.isnan(t0) & np.isnan(reuse.online))
        share = reuse.ramp_share.copy()
        changed = ~same
        if changed.any():
            share[changed] = ramp_shares(t0[changed], prep.ramp_years[changed], years)
    per_facility = prep.nameplate * inputs.capacity_factor * inputs.risk_factor * inputs.present
    return FacilityCapacity(online=t0, ramp_share=share, effective=per_facility[:, None] * share)

"""Each facility's schedule in one scenario, for the timeline: its phases, its status after the
overrides, which plan field sets its dates, and how far a scenario moves it from another.

Phases (engine.md, rule 3, and ``facility_tables.phase_times``): permitting from Permitting start
until construction starts; construction until Online; ramp-up for Ramp-up years; operation after.
Times are fractional years ``Y + (M - 1) / 12``; NaN where a phase is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.facility_tables import phase_times
from reeplanner.engine.overrides import STATUSES
from reeplanner.model.enums import Status
from reeplanner.model.records import Facility

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioResult

#: Times closer than this (years, a hundredth of a day) are the same date.
SAME_TIME = 1e-5


@dataclass(frozen=True)
class Schedule:
    """Per facility of the plan (plan order): phase starts, status and presence in one scenario."""

    scenario_id: str
    permitting_start: np.ndarray  # (F,) NaN without a Permitting start
    construction_start: np.ndarray  # (F,) NaN when unknown
    online: np.ndarray  # (F,) NaN when unknown, -inf when online before the horizon (operating, no dates)
    ramp_end: np.ndarray  # (F,) online + ramp-up years
    status: np.ndarray  # (F,) status code after the scenario's overrides (``STATUSES`` order)
    present: np.ndarray  # (F,) bool: the facility is part of the scenario
    delay_months: np.ndarray  # (F,) the scenario's delay override
    permitting_factor: np.ndarray  # (F,) the scenario's permitting factor

    @property
    def cancelled(self) -> np.ndarray:
        """(F,) bool: cancelled in the plan or by the scenario."""
        return self.status == STATUSES.index(Status.CANCELLED)

    def status_of(self, f: int) -> Status:
        return STATUSES[int(self.status[f])]

    def starts(self) -> np.ndarray:
        """(4, F) the phase starts in order: permitting, construction, online, ramp end."""
        return np.stack([self.permitting_start, self.construction_start, self.online, self.ramp_end])


def schedule(result: ScenarioResult) -> Schedule:
    """The schedule of every facility of the plan in ``result``'s scenario (no pandas)."""
    a = result.arrays
    times = phase_times(a)
    online = a.facility_capacity.online
    return Schedule(
        scenario_id=result.scenario_id,
        permitting_start=times["permitting_start"],
        construction_start=times["construction_start"],
        online=np.where(np.isnan(online), np.nan, online),
        ramp_end=times["ramp_end"],
        status=a.inputs.status,
        present=a.inputs.present,
        delay_months=a.inputs.delay_months,
        permitting_factor=a.inputs.permitting_factor,
    )


def online_shift_months(moved: Schedule, base: Schedule) -> np.ndarray:
    """(F,) whole months ``moved`` puts each facility online after ``base`` does (negative: earlier);
    NaN where either has no online date inside time (unknown, or before the horizon)."""
    both = np.isfinite(moved.online) & np.isfinite(base.online)
    shift = np.full(len(moved.online), np.nan)
    shift[both] = np.round((moved.online[both] - base.online[both]) * 12)
    return shift


def differs(moved: Schedule, base: Schedule) -> np.ndarray:
    """(F,) bool: the scenario moves the facility from where ``base`` has it: a phase starts at another
    time (a delay, a permitting factor), or it is cancelled or present in one and not the other. A
    status changed otherwise moves nothing."""
    a, b = moved.starts(), base.starts()
    with np.errstate(invalid="ignore"):  # -inf - -inf
        same = (np.abs(a - b) <= SAME_TIME) | (np.isnan(a) & np.isnan(b)) | (a == b)  # a == b: -inf twice
    return ~same.all(axis=0) | (moved.cancelled != base.cancelled) | (moved.present != base.present)


def dating_field(facility: Facility) -> str | None:
    """The plan field that sets a facility's dates (engine.md, rule 3): ``online`` when given, else
    ``permitting_start``; None when it has neither (online before the horizon, or never)."""
    if facility.online is not None:
        return "online"
    if facility.permitting_start is not None:
        return "permitting_start"
    return None

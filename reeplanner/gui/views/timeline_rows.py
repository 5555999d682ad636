"""Which rows the timeline shows, top to bottom, and each bar's phases: Qt-free, from the engine's
schedule of one scenario (``engine.schedule``).

A header row per stage (chain order, then stages outside the chain such as Recycling), then that
stage's facilities present in the scenario, in plan order (a dragged bar keeps its row), filtered
by stage and by status (``MOVED``: the facilities the scenario moves from the base scenario).
Row ``r`` spans ``[r, r + 1)`` on the y axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.engine.schedule import Schedule
from reeplanner.model.enums import Status
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan

#: The status filter that keeps only the facilities the scenario moves from the base.
MOVED = "moved"
PHASES = ("permitting", "construction", "ramp-up", "operation")


@dataclass(frozen=True)
class TimelineRows:
    facility: np.ndarray  # (R,) facility index in the plan; -1 on a stage's header row
    group: np.ndarray  # (R,) position of the row's stage in ``stages``
    stages: list[tuple[str, str]]  # (stage ID, name) per group, chain order
    counts: np.ndarray  # (len(stages),) facilities shown under each header

    def __len__(self) -> int:
        return len(self.facility)

    def row_of(self, f: int) -> int | None:
        """The row showing facility ``f``, or None when it is filtered out."""
        hits = np.flatnonzero(self.facility == f)
        return int(hits[0]) if len(hits) else None


def timeline_rows(
    plan: Plan,
    stage_order: list[str],
    schedule: Schedule,
    stage: str = "",
    status: str = "",
    moved: np.ndarray | None = None,
) -> TimelineRows:
    """The rows for ``schedule`` (facilities present in it), keeping only ``stage`` (a stage ID)
    and ``status`` (a status, or ``MOVED`` with ``moved`` the facilities moved) when given."""
    names = {id_key(s.id): s.name or s.id for s in plan.stages}
    order = list(stage_order) + [
        s.id for s in plan.stages if id_key(s.id) not in {id_key(o) for o in stage_order}
    ]
    rank_of = {id_key(s): i for i, s in enumerate(order)}
    ranks = np.array([rank_of.get(id_key(f.stage), len(order)) for f in plan.facilities], dtype=int)
    keep = schedule.present.copy()
    if stage:
        keep &= ranks == rank_of.get(id_key(stage), -2)
    if status == MOVED:
        keep &= moved if moved is not None else False
    elif status:
        keep &= schedule.status == list(Status).index(Status(status))
    chosen = np.flatnonzero(keep)
    chosen = chosen[np.argsort(ranks[chosen], kind="stable")]  # plan order within a stage
    groups = ranks[chosen]
    if len(chosen) and groups[-1] == len(order):
        order.append("")  # facilities of a stage the plan does not list
    counts = np.bincount(groups, minlength=len(order))
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]) if len(chosen) else np.zeros(0, int)
    facility = np.insert(chosen, starts, -1)
    group = np.insert(groups, starts, groups[starts] if len(starts) else groups[:0])
    stages = [(s, names.get(id_key(s), s or "Other")) for s in order]
    return TimelineRows(facility, group, stages, counts)


def phases(starts: np.ndarray, f: int, horizon: tuple[float, float]) -> list[tuple[str, float, float]]:
    """(phase, start, end) of facility ``f``'s bar, from ``Schedule.starts()`` (4, F).

    Operation runs to the end of ``horizon``; a facility online before the horizon is in operation
    from before its start. Nothing for a facility with no dates that is not operating.
    """
    permits, builds, online, full = (float(v) for v in starts[:, f])
    first, end = horizon
    if online == -np.inf:
        return [("operation", first - 1.0, end)]
    bars = []
    if np.isfinite(permits):
        stop = np.nanmin([builds, online]) if np.isfinite(builds) or np.isfinite(online) else np.nan
        if np.isfinite(stop) and stop > permits:
            bars.append(("permitting", permits, stop))
    if np.isfinite(builds) and np.isfinite(online) and online > builds:
        bars.append(("construction", builds, online))
    if np.isfinite(online):
        if full > online:
            bars.append(("ramp-up", online, full))
        bars.append(("operation", max(online, full), max(end, online, full)))
    return bars

"""The timeline's words: a facility's dates for its hover text and the copied table, a target
line's outcome, and the note on what the scenario moves. Qt-free."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from reeplanner.engine.facility_tables import to_date
from reeplanner.engine.schedule import Schedule, dating_field
from reeplanner.engine.targets import figure_text, threshold_text
from reeplanner.model.enums import Metric
from reeplanner.model.plan import Plan
from reeplanner.model.records import Facility

FIELD_WORDS = {"online": "online", "permitting_start": "permitting start"}
MOST_NAMED = 6


def month_text(time: float, first_year: int) -> str:
    """``2028-03``; "before 2025" for a facility online before the horizon; "–" when unknown."""
    if time == -math.inf:
        return f"before {first_year}"
    date = to_date(time)
    return "–" if date is None else f"{date:%Y-%m}"


def facility_html(
    fac: Facility,
    stage_name: str,
    f: int,
    moved: Schedule,
    base: Schedule | None,
    base_name: str,
    first_year: int,
) -> str:
    """What hovering a facility's bar shows: its phases' dates, what the scenario changes, and
    which date a drag moves."""
    status = moved.status_of(f)
    lines = [f"<b>{fac.name or fac.id}</b> ({fac.id}), {stage_name}, {status}"]
    permits, builds, online, full = (float(v) for v in moved.starts()[:, f])
    if math.isfinite(permits):
        lines.append(
            f"Permitting from {month_text(permits, first_year)} (x {moved.permitting_factor[f]:g} in this "
            f"scenario), construction from {month_text(builds, first_year)}"
            if moved.permitting_factor[f] != 1
            else f"Permitting from {month_text(permits, first_year)}, construction from {month_text(builds, first_year)}"
        )
    elif math.isfinite(builds):
        lines.append(f"Construction from {month_text(builds, first_year)}")
    if math.isnan(online):
        lines.append("No Online or Permitting start date: it adds no capacity")
    else:
        ramp = f", full output from {month_text(full, first_year)}" if full > online else ""
        lines.append(f"Online {month_text(online, first_year)}{ramp}")
    if moved.delay_months[f]:
        lines.append(f"This scenario delays it {moved.delay_months[f]:g} months")
    if base is not None:
        if not base.present[f]:
            lines.append(f"Only in this scenario, not in {base_name}")
        elif base.cancelled[f] != moved.cancelled[f] or base.status[f] != moved.status[f]:
            lines.append(f"{base_name}: {base.status_of(f)}")
        base_online = float(base.online[f])
        if math.isfinite(base_online) and math.isfinite(online) and abs(base_online - online) > 1e-6:
            months = round((online - base_online) * 12)
            later = f"{abs(months)} months {'later' if months > 0 else 'earlier'}"
            lines.append(f"{base_name}: online {month_text(base_online, first_year)}; here {later}")
    field = dating_field(fac)
    if field:
        lines.append(f"<i>Drag the bar to move its {FIELD_WORDS[field]} date, in whole months.</i>")
    return "<br>".join(lines)


def target_html(row: dict[str, object]) -> str:
    metric = Metric(row["metric"])
    stage = f"{row['stage']}{' ' + row['material'] if row['material'] else ''}"
    verdict = "met" if row["met"] else "missed"
    first = f"first met {row['year_met']}" if row["year_met"] is not None else "not met in the horizon"
    return (
        f"<b>Target {row['target']}</b>: {row['metric']} {stage} ≥ {threshold_text(metric, row['threshold'])} "
        f"in {row['year']} (that year's figure): {figure_text(metric, row['value'])}, {verdict}; {first}<br>"
        f"{row['description']}"
    )


def moves_note(
    plan_facilities: list[Facility], moved: Schedule, base: Schedule, ghost: np.ndarray, base_name: str
) -> str:
    """ "Moved from Base case (outlined): 24 months later: 10X metal line, ...; cancelled: ..."."""
    groups: dict[str, list[str]] = defaultdict(list)
    for f in np.flatnonzero(ghost):
        name = plan_facilities[f].name or plan_facilities[f].id
        if moved.cancelled[f] and not base.cancelled[f]:
            groups["cancelled"].append(name)
            continue
        shift = (float(moved.online[f]) - float(base.online[f])) * 12
        if math.isfinite(shift) and round(shift):
            groups[f"{abs(round(shift))} months {'later' if shift > 0 else 'earlier'}"].append(name)
        else:
            groups["phases moved"].append(name)
    if not groups:
        return ""
    parts = []
    for what, names in groups.items():
        shown = ", ".join(names[:MOST_NAMED]) + (
            f" and {len(names) - MOST_NAMED} more" if len(names) > MOST_NAMED else ""
        )
        parts.append(f"{what}: {shown}")
    count = int(ghost.sum())
    return (
        f"{count} facilit{'y' if count == 1 else 'ies'} moved from {base_name} (dashed outlines): "
        + "; ".join(parts)
        + "."
    )


def table_rows(
    plan: Plan, facilities: np.ndarray, moved: Schedule, moves: tuple, first_year: int
) -> list[list[object]]:
    """The timeline's Copy data: per facility shown, its phases' start months in the scenario, and
    where it moved (``moves`` = base schedule or None, ghost flags, online shift in months) the base's
    online month and the shift."""
    base, ghost, shift = moves
    starts = moved.starts()
    rows: list[list[object]] = []
    for f in facilities:
        fac = plan.facilities[f]
        times = [month_text(float(t), first_year) if not math.isnan(t) else "" for t in starts[:, f]]
        base_online, months = "", None
        if base is not None and ghost[f]:
            base_online = month_text(float(base.online[f]), first_year)
            months = None if math.isnan(shift[f]) else int(shift[f])
        rows.append([fac.id, fac.name, fac.stage, str(moved.status_of(f)), *times, base_online, months])
    return rows

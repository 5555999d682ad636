"""Annex B, the facility timeline: one row per facility, its phase shaded in each year column,
targets in their years, and a red line at today.

It prints at its full size (text 10 points, phase letters 9): the columns are sized so the sheet
is no wider than a landscape page. A plan of many facilities lists ``MAX_FACILITIES`` of them
(publicly funded plants first, then plants not yet operating, largest first) and says so.
"""

from __future__ import annotations

import copy
import datetime as dt
import math

from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import ScenarioFigures, stage_name
from reeplanner.formats.brief.sheet_writer import PRINTABLE_WIDTH, SheetWriter, points_wide, put
from reeplanner.model import Status, id_key

#: Facility, Stage, Status, Online, then the years.
FIRST_YEAR_COLUMN = 5
TEXT_WIDTHS = {1: 34.0, 2: 10.0, 3: 10.0, 4: 9.0}
MAX_YEAR_WIDTH = 5.0
MIN_YEAR_WIDTH = 3.2
#: The width the timeline is sized to, so that it prints unshrunk.
PRINTED_WIDTH = 0.93 * PRINTABLE_WIDTH
#: Rows listed for the lead scenario, and changes listed per other scenario.
MAX_FACILITIES = 300
MAX_CHANGES = 60
CENTRED = Alignment(horizontal="center", vertical="center")
TODAY_COLOUR = "D62728"
TODAY = Side(style="medium", color=TODAY_COLOUR)
TODAY_FONT = styles.Phase("", "", "FFFFFF", TODAY_COLOUR).font
#: Characters of the 9-point bold legend a column holds per unit of width (a little under what fits).
LEGEND_CHARS_PER_UNIT = 1.2


def as_time(value: object) -> float:
    """A date as the engine's fractional year (month precision), NaN when unknown."""
    if isinstance(value, dt.date):
        return value.year + (value.month - 1) / 12
    return math.nan


def phase_in_year(row, year: int) -> styles.Phase | None:
    """The phase the facility spends most of ``year`` in, or None before it starts (or when cancelled)."""
    if str(row.status) == Status.CANCELLED:
        return None
    permitting, construction = as_time(row.permitting_start), as_time(row.construction_start)
    online, ramp_end = as_time(row.online), as_time(row.ramp_end)
    if math.isnan(online):
        return styles.OPERATING if str(row.status) == Status.OPERATING else None
    if math.isnan(ramp_end):
        ramp_end = online
    if math.isnan(construction):
        construction = online
    if math.isnan(permitting):
        permitting = construction
    spans = [
        (styles.PERMITTING, permitting, construction),
        (styles.CONSTRUCTION, construction, online),
        (styles.RAMP_UP, online, ramp_end),
        (styles.OPERATING, ramp_end, math.inf),
    ]
    best, best_overlap = None, 0.0
    for phase, start, end in spans:
        overlap = min(end, year + 1) - max(start, year)
        if overlap > best_overlap + 1e-9:
            best, best_overlap = phase, overlap
    return best


def year_width(year_count: int) -> float:
    """Year columns as wide as the page allows beside the text columns, within readable bounds
    (LibreOffice draws columns about 6% wider than Excel's arithmetic: ``PRINTED_WIDTH``)."""
    text = sum(points_wide(w) for w in TEXT_WIDTHS.values())
    per_year = (PRINTED_WIDTH - text) / max(1, year_count)
    width = (per_year / 0.75 - 5) / 7  # points_wide inverted
    return max(MIN_YEAR_WIDTH, min(MAX_YEAR_WIDTH, math.floor(width * 10) / 10))


def write_timeline(ws: Worksheet, context: BriefContext) -> None:
    """The lead scenario's facilities; for each other scenario, only the facilities that differ."""
    out = SheetWriter(ws, context.header)
    results, plan = context.results, context.plan
    lead = results[0]
    today = context.header.date
    out.title(
        "Annex B. Facility timeline",
        "Each year shows the phase a facility spends most of that year in; T marks a target's year; the red "
        f"line is today ({today:%d %b %Y}). Scenarios after {lead.scenario_name} list only the facilities "
        "whose phases differ from it.",
    )
    years = list(lead.years)
    width = year_width(len(years))
    _legend(out, len(years), width)
    capacity = {id_key(f.id): f.capacity for f in plan.facilities}
    looks: dict = {}
    lead_rows = _rows_by_facility(lead.timeline)
    funded = set(context.money.by_facility["facility"].map(id_key))
    for index, (result, figures) in enumerate(zip(results, context.scenarios, strict=True)):
        rows = _rows_by_facility(result.timeline)
        if index == 0:
            out.section(f"{result.scenario_name} ({result.scenario_id})")
            shown = _first(list(rows.values()), funded, capacity, MAX_FACILITIES)
            if len(shown) < len(rows):
                out.note(
                    f"Showing {len(shown):,} of {len(rows):,} facilities: publicly funded plants first, then plants "
                    "not yet operating, largest first. The plan workbook lists every facility."
                )
            dropped: list = []
        else:
            changed = [row for key, row in rows.items() if _phases(row) != _phases(lead_rows.get(key))]
            dropped = [row for key, row in lead_rows.items() if key not in rows]
            if not changed and not dropped:
                continue  # said once, below
            out.section(f"{result.scenario_name} ({result.scenario_id}): changes from {lead.scenario_name}")
            shown = _first(changed, funded, capacity, MAX_CHANGES)
            if len(shown) < len(changed):
                out.note(f"Showing {len(shown)} of {len(changed)} facilities that change.")
        header = out.header(["Facility", "Stage", "Status", "Online", *years])
        first = out.row
        for row in shown:
            _facility_row(out, plan, row, years, looks)
        for row in dropped[:MAX_CHANGES]:
            out.table_row([str(row.name), stage_name(plan, row.stage), "not in scenario", ""])
        _targets(out, figures, years)
        _today_line(out, header, first, years, today)
    unchanged = [
        r.scenario_name
        for r in results[1:]
        if all(
            _phases(row) == _phases(lead_rows.get(key)) for key, row in _rows_by_facility(r.timeline).items()
        )
        and len(_rows_by_facility(r.timeline)) == len(lead_rows)
    ]
    if unchanged:
        out.note(f"Every facility as in {lead.scenario_name}: {', '.join(unchanged)}.")
    widths = dict(TEXT_WIDTHS) | {FIRST_YEAR_COLUMN + i: width for i in range(len(years))}
    out.finish(title_rows=2, widths=widths)


def _first(rows: list, funded: set[str], capacity: dict[str, float], count: int) -> list:
    """At most ``count`` rows, in plan order: publicly funded first, then not operating, largest first."""
    if len(rows) <= count:
        return rows
    ranked = sorted(
        rows,
        key=lambda r: (
            id_key(r.facility) not in funded,
            str(r.status) == Status.OPERATING,
            -capacity.get(id_key(r.facility), 0.0),
        ),
    )
    keep = {id(r) for r in ranked[:count]}
    return [r for r in rows if id(r) in keep]


def _rows_by_facility(timeline) -> dict:
    """The timeline rows of the facilities present in the scenario, by facility ID."""
    if "scenario_present" in timeline:
        timeline = timeline[timeline["scenario_present"].astype(bool)]
    return {str(row.facility): row for row in timeline.itertuples(index=False)}


def _phases(row) -> tuple | None:
    """What decides a facility's shading: its status and its dates."""
    if row is None:
        return None
    dates = (row.permitting_start, row.construction_start, row.online, row.ramp_end)
    return (str(row.status), *(d if isinstance(d, dt.date) else None for d in dates))


def _facility_row(out: SheetWriter, plan, row, years: list[int], looks: dict) -> None:
    """The facility's columns, then its phase letter in each year, on the phase's colours (``looks``:
    the style of each phase's first cell, copied to the others: much faster than styling each cell)."""
    online = f"{row.online:%b %Y}" if isinstance(row.online, dt.date) else _no_date(row, years[0])
    line = out.table_row(
        [f"{row.name} ({row.facility})", stage_name(plan, row.stage), str(row.status), online]
    )
    for offset, year in enumerate(years):
        phase = phase_in_year(row, year)
        if phase is None:
            continue
        cell = put(out.ws, line, FIRST_YEAR_COLUMN + offset, phase.letter)
        if phase in looks:
            cell._style = copy.copy(looks[phase])
        else:
            cell.fill, cell.font, cell.alignment = phase.fill, phase.font, CENTRED
            looks[phase] = cell._style


def _no_date(row, first_year: int) -> str:
    if str(row.status) == Status.CANCELLED:
        return "cancelled"
    return f"before {first_year}" if str(row.status) == Status.OPERATING else "no dates"


def _legend(out: SheetWriter, year_count: int, width: float) -> None:
    """The phase colours above the year columns they explain, each entry merged over the years it
    needs (after the text columns on a horizon too short for that), and today's line."""
    row = out.row
    put(out.ws, row, 1, "Legend", styles.TEXT)
    today = put(out.ws, row, FIRST_YEAR_COLUMN - 1, "Today ▕", styles.LINE)
    today.font = TODAY_FONT
    today.alignment = Alignment(horizontal="right", vertical="center")
    entries = [(f"{p.letter} {p.label}", p.fill, p.font) for p in styles.PHASES]
    entries.append(("T Target", styles.TARGET_FILL, styles.TARGET_FONT))
    spans = [math.ceil(len(text) / (width * LEGEND_CHARS_PER_UNIT)) for text, _, _ in entries]
    over_years = sum(spans) <= year_count
    column = FIRST_YEAR_COLUMN if over_years else 2
    for (text, fill, font), span in zip(entries, spans, strict=True):
        cell = put(out.ws, row if over_years else row + 1, column, text, styles.LINE)
        cell.fill, cell.font, cell.alignment = fill, font, CENTRED
        if over_years and span > 1:
            out.ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
        column += span if over_years else 1
    out.row += 1 if over_years else 2


def _today_line(out: SheetWriter, header: int, first: int, years: list[int], today: dt.date) -> None:
    """A red line down the year columns at today's place: the left edge of today's year in its first
    half, the right edge in its second."""
    if today.year not in years:
        return
    column = FIRST_YEAR_COLUMN + years.index(today.year)
    side = "left" if today.month <= 6 else "right"
    for row in range(header, out.row):
        cell = out.ws.cell(row, column)
        border = cell.border
        cell.border = Border(
            left=TODAY if side == "left" else border.left,
            right=TODAY if side == "right" else border.right,
            top=border.top,
            bottom=border.bottom,
        )
    out.ws.cell(header, column).font = TODAY_FONT


def _targets(out: SheetWriter, figures: ScenarioFigures, years: list[int]) -> None:
    for target in figures.targets:
        line = out.table_row([f"Target {target.target}", "", "met" if target.met else "missed", ""])
        status = out.ws.cell(row=line, column=3)
        status.font = styles.MET_FONT if target.met else styles.MISSED_FONT
        for offset, year in enumerate(years):
            if year == target.year:
                cell = put(out.ws, line, FIRST_YEAR_COLUMN + offset, "T")
                cell.fill, cell.alignment = styles.TARGET_FILL, CENTRED
                cell.font = styles.MET_FONT if target.met else styles.MISSED_FONT
            elif year == target.year_met:
                cell = put(out.ws, line, FIRST_YEAR_COLUMN + offset, "met")
                cell.font, cell.alignment = styles.MET_FONT, CENTRED

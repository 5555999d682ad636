"""The Timeline sheet: one row per facility, its phase shaded in each year column, targets in their years."""

from __future__ import annotations

import datetime as dt
import math

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import ScenarioFigures, stage_name
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter, put
from reeplanner.formats.brief.year_cells import YearCells
from reeplanner.model import Status

YEAR_WIDTH = 5.5
#: Characters of the 9-point bold legend a column holds per unit of width (a little under what fits).
LEGEND_CHARS_PER_UNIT = 1.2
#: Facility, Name, Stage, Status, Online, then the years.
FIRST_YEAR_COLUMN = 6
CENTRED = Alignment(horizontal="center", vertical="center")


def as_time(value: object) -> float:
    """A date as the engine's fractional year (month precision), NaN when unknown."""
    if isinstance(value, dt.date):
        return value.year + (value.month - 1) / 12
    return math.nan


def phase_in_year(row, year: int) -> styles.Phase | None:
    """The phase the facility spends most of ``year`` in, or None before it starts (or when cancelled)."""
    return phases_in_years(row, [year])[0]


def phases_in_years(row, years: list[int]) -> list[styles.Phase | None]:
    """``phase_in_year`` for each of ``years`` (the facility's dates read once)."""
    if str(row.status) == Status.CANCELLED:
        return [None] * len(years)
    permitting, construction = as_time(row.permitting_start), as_time(row.construction_start)
    online, ramp_end = as_time(row.online), as_time(row.ramp_end)
    if math.isnan(online):
        return [styles.OPERATING if str(row.status) == Status.OPERATING else None] * len(years)
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
    found = []
    for year in years:
        best, best_overlap = None, 0.0
        if year >= ramp_end:
            best = styles.OPERATING  # the whole year operating: no other phase overlaps it
        else:
            for phase, start, end in spans:
                overlap = min(end, year + 1) - max(start, year)
                if overlap > best_overlap + 1e-9:
                    best, best_overlap = phase, overlap
        found.append(best)
    return found


def write_timeline(
    ws: Worksheet, plan, header: PageHeader, results: list, scenarios: list[ScenarioFigures]
) -> YearCells:
    """The lead scenario's facilities in full; for each other scenario, only the facilities that differ.

    Returns the facilities' year cells, to be added to the sheet once the workbook is saved
    (``YearCells.into``).
    """
    out = SheetWriter(ws, header)
    lead = results[0]
    out.title(
        "Facility timeline",
        "Each year shows the phase a facility spends most of that year in; T marks a target's year. "
        f"Scenarios after {lead.scenario_name} list only the facilities whose phases differ from it.",
    )
    style_ids = _legend(out, len(lead.years))
    year_cells = YearCells()
    year_count = 0
    lead_rows = _rows_by_facility(lead.timeline)
    for index, (result, figures) in enumerate(zip(results, scenarios, strict=True)):
        years = list(result.years)
        year_count = max(year_count, len(years))
        rows = _rows_by_facility(result.timeline)
        if index == 0:
            out.section(f"{result.scenario_name} ({result.scenario_id})")
            shown = list(rows.values())
        else:
            out.section(f"{result.scenario_name} ({result.scenario_id}): changes from {lead.scenario_name}")
            shown = [row for key, row in rows.items() if _phases(row) != _phases(lead_rows.get(key))]
            dropped = [row for key, row in lead_rows.items() if key not in rows]
            if not shown and not dropped:
                out.note(f"Every facility as in {lead.scenario_name}.")
        out.header(["Facility", "Name", "Stage", "Status", "Online", *years])
        for row in shown:
            _facility_row(out, plan, row, years, year_cells, style_ids)
        if index:
            for row in dropped:
                out.table_row(
                    [str(row.facility), str(row.name), stage_name(plan, row.stage), "not in scenario"]
                )
        _targets(out, figures, years)
    widths = {FIRST_YEAR_COLUMN + i: YEAR_WIDTH for i in range(year_count)}
    out.finish(title_rows=2, widths=widths)
    return year_cells


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


def _facility_row(
    out: SheetWriter, plan, row, years: list[int], year_cells: YearCells, style_ids: dict[styles.Phase, int]
) -> None:
    online = f"{row.online:%b %Y}" if isinstance(row.online, dt.date) else _no_date(row)
    line = out.table_row(
        [str(row.facility), str(row.name), stage_name(plan, row.stage), str(row.status), online]
    )
    for offset, phase in enumerate(phases_in_years(row, years)):
        if phase is not None:
            year_cells.add(line, FIRST_YEAR_COLUMN + offset, phase.letter, style_ids[phase])


def _no_date(row) -> str:
    if str(row.status) == Status.CANCELLED:
        return "cancelled"
    return "before horizon" if str(row.status) == Status.OPERATING else "no dates"


def _legend(out: SheetWriter, year_count: int) -> dict[styles.Phase, int]:
    """The phase colours above the year columns they explain, each entry merged over the years it needs;
    returns the style id of each phase's named style (its legend entry has it), for the year cells.

    On a horizon too short for that, the entries sit in the columns after ``Legend``.
    """
    row = out.row
    put(out.ws, row, 1, "Legend", styles.TEXT)
    entries = [(f"{p.letter}  {p.label}", p) for p in styles.PHASES]
    entries.append(("T  Target", None))
    spans = [math.ceil(len(text) / (YEAR_WIDTH * LEGEND_CHARS_PER_UNIT)) for text, _ in entries]
    over_years = sum(spans) <= year_count
    column = FIRST_YEAR_COLUMN if over_years else 2
    style_ids = {}
    for (text, phase), span in zip(entries, spans, strict=True):
        if phase is not None:
            cell = put(out.ws, row, column, text, phase.style)
            style_ids[phase] = cell.style_id
        else:
            cell = put(out.ws, row, column, text)
            cell.fill, cell.font, cell.alignment = styles.TARGET_FILL, styles.TARGET_FONT, CENTRED
        if over_years and span > 1:
            out.ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
        column += span if over_years else 1
    out.row += 1
    return style_ids


def _targets(out: SheetWriter, figures: ScenarioFigures, years: list[int]) -> None:
    for target in figures.targets:
        label = f"Target: {target.description}"
        line = out.table_row([target.target, label, "", "met" if target.met else "missed", ""])
        status = out.ws.cell(row=line, column=4)
        status.font = styles.MET_FONT if target.met else styles.MISSED_FONT
        for offset, year in enumerate(years):
            if year == target.year:
                cell = put(out.ws, line, FIRST_YEAR_COLUMN + offset, "T")
                cell.fill, cell.alignment = styles.TARGET_FILL, CENTRED
                cell.font = styles.MET_FONT if target.met else styles.MISSED_FONT
            elif year == target.year_met:
                cell = put(out.ws, line, FIRST_YEAR_COLUMN + offset, "met")
                cell.font, cell.alignment = styles.MET_FONT, CENTRED

"""The Schedule risk sheet: the odds that each target is met on time, what drives them, and the band
of domestic magnet output (engine.md, "Schedule risk")."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.overrides import STATUSES
from reeplanner.engine.risk import DRAWS, RiskResult, ScenarioRisk, schedule_risk
from reeplanner.engine.risk_draws import status_risks
from reeplanner.engine.scenario_groups import alike_groups
from reeplanner.engine.targets import threshold_text
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import stage_name
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.model import Metric, Plan, Status, id_key

#: Above this many facilities the brief draws fewer schedules than engine.md's 10,000: as many as
#: keep draws x facilities within ``DRAW_BUDGET`` (the work grows with both), at most
#: ``LARGE_PLAN_DRAWS`` and at least ``FEWEST_DRAWS`` (a P(met) within about 2 points). A brief of
#: 1,000 facilities draws 1,000 schedules, of 10,000 facilities 500: under 3 s and 15 s in all.
LARGE_PLAN = 300
LARGE_PLAN_DRAWS = 2_000
DRAW_BUDGET = 1_000_000
FEWEST_DRAWS = 500
#: Drivers listed per target.
DRIVERS = 5
PROBABILITY = "0.0%"
#: The goal and project columns wrap at these widths, so the number columns below them stay narrow.
GOAL_WIDTH = 30.0
PROJECT_WIDTH = 40.0
CENTRED = Alignment(horizontal="center", vertical="top")
POINTS = '+0.0#" pts"'


def brief_draws(n_facilities: int) -> int:
    """How many schedules the brief draws for a plan of ``n_facilities``."""
    if n_facilities <= LARGE_PLAN:
        return DRAWS
    return max(FEWEST_DRAWS, min(LARGE_PLAN_DRAWS, DRAW_BUDGET // n_facilities))


def brief_risk(plan: Plan, scenario_ids: list[str]) -> RiskResult:
    """The schedule risk the brief shows: 10,000 draws (seed 0), fewer on a large plan."""
    return schedule_risk(plan, scenario_ids, draws=brief_draws(len(plan.facilities)))


def write_schedule_risk(
    ws: Worksheet, plan: Plan, header: PageHeader, results: list, risk: RiskResult
) -> None:
    out = SheetWriter(ws, header)
    out.title(
        "Annex C. Schedule risk: the odds each target is met on time",
        f"{risk.draws:,} draws of project schedules (seed {risk.seed}): each project not yet online is "
        "cancelled with its status's probability or comes online late by a triangular slip. P(met): the "
        "share of draws meeting the target in its year; P80 year: the first year it is met in 80% of draws. "
        "A driver's gain: how much P(met) rises when that project is neither cancelled nor late.",
    )
    names = {id_key(f.id): f for f in plan.facilities}
    # A nameplate view or an import shock draws like its base: its odds are not repeated.
    for group, sr in alike_groups(results, lambda r: risk.scenarios[r.scenario_id], _same_risk):
        out.scenario_section(
            group, "The same odds in: {names} (risk factors and imports do not enter a draw)."
        )
        _targets_table(out, plan, sr, names)
        _bands_table(out, sr, group[0])
    _assumptions_table(out, plan)
    out.finish(title_rows=2, widths={2: GOAL_WIDTH, 6: PROJECT_WIDTH})


def _same_risk(a: ScenarioRisk, b: ScenarioRisk) -> bool:
    same_targets = all(
        x.p_met == y.p_met and x.p80_year == y.p80_year and x.top_drivers(DRIVERS) == y.top_drivers(DRIVERS)
        for x, y in zip(a.targets, b.targets, strict=True)
    )
    return same_targets and a.bands.equals(b.bands)


def _targets_table(out: SheetWriter, plan: Plan, sr: ScenarioRisk, names: dict) -> None:
    if not sr.targets:
        out.note("The plan has no targets.")
        return
    targets = {id_key(t.id): t for t in plan.targets}
    out.header(["Target", "Goal", "P(met)", "P80 year", "Driver", "Project", "Stage", "Gain in P(met)"])
    for t in sr.targets:
        target = targets[id_key(t.target)]
        goal = (
            f"{target.metric} {stage_name(plan, target.stage)}"
            f"{' ' + target.material if target.material else ''} "
            f">= {threshold_text(Metric(target.metric), target.threshold)} by {target.year}"
        )
        p80 = t.p80_year if t.p80_year is not None else "none"
        lead = [t.target, goal, t.p_met, p80]
        fmts = ["", "", PROBABILITY, styles.YEAR, "", "", "", POINTS]
        drivers = t.top_drivers(DRIVERS)
        if not drivers:
            why = "met in every draw" if t.p_met == 1 else "no single project on time changes it"
            _centre_year(out, out.table_row([*lead, "none", why, "", None], fmts))
        for i, (facility_id, gain) in enumerate(drivers):
            facility = names[id_key(facility_id)]
            where = stage_name(plan, facility.stage)
            if facility.feeds_stage:
                where = f"{where} (feeds {stage_name(plan, facility.feeds_stage)})"
            values = [facility_id, facility.name, where, round(100 * gain, 2)]
            _centre_year(out, out.table_row([*(lead if i == 0 else ["", "", None, None]), *values], fmts))


def _centre_year(out: SheetWriter, row: int) -> None:
    """The P80 year sits between a number and a text column: centred, it touches neither."""
    out.ws.cell(row=row, column=4).alignment = CENTRED


def _bands_table(out: SheetWriter, sr: ScenarioRisk, result) -> None:
    out.line(
        "Domestic magnet output (t/yr) and self-sufficiency: the risk-adjusted figure and percentiles over the draws"
    )
    out.header(
        ["Year", "Risk-adjusted output", "Output P10", "Output P50", "Output P90", "Self-sufficiency P10",
         "Self-sufficiency P50", "Self-sufficiency P90"]
    )  # fmt: skip
    deterministic = result.magnet.domestic_magnet_output
    for year, row in sr.bands.iterrows():
        values = [int(year), float(deterministic[year]), *row.iloc[:3], *row.iloc[3:]]
        fmts = [styles.YEAR, *[styles.TONNES] * 4, *[PROBABILITY] * 3]
        out.table_row(values, fmts)


def _assumptions_table(out: SheetWriter, plan: Plan) -> None:
    out.section(
        "Schedule assumptions (plan's Schedule risk table; engine.md's defaults where a status has no row)"
    )
    out.header(
        ["Status", "Cancel probability", "Slip min (months)", "Slip likely (months)", "Slip max (months)"]
    )
    table = status_risks(plan)
    for code, status in enumerate(STATUSES):
        if status is Status.CANCELLED:
            continue
        p, low, likely, high = table[code]
        out.table_row([str(status), p, low, likely, high], ["", PROBABILITY, "0", "0", "0"])

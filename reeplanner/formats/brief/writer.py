"""``write_brief``: the leadership brief workbook, made for reading (not for re-import).

Four pages, bottom line first, then the annex:

1. Bottom line: the plan's fields, the "so what" bullets, self-sufficiency with its targets, the
   decisions for leadership;
2. the scenarios in the years that matter, beside the base, and the targets;
3. the money: by department, kind, status, stage, plant status and year; price floors; private
   money apart;
4. the risk register, the assumptions and the sensitivity of the headline figure;

Annex: gaps by stage, material and year; the facility timeline; schedule risk in full; every
funding line; coordination findings and sources. The chart data sheet is hidden and not printed.
``pages="summary"`` writes pages 1-4 only.
"""

from __future__ import annotations

import datetime as dt
import io
import os

from openpyxl import Workbook

from reeplanner.formats.atomic import SaveError, write_bytes_atomic
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.charts import BriefCharts
from reeplanner.formats.brief.context import gather
from reeplanner.formats.brief.coordination import write_coordination_and_sources
from reeplanner.formats.brief.funding import write_funding_lines
from reeplanner.formats.brief.gaps import write_gaps
from reeplanner.formats.brief.page_bottom_line import write_bottom_line
from reeplanner.formats.brief.page_money import write_money
from reeplanner.formats.brief.page_risk import write_risk
from reeplanner.formats.brief.page_scenarios import write_scenarios
from reeplanner.formats.brief.schedule_risk import brief_risk, write_schedule_risk
from reeplanner.formats.brief.timeline import write_timeline
from reeplanner.model import Plan, PlanError, Problem, id_key
from reeplanner.model.validation import errors

#: The four pages a reader starts with, one printed page each.
PAGES = ("1 Bottom line", "2 Scenarios and targets", "3 Money", "4 Risks and assumptions")
ANNEX = ("A Gaps", "B Timeline", "C Schedule risk", "D Funding lines", "E Coordination, sources")
CHART_DATA = "Chart data"
SHEETS = (*PAGES, *ANNEX, CHART_DATA)
#: What ``pages`` may ask for: every sheet, or the four pages alone.
PAGE_CHOICES = ("all", "summary")


def chosen_results(plan: Plan, result, scenario_ids: list[str] | None) -> list:
    """The ``ScenarioResult`` of each scenario asked for, in the order asked (all, in plan order, by default)."""
    if not scenario_ids:
        return list(result.scenarios.values())
    by_key = {id_key(sid): sr for sid, sr in result.scenarios.items()}
    unknown = [sid for sid in scenario_ids if id_key(sid) not in by_key]
    if unknown:
        known = ", ".join(result.scenarios) or "none"
        raise PlanError(
            [
                Problem(
                    f"The plan has no scenario '{sid}'. Its scenarios: {known}.",
                    "Scenarios",
                    field="ID",
                    item=sid,
                )
                for sid in unknown
            ]
        )
    return list({id_key(sid): by_key[id_key(sid)] for sid in scenario_ids}.values())


def write_brief(
    plan: Plan,
    path: str | os.PathLike[str],
    scenario_ids: list[str] | None = None,
    result=None,
    today: dt.date | None = None,
    risk=None,
    pages: str = "all",
) -> None:
    """Write the leadership brief of ``plan`` to ``path`` (.xlsx), atomically.

    ``result`` is the plan's ``PlanResult`` when the caller has it already (the
    GUI does); otherwise the engine computes it. ``scenario_ids`` picks and
    orders the scenarios; the first one leads. ``pages`` is ``"all"`` or
    ``"summary"`` (pages 1-4, no annex). Raises ``PlanError`` for a plan with
    errors (no brief is written from figures validation refuses) or an unknown
    scenario, and ``SaveError`` when the file cannot be written. ``risk`` is the
    schedule risk (``engine.risk.RiskResult``) of at least those scenarios when
    the caller has it; otherwise it is drawn (``schedule_risk.brief_risk``).
    """
    if pages not in PAGE_CHOICES:
        raise ValueError(f"pages is one of {', '.join(PAGE_CHOICES)}, not {pages!r}")
    problems = errors(plan)
    if problems:
        raise PlanError(problems)
    if result is None:
        from reeplanner.engine import compute_all

        result = compute_all(plan)
    results = chosen_results(plan, result, scenario_ids)
    if not results:
        raise PlanError([Problem("The plan has no scenario to brief.", "Scenarios")])
    if risk is None:
        risk = brief_risk(plan, [r.scenario_id for r in results])
    context = gather(plan, results, risk, today or dt.date.today())

    workbook = Workbook()
    styles.add_named_styles(workbook)
    names = PAGES if pages == "summary" else SHEETS[:-1]
    sheets = [workbook.active, *(workbook.create_sheet(name) for name in names[1:])]
    sheets[0].title = names[0]
    charts = BriefCharts(workbook.create_sheet(CHART_DATA), context)

    write_bottom_line(sheets[0], context, charts)
    write_scenarios(sheets[1], context)
    write_money(sheets[2], context, charts)
    write_risk(sheets[3], context)
    if pages == "all":
        gaps, timeline, schedule, funding, coordination = sheets[4:]
        write_gaps(gaps, context, charts)
        write_timeline(timeline, context)
        write_schedule_risk(schedule, plan, context.header, results, risk)
        write_funding_lines(funding, context)
        write_coordination_and_sources(coordination, context)
    charts.finish()
    workbook.active = 0

    workbook.properties.title = f"Leadership brief: {plan.name}"
    workbook.properties.creator = "REE Planner"
    # Laid out in memory, then written in one go: openpyxl's own zip file, left open by a write
    # error (a full disk), would print a second traceback when the interpreter collects it.
    content = io.BytesIO()
    try:
        workbook.save(content)  # openpyxl lays each sheet out in a temporary file first
    except OSError as exc:
        raise SaveError.of(path, exc) from exc
    write_bytes_atomic(path, content.getvalue())

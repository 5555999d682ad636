"""``write_brief``: the leadership brief workbook, made for reading (not for re-import)."""

from __future__ import annotations

import datetime as dt
import os

from openpyxl import Workbook

from reeplanner.formats.atomic import atomic_path
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.charts import BriefCharts
from reeplanner.formats.brief.comparison import write_comparison
from reeplanner.formats.brief.coordination import write_coordination
from reeplanner.formats.brief.figures import brief_years, scenario_figures
from reeplanner.formats.brief.findings import findings
from reeplanner.formats.brief.funding import write_funding
from reeplanner.formats.brief.gaps import write_gaps
from reeplanner.formats.brief.schedule_risk import brief_risk, write_schedule_risk
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.formats.brief.sources import write_sources
from reeplanner.formats.brief.summary import write_summary
from reeplanner.formats.brief.timeline import write_timeline
from reeplanner.model import Plan, PlanError, Problem, id_key

SHEETS = (
    "Summary",
    "Scenario comparison",
    "Gaps",
    "Timeline",
    "Schedule risk",
    "Funding",
    "Coordination",
    "Sources",
    "Chart data",
)


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
) -> None:
    """Write the leadership brief of ``plan`` to ``path`` (.xlsx), atomically.

    ``result`` is the plan's ``PlanResult`` when the caller has it already (the
    GUI does); otherwise the engine computes it. ``scenario_ids`` picks and
    orders the scenarios; the first one leads the findings. Raises
    ``PlanError`` for an unknown scenario and ``SaveError`` when the file
    cannot be written. ``risk`` is the schedule risk (``engine.risk.RiskResult``)
    of at least those scenarios when the caller has it; otherwise it is drawn
    (``schedule_risk.brief_risk``).
    """
    if result is None:
        from reeplanner.engine import compute_all

        result = compute_all(plan)
    results = chosen_results(plan, result, scenario_ids)
    if not results:
        raise PlanError([Problem("The plan has no scenario to brief.", "Scenarios")])
    header = PageHeader(plan.name, today or dt.date.today())
    scenarios = [scenario_figures(plan, r) for r in results]
    years = brief_years(plan)

    workbook = Workbook()
    styles.add_named_styles(workbook)
    summary, *others = [workbook.active, *(workbook.create_sheet(name) for name in SHEETS[1:])]
    summary.title = SHEETS[0]
    comparison, gaps, timeline, risk_sheet, funding, coordination, sources, chart_data = others

    charts_row = write_summary(summary, plan, header, scenarios, years, findings(plan, scenarios, years))
    write_comparison(comparison, plan, header, results, scenarios, years)
    write_gaps(gaps, plan, header, results)
    write_timeline(timeline, plan, header, results, scenarios)
    if risk is None:
        risk = brief_risk(plan, [r.scenario_id for r in results])
    write_schedule_risk(risk_sheet, plan, header, results, risk)
    write_funding(funding, plan, header, results)
    write_coordination(coordination, plan, header, results)
    write_sources(sources, plan, header)

    chart_out = SheetWriter(chart_data, header)
    charts = BriefCharts(chart_out, plan)
    charts.write_gap_by_stage(results[0], years[0])
    charts.write_self_sufficiency(scenarios)
    charts.write_funding(results[0])
    chart_out.finish(one_page=True)
    charts.place(summary, charts_row)

    workbook.properties.title = f"Leadership brief: {plan.name}"
    workbook.properties.creator = "REE Planner"
    with atomic_path(path) as tmp:
        workbook.save(tmp)

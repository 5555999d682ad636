"""The Summary sheet: who and when, the findings, the headline figures per scenario, the charts."""

from __future__ import annotations

from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.targets import threshold_text
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import ScenarioFigures, agency_name
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter, points_wide, put
from reeplanner.model import Plan

LABEL_WIDTH = 48.0
SCENARIO_WIDTH = 17.0
#: Columns the findings and the charts span, whatever the number of scenarios.
MIN_COLUMNS = 7


def summary_columns(scenario_count: int) -> int:
    return max(MIN_COLUMNS, scenario_count + 1)


def write_summary(
    ws: Worksheet,
    plan: Plan,
    header: PageHeader,
    scenarios: list[ScenarioFigures],
    years: list[int],
    findings: list[str],
) -> int:
    """Write the Summary's text and tables; returns the first row free for the charts."""
    columns = summary_columns(len(scenarios))
    out = SheetWriter(ws, header)
    names = ", ".join(s.name for s in scenarios)
    out.title(
        f"Leadership brief: {plan.name}",
        f"Prepared {header.date:%d %B %Y}  ·  Horizon {plan.start_year}–{plan.end_year}  ·  "
        f"Scenario{'s' if len(scenarios) != 1 else ''}: {names}  ·  Figures in t/yr and {plan.currency}",
    )
    width = sum(points_wide(w) for w in _widths(columns).values())
    out.section(f"Findings ({scenarios[0].name})")
    for sentence in findings:
        out.paragraph(f"•  {sentence}", columns, width)

    out.section("Headline figures")
    out.header(["Figure"] + [s.name for s in scenarios])
    for year in years:
        out.table_row(
            [f"Magnet self-sufficiency, {year}"] + [s.self_sufficiency(year) for s in scenarios],
            ["", *[styles.PERCENT] * len(scenarios)],
        )
        out.table_row(
            [f"Domestic magnet output, {year} (t/yr)"] + [s.output(year) for s in scenarios],
            ["", *[styles.TONNES] * len(scenarios)],
        )
        out.table_row(
            [f"Magnet demand, {year} (t/yr)"] + [s.demand(year) for s in scenarios],
            ["", *[styles.TONNES] * len(scenarios)],
        )
        row = out.table_row([f"Bottleneck stage, {year}"] + [s.bottleneck(year) for s in scenarios])
        _align_right(ws, row, len(scenarios))
    if scenarios[0].targets:
        row = out.table_row(
            ["Targets met on time"]
            + [f"{sum(t.met for t in s.targets)} of {len(s.targets)}" for s in scenarios]
        )
        _align_right(ws, row, len(scenarios))
    out.table_row(
        [f"Public funding ({plan.currency})"] + [s.public_funding_total for s in scenarios],
        ["", *[styles.MONEY] * len(scenarios)],
    )
    out.table_row(
        [f"All funding lines, incl. private ({plan.currency})"] + [s.funding_total for s in scenarios],
        ["", *[styles.MONEY] * len(scenarios)],
    )

    _write_targets(out, scenarios)
    _write_public_funding(out, plan, scenarios)

    out.finish(widths=_widths(columns))
    ws.row_breaks.append(Break(id=out.row))
    return out.row + 2


def _widths(columns: int) -> dict[int, float]:
    return {1: LABEL_WIDTH} | {column: SCENARIO_WIDTH for column in range(2, columns + 1)}


def _align_right(ws: Worksheet, row: int, count: int) -> None:
    for column in range(2, count + 2):
        ws.cell(row=row, column=column).style = styles.NUMBER


def _write_targets(out: SheetWriter, scenarios: list[ScenarioFigures]) -> None:
    lead = scenarios[0]
    if not lead.targets:
        return
    out.section("Targets: met on time, or missed and the year first met")
    out.header(["Target (year, threshold)"] + [s.name for s in scenarios])
    by_id = [{t.target: t for t in s.targets} for s in scenarios]
    for target in lead.targets:
        label = f"{target.description} ({target.year}, ≥ {threshold_text(target.metric, target.threshold)})"
        row = out.table_row([label])
        for column, outcomes in enumerate(by_id, start=2):
            outcome = outcomes.get(target.target)
            if outcome is None:
                continue
            cell = put(out.ws, row, column, outcome.outcome_text, styles.NUMBER)
            cell.font = styles.MET_FONT if outcome.met else styles.MISSED_FONT
    out.note(f"'never': not met in any year of the horizon (to {lead.years[-1]}).")


def _write_public_funding(out: SheetWriter, plan: Plan, scenarios: list[ScenarioFigures]) -> None:
    agencies = list(dict.fromkeys(a for s in scenarios for a in s.public_funding))
    out.section(f"Public funding by agency ({plan.currency})")
    if not agencies:
        out.note("The plan holds no public funding lines.")
        return
    out.header(["Agency"] + [s.name for s in scenarios])
    money = ["", *[styles.MONEY] * len(scenarios)]
    for agency in agencies:
        out.table_row(
            [f"{agency_name(plan, agency)} ({agency})"]
            + [s.public_funding.get(agency, 0.0) for s in scenarios],
            money,
        )
    out.table_row(["Total"] + [s.public_funding_total for s in scenarios], money, total=True)

"""Page 2, the numbers: the scenarios in the years that matter, each beside the base, and the targets.

The scenario table has one column per group of identical scenarios (named as identical in its
header), the base's values first and every other column as its change from the base (a dash:
no change). Then the targets: met or missed in the lead scenario, the year met, the shortfall,
the odds under schedule risk and the other scenarios' outcomes. Illustrative targets are marked.
"""

from __future__ import annotations

import math

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.scenario_groups import horizon_difference
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import TargetOutcome
from reeplanner.formats.brief.sheet_writer import SheetWriter, put
from reeplanner.formats.brief.wording import join, short_description, threshold_phrase
from reeplanner.model import Metric, id_key

LABEL_WIDTH = 30.0
SCENARIO_WIDTH = 9.6
#: Columns the targets table needs whatever the number of scenarios.
TARGET_COLUMNS = 11
#: Changes: signed, a dash where nothing changes.
TONNES_CHANGE = '+#,##0;-#,##0;"–"'
POINTS_CHANGE = '+0.0" pts";-0.0" pts";"–"'
MONEY_CHANGE = '+#,##0.0;-#,##0.0;"–"'
CENTRED = Alignment(horizontal="center", vertical="top", wrap_text=True)

#: (magnet figure, label, is a share)
FIGURES = (
    ("domestic_magnet_output", "Domestic magnet output (t/yr)", False),
    ("self_sufficiency", "Self-sufficiency", True),
    ("allied_coverage", "Allied coverage", True),
    ("magnet_output_with_imports", "Available with imports (t/yr)", False),
    ("unmet_demand", "Unmet demand (t/yr)", False),
)


def write_scenarios(ws: Worksheet, context: BriefContext) -> None:
    out = SheetWriter(ws, context.header)
    lead = context.lead_figures
    out.title(
        "The numbers: scenarios and targets",
        f"Years that matter: the target years and the last year. {lead.name} in values; every other "
        f"column is its change from {lead.name} (–: no change). Self-sufficiency: domestic magnet output "
        "over demand; allied coverage: output with allied plants and supply over demand; available with "
        "imports: with every source; unmet demand: what users here cannot get at all.",
    )
    groups = context.groups
    columns = 1 + len(groups)
    out.header(["Figure", *[_group_header(context, g) for g in groups]])
    base = context.lead
    for year in context.table_years:
        out.table_row([f"In {year}"] + [""] * len(groups), total=True)
        for figure, label, share in FIGURES:
            values: list[object] = []
            for index, group in enumerate(groups):
                result = context.result(group[0])
                value = float(result.magnet.at[year, figure])
                if index == 0:
                    values.append(value)
                else:
                    change = value - float(base.magnet.at[year, figure])
                    values.append(_rounded(change * 100 if share else change, 1 if share else 0))
            fmts = [styles.PERCENT if share else styles.TONNES] + [
                POINTS_CHANGE if share else TONNES_CHANGE
            ] * (len(groups) - 1)
            out.table_row([label, *values], ["", *fmts])
    out.table_row(["Whole horizon"] + [""] * len(groups), total=True)
    for figure, label in (
        ("funding_public_total", f"Public money ({context.currency})"),
        ("price_floor_exposure", f"Price-floor exposure ({context.currency})"),
    ):
        values = [
            float(base.funding_public_total)
            if figure == "funding_public_total"
            else float(base.arrays.floor_exposure.total)
        ]
        values += [_rounded(horizon_difference(context.result(g[0]), base, figure), 1) for g in groups[1:]]
        out.table_row([label, *values], ["", styles.MONEY, *[MONEY_CHANGE] * (len(groups) - 1)])
    met = [_met_text(context.scenarios[_index(context, g[0])].targets) for g in groups]
    out.table_row(["Targets met on time", *met], ["", *[styles.RIGHT_TEXT] * len(groups)])
    _label_rows_left(ws, out.row)
    alike = [g for g in groups if len(g) > 1]
    if alike:
        out.note(
            "Identical in every figure of this page, every year: "
            + "; ".join(" = ".join(context.name(s) for s in g) for g in alike)
            + "."
        )
    _write_targets(out, context, max(columns, TARGET_COLUMNS))
    widths = {1: LABEL_WIDTH} | {c: SCENARIO_WIDTH for c in range(2, max(columns, TARGET_COLUMNS) + 1)}
    out.finish(title_rows=2, widths=widths, one_page=True)


def _group_header(context: BriefContext, group: list[str]) -> str:
    return " = ".join(context.name(s) for s in group)


def _index(context: BriefContext, scenario_id: str) -> int:
    return next(i for i, r in enumerate(context.results) if id_key(r.scenario_id) == id_key(scenario_id))


def _rounded(value: float, digits: int) -> float:
    """As printed: a change that rounds to nothing shows as no change (a dash)."""
    return value if math.isnan(value) else round(value, digits) + 0.0


def _met_text(targets: list[TargetOutcome]) -> str:
    return f"{sum(t.met for t in targets)} of {len(targets)}" if targets else "–"


def _label_rows_left(ws: Worksheet, last_row: int) -> None:
    for row in range(1, last_row):
        cell = ws.cell(row=row, column=1)
        if cell.value in ("Whole horizon",) or (isinstance(cell.value, str) and cell.value.startswith("In ")):
            cell.alignment = Alignment(horizontal="left")


def _write_targets(out: SheetWriter, context: BriefContext, last_column: int) -> None:
    lead = context.lead_figures
    if not lead.targets:
        out.section("Targets")
        out.note("The plan sets no targets.")
        return
    out.section(f"Targets in {lead.name}: met or missed, the year met, the shortfall, the odds")
    out.header(
        [
            "Target",
            "Set by",
            "Year",
            "Threshold",
            "Value",
            "Outcome",
            "Year met",
            "Shortfall",
            "P(met)",
            "Other scenarios",
        ]
    )
    out.ws.merge_cells(start_row=out.row - 1, start_column=10, end_row=out.row - 1, end_column=last_column)
    ordered = sorted(lead.targets, key=lambda t: (not context.official(t.target), t.year, t.target))
    for t in ordered:
        official = context.official(t.target)
        share = t.metric is Metric.SELF_SUFFICIENCY
        risk = context.lead_risk.target(t.target)
        label = f"{t.target}: {short_description(t.description)}"
        row = out.table_row(
            [
                label,
                "policy" if official else "illustrative",
                t.year,
                threshold_phrase(t.metric, t.threshold),
                t.value / 100 if share else t.value,
                "met" if t.met else "missed",
                t.year_met if t.year_met is not None else "never",
                t.shortfall,
                risk.p_met,
                _others(context, t),
            ],
            [
                "",
                "",
                styles.YEAR,
                styles.RIGHT_TEXT,
                styles.PERCENT if share else styles.TONNES,
                "",
                styles.YEAR,
                '0.0" pts";-0.0" pts";"–"' if share else styles.TONNES_OR_DASH,
                "0%",
                "",
            ],
        )
        ws = out.ws
        ws.cell(row, 6).font = styles.MET_FONT if t.met else styles.MISSED_FONT
        ws.cell(row, 6).alignment = CENTRED
        if not official:
            ws.cell(row, 2).font = styles.ILLUSTRATIVE_FONT
        ws.merge_cells(start_row=row, start_column=10, end_row=row, end_column=last_column)
        ws.cell(row, 10).alignment = Alignment(wrap_text=True, vertical="top")
        chars = (last_column - 9) * SCENARIO_WIDTH * 1.25
        lines = max(1, math.ceil(len(str(ws.cell(row, 10).value)) / chars))
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, 12.5 * lines + 3)
    out.note(
        "Illustrative: an estimate made for the example, not a policy target (the Targets table's Official "
        "column). P(met): share of schedule-risk draws meeting the target in its year."
    )
    put(out.ws, out.row, 1, None)


def _others(context: BriefContext, lead_outcome: TargetOutcome) -> str:
    """``met on time in all others``, or which others miss it and when they meet it."""
    if len(context.scenarios) == 1:
        return "–"
    met, missed = [], []
    for figures in context.scenarios[1:]:
        outcome = next((o for o in figures.targets if o.target == lead_outcome.target), None)
        if outcome is None:
            continue
        if outcome.met:
            met.append(figures.name)
        else:
            when = f"met {outcome.year_met}" if outcome.year_met is not None else "never met"
            missed.append(f"{figures.name} ({when})")
    if not missed:
        return "met on time in all others"
    if not met:
        return "missed in all others"
    if len(missed) <= len(met):
        return f"missed in {join(missed)}"
    return f"met on time in {join(met)} only"

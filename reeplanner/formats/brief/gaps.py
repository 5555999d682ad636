"""Annex A, gaps: the share of each stage's requirement covered at home (a chart, materials and
products side by side), then requirement minus domestic output by stage, material and year, red for
shortfall, green for surplus, per scenario (a scenario with the same gaps as an earlier one says so)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.scenario_groups import alike_groups
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.charts import BriefCharts, fill_caches
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import stage_name
from reeplanner.formats.brief.sheet_writer import SheetWriter

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioResult

YEAR_WIDTH = 9.0
#: Rows the coverage chart covers (its 7.8 cm, and a little space below it).
CHART_ROWS = 16
CHART_ROW_HEIGHT = 14.0


def write_gaps(ws: Worksheet, context: BriefContext, charts: BriefCharts) -> None:
    plan, results = context.plan, context.results
    out = SheetWriter(ws, context.header)
    out.title(
        "Annex A. Gaps by stage, material and year (t/yr)",
        "Requirement minus domestic output: positive (red) is a shortfall, negative (green) a surplus. "
        "Material stages in tonnes of contained material, product stages in tonnes of product.",
    )
    chart = charts.coverage()
    if chart is not None:
        fill_caches(chart, ws.parent)
        ws.add_chart(chart, f"A{out.row + 1}")  # below a blank row, within the rows kept for it
        for row in range(out.row + 1, out.row + 1 + CHART_ROWS):
            ws.row_dimensions[row].height = CHART_ROW_HEIGHT  # so the page breaks know the chart's height
        out.row += CHART_ROWS + 1
    year_count = 0
    # An import shock, say, leaves every domestic gap as it was: its table is not repeated.
    for group, gaps in alike_groups(results, _gap_table, _same_gaps):
        result = group[0]
        out.scenario_section(group, "The same gaps, to the tonne, in: {names}.")
        years = list(result.years)
        year_count = max(year_count, len(years))
        out.header(["Stage", "Material", *years])
        first = out.row
        for (stage, material), row in gaps.iterrows():
            out.table_row(
                [stage_name(plan, stage), material or "product"] + [float(row.get(y, 0.0)) for y in years],
                ["", "", *[styles.TONNES] * len(years)],
            )
        last = out.row - 1
        if last >= first and years:
            cells = f"C{first}:{get_column_letter(2 + len(years))}{last}"
            ws.conditional_formatting.add(
                cells,
                ColorScaleRule(
                    start_type="min",
                    start_color=styles.SURPLUS_COLOUR,
                    mid_type="num",
                    mid_value=0,
                    mid_color=styles.BALANCE_COLOUR,
                    end_type="max",
                    end_color=styles.SHORTFALL_COLOUR,
                ),
            )
    widths = {2 + i: YEAR_WIDTH for i in range(1, year_count + 1)}
    out.finish(title_rows=2, widths=_widest(ws, widths))


def _gap_table(result: ScenarioResult) -> pd.DataFrame:
    return result.flows.pivot_table(index=["stage", "material"], columns="year", values="gap", sort=False)


def _same_gaps(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Equal to the tonne as printed (whole tonnes)."""
    if a.shape != b.shape or list(a.index) != list(b.index) or list(a.columns) != list(b.columns):
        return False
    return bool(((a.fillna(0.0) - b.fillna(0.0)).abs() < 0.5).all().all())


def _widest(ws: Worksheet, widths: dict[int, float]) -> dict[int, float]:
    """Year columns share one width, wide enough for the longest gap in any of them."""
    longest = 0
    for column in widths:
        for (cell,) in ws.iter_rows(min_col=column, max_col=column):
            if isinstance(cell.value, float):
                longest = max(longest, len(f"{cell.value:,.0f}"))
    width = max(YEAR_WIDTH, longest + 3)
    return dict.fromkeys(widths, width)

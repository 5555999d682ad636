"""The Summary's native Excel charts and the labelled "Chart data" blocks they read.

Every chart refers to a block of plain numbers on the Chart data sheet, so a
reader can see (and re-chart) exactly what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import ScenarioFigures, instrument_kind, stage_name
from reeplanner.formats.brief.sheet_writer import SheetWriter
from reeplanner.model import Plan

#: Rows a chart of the default height covers on the Summary.
CHART_ROWS = 17


@dataclass(frozen=True)
class ChartBlock:
    """A table on the Chart data sheet: header row, category column 1, series in columns 2..last."""

    title: str
    header_row: int
    last_row: int
    last_column: int

    def data(self, ws: Worksheet) -> Reference:
        return Reference(
            ws, min_col=2, max_col=self.last_column, min_row=self.header_row, max_row=self.last_row
        )

    def categories(self, ws: Worksheet) -> Reference:
        return Reference(ws, min_col=1, min_row=self.header_row + 1, max_row=self.last_row)


class BriefCharts:
    """Writes the chart data blocks, then places the charts on the Summary."""

    def __init__(self, out: SheetWriter, plan: Plan) -> None:
        self.out = out
        self.plan = plan
        self.gap: ChartBlock | None = None
        self.self_sufficiency: ChartBlock | None = None
        self.funding: ChartBlock | None = None
        out.title("Chart data", "The figures the Summary's charts draw, one labelled block per chart")

    def write_gap_by_stage(self, result, year: int) -> None:
        flows = result.flows[result.flows["year"] == year]
        by_stage = flows.groupby("stage", sort=False)[["requirement", "output"]].sum()
        if by_stage.empty:
            return
        title = f"Requirement vs domestic output by stage, {year}, {result.scenario_name} (t/yr)"
        self.out.section(title)
        header = self.out.header(["Stage", "Requirement (t/yr)", "Domestic output (t/yr)"])
        for stage, row in by_stage.iterrows():
            self.out.table_row(
                [stage_name(self.plan, stage), row["requirement"], row["output"]],
                ["", styles.TONNES, styles.TONNES],
            )
        self.out.note(
            "Material stages: tonnes of contained rare earths, summed over materials; product stages: tonnes."
        )
        self.gap = ChartBlock(
            f"Requirement vs domestic output, {year} ({result.scenario_name})",
            header,
            header + len(by_stage),
            3,
        )

    def write_self_sufficiency(self, scenarios: list[ScenarioFigures]) -> None:
        years = [y for y in scenarios[0].years if any(pd.notna(s.self_sufficiency(y)) for s in scenarios)]
        if not years:
            return
        self.out.section("Magnet self-sufficiency by year (domestic magnet output / demand)")
        header = self.out.header(["Year"] + [s.name for s in scenarios])
        for year in years:
            values = [s.self_sufficiency(year) for s in scenarios]
            row = self.out.table_row([year], styles.YEAR)
            for column, value in enumerate(values, start=2):
                if pd.notna(value):
                    self.out.ws.cell(row=row, column=column, value=value).style = styles.NUMBER
                    self.out.ws.cell(row=row, column=column).number_format = styles.PERCENT
        self.self_sufficiency = ChartBlock(
            "Magnet self-sufficiency by scenario", header, header + len(years), len(scenarios) + 1
        )

    def write_funding(self, result) -> None:
        """Funding by agency, split by kind of instrument (grant, loan, ...): a handful of series, not dozens."""
        funding = result.funding
        if funding.empty:
            return
        kinds = funding["instrument"].map(lambda i: instrument_kind(self.plan, str(i)))
        pivot = funding.assign(kind=kinds).pivot_table(
            index="agency", columns="kind", values="amount", aggfunc="sum", fill_value=0.0, sort=False
        )
        pivot = pivot.loc[:, pivot.abs().sum(axis=0) > 0]  # a kind with no money only crowds the legend
        if pivot.empty:
            return
        order = pivot.sum(axis=1).sort_values(kind="stable").index
        pivot = pivot.loc[order]  # a bar chart draws its first category at the bottom: largest on top
        title = f"Funding by agency and kind of instrument, {result.scenario_name} ({self.plan.currency})"
        self.out.section(title)
        header = self.out.header(["Agency"] + [str(c) for c in pivot.columns])
        for agency, row in pivot.iterrows():
            self.out.table_row(
                [str(agency)] + [float(v) for v in row], ["", *[styles.MONEY_OR_DASH] * len(row)]
            )
        self.funding = ChartBlock(title, header, header + len(pivot), len(pivot.columns) + 1)

    def place(self, summary: Worksheet, first_row: int) -> None:
        """Put the charts on the Summary from ``first_row``: gap and self-sufficiency side by side, funding below."""
        data = self.out.ws
        if self.gap is not None:
            summary.add_chart(self._gap_chart(data, self.gap), f"A{first_row}")
        if self.self_sufficiency is not None:
            summary.add_chart(self._line_chart(data, self.self_sufficiency), f"D{first_row}")
        if self.funding is not None:
            summary.add_chart(self._funding_chart(data, self.funding), f"A{first_row + CHART_ROWS + 1}")

    def _gap_chart(self, data: Worksheet, block: ChartBlock) -> BarChart:
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "clustered"
        _fill(chart, block, data, "t/yr", styles.TONNES)
        chart.width, chart.height = 15.5, 8.5
        return chart

    def _line_chart(self, data: Worksheet, block: ChartBlock) -> LineChart:
        chart = LineChart()
        _fill(chart, block, data, "Domestic output / demand", styles.PERCENT, text_categories=False)
        for series in chart.series:
            series.smooth = False
            series.graphicalProperties.line.width = 28575
        chart.width, chart.height = 15.5, 8.5
        return chart

    def _funding_chart(self, data: Worksheet, block: ChartBlock) -> BarChart:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        _fill(chart, block, data, self.plan.currency, "#,##0")
        chart.width, chart.height = 30.5, 9.0  # as wide as the two charts above
        return chart


def _title(text: str) -> Title:
    """A chart title in 12-point bold (the default 18 points crowds a half-page chart)."""
    font = CharacterProperties(sz=1200, b=True, solidFill=styles.INK)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _fill(
    chart,
    block: ChartBlock,
    data: Worksheet,
    axis_title: str,
    number_format: str,
    text_categories: bool = True,
) -> None:
    chart.title = _title(block.title)
    chart.style = 10
    chart.add_data(block.data(data), titles_from_data=True)
    chart.set_categories(block.categories(data))
    if text_categories:
        # Stage and agency names: a string reference, so every spreadsheet shows them as labels.
        for series in chart.series:
            series.cat = AxDataSource(strRef=StrRef(f=series.cat.numRef.f))
    chart.y_axis.title = axis_title
    chart.y_axis.numFmt = number_format
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    for index, series in enumerate(chart.series):
        colour = styles.SERIES_COLOURS[index % len(styles.SERIES_COLOURS)]
        if series.graphicalProperties is None:
            series.graphicalProperties = GraphicalProperties()
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour

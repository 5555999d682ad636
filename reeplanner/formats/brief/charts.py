"""The brief's native Excel charts and the hidden "Chart data" sheet they read.

- self-sufficiency by scenario, one line per group of scenarios with the same figures (their
  names in the legend and the note below), distinguishable in grey by dash and marker, with the
  official self-sufficiency targets as lines from their year (page 1);
- the share of each stage's requirement that domestic capacity and output cover, per material,
  so tonnes of Tb and tonnes of alloy compare (annex, gaps);
- public money by department and funding status (page 3).

Every series refers to a labelled block of the Chart data sheet, which is hidden and never
printed; each series also carries a copy of its numbers (the chart's cache), so a viewer that
does not recalculate (a previewer, a phone) still draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumData, NumVal, StrData, StrRef, StrVal
from openpyxl.chart.marker import Marker
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.utils import range_boundaries
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.constraints import stage_coverage
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import magnet_stage_id, stage_name
from reeplanner.formats.brief.sheet_writer import SheetWriter
from reeplanner.formats.brief.wording import threshold_phrase
from reeplanner.model import Metric, id_key

#: Line styles after colour, so lines stay apart in grey print and where colours are not seen.
DASHES = ("solid", "dash", "sysDot", "lgDash", "dashDot", "sysDash", "lgDashDot", "lgDashDotDot")
MARKERS = ("circle", "square", "triangle", "diamond", "x", "star", "plus", "dash")
TARGET_COLOUR = "B42318"
STATUS_COLOURS = {"committed": "1F4E79", "announced": "8FBCDB", "proposed": "F4A259"}
LINE_WIDTH = 28575  # EMU: 2.25 points


@dataclass(frozen=True)
class ChartBlock:
    """A table on the Chart data sheet: header row, category column 1, series in columns 2..last."""

    title: str
    header_row: int
    last_row: int
    last_column: int

    def data(self, ws: Worksheet, first_column: int = 2, last_column: int | None = None) -> Reference:
        return Reference(
            ws,
            min_col=first_column,
            max_col=last_column or self.last_column,
            min_row=self.header_row,
            max_row=self.last_row,
        )

    def categories(self, ws: Worksheet) -> Reference:
        return Reference(ws, min_col=1, min_row=self.header_row + 1, max_row=self.last_row)


class BriefCharts:
    """Writes each chart's data block on the (hidden) Chart data sheet and makes the chart."""

    def __init__(self, ws: Worksheet, context: BriefContext) -> None:
        self.out = SheetWriter(ws, context.header)
        self.context = context
        self.out.title("Chart data", "The figures the brief's charts draw, one labelled block per chart")
        self.sufficiency_note = ""

    def finish(self) -> None:
        self.out.finish()
        self.out.ws.sheet_state = "hidden"  # data for the charts: neither shown nor printed

    # -- self-sufficiency --------------------------------------------------------------------

    def sufficiency(self) -> LineChart | None:
        context = self.context
        lead = context.lead
        years = [y for y in lead.years if any(r.magnet.at[y, "magnet_demand"] > 0 for r in context.results)]
        if not years:
            return None
        groups = context.sufficiency_groups
        labels = [self._group_label(group) for group in groups]
        targets = [
            t
            for t in context.plan.targets
            if t.official
            and t.metric is Metric.SELF_SUFFICIENCY
            and id_key(t.stage) == id_key(magnet_stage_id(context.plan))
        ]
        out = self.out
        out.section("Magnet self-sufficiency by scenario (domestic magnet output / demand)")
        target_labels = [f"Target ≥ {threshold_phrase(t.metric, t.threshold)} by {t.year}" for t in targets]
        header = out.header(["Year", *labels, *target_labels])
        for year in years:
            values: list[object] = [context.result(g[0]).magnet.at[year, "self_sufficiency"] for g in groups]
            values += [t.threshold / 100 if year >= t.year else None for t in targets]
            out.table_row([year, *values], [styles.YEAR, *[styles.PERCENT] * len(values)])
        block = ChartBlock("", header, header + len(years), 1 + len(groups) + len(targets))
        chart = LineChart()
        _fill(chart, block, out.ws, "", styles.PERCENT, text_categories=False)
        chart.title = None  # the page's heading names it
        chart.y_axis.title = None
        chart.legend.position = "r"
        chart.y_axis.scaling.min = 0
        chart.display_blanks = "gap"
        for index, series in enumerate(chart.series):
            series.smooth = False
            line = series.graphicalProperties.line
            if index < len(groups):
                line.width = LINE_WIDTH
                line.prstDash = DASHES[index % len(DASHES)]
                series.marker = Marker(symbol=MARKERS[index % len(MARKERS)], size=6)
                series.marker.graphicalProperties = GraphicalProperties(solidFill=line.solidFill)
                series.marker.graphicalProperties.line.solidFill = line.solidFill
            else:
                line.solidFill = TARGET_COLOUR
                line.width = 19050
                line.prstDash = "sysDash"
                series.marker = Marker(symbol="none")
        chart.width, chart.height = 14.6, 8.6
        alike = [g for g in groups if len(g) > 1]
        self.sufficiency_note = " ".join(
            f"{context.name(g[0])}: the same self-sufficiency in {', '.join(context.name(s) for s in g[1:])}."
            for g in alike
        )
        return chart

    def _group_label(self, group: list[str]) -> str:
        name = self.context.name(group[0])
        return name if len(group) == 1 else f"{name} (+{len(group) - 1} alike)"

    # -- coverage ----------------------------------------------------------------------------

    def coverage(self) -> BarChart | None:
        context = self.context
        year = context.headline_year
        frame = stage_coverage(context.lead, year)
        frame = frame[frame["requirement"] > 0]
        if frame.empty:
            return None
        out = self.out
        out.section(f"Share of the requirement covered, {year}, {context.lead_figures.name}")
        header = out.header(["Stage (material)", "Domestic capacity", "Domestic output"])
        # A bar chart draws its first category at the bottom: the chain is read from the top.
        for row in reversed(list(frame.itertuples(index=False))):
            label = _stage_label(context, row.stage, row.material)
            out.table_row(
                [label, float(row.capacity_share), float(row.output_share)],
                ["", styles.PERCENT, styles.PERCENT],
            )
        block = ChartBlock("", header, header + len(frame), 3)
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "clustered"
        _fill(chart, block, out.ws, "Share of requirement covered", styles.PERCENT)
        chart.title = _title(
            f"Share of each stage's requirement covered at home, {year} ({context.lead_figures.name})"
        )
        chart.x_axis.txPr = _small_text()
        chart.x_axis.tickLblSkip = 1  # every stage's label, however many
        chart.y_axis.title = None  # the title says it
        chart.legend.position = "r"
        chart.gapWidth = 60
        chart.width, chart.height = 24.0, 7.8
        return chart

    # -- money -------------------------------------------------------------------------------

    def funding(self) -> BarChart | None:
        context = self.context
        by_department = context.money.by_department
        by_department = by_department[by_department["total"] > 0]
        if by_department.empty:
            return None
        out = self.out
        out.section(
            f"Public money by department and status, {context.lead_figures.name} ({context.currency})"
        )
        statuses = list(STATUS_COLOURS)
        header = out.header(["Department", *[s.capitalize() for s in statuses]])
        for row in reversed(list(by_department.itertuples(index=False))):
            out.table_row(
                [row.department, *[float(getattr(row, s)) for s in statuses]],
                ["", *[styles.MONEY] * len(statuses)],
            )
        block = ChartBlock("", header, header + len(by_department), 1 + len(statuses))
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        _fill(chart, block, out.ws, context.currency, "#,##0")
        for series, status in zip(chart.series, statuses, strict=True):
            series.graphicalProperties.solidFill = STATUS_COLOURS[status]
            series.graphicalProperties.line.solidFill = STATUS_COLOURS[status]
        chart.title = _title(f"Public money by department and status ({context.currency})")
        chart.width, chart.height = 13.5, 8.5
        return chart


def _stage_label(context: BriefContext, stage: str, material: str) -> str:
    name = stage_name(context.plan, stage)
    return f"{name} ({material})" if material else name


def _small_text(points: int = 8) -> RichText:
    """Axis labels in ``points``-point text."""
    font = CharacterProperties(sz=points * 100, solidFill=styles.INK)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=font), endParaRPr=font)])


def _title(text: str) -> Title:
    """A chart title in 11-point bold (the default 18 points crowds a half-page chart)."""
    font = CharacterProperties(sz=1100, b=True, solidFill=styles.INK)
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
    chart.style = 10
    chart.add_data(block.data(data), titles_from_data=True)
    chart.set_categories(block.categories(data))
    if text_categories:
        # Stage and department names: a string reference, so every spreadsheet shows them as labels.
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


def fill_caches(chart, workbook: Workbook) -> None:
    """Copy each series' numbers, categories and name into the chart (its cache), from the cells
    its references name: what a viewer that does not recalculate draws."""
    for series in chart.series:
        if series.tx is not None and series.tx.strRef is not None:
            texts = _cells(workbook, series.tx.strRef.f)
            series.tx.strRef.strCache = StrData(ptCount=len(texts), pt=[StrVal(idx=0, v=str(texts[0]))])
        numbers = _cells(workbook, series.val.numRef.f)
        series.val.numRef.numCache = NumData(
            formatCode="General",
            ptCount=len(numbers),
            pt=[NumVal(idx=i, v=float(v)) for i, v in enumerate(numbers) if isinstance(v, int | float)],
        )
        category = series.cat
        if category is None:
            continue
        if category.strRef is not None:
            labels = _cells(workbook, category.strRef.f)
            category.strRef.strCache = StrData(
                ptCount=len(labels),
                pt=[StrVal(idx=i, v=str(v)) for i, v in enumerate(labels) if v is not None],
            )
        elif category.numRef is not None:
            values = _cells(workbook, category.numRef.f)
            category.numRef.numCache = NumData(
                formatCode="General",
                ptCount=len(values),
                pt=[NumVal(idx=i, v=float(v)) for i, v in enumerate(values) if isinstance(v, int | float)],
            )


def _cells(workbook: Workbook, reference: str) -> list[object]:
    sheet, cells = reference.rsplit("!", 1)
    ws = workbook[sheet.strip("'").replace("''", "'")]
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    return [c.value for row in ws.iter_rows(min_row, max_row, min_col, max_col) for c in row]

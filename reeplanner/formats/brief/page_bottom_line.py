"""Page 1, bottom line up front: who prepared it and when, three or four "so what" bullets, the
self-sufficiency chart with its target lines beside the decisions for leadership.

One printed page: a grid of ``COLUMNS`` equal columns a landscape page wide; bullets span it,
the chart takes the left seven columns and the decisions the rest.
"""

from __future__ import annotations

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.bottom_line import bottom_line
from reeplanner.formats.brief.charts import BriefCharts, fill_caches
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.decisions import decisions
from reeplanner.formats.brief.sheet_writer import (
    PARAGRAPH_LINE_HEIGHT,
    ROW_HEIGHT,
    SheetWriter,
    points_wide,
    put,
    safe_text,
    text_lines,
)
from reeplanner.formats.brief.wording import plural
from reeplanner.model import Metric

COLUMNS = 12
COLUMN_WIDTH = 10.7
#: The chart's height in points (its 8.2 cm) and the columns it covers.
CHART_POINTS = 245.0
CHART_COLUMNS = 7
#: Characters per line of 11-point text, per point of width (a little under what fits).
CHARS_PER_POINT = 1 / 4.85


def plan_fields(context: BriefContext) -> str:
    """``As of 31 March 2026 · Prepared by ... · Point of contact: ... · Classification: ...``."""
    plan = context.plan
    as_of = f"{plan.as_of:%d %B %Y}" if plan.as_of else "not given"
    return (
        f"As of {as_of}  ·  Prepared by {plan.prepared_by.strip() or 'not given'}  ·  "
        f"Point of contact: {plan.point_of_contact.strip() or 'not given'}  ·  "
        f"Classification: {plan.classification.strip() or 'not given'}"
    )


def write_bottom_line(ws: Worksheet, context: BriefContext, charts: BriefCharts) -> None:
    out = SheetWriter(ws, context.header)
    lead = context.lead_figures
    count = len(context.results)
    out.title(f"Bottom line: {context.plan.name}", plan_fields(context))
    put(
        ws,
        out.row,
        1,
        f"Brief of {context.header.date:%d %B %Y}  ·  {plural(count, 'scenario')}, {lead.name} leads  ·  "
        f"Magnets in t/yr, money in {context.currency}  ·  Figures from the engine; details in pages 2-4 and the annex",
        styles.SUBTITLE,
    )
    out.row += 1
    width = COLUMNS * points_wide(COLUMN_WIDTH)
    out.section("Bottom line", gap=0)
    for lead_words, sentence in bottom_line(context):
        _bullet(out, lead_words, sentence, width)

    beside = (COLUMNS - CHART_COLUMNS) * points_wide(COLUMN_WIDTH)
    top = out.section("Magnet self-sufficiency by scenario")
    put(ws, top, CHART_COLUMNS + 1, "Decisions for leadership", styles.SECTION)
    chart = charts.sufficiency()
    used = 0.0
    for sentence in decisions(context) or ["None: the coordination findings raise no question of ownership."]:
        row = out.paragraph(f"▸  {sentence}", COLUMNS, beside, first_column=CHART_COLUMNS + 1, gap=4)
        used += ws.row_dimensions[row].height
    while used < CHART_POINTS:
        ws.row_dimensions[out.row].height = min(ROW_HEIGHT, CHART_POINTS - used + 2)
        used += ws.row_dimensions[out.row].height
        out.row += 1
    if chart is not None:
        fill_caches(chart, ws.parent)
        ws.add_chart(chart, f"A{top + 1}")
    note = _chart_note(context, charts)
    if note:
        out.paragraph(note, COLUMNS, width, style=styles.NOTE)
    out.finish(widths=dict.fromkeys(range(1, COLUMNS + 1), COLUMN_WIDTH), one_page=True)


def _bullet(out: SheetWriter, lead_words: str, sentence: str, width: float) -> None:
    """A bullet whose lead words print in bold, merged across the page, its row tall enough."""
    ws, row = out.ws, out.row
    cell = put(ws, row, 1, None, styles.WRAPPED)
    font = {"rFont": styles.FONT_NAME, "sz": 11, "color": styles.INK}
    cell.value = CellRichText(
        TextBlock(InlineFont(b=True, **font), safe_text(f"•  {lead_words} ")),
        TextBlock(InlineFont(**font), safe_text(sentence)),
    )
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
    lines = text_lines(f"•  {lead_words} {sentence}", width * CHARS_PER_POINT)
    ws.row_dimensions[row].height = PARAGRAPH_LINE_HEIGHT * lines + 5
    out.row += 1


def _chart_note(context: BriefContext, charts: BriefCharts) -> str:
    parts = [charts.sufficiency_note] if charts.sufficiency_note else []
    targets = [t for t in context.plan.targets if t.metric is Metric.SELF_SUFFICIENCY]
    official = [t for t in targets if t.official]
    if official:
        parts.append("Red dashed lines: official self-sufficiency targets, from their year.")
    elif targets:
        parts.append(
            "No official self-sufficiency target; the plan's illustrative ones are on page 2, not on this chart."
        )
    return " ".join(parts)

"""How wide a plan table's columns start: fitted to a sample of their cells, text capped.

Widths are measured with font metrics on the text the model shows, for the
header and a sample of rows (the first 200 and up to 100 more spread over
the rest), so a 10,000-row table is fitted in milliseconds instead of asking
Qt for a size hint of every cell. Text columns (names, operators, sources,
notes) fit their text up to about 28 characters and elide beyond (the
cell's tooltip shows the rest); figures, dates and years always fit.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from reeplanner.gui.tables.plan_table_model import PlanTableModel
from reeplanner.model.schema import Kind

SAMPLE_FIRST_ROWS = 200
SAMPLE_SPREAD_ROWS = 100
TEXT_WIDTH_CHARS = 28
_CAPPED_KINDS = (Kind.TEXT, Kind.ID, Kind.REF, Kind.REFS, Kind.CHOICE, Kind.OVERRIDE_VALUE)


def sample_rows(n_rows: int) -> list[int]:
    """The rows a fit looks at: the first ``SAMPLE_FIRST_ROWS``, then a spread over the rest."""
    first = list(range(min(n_rows, SAMPLE_FIRST_ROWS)))
    rest = n_rows - len(first)
    if rest <= 0:
        return first
    step = max(1, rest // SAMPLE_SPREAD_ROWS)
    return first + list(range(len(first), n_rows, step))[:SAMPLE_SPREAD_ROWS]


def column_widths(
    model: PlanTableModel, metrics: QFontMetrics, header_widths: list[int], cell_padding: int
) -> list[int]:
    """A width for each column: the header's (``header_widths``, from the header view) or the
    widest sampled cell's text plus ``cell_padding``, whichever is wider; text at most
    ``TEXT_WIDTH_CHARS`` average characters."""
    rows = sample_rows(model.rowCount())
    text_cap = metrics.averageCharWidth() * TEXT_WIDTH_CHARS + cell_padding
    widths = []
    for col, header_width in enumerate(header_widths):
        texts = {model.display_text(row, col) for row in rows}
        content = max((metrics.horizontalAdvance(text) for text in texts if text), default=0)
        width = content + cell_padding if content else 0
        if model.column(col).kind in _CAPPED_KINDS:
            width = min(width, text_cap)
        widths.append(max(width, header_width))
    return widths

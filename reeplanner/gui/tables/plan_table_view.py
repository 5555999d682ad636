"""A plan table view: copy and paste of cell ranges with Excel, sorting, row selection.

The view sits on a ``PlanTableProxy`` (sorting and filtering) over a
``PlanTableModel``; a paste lands on the rows as sorted and filtered on
screen and is applied to the plan rows behind them as one undoable step.

Columns are fitted once per new table (a reset, or the first rows into an
empty one), from a sample of rows, when the view is first shown after it:
never per edit, and never by asking Qt for every cell's size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QHelpEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolTip

from reeplanner.gui.tables.column_widths import column_widths
from reeplanner.gui.tables.plan_table_model import PlanTableModel
from reeplanner.gui.tables.plan_table_proxy import PlanTableProxy

#: Around the text of a cell: the item delegate's margins, the grid line and a little air.
CELL_SLACK = 6


def to_tsv(rows: list[list[str]]) -> str:
    """Cells as Excel copies them: tabs between cells, a newline after each row."""
    return "".join(
        "\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) + "\n" for row in rows
    )


def from_tsv(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text (Excel's, LibreOffice's); a final newline ends the last row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")] if text else []


class PlanTableView(QTableView):
    """The table on one tab. ``status_message`` carries what a refused paste or edit says."""

    status_message = Signal(str)

    def __init__(self, model: PlanTableModel, parent=None) -> None:
        super().__init__(parent)
        self.source_model = model
        self.proxy = PlanTableProxy(model, self)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # plan order until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setStretchLastSection(
            True
        )  # the last column (often notes) takes the room left
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(110)
        header.setResizeContentsPrecision(100)  # a double-click on a divider fits to 100 rows: cheap
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._columns_fitted = False
        model.modelReset.connect(self._on_model_reset)
        model.rowsInserted.connect(self._on_model_rows_inserted)
        self.fit_columns()

    # -- column widths -------------------------------------------------------------

    def fit_columns(self) -> None:
        """Fit each column to its header and a sample of its cells (text columns capped)."""
        self._columns_fitted = True
        header = self.horizontalHeader()
        widths = column_widths(
            self.source_model,
            self.fontMetrics(),
            [header.sectionSizeHint(col) for col in range(header.count())],
            self.cell_padding(),
        )
        for col, width in enumerate(widths):
            header.resizeSection(col, width)

    def cell_padding(self) -> int:
        """Pixels a cell needs beside its text."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return 2 * margin + CELL_SLACK

    def _fit_columns_when_shown(self) -> None:
        self._columns_fitted = False
        if self.isVisible():
            self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._columns_fitted:
            self.fit_columns()
        super().showEvent(event)

    def _on_model_reset(self) -> None:
        self._fit_columns_when_shown()

    def _on_model_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if last - first + 1 == self.source_model.rowCount():  # the first rows of an empty table
            self._fit_columns_when_shown()

    def cell_tooltip(self, index: QModelIndex) -> str:
        """What hovering over a cell (an index of ``self.model()``) shows: its full text when the
        column is too narrow for it, then its problems."""
        parts = []
        text = index.data(Qt.ItemDataRole.DisplayRole)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        room = self.visualRect(index).width() - 2 * margin
        if text and self.fontMetrics().horizontalAdvance(text) > room:
            parts.append(text)
        problems = index.data(Qt.ItemDataRole.ToolTipRole)
        if problems:
            parts.append(problems)
        return "\n\n".join(parts)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            text = self.cell_tooltip(index) if index.isValid() else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- rows of the plan behind the view --------------------------------------

    def source_row(self, view_row: int) -> int:
        return self.proxy.source_row(view_row)

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.source_row(i.row()) for i in self.selectionModel().selectedIndexes()}
        return sorted(rows)

    def select_source_rows(self, rows: list[int]) -> None:
        """Select whole plan rows (those the filter shows) and scroll to the first."""
        selection = self.selectionModel()
        chosen = QItemSelection()
        first = None
        for row in rows:
            index = self.proxy.index(self.proxy.view_row(row), 0)
            if index.isValid():
                chosen.select(index, index)
                first = first or index
        # One change of selection, not a clear then a select: followers redraw once.
        selection.select(chosen, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def select_cell(self, row: int, column: int) -> bool:
        """Make a plan cell current and selected; False when the filter hides its row."""
        index = self.proxy.mapFromSource(self.source_model.index(row, max(column, 0)))
        if not index.isValid():
            return False
        self.selectionModel().setCurrentIndex(index, self.selectionModel().SelectionFlag.ClearAndSelect)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # -- clipboard ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != self.State.EditingState
        ):
            self.clear_selected_cells()
        else:
            super().keyPressEvent(event)

    def copy(self) -> str:
        """Put the selected block on the clipboard as Excel reads it; returns the text."""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        text = to_tsv(
            [[self.proxy.index(r, c).data(Qt.ItemDataRole.EditRole) or "" for c in columns] for r in rows]
        )
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste a block at the current cell (one value fills the whole selection).

        Rows past the last one are added. Refused as a whole, with the
        parser's sentence, if any cell does not fit its column.
        """
        block = from_tsv(QGuiApplication.clipboard().text() if text is None else text)
        start = self.currentIndex()
        if not block:
            return False
        if not start.isValid():
            start = self.proxy.index(0, 0) if self.proxy.rowCount() else QModelIndex()
        cells = self._single_value_fill(block[0][0]) if len(block) == 1 and len(block[0]) == 1 else None
        if cells is None:
            cells = self._block_cells(block, start.row() if start.isValid() else 0, max(start.column(), 0))
        if not cells:
            return False
        refusal = self.source_model.paste(cells)
        if refusal:
            self.status_message.emit(f"Nothing pasted. {refusal}")
            return False
        return True

    def _block_cells(self, block: list[list[str]], top: int, left: int) -> list[tuple[int, int, object]]:
        visible = self.proxy.rowCount()
        n_source = self.source_model.rowCount()
        cells = []
        for r, values in enumerate(block):
            view_row = top + r
            row = self.source_row(view_row) if view_row < visible else n_source + view_row - visible
            for c, raw in enumerate(values):
                view_col = left + c
                if view_col < self.source_model.columnCount():  # sorting moves rows, never columns
                    cells.append((row, view_col, raw))
        return cells

    def _single_value_fill(self, raw: str) -> list[tuple[int, int, object]] | None:
        indexes = self.selectionModel().selectedIndexes()
        if len(indexes) < 2:
            return None
        return [(self.proxy.mapToSource(i).row(), self.proxy.mapToSource(i).column(), raw) for i in indexes]

    def clear_selected_cells(self) -> bool:
        """Empty the selected cells as one undoable step."""
        indexes = self.selectionModel().selectedIndexes()
        cells = [(self.proxy.mapToSource(i).row(), self.proxy.mapToSource(i).column(), "") for i in indexes]
        if not cells:
            return False
        n = len(cells)
        refusal = self.source_model.paste(
            cells, f"Clear {n} cell{'s' if n != 1 else ''} of {self.source_model.table.sheet}"
        )
        if refusal:
            self.status_message.emit(f"Nothing cleared. {refusal}")
        return not refusal

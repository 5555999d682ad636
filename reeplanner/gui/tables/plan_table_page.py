"""One tab of the tables dock: a filter line and the table of one plan table.

The page keeps the document's selection and its table's selected rows in
step, both ways, and shows a refused edit's sentence in a balloon at the
cell (it floats, so the table does not move) until the next change, and in
the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from reeplanner.gui.refusal_balloon import RefusalBalloon
from reeplanner.gui.tables.demand_table_model import DemandTableModel
from reeplanner.gui.tables.plan_item_delegate import PlanItemDelegate
from reeplanner.gui.tables.plan_table_model import PlanTableModel
from reeplanner.gui.tables.plan_table_view import PlanTableView
from reeplanner.model.schema import Table

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument


#: What a page makes when it is first shown or first asked for (``PlanTablePage.__getattr__``).
BUILT_PARTS = frozenset(
    {"model", "view", "filter_edit", "balloon", "picked_label", "show_all_button", "picked_bar"}
)


class PlanTablePage(QWidget):
    """Its table, model and filter are made when the page is first shown or first asked for: a
    window opens with one of its fourteen tables in sight, and a table is the dearest widget to make."""

    status_message = Signal(str)

    def __init__(self, document: PlanDocument, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.table = table
        self._built = False

    def __getattr__(self, name: str):
        if name in BUILT_PARTS and not self.__dict__.get("_built", True):
            self._build()
            return getattr(self, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def showEvent(self, event: QShowEvent) -> None:
        if not self._built:
            self._build()
        super().showEvent(event)

    @property
    def built(self) -> bool:
        return self._built

    def _build(self) -> None:
        self._built = True
        document, table = self.document, self.table
        model_type = DemandTableModel if table.attr == "demand" else PlanTableModel
        self.model = model_type(document, table, self)
        self.view = PlanTableView(self.model, self)
        self.view.setObjectName(f"table-{table.attr}")
        self.view.setItemDelegate(PlanItemDelegate(document, self.view))
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName(f"filter-{table.attr}")
        self.filter_edit.setPlaceholderText(f"Filter {table.sheet.lower()} (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.view.proxy.set_filter_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        self.balloon = RefusalBalloon(self.view.viewport())
        self.picked_label = QLabel(self)
        self.picked_label.setObjectName(f"picked-{table.attr}")
        self.picked_label.setWordWrap(True)
        self.show_all_button = QPushButton("Show all", self)
        self.show_all_button.setObjectName(f"show-all-{table.attr}")
        self.show_all_button.clicked.connect(self.show_all_rows)
        self.picked_bar = QWidget(self)
        picked = QHBoxLayout(self.picked_bar)
        picked.setContentsMargins(2, 0, 2, 0)
        picked.addWidget(self.picked_label, 1)
        picked.addWidget(self.show_all_button)
        self.picked_bar.hide()
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.picked_bar)
        layout.addWidget(self.view)
        self._picked_from = 0  # how many rows the table had when rows were picked
        self._following = False  # True while the view copies the document's selection
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.model.edit_refused.connect(self._on_model_edit_refused)
        self.view.status_message.connect(self._show_refusal)
        document.selection_changed.connect(self._on_document_selection_changed)
        document.plan_changed.connect(self._on_document_plan_changed)
        self._on_document_selection_changed(*document.selection)  # made after a pick elsewhere
        if self.isVisible():  # made while showing: Qt would show the parts on a later turn only
            self.filter_edit.show()
            self.view.show()

    def show_only_rows(self, rows: list[int], description: str) -> None:
        """Show only these plan rows (picked on a chart), saying which; Show all brings the rest back."""
        self.view.proxy.set_row_filter(set(rows))
        self._picked_from = len(getattr(self.document.plan, self.table.attr))
        self.picked_label.setText(f"Showing {len(rows)} of {self.model.rowCount()} rows: {description}")
        self.picked_bar.show()

    def show_all_rows(self) -> None:
        self.view.proxy.set_row_filter(None)
        self.picked_bar.hide()

    def _on_document_plan_changed(self, table: str) -> None:
        self.balloon.hide()
        if self.view.proxy.row_filter is None or table not in (self.table.attr, "*"):
            return
        if table == "*" or len(getattr(self.document.plan, self.table.attr)) != self._picked_from:
            self.show_all_rows()  # rows came or went: the picked row numbers no longer hold

    def _on_view_selection_changed(self) -> None:
        if not self._following:
            self.document.set_selection(self.table.attr, self.view.selected_source_rows())

    def _on_document_selection_changed(self, table: str, rows: list[int]) -> None:
        if table == self.table.attr and rows == self.view.selected_source_rows():
            return
        self._following = True
        try:
            self.view.select_source_rows(rows if table == self.table.attr else [])
        finally:
            self._following = False

    def _on_model_edit_refused(self, index: QModelIndex, message: str) -> None:
        view_index = self.view.proxy.mapFromSource(index)
        self.view.setCurrentIndex(view_index)
        self._show_refusal(f"Not changed: {message}")

    def _show_refusal(self, message: str) -> None:
        """At the current cell (else the top of the table), and in the status bar."""
        index = self.view.currentIndex()
        anchor = self.view.visualRect(index) if index.isValid() else QRect(0, 0, 0, 0)
        self.balloon.show_below(anchor, message)
        self.status_message.emit(message)

    def select_problem_cell(self, row: int, header: str) -> bool:
        """Show a plan cell (clearing a filter that hides it); False if the row does not exist."""
        if not 0 <= row < self.model.rowCount():
            return False
        column = self.model.column_index(header) if header else 0
        if not self.view.select_cell(row, column):
            self.filter_edit.clear()
            self.view.select_cell(row, column)
        self.view.setFocus()
        return True

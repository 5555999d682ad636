"""Every plan table on its own tab, with the actions the main window wires to menus and keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from reeplanner.gui.commands import RemoveRowsCommand, delete_facilities
from reeplanner.gui.tables.cell_edits import row_label
from reeplanner.gui.tables.plan_table_page import PlanTablePage
from reeplanner.model import edits
from reeplanner.model.problems import Problem
from reeplanner.model.schema import TABLES_BY_ATTR

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument

#: Tab order: what planners edit most first, the reference lists last.
TAB_ORDER = (
    "facilities",
    "funding",
    "demand",
    "supply",
    "targets",
    "scenarios",
    "overrides",
    "schedule_risk",
    "stages",
    "materials",
    "agencies",
    "instruments",
    "composition",
    "links",
)


class PlanTables(QTabWidget):
    """The plan tables. ``status_message`` says why an edit or paste was refused, or what a delete left."""

    status_message = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("plan-tables")
        self.setDocumentMode(True)
        self.pages: dict[str, PlanTablePage] = {}
        for attr in TAB_ORDER:
            page = PlanTablePage(document, TABLES_BY_ATTR[attr], self)
            page.status_message.connect(self.status_message)
            self.pages[attr] = page
            self.addTab(page, TABLES_BY_ATTR[attr].sheet)

    def current_page(self) -> PlanTablePage:
        return self.currentWidget()  # type: ignore[return-value]

    def page_for_sheet(self, sheet: str) -> PlanTablePage | None:
        wanted = sheet.strip().casefold()
        return next((p for p in self.pages.values() if p.table.sheet.casefold() == wanted), None)

    def show_problem(self, problem: Problem) -> bool:
        """Switch to the problem's table and select its cell; False when it has no cell here."""
        page = self.page_for_sheet(problem.table)
        if page is None or problem.index is None:
            return False
        self.setCurrentWidget(page)
        return page.select_problem_cell(problem.index, problem.field)

    def focus_filter(self) -> None:
        """Ctrl+F: type to filter the table on show."""
        edit = self.current_page().filter_edit
        edit.setFocus()
        edit.selectAll()

    def add_row(self) -> None:
        """Add a row after the current one (at the end when none), select it and start editing it."""
        page = self.current_page()
        rows = page.view.selected_source_rows()
        position = rows[-1] + 1 if rows else page.model.rowCount()
        page.model.insert_new_rows(position)
        page.view.select_source_rows([position])
        self.document.set_selection(page.table.attr, [position])

    def delete_selected_rows(self) -> bool:
        """Delete the selected rows in one step; the step's name says which references they leave dangling."""
        page = self.current_page()
        rows = page.view.selected_source_rows()
        if not rows:
            return False
        table = page.table
        plan = self.document.plan
        records = [getattr(plan, table.attr)[i] for i in rows]
        if len(rows) == 1:
            text = f"Delete {table.singular} {row_label(table, records[0], rows[0])}"
        else:
            text = f"Delete {len(rows)} {table.sheet.lower()} rows"
        dangling = self._references_left(table.attr, records) if table.id_attr else 0
        if dangling:
            text += f" (still named in {dangling} other row{'s' if dangling != 1 else ''})"
            self.status_message.emit(f"{text}: fix or delete those rows too; the Problems panel lists them.")
        self.document.set_selection("", [])
        if table.attr == "facilities":  # their links go with them, as on the canvas
            delete_facilities(self.document, rows, text)
        else:
            self.document.push(RemoveRowsCommand(self.document, table.attr, rows, text))
        return True

    def _references_left(self, table: str, records: list[object]) -> int:
        """How many cells elsewhere name the rows being deleted."""
        schema = TABLES_BY_ATTR[table]
        deleted = {id(r) for r in records}
        found = set()
        for record in records:
            for ref_table, index, attr in edits.references_to(
                self.document.plan, table, getattr(record, schema.id_attr)
            ):
                own = ref_table == table and id(getattr(self.document.plan, table)[index]) in deleted
                if not own and not (table == "facilities" and ref_table == "links"):  # deleted too
                    found.add((ref_table, index, attr))
        return len(found)

    def copy(self) -> str:
        return self.current_page().view.copy()

    def paste(self) -> bool:
        return self.current_page().view.paste()

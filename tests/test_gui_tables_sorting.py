"""Sorting and filtering a table, and what edits do to it: rows move, the selection follows its rows,
an edit repaints its cell only, new problems tint cells without re-sorting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reeplanner.gui.commands import InsertRowsCommand, RemoveRowsCommand, SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.tables.plan_tables import PlanTables
from tests.builders import chain_plan, facility

CAPACITY = 7  # MINE-1 1,000, SEP-1 800, MET-1 600, ALY-1 3,000, MAG-1 2,000 t/yr


@pytest.fixture
def document() -> PlanDocument:
    return PlanDocument(chain_plan())


@pytest.fixture
def tables(qtbot, document) -> PlanTables:
    widget = PlanTables(document)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def page(tables):
    return tables.pages["facilities"]


def shown_ids(page) -> list[str]:
    model = page.view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def set_capacity(document: PlanDocument, row: int, value: float) -> None:
    document.push(SetFieldCommand(document, "facilities", row, "capacity", value, "Set capacity"))


def test_a_click_on_a_header_sorts_and_equal_values_keep_plan_order(page, document):
    set_capacity(document, 2, 1000.0)  # MET-1 now as large as MINE-1
    page.view.sortByColumn(CAPACITY, Qt.SortOrder.AscendingOrder)
    assert shown_ids(page) == ["SEP-1", "MINE-1", "MET-1", "MAG-1", "ALY-1"]
    page.view.sortByColumn(CAPACITY, Qt.SortOrder.DescendingOrder)
    assert shown_ids(page) == ["ALY-1", "MAG-1", "MINE-1", "MET-1", "SEP-1"]
    page.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert shown_ids(page) == ["MINE-1", "SEP-1", "MET-1", "ALY-1", "MAG-1"]


def test_an_edited_row_moves_to_its_place_and_stays_selected(page, document):
    page.view.sortByColumn(CAPACITY, Qt.SortOrder.DescendingOrder)
    page.view.select_source_rows([2])  # MET-1, last
    assert page.view.model().index(4, 0).data() == "MET-1"

    set_capacity(document, 2, 5000.0)

    assert shown_ids(page) == ["MET-1", "ALY-1", "MAG-1", "MINE-1", "SEP-1"]
    assert page.view.selected_source_rows() == [2]
    assert page.view.currentIndex().row() == 0
    assert page.view.model().headerData(0, Qt.Orientation.Vertical) == "3"  # the plan row's number


def test_rows_added_and_removed_in_a_sorted_table_keep_the_selection(page, document):
    page.view.sortByColumn(CAPACITY, Qt.SortOrder.AscendingOrder)
    page.view.select_source_rows([3])  # ALY-1
    document.push(InsertRowsCommand(document, "facilities", 0, [facility("NEW-1", "MINE", 700)], "Add"))
    assert shown_ids(page) == ["MET-1", "NEW-1", "SEP-1", "MINE-1", "MAG-1", "ALY-1"]
    assert page.view.selected_source_rows() == [4]  # ALY-1, one further down the plan now

    document.push(RemoveRowsCommand(document, "facilities", [1, 2], "Delete"))  # MINE-1, SEP-1
    assert shown_ids(page) == ["MET-1", "NEW-1", "MAG-1", "ALY-1"]
    assert page.view.selected_source_rows() == [2]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert shown_ids(page) == ["MET-1", "SEP-1", "MINE-1", "MAG-1", "ALY-1"]


def test_the_filter_matches_any_cell_as_shown_and_follows_edits(page, document):
    page.filter_edit.setText("3,0")  # ALY-1's capacity as the table shows it
    assert shown_ids(page) == ["ALY-1"]
    page.filter_edit.setText("SEP")  # an ID and a stage
    assert shown_ids(page) == ["SEP-1"]
    document.push(SetFieldCommand(document, "facilities", 0, "name", "Sepulveda", "Rename"))
    assert shown_ids(page) == ["MINE-1", "SEP-1"]
    set_capacity(document, 1, 900.0)  # SEP-1 still matches: shown as it is now
    assert page.view.model().index(1, CAPACITY).data() == "900"
    page.filter_edit.setText("")
    assert len(shown_ids(page)) == 5


def test_a_single_edit_repaints_its_cell_and_resets_nothing(qtbot, page, document):
    page.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by name: a capacity edit moves nothing
    order = shown_ids(page)
    changed = []
    page.view.model().dataChanged.connect(
        lambda tl, br, roles: changed.append((tl.row(), tl.column(), br.row(), br.column()))
    )
    with (
        qtbot.assertNotEmitted(page.model.modelReset),
        qtbot.assertNotEmitted(page.view.model().modelReset),
        qtbot.assertNotEmitted(page.view.model().layoutChanged),
    ):
        set_capacity(document, 2, 650.0)
    view_row = order.index("MET-1")
    assert changed == [(view_row, CAPACITY, view_row, CAPACITY)]
    assert shown_ids(page) == order


def test_new_problems_tint_cells_without_sorting_again(qtbot, page, document):
    page.view.sortByColumn(CAPACITY, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(document.results_changed):
        set_capacity(document, 2, -5.0)  # a problem on MET-1
    with qtbot.assertNotEmitted(page.view.model().layoutChanged):
        document.recompute()  # the same problems again: nothing to repaint either
    row = shown_ids(page).index("MET-1")
    assert page.view.model().index(row, CAPACITY).data(Qt.ItemDataRole.ToolTipRole)

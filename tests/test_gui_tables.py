"""The plan tables: what they show, editing in place, paste, add/delete rows, filter and selection."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reeplanner.gui.document import PlanDocument
from reeplanner.gui.tables.plan_tables import TAB_ORDER, PlanTables
from reeplanner.model import FundingStatus, Status
from reeplanner.model.records import Link
from tests.builders import chain_plan, funding

CAPACITY, MATERIAL, PERMITTING_START = 7, 8, 9  # Facilities columns


@pytest.fixture
def document() -> PlanDocument:
    plan = chain_plan()  # MINE-1 1,000, SEP-1 800, MET-1 600, ALY-1 3,000, MAG-1 2,000 t/yr; 2025-2030
    plan.funding = [funding("F-1", 1200.5, "SEP-1")]
    return PlanDocument(plan)


@pytest.fixture
def tables(qtbot, document) -> PlanTables:
    widget = PlanTables(document)
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    return widget


def cell(tables: PlanTables, attr: str, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    view = tables.pages[attr].view
    return view.model().index(row, col).data(role)


def test_one_tab_per_plan_table_with_headers_and_units(tables):
    assert [tables.tabText(i) for i in range(tables.count())] == [
        "Facilities",
        "Funding",
        "Demand",
        "Supply",
        "Targets",
        "Scenarios",
        "Overrides",
        "Schedule risk",
        "Stages",
        "Materials",
        "Agencies",
        "Instruments",
        "Composition",
        "Links",
    ]
    assert len(TAB_ORDER) == 14
    model = tables.pages["facilities"].model
    assert model.rowCount() == 5
    assert model.headerData(CAPACITY, Qt.Orientation.Horizontal) == "Capacity (t/yr)"
    funding_model = tables.pages["funding"].model
    assert funding_model.headerData(4, Qt.Orientation.Horizontal) == "Amount (USD million)"


def test_cells_show_thousands_separators_and_plan_words(tables):
    assert cell(tables, "facilities", 3, CAPACITY) == "3,000"
    assert cell(tables, "facilities", 0, 6) == "operating"
    assert cell(tables, "funding", 0, 4) == "1,200.5"
    assert cell(tables, "funding", 0, 5) == "2026"  # a year has no separator
    # Demand is wide as in the workbook: Segment, Stage, Material, 2025..2030, Notes, Source.
    demand = tables.pages["demand"].model
    assert demand.columnCount() == 3 + 6 + 2
    assert demand.headerData(3, Qt.Orientation.Horizontal) == "2025"
    assert demand.headerData(9, Qt.Orientation.Horizontal) == "Notes"
    assert cell(tables, "demand", 0, 3) == "1,000"


def test_editing_a_capacity_is_one_undoable_named_step(tables, document):
    model = tables.pages["facilities"].model
    assert model.setData(model.index(0, CAPACITY), "60,000")
    assert document.plan.facilities[0].capacity == 60000.0
    assert cell(tables, "facilities", 0, CAPACITY) == "60,000"
    assert document.undo_stack.undoText() == "Set Capacity of Mine-1 to 60,000 t/yr"
    document.undo_stack.undo()
    assert document.plan.facilities[0].capacity == 1000.0
    assert document.plan == chain_plan_with_funding()
    assert cell(tables, "facilities", 0, CAPACITY) == "1,000"


def chain_plan_with_funding():
    plan = chain_plan()
    plan.funding = [funding("F-1", 1200.5, "SEP-1")]
    return plan


def type_in_cell(qtbot, tables: PlanTables, attr: str, row: int, col: int, text: str, key=Qt.Key.Key_Return):
    """Go to a cell, press F2, type ``text`` over what it holds and press ``key``, as a planner does."""
    tables.show()
    tables.setCurrentWidget(tables.pages[attr])
    view = tables.pages[attr].view
    view.setCurrentIndex(view.model().index(row, col))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    return view


def test_editing_through_the_editor_in_the_cell(qtbot, tables, document):
    type_in_cell(qtbot, tables, "facilities", 1, CAPACITY, "950")
    qtbot.waitUntil(lambda: document.plan.facilities[1].capacity == 950.0)
    assert document.undo_stack.undoText() == "Set Capacity of Sep-1 to 950 t/yr"
    assert cell(tables, "facilities", 1, CAPACITY) == "950"


def test_an_invalid_value_is_refused_with_the_parsers_sentence_at_the_cell(qtbot, tables, document):
    with qtbot.waitSignal(tables.status_message) as said:
        type_in_cell(qtbot, tables, "facilities", 0, CAPACITY, "a lot")
    sentence = "Capacity must be a number; 'a lot' is not one."
    assert said.args == [f"Not changed: {sentence}"]
    page = tables.pages["facilities"]
    assert page.balloon.isVisible() and page.balloon.text() == f"Not changed: {sentence}"
    rect = page.view.visualRect(page.view.model().index(0, CAPACITY))
    assert page.balloon.geometry().top() == rect.bottom() + 2  # just below the cell
    assert document.plan.facilities[0].capacity == 1000.0
    assert cell(tables, "facilities", 0, CAPACITY) == "1,000"
    assert document.undo_stack.count() == 0


def test_a_value_validation_calls_an_error_is_refused_with_its_sentence(qtbot, tables, document):
    with qtbot.waitSignal(tables.status_message) as said:
        type_in_cell(qtbot, tables, "facilities", 0, CAPACITY, "-5")
    assert said.args == ["Not changed: Capacity must be at least 0; it is -5."]
    assert document.plan.facilities[0].capacity == 1000.0
    assert document.undo_stack.count() == 0


def test_paste_of_a_3x3_block_is_one_undoable_step(tables, document):
    view = tables.pages["facilities"].view
    view.setCurrentIndex(view.model().index(0, CAPACITY))
    assert view.paste("100\tDy\t2026-01\n200\tnDpR\t2027\n1,300\tTb\t2028-06-15\n")
    facilities = document.plan.facilities
    assert [f.capacity for f in facilities[:3]] == [100.0, 200.0, 1300.0]
    assert [f.material for f in facilities[:3]] == ["Dy", "nDpR", "Tb"]
    assert [f.permitting_start for f in facilities[:3]] == [
        dt.date(2026, 1, 1),
        dt.date(2027, 1, 1),
        dt.date(2028, 6, 15),
    ]
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Paste 9 cells into Facilities"
    document.undo_stack.undo()
    assert document.plan == chain_plan_with_funding()


def test_paste_past_the_last_row_adds_rows_in_the_same_step(tables, document):
    view = tables.pages["funding"].view
    view.setCurrentIndex(view.model().index(0, 4))  # Amount
    assert view.paste("10\t2027\n20\t2028\n")
    lines = document.plan.funding
    assert [(f.id, f.amount, f.year) for f in lines] == [("F-1", 10.0, 2027), ("FUND", 20.0, 2028)]
    assert lines[1].status is FundingStatus.PROPOSED
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Paste 4 cells into Funding, adding 1 row"
    document.undo_stack.undo()
    assert document.plan == chain_plan_with_funding()


def test_a_paste_with_one_bad_cell_changes_nothing(qtbot, tables, document):
    view = tables.pages["facilities"].view
    view.setCurrentIndex(view.model().index(0, CAPACITY))
    with qtbot.waitSignal(tables.status_message) as said:
        assert not view.paste("100\n2OO\n")
    assert said.args == ["Nothing pasted. Row 2: Capacity must be a number; '2OO' is not one."]
    assert document.undo_stack.count() == 0


def test_copy_gives_tab_separated_rows_as_excel_reads_them(tables):
    view = tables.pages["facilities"].view
    selection = view.selectionModel()
    for row in (0, 1):
        for col in (0, CAPACITY):
            selection.select(view.model().index(row, col), selection.SelectionFlag.Select)
    assert tables.copy() == "MINE-1\t1000\nSEP-1\t800\n"


def test_a_new_row_gets_a_unique_id_and_valid_defaults(tables, document):
    tables.setCurrentWidget(tables.pages["facilities"])
    tables.add_row()
    added = document.plan.facilities[-1]
    assert (added.id, added.stage, added.material, added.status) == (
        "MINE-NEW",
        "MINE",
        "NdPr",
        Status.PLANNED,
    )
    assert document.undo_stack.undoText() == "Add facility MINE-NEW"
    tables.add_row()  # after the selected new row, on its stage
    assert document.plan.facilities[-1].id == "MINE-NEW-2"
    assert document.selection == ("facilities", [6])


def test_deleting_a_referenced_row_says_so_and_undo_puts_it_back(qtbot, tables, document):
    tables.setCurrentWidget(tables.pages["facilities"])
    tables.pages["facilities"].view.select_source_rows([1])  # SEP-1, named by funding line F-1
    with qtbot.waitSignal(tables.status_message):
        assert tables.delete_selected_rows()
    assert [f.id for f in document.plan.facilities] == ["MINE-1", "MET-1", "ALY-1", "MAG-1"]
    assert document.undo_stack.undoText() == "Delete facility Sep-1 (still named in 1 other row)"
    document.undo_stack.undo()
    assert document.plan == chain_plan_with_funding()


def test_deleting_a_facility_row_deletes_its_links_as_the_canvas_does(tables, document):
    document.plan.links = [Link("MINE-1", "SEP-1"), Link("SEP-1", "MET-1"), Link("MET-1", "ALY-1")]
    before = document.plan.copy()
    tables.setCurrentWidget(tables.pages["facilities"])
    tables.pages["facilities"].view.select_source_rows([1])  # SEP-1: two links and funding line F-1
    assert tables.delete_selected_rows()
    assert [(k.from_facility, k.to_facility) for k in document.plan.links] == [("MET-1", "ALY-1")]
    assert document.undo_stack.undoText() == "Delete facility Sep-1 (still named in 1 other row)"
    document.undo_stack.undo()  # one step puts the facility and both links back
    assert document.plan == before


def test_renaming_an_id_renames_its_references(tables, document):
    model = tables.pages["facilities"].model
    model.setData(model.index(1, 0), "SEP-A")
    assert document.plan.funding[0].facility == "SEP-A"
    assert document.undo_stack.undoText() == "Rename facility SEP-1 to SEP-A"
    assert cell(tables, "funding", 0, 1) == "SEP-A"
    document.undo_stack.undo()
    assert document.plan == chain_plan_with_funding()


def test_filter_and_sort_show_rows_and_paste_lands_on_the_rows_on_screen(tables, document):
    page = tables.pages["facilities"]
    page.filter_edit.setText("mag")
    assert page.view.model().rowCount() == 1
    assert page.view.model().index(0, 0).data() == "MAG-1"
    page.filter_edit.clear()
    page.view.sortByColumn(CAPACITY, Qt.SortOrder.DescendingOrder)
    assert [page.view.model().index(r, 0).data() for r in range(5)] == [
        "ALY-1",
        "MAG-1",
        "MINE-1",
        "SEP-1",
        "MET-1",
    ]
    page.view.setCurrentIndex(page.view.model().index(0, CAPACITY))
    page.view.paste("3100\n")
    assert document.plan.facilities[3].capacity == 3100.0  # ALY-1, first on screen


def test_ctrl_f_focuses_the_filter_of_the_tab_on_show(qtbot, tables):
    tables.show()
    tables.activateWindow()
    tables.setCurrentWidget(tables.pages["funding"])
    tables.focus_filter()
    qtbot.waitUntil(lambda: tables.pages["funding"].filter_edit.hasFocus())


def test_selection_follows_the_document_both_ways(tables, document):
    page = tables.pages["facilities"]
    page.view.select_source_rows([2])
    assert document.selection == ("facilities", [2])
    document.set_selection("facilities", [4])
    assert page.view.selected_source_rows() == [4]
    document.set_selection("funding", [0])
    assert page.view.selected_source_rows() == []
    assert tables.pages["funding"].view.selected_source_rows() == [0]


def test_editing_a_demand_year(tables, document):
    model = tables.pages["demand"].model
    model.setData(model.index(0, 4), "1,500")  # 2026
    assert document.plan.demand[0].values[2026] == 1500.0
    assert document.undo_stack.undoText() == "Set 2026 demand of EV to 1,500 t/yr"
    document.undo_stack.undo()
    assert document.plan.demand[0].values[2026] == 1000.0


def test_a_longer_horizon_adds_year_columns(tables, document):
    from reeplanner.gui.commands import SetFieldCommand

    document.push(SetFieldCommand(document, "plan", 0, "end_year", 2032, "Set End year to 2032"))
    demand = tables.pages["demand"].model
    assert demand.columnCount() == 3 + 8 + 2
    assert demand.headerData(10, Qt.Orientation.Horizontal) == "2032"
    assert cell(tables, "demand", 0, 10) == ""


def test_opening_and_closing_an_editor_keeps_an_exact_capacity(qtbot, tables, document):
    model = tables.pages["facilities"].model
    model.setData(model.index(2, CAPACITY), "1234.56789")
    view = tables.pages["facilities"].view
    index = view.model().index(2, CAPACITY)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor.text() == "1234.56789"
    view.commitData(editor)  # nothing typed: nothing is stored
    assert document.plan.facilities[2].capacity == 1234.56789
    assert document.undo_stack.count() == 1


def test_a_table_first_shown_after_a_pick_elsewhere_shows_the_picked_rows(qtbot, tables, document):
    tables.resize(2000, 400)  # every tab in sight
    tables.show()
    qtbot.waitExposed(tables)
    assert not tables.pages["stages"].built  # out of sight: made when first shown
    document.set_selection("stages", [1])  # SEP, picked on the canvas
    bar = tables.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(TAB_ORDER.index("stages")).center())
    page = tables.pages["stages"]
    assert tables.currentWidget() is page
    assert page.built and page.view.isVisible()
    assert page.view.selected_source_rows() == [1]

"""Column widths of the plan tables: names readable, figures whole, long notes elided with a tooltip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from reeplanner.formats.files import read_plan
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.tables.column_widths import TEXT_WIDTH_CHARS, sample_rows
from reeplanner.gui.tables.plan_tables import PlanTables
from tests.builders import chain_plan

US_EXAMPLE = Path(__file__).parent.parent / "examples" / "us-mine-to-magnet.reeplan"


@pytest.fixture
def us_tables(qtbot) -> PlanTables:
    plan, _warnings = read_plan(US_EXAMPLE)
    tables = PlanTables(PlanDocument(plan, US_EXAMPLE, compute=False))
    qtbot.addWidget(tables)
    tables.resize(1200, 400)
    tables.show()
    qtbot.waitExposed(tables)
    return tables


def column_width(tables: PlanTables, attr: str, header: str) -> int:
    page = tables.pages[attr]
    return page.view.columnWidth(page.model.column_index(header))


def test_the_name_column_shows_mountain_pass_mine_in_full(us_tables):
    view = us_tables.pages["facilities"].view
    assert view.model().index(0, 1).data() == "Mountain Pass mine"
    needed = view.fontMetrics().horizontalAdvance("Mountain Pass mine") + view.cell_padding()
    assert column_width(us_tables, "facilities", "Name") >= needed
    assert view.cell_tooltip(view.model().index(0, 1)) == ""  # shown whole: no tooltip needed


def test_long_notes_are_capped_and_figures_shown_whole(us_tables):
    view = us_tables.pages["facilities"].view
    metrics = view.fontMetrics()
    cap = metrics.averageCharWidth() * TEXT_WIDTH_CHARS + view.cell_padding()
    notes = us_tables.pages["facilities"].model.column_index("Notes")
    assert metrics.horizontalAdvance(view.model().index(0, notes).data()) > cap  # a long note...
    assert column_width(us_tables, "facilities", "Operator") <= cap  # ...and text columns stay narrow
    assert column_width(us_tables, "facilities", "Capacity") >= metrics.horizontalAdvance("45,455")
    demand = us_tables.pages["demand"]
    us_tables.setCurrentWidget(demand)
    year = demand.model.column_index("2030")
    assert demand.view.columnWidth(year) >= metrics.horizontalAdvance("10,120")


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_an_elided_cell_shows_its_full_text_as_tooltip(qtbot, us_tables):
    view = us_tables.pages["facilities"].view
    notes = us_tables.pages["facilities"].model.column_index("Notes")
    view.horizontalHeader().setStretchLastSection(False)  # Source, the last column, would stretch
    view.setColumnWidth(notes, 80)
    index = view.model().index(0, notes)
    full_text = index.data()
    assert view.cell_tooltip(index) == full_text

    view.scrollTo(index)
    where = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == full_text
    QToolTip.hideText()


def test_an_elided_cell_with_a_problem_shows_both(qtbot):
    plan = chain_plan()
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], capacity=-12345.0)
    document = PlanDocument(plan)
    tables = PlanTables(document)
    qtbot.addWidget(tables)
    tables.show()
    view = tables.pages["facilities"].view
    capacity = tables.pages["facilities"].model.column_index("Capacity")
    view.setColumnWidth(capacity, 8)
    tip = view.cell_tooltip(view.model().index(0, capacity))
    first, _, rest = tip.partition("\n\n")
    assert first == "-12,345"
    assert "Capacity" in rest


def test_columns_are_fitted_once_per_new_table_not_per_edit(qtbot, us_tables):
    view = us_tables.pages["facilities"].view
    model = us_tables.pages["facilities"].model
    name = model.column_index("Name")
    view.setColumnWidth(name, 50)  # the user narrows it
    model.setData(model.index(0, name), "Mountain Pass rare-earth mine and mill")
    assert view.columnWidth(name) == 50  # an edit keeps the user's width
    plan, _warnings = read_plan(US_EXAMPLE)
    model.document.load(plan, US_EXAMPLE, compute=False)  # another plan: fitted afresh
    assert view.columnWidth(name) >= view.fontMetrics().horizontalAdvance("Mountain Pass mine")


def test_the_sample_is_the_first_rows_and_a_spread_of_the_rest():
    assert sample_rows(3) == [0, 1, 2]
    rows = sample_rows(10_000)
    assert rows[:200] == list(range(200))
    assert len(rows) == 300
    assert rows[-1] > 9_000

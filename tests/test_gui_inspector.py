"""The inspector: the selected row as a form, edits as commands, derived figures from the results."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.inspector import EMPTY_HINT, Inspector
from reeplanner.gui.tables.field_editors import ChoiceCombo
from reeplanner.gui.tables.plan_tables import PlanTables
from tests.builders import chain_plan, funding, planned


def make_plan():
    plan = chain_plan(2025, 2030)  # five operating facilities, ramp-up 0
    plan.facilities.append(planned("SEP-2", "SEP", 400, dt.date(2027, 1, 1)))  # planned: risk factor 0.5
    plan.funding = [funding("F-1", 150, "SEP-2"), funding("F-2", 1200.5, "SEP-2", agency="DOE")]
    return plan


@pytest.fixture
def document() -> PlanDocument:
    return PlanDocument(make_plan())


@pytest.fixture
def inspector(qtbot, document) -> Inspector:
    widget = Inspector(document)
    qtbot.addWidget(widget)
    return widget


def editor(inspector: Inspector, attr: str):
    return inspector.findChild(object, f"inspector-{attr}")


def test_nothing_selected_says_how_to_select(inspector):
    assert inspector.title.text() == EMPTY_HINT
    assert inspector.editors == {}


def test_a_selected_facility_shows_as_a_form(inspector, document):
    document.set_selection("facilities", [5])
    assert inspector.title.text() == "Facility: Sep-2"
    assert editor(inspector, "id").text() == "SEP-2"
    assert editor(inspector, "capacity").text() == "400"  # not 400.000
    stage = editor(inspector, "stage")
    assert isinstance(stage, ChoiceCombo)
    assert stage.currentText() == "SEP — Separation"
    assert [stage.itemText(i) for i in range(stage.count())] == [
        "MINE — Mining",
        "SEP — Separation",
        "METAL — Metal",
        "ALLOY — Alloy",
        "MAGNET — Magnet",
    ]


def test_derived_figures_for_a_facility_in_the_year_on_show(inspector, document):
    document.set_selection("facilities", [5])
    document.set_year(2028)
    # Planned, online 2027-01-01, no ramp-up: 400 t/yr x risk factor 0.5 = 200 t/yr in 2028.
    # Separation takes 1,000 t x yield 0.92 = 920 t from the mine; its capacity 800 + 200 t; SEP-2's part
    # 920 x 200 / 1,000 = 184 t, 92% of 200 t. Funding 150 + 1,200.5 = 1,350.5.
    assert inspector.derived.text().splitlines() == [
        "Effective capacity in 2028 (Base case): 200 t/yr",
        "Output in 2028: 184 t/yr (92% of capacity)",
        "Online: 2027-01-01",
        "Funding: 1,350.5 USD million",
    ]
    document.set_year(2026)  # before it comes online
    assert inspector.derived.text().splitlines()[0] == "Effective capacity in 2026 (Base case): 0 t/yr"


def test_derived_figures_say_when_they_predate_the_plans_errors(inspector, document, qtbot):
    document.set_selection("facilities", [5])
    document.set_year(2028)
    with qtbot.waitSignal(document.results_changed):
        document.push(SetFieldCommand(document, "funding", 0, "facility", "NOWHERE", "Break F-1"))
    assert inspector.derived.text().splitlines()[:2] == [
        "Figures from before the plan's errors (see Problems):",
        "Effective capacity in 2028 (Base case): 200 t/yr",
    ]
    with qtbot.waitSignal(document.results_changed):
        document.undo_stack.undo()
    assert inspector.derived.text().splitlines()[0] == "Effective capacity in 2028 (Base case): 200 t/yr"


def type_into(qtbot, field: QLineEdit, text: str, key=Qt.Key.Key_Return) -> None:
    """Select what the field holds, type ``text`` over it and press ``key`` (Enter, Tab...)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, key)


def test_editing_capacity_on_the_form_is_an_undoable_command(qtbot, inspector, document):
    document.set_selection("facilities", [0])
    capacity = editor(inspector, "capacity")
    type_into(qtbot, capacity, "60,000")
    assert document.plan.facilities[0].capacity == 60000.0
    assert document.undo_stack.undoText() == "Set Capacity of Mine-1 to 60,000 t/yr"
    document.undo_stack.undo()
    assert document.plan == make_plan()
    assert capacity.text() == "1000"  # the form follows the undo


def test_choosing_a_status_from_the_combo(inspector, document):
    document.set_selection("facilities", [5])
    status = editor(inspector, "status")
    status.setCurrentText("construction")
    status.activated.emit(status.currentIndex())
    assert document.plan.facilities[5].status == "construction"
    assert document.undo_stack.undoText() == "Set Status of Sep-2 to construction"


def test_an_invalid_value_on_the_form_is_refused_with_the_sentence(qtbot, inspector, document):
    document.set_selection("facilities", [0])
    months = editor(inspector, "permitting_months")
    assert isinstance(months, QLineEdit)
    type_into(qtbot, months, "eighteen")
    assert (
        inspector.balloon.text() == "Not changed: Permitting months must be a number; 'eighteen' is not one."
    )
    assert months.text() == ""  # back to what the plan holds
    assert document.undo_stack.count() == 0


def test_the_form_follows_a_row_selected_in_the_tables(qtbot, inspector, document):
    tables = PlanTables(document)
    qtbot.addWidget(tables)
    tables.pages["funding"].view.select_source_rows([1])
    assert inspector.title.text() == "Funding line: F-2"
    assert editor(inspector, "agency").currentText() == "DOE — Department of Energy"
    tables.pages["funding"].view.select_source_rows([0, 1])
    assert inspector.title.text() == "2 rows of Funding selected."


def test_a_selected_stage_shows_its_figures(inspector, document):
    document.set_selection("stages", [0])
    document.set_year(2026)
    lines = inspector.derived.text().splitlines()
    assert lines[0] == "2026 (Base case), t/yr:"
    # The mine holds only NdPr (1,000 t). 1,000 t of magnets need 1,000 / 0.85 = 1,176.5 t of alloy, so
    # Dy 1,176.5 x 0.02 / 0.97 / 0.84 / 0.92 = 31.4 t and Tb (0.006) 9.4 t at the mine, NdPr (0.29) 455.1 t.
    # Per material, shortfalls first: a Dy shortfall never hides under the NdPr surplus.
    assert lines[1:] == [
        "Bottleneck of the chain, on Dy.",
        "Dy (contained): capacity 0, requirement 31.4, output 0, short 31.4",
        "Tb (contained): capacity 0, requirement 9.4, output 0, short 9.4",
        "NdPr (contained): capacity 1,000, requirement 455.1, output 1,000, surplus 544.9",
    ]

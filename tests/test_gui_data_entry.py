"""Data entry a planner can trust, driven through the real widgets of the window.

A value the plan cannot take is refused with validation's sentence where the
planner is, whether typed in a cell or a field or pasted; IDs stay unique and
a rename reaches every reference; dates are kept as the workbook takes them;
pickers offer the right list with names beside IDs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from reeplanner.gui.document import PlanDocument
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.tables.field_editors import ChoiceCombo, DateField
from reeplanner.model import Link, Override, OverrideKind, PriceFloor, PriceRow, SupplySource
from tests.builders import chain_plan, funding, scenario
from tests.scripted_prompts import ScriptedPrompts


def entry_plan():
    """The chain (MINE-1 ... MAG-1, 2025-2030) with a link, funding, two scenarios, a delay and a source."""
    plan = chain_plan(2025, 2030)
    plan.scenarios += [scenario("BAN", "BASE", name="China export ban"), scenario("LATE", "BASE")]
    plan.links = [Link("MINE-1", "SEP-1", "NdPr", 800.0), Link("SEP-1", "MET-1", "NdPr")]
    plan.funding = [funding("F-1", 300, "MAG-1"), funding("F-2", 50, "SEP-1")]
    plan.overrides = [Override("LATE", OverrideKind.DELAY, 24.0, "MAG-1")]
    plan.supply = [SupplySource("CN-OXIDE", "Chinese oxide", "CN", "SEP", 5000.0, False, "NdPr")]
    plan.prices = [PriceRow("NdPr", values={2026: 60.0})]
    plan.price_floors = [PriceFloor("PF-1", "SEP-1", "NdPr", 110.0, 2026, 2030, "DOD-IBP")]
    return plan


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(
        PlanDocument(entry_plan()), prompts=ScriptedPrompts(), recovery_dir=tmp_path / "recovery"
    )
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.show_plan_view()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def activate(qtbot, window: MainWindow) -> None:
    """Make the window active again: on the offscreen platform a picker's list of completions takes
    the activation as a window of its own and keeps it after it hides."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def type_in_cell(
    qtbot, window: MainWindow, table: str, row: int, header: str, text: str, key=Qt.Key.Key_Return
):
    """Go to a cell, press F2, type ``text`` over what it holds and press ``key`` (None: no key)."""
    activate(qtbot, window)
    tables = window.tables
    page = tables.pages[table]
    window.docks["tables"].raise_()
    tables.setCurrentWidget(page)
    view = page.view
    view.setCurrentIndex(view.model().index(row, page.model.column_index(header)))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    field = QApplication.focusWidget()
    if isinstance(field, ChoiceCombo):
        field = field.lineEdit()
    assert isinstance(field, QLineEdit), field
    field.selectAll()
    qtbot.keyClicks(field, text)
    if key is not None:
        qtbot.keyClick(field, key)
        QApplication.processEvents()  # Enter commits on the next turn of the event loop
    return field


def field(window: MainWindow, attr: str):
    return window.inspector.findChild(object, f"inspector-{attr}")


def type_in_field(qtbot, window: MainWindow, attr: str, text: str, key=Qt.Key.Key_Tab) -> QLineEdit:
    """Type ``text`` over an inspector field and press ``key``."""
    activate(qtbot, window)
    editor = field(window, attr)
    line = editor.lineEdit() if isinstance(editor, ChoiceCombo) else editor
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, key)
    return line


def form_places(window: MainWindow) -> dict[str, tuple[int, int]]:
    """Where each field sits in the form (which may scroll in a short dock to show the field the focus
    went to: the fields must not move within it)."""
    form = window.inspector.form_host
    return {
        h: (e.mapTo(form, QPoint(0, 0)).x(), e.mapTo(form, QPoint(0, 0)).y())
        for h, e in window.inspector.editors.items()
    }


def card_text(window: MainWindow, fid: str) -> str:
    return window.canvas.chain_scene.cards[fid.casefold()].capacity_text


# -- IDs ------------------------------------------------------------------------------------


def test_a_duplicate_id_is_refused_in_a_cell_in_the_inspector_and_in_a_paste(qtbot, window):
    document = window.document
    type_in_cell(qtbot, window, "facilities", 4, "Facility ID", "MINE-1")
    sentence = "Facility ID 'MINE-1' is already used by row 1 (Mine-1); IDs must be unique, ignoring case and spaces at both ends."
    assert window.tables.pages["facilities"].balloon.text() == f"Not changed: {sentence}"
    document.set_selection("facilities", [4])
    type_in_field(qtbot, window, "id", "mine-1")
    assert window.inspector.balloon.text() == f"Not changed: {sentence.replace('MINE-1', 'mine-1', 1)}"
    view = window.tables.pages["facilities"].view
    view.setCurrentIndex(view.model().index(4, 0))
    assert not view.paste("MINE-1\n")
    assert document.undo_stack.count() == 0
    assert document.plan.facilities[4].id == "MAG-1"
    # The magnet card keeps its own figures and badge; the mine's link stays the mine's.
    assert card_text(window, "MAG-1") == "2,000 t/yr"
    assert window.canvas.chain_scene.cards["mag-1"].funding_text == "$300M"
    assert [(a.source.facility.id, a.target.facility.id) for a in window.canvas.chain_scene.arrows] == [
        ("MINE-1", "SEP-1"),
        ("SEP-1", "MET-1"),
    ]


def test_renaming_an_id_renames_every_reference_in_one_step_and_the_selection_follows(qtbot, window):
    document = window.document
    before = document.plan.copy()
    document.set_selection("facilities", [1])
    type_in_field(qtbot, window, "id", "SEP-EAST", Qt.Key.Key_Return)
    plan = document.plan
    assert plan.facilities[1].id == "SEP-EAST"
    assert [k.to_facility for k in plan.links][0] == "SEP-EAST"
    assert plan.links[1].from_facility == "SEP-EAST"
    assert plan.funding[1].facility == "SEP-EAST"
    assert plan.price_floors[0].facility == "SEP-EAST"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Rename facility SEP-1 to SEP-EAST"
    # The selection follows: the form still shows it, its card is selected, the next value goes to it.
    assert document.selection == ("facilities", [1])
    assert window.canvas.chain_scene.cards["sep-east"].isSelected()
    assert window.inspector.title.text() == "Facility: Sep-1"
    type_in_field(qtbot, window, "name", "Desert separation", Qt.Key.Key_Return)
    assert plan.facilities[1].name == "Desert separation"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.plan == before


def test_renaming_a_scenario_in_its_table_renames_the_base_scenario_parents_and_overrides(qtbot, window):
    document = window.document
    document.plan.base_scenario = "BASE"
    type_in_cell(qtbot, window, "scenarios", 0, "Scenario ID", "REFERENCE")
    plan = document.plan
    assert plan.base_scenario == "REFERENCE"
    assert [s.parent for s in plan.scenarios] == ["", "REFERENCE", "REFERENCE"]


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("abc", "Capacity must be a number; 'abc' is not one."),
        ("-5", "Capacity must be at least 0; it is -5."),
    ],
)
def test_a_bad_capacity_typed_or_pasted_is_refused_at_the_cell_and_the_card_keeps_its_figure(
    qtbot, window, typed, sentence
):
    with qtbot.waitSignal(window.tables.status_message) as said:
        type_in_cell(qtbot, window, "facilities", 0, "Capacity", typed)
    assert said.args == [f"Not changed: {sentence}"]
    view = window.tables.pages["facilities"].view
    assert not view.paste(f"{typed}\n")
    assert window.tables.pages["facilities"].balloon.text() == f"Nothing pasted. Row 1: {sentence}"
    assert window.document.plan.facilities[0].capacity == 1000.0
    assert card_text(window, "MINE-1") == "1,000 t/yr NdPr"
    assert window.statusBar().currentMessage() == f"Nothing pasted. Row 1: {sentence}"


def test_the_inspector_refuses_beside_the_field_without_moving_the_form(qtbot, window):
    document = window.document
    document.set_selection("facilities", [4])
    window.show_inspector()  # it shares a tab with Problems: the planner brings it to the front to type
    qtbot.waitUntil(lambda: window.inspector.isVisible() and field(window, "permitting_months").height() > 10)
    places = form_places(window)
    line = type_in_field(qtbot, window, "permitting_months", "-5")
    balloon = window.inspector.balloon
    assert balloon.isVisible()
    assert balloon.text() == "Not changed: Permitting months must be at least 0; it is -5."
    # Beside the field: just above it here, as just below would cover the field Tab went to.
    assert balloon.geometry().bottom() == line.mapTo(window.inspector, line.rect().topLeft()).y() - 3
    focused = QApplication.focusWidget()
    assert not balloon.geometry().intersects(
        QRect(focused.mapTo(window.inspector, QPoint(0, 0)), focused.size())
    )
    type_in_field(qtbot, window, "ramp_up_years", "abc")
    assert balloon.text() == "Not changed: Ramp-up years must be a number; 'abc' is not one."
    assert form_places(window) == places  # nothing moved: the next click lands where it was aimed
    assert document.plan.facilities[4].permitting_months is None
    assert document.undo_stack.count() == 0


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key", "stored"),
    [
        ("2028-01-01", Qt.Key.Key_Return, dt.date(2028, 1, 1)),
        ("2028-03", Qt.Key.Key_Tab, dt.date(2028, 3, 1)),
        ("2029", None, dt.date(2029, 1, 1)),  # kept on leaving the cell
    ],
)
def test_a_date_typed_in_a_cell_as_the_workbook_takes_it_is_kept(qtbot, window, typed, key, stored):
    editor = type_in_cell(qtbot, window, "facilities", 1, "Online", typed, key)
    if key is None:
        window.canvas.setFocus()  # the planner clicks elsewhere
        qtbot.waitUntil(lambda: not editor.isVisible())
    assert window.document.plan.facilities[1].online == stored
    assert window.tables.pages["facilities"].view.model().index(1, 12).data() == stored.isoformat()


def test_a_date_typed_in_the_inspector_is_kept_and_a_bad_one_refused(qtbot, window):
    document = window.document
    document.set_selection("facilities", [1])
    type_in_field(qtbot, window, "permitting_start", "2027-06")
    assert document.plan.facilities[1].permitting_start == dt.date(2027, 6, 1)
    type_in_field(qtbot, window, "permitting_start", "June 2027")
    assert window.inspector.balloon.text() == (
        "Not changed: Permitting start must be a date (YYYY-MM-DD, YYYY-MM or a year); 'June 2027' is not one."
    )
    assert field(window, "permitting_start").text() == "2027-06-01"


def test_the_calendar_opens_at_the_value_or_the_start_year_and_a_picked_date_is_kept(qtbot, window):
    document = window.document
    document.set_selection("facilities", [1])
    start = field(window, "permitting_start")
    assert isinstance(start, DateField)
    calendar = start.show_calendar()  # the button at the end of the field
    assert calendar.selectedDate() == QDate(2025, 1, 1)  # empty: January of the plan's start year
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert document.plan.facilities[1].permitting_start == dt.date(2025, 1, 2)
    assert not calendar.isVisible()
    assert start.show_calendar().selectedDate() == QDate(2025, 1, 2)  # opens at the value
    start.calendar.hide()


def test_a_date_picked_in_a_cells_calendar_is_kept(qtbot, window):
    editor = type_in_cell(qtbot, window, "facilities", 2, "Online", "2031-05-04", key=None)
    assert isinstance(editor, DateField)
    calendar = editor.show_calendar()
    assert calendar.selectedDate() == QDate(2031, 5, 4)  # opens at what is in the field
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Down)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert window.document.plan.facilities[2].online == dt.date(2031, 5, 11)


# -- stage, pickers and defaults -----------------------------------------------------------------


def test_the_stage_cell_and_field_follow_the_canvas_rules(qtbot, window):
    document = window.document
    type_in_cell(qtbot, window, "facilities", 1, "Stage", "ALLOY")
    assert (document.plan.facilities[1].stage, document.plan.facilities[1].material) == ("ALLOY", "")
    assert (
        window.statusBar().currentMessage()
        == "Sep-1 now counts tonnes of product on Alloy; its Material was cleared."
    )
    document.set_selection("facilities", [4])
    type_in_field(qtbot, window, "stage", "METAL")
    assert (document.plan.facilities[4].stage, document.plan.facilities[4].material) == ("METAL", "NdPr")
    assert field(window, "material").currentText() == "NdPr — Neodymium-praseodymium"


def test_reference_pickers_show_names_beside_ids_and_take_a_name_typed(qtbot, window):
    document = window.document
    document.set_selection("funding", [1])
    facility = field(window, "facility")
    assert facility.currentText() == "SEP-1 — Sep-1"
    assert [facility.itemText(i) for i in range(facility.count())][:3] == [
        "",
        "MINE-1 — Mine-1",
        "SEP-1 — Sep-1",
    ]
    type_in_field(qtbot, window, "facility", "Met-1")  # a name: the facility it names
    assert document.plan.funding[1].facility == "MET-1"


def test_a_new_override_belongs_to_the_scenario_shown_and_its_target_lists_what_its_kind_takes(qtbot, window):
    document = window.document
    document.set_scenario("BAN")
    document.set_selection("facilities", [2])
    window.tables.setCurrentWidget(window.tables.pages["overrides"])
    window.tables.add_row()
    new = document.plan.overrides[-1]
    assert new == Override("BAN", OverrideKind.DELAY, 0.0, "MET-1")
    target = field(window, "target")
    assert [target.itemText(i) for i in range(target.count())][:2] == ["MINE-1 — Mine-1", "SEP-1 — Sep-1"]
    kind = field(window, "kind")
    kind.setCurrentText("supply factor")
    kind.activated.emit(kind.currentIndex())
    assert [target.itemText(i) for i in range(target.count())] == [
        "CN-OXIDE — Chinese oxide",
        "CN — every source in China",
    ]
    assert document.plan.overrides[-1].target == "CN-OXIDE"
    kind.setCurrentText("risk factor")
    kind.activated.emit(kind.currentIndex())
    assert [target.itemText(i) for i in range(target.count())] == [
        "operating",
        "construction",
        "financed",
        "planned",
        "proposed",
    ]


def test_a_new_link_goes_from_the_selected_facility_to_one_of_the_next_stage(qtbot, window):
    document = window.document
    document.set_selection("facilities", [2])  # MET-1
    window.tables.setCurrentWidget(window.tables.pages["links"])
    window.tables.add_row()
    link = document.plan.links[-1]
    assert (link.from_facility, link.to_facility) == ("MET-1", "ALY-1")


def test_an_instrument_suggests_its_usual_agency_and_a_mismatch_is_only_a_warning(qtbot, window):
    document = window.document
    type_in_cell(qtbot, window, "funding", 0, "Instrument", "LPO")
    assert (document.plan.funding[0].instrument, document.plan.funding[0].agency) == ("LPO", "DOE")
    assert window.statusBar().currentMessage() == "Agency set to DOE, which usually gives LPO."
    type_in_cell(qtbot, window, "funding", 0, "Agency", "DOC")
    assert document.plan.funding[0].agency == "DOC"
    qtbot.waitUntil(lambda: any(p.table == "Funding" for p in document.problems))
    (warning,) = [p for p in document.problems if p.table == "Funding"]
    assert not warning.is_error


def test_a_country_typed_or_pasted_is_stored_as_its_code_and_an_unknown_one_refused(qtbot, window):
    document = window.document
    type_in_cell(qtbot, window, "supply", 0, "Country", "Japan")
    assert document.plan.supply[0].country == "JP"
    view = window.tables.pages["supply"].view
    assert view.paste("people's republic of china\n")
    assert document.plan.supply[0].country == "CN"
    type_in_cell(qtbot, window, "facilities", 0, "Country", "Atlantis")
    assert (
        window.tables.pages["facilities"]
        .balloon.text()
        .startswith("Not changed: Country 'Atlantis' is not a country REE Planner recognises")
    )
    document.set_selection("facilities", [0])
    type_in_field(qtbot, window, "country", "canada")
    assert document.plan.facilities[0].country == "CA"


# -- undo and redo from anywhere -----------------------------------------------------------------


def test_ctrl_z_in_a_committed_field_undoes_the_plan_and_typing_undoes_only_the_text(qtbot, window):
    document = window.document
    document.set_selection("facilities", [0])
    name = type_in_field(qtbot, window, "name", "Mountain Pass", Qt.Key.Key_Return)
    assert document.plan.facilities[0].name == "Mountain Pass"
    qtbot.keyClicks(name, " mine")  # not committed: Ctrl+Z takes back the typing
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "Mountain Pass"
    assert document.plan.facilities[0].name == "Mountain Pass"
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # now the plan's last change
    assert document.plan.facilities[0].name == "Mine-1"
    assert name.text() == "Mine-1"
    qtbot.keyClick(name, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert document.plan.facilities[0].name == "Mountain Pass"


@pytest.mark.parametrize("redo", ["Ctrl+Y", "Ctrl+Shift+Z"])
def test_ctrl_y_and_ctrl_shift_z_both_redo(qtbot, window, redo):
    document = window.document
    type_in_cell(qtbot, window, "facilities", 0, "Capacity", "1200")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.plan.facilities[0].capacity == 1000.0
    key, *mods = reversed(redo.split("+"))
    modifiers = Qt.KeyboardModifier.ControlModifier | (
        Qt.KeyboardModifier.ShiftModifier if "Shift" in mods else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(window.canvas, getattr(Qt.Key, f"Key_{key}"), modifiers)
    assert document.plan.facilities[0].capacity == 1200.0


def test_undo_of_a_refused_edit_is_not_needed_the_plan_is_as_it_was(qtbot, window):
    before = window.document.plan.copy()
    type_in_cell(qtbot, window, "facilities", 0, "Material", "Unobtainium")
    type_in_cell(qtbot, window, "stages", 1, "Yield", "0")
    assert window.document.plan == before
    assert window.document.undo_stack.count() == 0
    assert dataclasses.replace(before) == window.document.plan

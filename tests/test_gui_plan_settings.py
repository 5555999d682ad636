"""Plan settings: every Plan field of the workbook, edited in one undoable step, refused by field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reeplanner.gui.document import PlanDocument
from reeplanner.gui.plan_settings_dialog import PlanSettingsDialog
from reeplanner.gui.tables.field_editors import ChoiceCombo, DateField
from reeplanner.model.schema import PLAN_FIELDS
from tests.builders import chain_plan


def dialog_for(qtbot, document: PlanDocument) -> PlanSettingsDialog:
    dialog = PlanSettingsDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_over(qtbot, field: QLineEdit, text: str) -> None:
    """Select what the field holds and type ``text`` over it (nothing: delete it)."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Backspace)


def test_the_dialog_offers_every_plan_field_of_the_workbook(qtbot):
    document = PlanDocument(chain_plan())
    dialog = dialog_for(qtbot, document)
    assert list(dialog.editors) == [c.attr for c in PLAN_FIELDS]
    assert isinstance(dialog.editors["home_country"], ChoiceCombo)
    assert dialog.editors["home_country"].currentText() == "US — United States"
    assert dialog.editors["covered_countries"].text() == "CN, RU, KP, IR"
    assert isinstance(dialog.editors["as_of"], DateField)
    assert dialog.editors["classification"].text() == "UNCLASSIFIED"


def test_ok_applies_changed_settings_as_one_undoable_step(qtbot):
    document = PlanDocument(chain_plan(2025, 2030))
    dialog = dialog_for(qtbot, document)
    type_over(qtbot, dialog.editors["name"], "Magnet plan 2040")
    type_over(qtbot, dialog.editors["end_year"], "2040")
    type_over(qtbot, dialog.editors["home_country"].lineEdit(), "japan")
    type_over(qtbot, dialog.editors["covered_countries"], "China, Russia")
    type_over(qtbot, dialog.editors["as_of"], "2025-06")
    type_over(qtbot, dialog.editors["prepared_by"], "Office of Industrial Base Policy")
    qtbot.keyClick(dialog.editors["prepared_by"], Qt.Key.Key_Return)  # the dialog's default button: OK

    plan = document.plan
    assert (plan.name, plan.end_year) == ("Magnet plan 2040", 2040)
    assert (plan.home_country, plan.covered_countries) == ("JP", ("CN", "RU"))
    assert (plan.as_of, plan.prepared_by) == (dt.date(2025, 6, 1), "Office of Industrial Base Policy")
    assert document.undo_stack.undoText() == "Change plan settings"
    document.undo_stack.undo()
    assert document.plan == chain_plan(2025, 2030)


def test_a_value_the_plan_cannot_take_is_refused_below_its_field_and_nothing_changes(qtbot):
    document = PlanDocument(chain_plan(2025, 2030))
    dialog = dialog_for(qtbot, document)
    type_over(qtbot, dialog.editors["start_year"], "2031")
    type_over(qtbot, dialog.editors["end_year"], "2029")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.balloon.text() == "Not changed: End year 2029 is before Start year 2031."
    end_year = dialog.editors["end_year"]
    assert dialog.balloon.y() == end_year.mapTo(dialog, end_year.rect().bottomLeft()).y() + 2
    assert (document.plan.start_year, document.plan.end_year) == (2025, 2030)
    assert document.undo_stack.count() == 0


def test_an_unknown_country_is_refused_with_the_sentence_of_every_other_path(qtbot):
    document = PlanDocument(chain_plan())
    dialog = dialog_for(qtbot, document)
    type_over(qtbot, dialog.editors["home_country"].lineEdit(), "Atlantis")
    dialog.accept()
    assert dialog.balloon.text() == (
        "Not changed: Home country 'Atlantis' is not a country REE Planner recognises; write an ISO 3166 "
        "code (CN, US, JP) or an English name (China, United States, Japan)."
    )
    assert document.plan.home_country == "US"


def test_empty_fields_take_the_plans_defaults(qtbot):
    plan = chain_plan()
    plan.currency, plan.classification = "EUR million", "CUI"
    document = PlanDocument(plan)
    dialog = dialog_for(qtbot, document)
    type_over(qtbot, dialog.editors["currency"], "")
    type_over(qtbot, dialog.editors["classification"], "")
    dialog.accept()
    assert (document.plan.currency, document.plan.classification) == ("USD million", "UNCLASSIFIED")


def test_unchanged_settings_push_no_command(qtbot):
    document = PlanDocument(chain_plan())
    dialog = dialog_for(qtbot, document)
    dialog.accept()
    assert document.undo_stack.count() == 0

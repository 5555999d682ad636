"""Plan settings: name and horizon edited in one undoable step; a broken horizon refused."""

from __future__ import annotations

from reeplanner.gui.document import PlanDocument
from reeplanner.gui.plan_settings_dialog import PlanSettingsDialog
from tests.builders import chain_plan


def test_ok_applies_changed_settings_as_one_undoable_step(qtbot):
    document = PlanDocument(chain_plan(2025, 2030))
    dialog = PlanSettingsDialog(document)
    qtbot.addWidget(dialog)
    dialog.name.setText("Magnet plan 2040")
    dialog.end_year.setValue(2040)
    dialog.accept()

    assert (document.plan.name, document.plan.end_year) == ("Magnet plan 2040", 2040)
    assert document.undo_stack.undoText() == "Change plan settings"
    document.undo_stack.undo()
    assert (document.plan.name, document.plan.end_year) == ("Chain", 2030)


def test_end_year_before_start_is_refused_and_nothing_changes(qtbot):
    document = PlanDocument(chain_plan(2025, 2030))
    dialog = PlanSettingsDialog(document)
    qtbot.addWidget(dialog)
    dialog.start_year.setValue(2031)
    dialog.end_year.setValue(2029)
    dialog.accept()

    assert dialog.refusal.text() == "Not changed: End year 2029 is before Start year 2031."
    assert (document.plan.start_year, document.plan.end_year) == (2025, 2030)
    assert document.undo_stack.count() == 0


def test_unchanged_settings_push_no_command(qtbot):
    document = PlanDocument(chain_plan())
    dialog = PlanSettingsDialog(document)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert document.undo_stack.count() == 0

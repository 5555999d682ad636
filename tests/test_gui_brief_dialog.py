"""Export Brief's dialog: which scenarios the brief covers, which leads, which pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reeplanner.gui.brief_dialog import BriefChoice, BriefDialog

SCENARIOS = [("BASE", "Base case"), ("BAN", "China export cut"), ("DELAY", "DELAY")]


def make(qtbot) -> BriefDialog:
    dialog = BriefDialog(SCENARIOS)
    qtbot.addWidget(dialog)
    return dialog


def test_every_scenario_is_ticked_in_plan_order_and_the_full_brief_chosen(qtbot):
    dialog = make(qtbot)
    texts = [dialog.scenarios.item(i).text() for i in range(dialog.scenarios.count())]
    assert texts == ["Base case (BASE)", "China export cut (BAN)", "DELAY"]
    assert dialog.choice() == BriefChoice(["BASE", "BAN", "DELAY"], "all")


def test_unticking_moving_up_and_summary_pages(qtbot):
    dialog = make(qtbot)
    dialog.scenarios.item(2).setCheckState(Qt.CheckState.Unchecked)
    dialog.scenarios.setCurrentRow(1)
    qtbot.mouseClick(
        dialog.findChild(type(dialog.buttons.buttons()[0]), "brief-move-up"), Qt.MouseButton.LeftButton
    )
    dialog.summary.click()
    assert dialog.choice() == BriefChoice(["BAN", "BASE"], "summary")


def test_export_needs_a_scenario(qtbot):
    dialog = make(qtbot)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.set_ticked([])
    assert not ok.isEnabled()
    dialog.set_ticked(["DELAY"])
    assert ok.isEnabled() and dialog.choice().scenario_ids == ["DELAY"]

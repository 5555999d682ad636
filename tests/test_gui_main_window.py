"""The main window: title and unsaved mark, closing with unsaved changes, toolbar bindings, drag and drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QComboBox, QDialog, QSlider, QSpinBox

from reeplanner.app import start_window
from reeplanner.formats import reeplan
from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.help_dialog import HelpDialog
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.prompts import SaveChoice
from reeplanner.gui.settings import PaletteChoice, Settings
from reeplanner.model import Scenario
from tests.builders import chain_plan
from tests.scripted_prompts import ScriptedPrompts


@pytest.fixture
def saved_plan(tmp_path: Path) -> Path:
    path = tmp_path / "chain.reeplan"
    reeplan.save(chain_plan(), path)
    return path


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, tmp_path: Path, saved_plan: Path, prompts: ScriptedPrompts) -> MainWindow:
    document = PlanDocument(reeplan.load(saved_plan), saved_plan)
    win = MainWindow(document, prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    win.show_plan_view()
    return win


def rename_first_facility(window: MainWindow, name: str) -> None:
    window.document.push(
        SetFieldCommand(window.document, "facilities", 0, "name", name, f"Rename MINE-1 to {name}")
    )


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_title_names_the_file_and_marks_unsaved_changes(window: MainWindow):
    assert window.windowTitle() == "chain.reeplan[*] — REE Planner"
    assert not window.isWindowModified()

    rename_first_facility(window, "Mountain Pass")
    assert window.isWindowModified()

    action(window, "action-undo").trigger()
    assert not window.isWindowModified()


def test_undo_and_redo_actions_name_the_edit(window: MainWindow):
    rename_first_facility(window, "Mountain Pass")
    assert action(window, "action-undo").text() == "&Undo Rename MINE-1 to Mountain Pass"
    action(window, "action-undo").trigger()
    assert window.document.plan.facilities[0].name == "Mine-1"
    assert action(window, "action-redo").text() == "&Redo Rename MINE-1 to Mountain Pass"
    action(window, "action-redo").trigger()
    assert window.document.plan.facilities[0].name == "Mountain Pass"
    assert window.undo_view.stack() is window.document.undo_stack


def test_close_with_unsaved_changes_cancel_keeps_the_window_open(window: MainWindow, prompts, saved_plan):
    window.show()
    rename_first_facility(window, "Mountain Pass")
    prompts.save_choice = SaveChoice.CANCEL

    assert not window.close()
    assert prompts.asked == ["save changes to chain.reeplan?"]
    assert window.isVisible()
    assert reeplan.load(saved_plan).facilities[0].name == "Mine-1"


def test_close_with_unsaved_changes_discard_closes_without_writing(window: MainWindow, prompts, saved_plan):
    window.show()
    rename_first_facility(window, "Mountain Pass")
    prompts.save_choice = SaveChoice.DISCARD

    assert window.close()
    assert reeplan.load(saved_plan).facilities[0].name == "Mine-1"


def test_close_with_unsaved_changes_save_writes_the_file(window: MainWindow, prompts, saved_plan):
    window.show()
    rename_first_facility(window, "Mountain Pass")
    prompts.save_choice = SaveChoice.SAVE

    assert window.close()
    assert reeplan.load(saved_plan).facilities[0].name == "Mountain Pass"


def test_close_without_changes_asks_nothing(window: MainWindow, prompts):
    window.show()
    assert window.close()
    assert prompts.asked == []


def test_scenario_switcher_lists_the_plans_scenarios_and_switches_the_document(window: MainWindow):
    plan = chain_plan()
    plan.scenarios = [Scenario("BASE", "Base case"), Scenario("BAN", "China export ban", parent="BASE")]
    window.document.load(plan, None)
    combo = window.findChild(QComboBox, "scenario-switcher")

    assert [combo.itemText(i) for i in range(combo.count())] == ["Base case", "China export ban"]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert window.document.scenario_id == "BAN"

    window.document.set_scenario("BASE")
    assert combo.currentText() == "Base case"


def test_year_spin_and_slider_cover_the_horizon_and_follow_each_other(window: MainWindow):
    spin = window.findChild(QSpinBox, "year-spin")
    slider = window.findChild(QSlider, "year-slider")
    # chain_plan runs 2025..2030
    assert (spin.minimum(), spin.maximum()) == (2025, 2030)
    assert (slider.minimum(), slider.maximum()) == (2025, 2030)

    slider.setValue(2029)
    assert window.document.year == 2029
    assert spin.value() == 2029

    spin.setValue(2026)
    assert window.document.year == 2026
    assert slider.value() == 2026


def test_dropping_a_plan_file_opens_it(qtbot, window: MainWindow, tmp_path: Path):
    other = tmp_path / "dropped.reeplan"
    plan = chain_plan()
    plan.name = "Dropped plan"
    reeplan.save(plan, other)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )

    window.dropEvent(event)

    qtbot.waitUntil(lambda: window.document.path == other)
    assert window.document.plan.name == "Dropped plan"
    assert window.windowTitle() == "dropped.reeplan[*] — REE Planner"


def test_dropping_a_file_that_is_not_a_plan_is_ignored(window: MainWindow, tmp_path: Path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert not event.isAccepted()
    assert window.document.path.name == "chain.reeplan"


def test_delete_removes_the_selected_facility_card(window: MainWindow):
    window.canvas.setFocus()
    card = next(iter(window.canvas.chain_scene.cards.values()))
    card.setSelected(True)
    action(window, "action-delete").trigger()
    assert len(window.document.plan.facilities) == 4
    assert action(window, "action-undo").text().startswith("&Undo Delete")


def test_add_facility_goes_to_the_selected_facilitys_lane(window: MainWindow):
    window.document.set_selection("facilities", [1])  # SEP-1
    action(window, "action-add-facility").trigger()
    added = window.document.plan.facilities[-1]
    assert added.stage == "SEP"
    assert len(window.document.plan.facilities) == 6


def test_filter_shortcut_focuses_the_current_tables_filter(qtbot, window: MainWindow):
    window.show()
    qtbot.waitExposed(window)
    action(window, "action-filter").trigger()
    assert window.focusWidget() is window.tables.current_page().filter_edit


def test_standard_shortcuts_quit_undo_redo(window: MainWindow):
    assert action(window, "action-quit").shortcut().toString() == "Ctrl+Q"
    assert action(window, "action-undo").shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Y" in [key.toString() for key in action(window, "action-redo").shortcuts()]


def test_f1_opens_the_help_page(qtbot, window: MainWindow):
    assert action(window, "action-help").shortcut().toString() == "F1"
    action(window, "action-help").trigger()
    dialog = window.findChild(HelpDialog, "help-dialog")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Capacity" in text and "risk factor" in text.lower()


def test_palette_choice_is_remembered(window: MainWindow):
    action(window, "action-palette-dark").trigger()
    assert Settings().palette() is PaletteChoice.DARK
    assert action(window, "action-palette-dark").isChecked()
    assert not action(window, "action-palette-system").isChecked()
    action(window, "action-palette-system").trigger()
    assert Settings().palette() is PaletteChoice.SYSTEM


def test_window_layout_is_restored_from_settings(qtbot, tmp_path: Path, prompts):
    first = MainWindow(prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(first)
    first.resize(720, 540)  # inside the offscreen screen (800 x 600)
    first.docks["inspector"].hide()
    first.show()
    assert first.close()

    second = MainWindow(prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 540)
    assert second.docks["inspector"].isHidden()
    assert not second.docks["tables"].isHidden()


def test_welcome_page_lists_the_examples(qtbot, tmp_path: Path, prompts):
    win = MainWindow(prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    win.show_welcome()
    names = [win.welcome.examples.item(i).text() for i in range(win.welcome.examples.count())]
    assert "US mine to magnet (public figures)" in names  # each example by its plan's name
    win.welcome.examples.itemActivated.emit(
        next(win.welcome.examples.item(i) for i in range(len(names)) if names[i].startswith("US mine"))
    )
    qtbot.waitUntil(lambda: win.central.currentWidget() is win.canvas)
    assert win.document.path is None  # an untitled copy: Save never writes into the installation
    assert win.document.plan.facilities


def test_start_up_without_a_file_reopens_the_last_plan(qtbot, saved_plan: Path, prompts):
    Settings().set_last_plan(saved_plan)
    window = start_window(None, prompts)
    qtbot.addWidget(window)
    assert window.document.path == saved_plan
    assert window.central.currentWidget() is window.canvas
    qtbot.waitUntil(lambda: window.document.results is not None, timeout=20000)  # after the first paint


def test_a_plan_opened_by_a_relative_path_reopens_from_another_folder(
    qtbot, tmp_path: Path, saved_plan: Path, prompts, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(saved_plan.parent)
    first = start_window(Path(saved_plan.name), prompts)  # reeplanner chain.reeplan, typed in its folder
    qtbot.addWidget(first)
    first.close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    second = start_window(None, prompts)  # reeplanner, from another folder
    qtbot.addWidget(second)
    assert second.document.path == saved_plan
    assert second.central.currentWidget() is second.canvas
    assert second.files.recent.paths() == [saved_plan]
    qtbot.waitUntil(lambda: second.document.results is not None, timeout=20000)


def test_start_up_with_nothing_to_reopen_shows_the_welcome_page(qtbot, tmp_path: Path, prompts):
    Settings().set_last_plan(tmp_path / "deleted since.reeplan")
    window = start_window(None, prompts)
    qtbot.addWidget(window)
    assert window.central.currentWidget() is window.welcome
    assert window.document.path is None


def test_start_up_with_a_broken_file_says_why_and_shows_the_welcome_page(qtbot, tmp_path: Path, prompts):
    broken = tmp_path / "broken.reeplan"
    broken.write_text("[]")
    window = start_window(broken, prompts)
    qtbot.addWidget(window)
    assert prompts.errors[0][0] == "Could not open broken.reeplan. Nothing was changed."
    assert window.central.currentWidget() is window.welcome


def test_the_welcome_page_stands_alone_and_the_docks_come_back_with_a_plan(qtbot, tmp_path: Path, prompts):
    win = MainWindow(prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    win.docks["history"].hide()  # the user's own choice
    win.show_welcome()
    assert all(dock.isHidden() for dock in win.docks.values())

    win.files.new_plan()
    assert win.central.currentWidget() is win.canvas
    assert [key for key, dock in win.docks.items() if not dock.isHidden()] == [
        "tables",
        "problems",
        "inspector",
        "risk",  # a tab behind Tables
        "gap",
        "sufficiency",
        "funding",
        "flow",
        "timeline",
        "comparison",
        "explain",
        "agencies",
        "coordination",
    ]


def test_plan_settings_opens_from_the_edit_menu(qtbot, window: MainWindow):
    action(window, "action-plan-settings").trigger()
    dialog = window.findChild(QDialog, "plan-settings-dialog")
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.editors["name"].text() == "Chain"


def test_the_risk_dock_is_a_tab_beside_the_tables_and_loads_when_first_shown(qtbot, window: MainWindow):
    assert window.docks["risk"] in window.tabifiedDockWidgets(window.docks["tables"])
    window.show()
    qtbot.wait(50)
    assert window.risk.view is None  # behind Tables: pyqtgraph and the Monte Carlo wait until opened
    window.docks["risk"].raise_()
    qtbot.waitUntil(lambda: window.risk.view is not None)
    dock = window.risk.view
    qtbot.waitUntil(lambda: dock.risk is not None, timeout=20_000)
    assert dock.risk.scenario_id == window.document.scenario_result().scenario_id
    window.docks["tables"].raise_()
    qtbot.waitUntil(lambda: not window.risk.shown)
    dock.refresh()  # an edit while the Risk tab is behind Tables: no run until it is shown again
    assert not dock.runner.running
    window.close()
    assert not dock.runner.running

"""The window's panels and polish: toolbar icons in both palettes, the Problems panel's columns, the
welcome page's recent plans, and where Open and Save As start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage

from reeplanner.app import start_window
from reeplanner.formats import reeplan
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.problems_panel import WHERE_SHARE, ProblemsPanel
from reeplanner.gui.welcome_page import example_plans
from reeplanner.model import Facility, Status
from tests.builders import chain_plan
from tests.scripted_prompts import ScriptedPrompts


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, tmp_path: Path, prompts: ScriptedPrompts) -> MainWindow:
    win = MainWindow(PlanDocument(chain_plan()), prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.show_plan_view()
    qtbot.waitExposed(win)
    return win


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def ink(image: QImage) -> float:
    """How far the drawn pixels of a tool button stand out from its background (0-1 lightness)."""
    background = QColor(image.pixel(1, 1)).lightnessF()
    far = [
        abs(QColor(image.pixel(x, y)).lightnessF() - background)
        for x in range(image.width())
        for y in range(image.height())
    ]
    far.sort(reverse=True)
    return sum(far[:40]) / 40  # the strokes, not the anti-aliased edges


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_an_enabled_toolbar_icon_stands_out_more_than_a_disabled_one(qtbot, window, palette):
    action(window, f"action-palette-{palette}").trigger()
    window.document.undo_stack.push(QUndoCommandStub())  # Undo enabled, Redo not
    assert window.undo.isEnabled() and not window.redo.isEnabled()
    qtbot.wait(10)
    undo_button = window.toolbar.widgetForAction(window.undo)
    redo_button = window.toolbar.widgetForAction(window.redo)
    enabled, disabled = ink(undo_button.grab().toImage()), ink(redo_button.grab().toImage())
    assert enabled > disabled + 0.15, (palette, enabled, disabled)
    action(window, "action-palette-system").trigger()


class QUndoCommandStub:
    """An edit with nothing to undo but its place on the stack."""

    def __new__(cls):
        from PySide6.QtGui import QUndoCommand

        return QUndoCommand("Nothing")


def test_the_problems_panels_message_column_keeps_most_of_the_width(qtbot):
    plan = chain_plan()
    long_id = "A-VERY-LONG-FACILITY-IDENTIFIER-THAT-GOES-ON-AND-ON-2031"
    plan.facilities.append(Facility(long_id, "Long", "SEP", Status.OPERATING, -1.0, material="NdPr"))
    panel = ProblemsPanel(PlanDocument(plan))
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.tree.header()
    room = panel.tree.viewport().width()
    assert header.sectionSize(0) <= room * WHERE_SHARE + 1
    assert header.sectionSize(1) >= room * (1 - WHERE_SHARE) - 1
    item = panel.tree.topLevelItem(0)
    assert item.toolTip(0).startswith(f"Facilities row 6 ({long_id})")  # the whole place on hover
    # In a narrow panel the message wraps over lines rather than being cut.
    panel.resize(320, 300)
    qtbot.waitUntil(lambda: header.sectionSize(1) < 200)
    metrics = panel.tree.fontMetrics()
    wrapped = metrics.boundingRect(
        0, 0, header.sectionSize(1) - 12, 10_000, Qt.TextFlag.TextWordWrap, item.text(1)
    )
    assert wrapped.height() > metrics.height()  # more than one line
    assert panel.tree.visualItemRect(item).height() >= wrapped.height()


def test_the_welcome_page_lists_the_recent_plans_as_open_recent_does(qtbot, tmp_path: Path, prompts):
    plan_path = tmp_path / "mine.reeplan"
    reeplan.save(chain_plan(), plan_path)
    first = start_window(plan_path, prompts=prompts)
    qtbot.addWidget(first)
    first.settings.set_last_plan(None)
    first.settings.sync()
    second = start_window(None, prompts=prompts)
    qtbot.addWidget(second)
    assert second.central.currentWidget() is second.welcome
    recent = second.welcome.recent
    assert [recent.item(i).text() for i in range(recent.count())] == ["mine.reeplan"]
    second.files._fill_recent_menu()
    assert [a.text() for a in second.files.recent_menu.actions()][0] == "mine.reeplan"


def test_open_and_save_as_start_in_the_last_folder_used_never_the_examples(qtbot, window, prompts, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    prompts.save_answer = str(folder / "chain.reeplan")
    assert window.files.save_plan_as()
    example = example_plans()[0]
    assert window.files.load_synchronously(example)  # as `reeplanner examples/...` does
    prompts.save_answer = None
    window.files.save_plan_as()
    window.files.choose_and_open()
    assert prompts.asked[-2:] == [
        f"Save Plan As ({folder.resolve() / example.name})",
        f"Open Plan ({folder.resolve()})",
    ]

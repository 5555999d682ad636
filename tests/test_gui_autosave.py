"""Autosave and recovery: a recovery copy while there are unsaved changes, offered back after a crash,
at the next start without a file or whenever the file it belongs to is opened."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reeplanner.app import start_window
from reeplanner.formats import reeplan
from reeplanner.gui.autosave import find_recoveries, find_recoveries_for
from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.prompts import RecoveryChoice
from tests.builders import chain_plan
from tests.scripted_prompts import ScriptedPrompts


@pytest.fixture
def saved_plan(tmp_path: Path) -> Path:
    path = tmp_path / "chain.reeplan"
    reeplan.save(chain_plan(), path)
    return path


def make_window(
    qtbot, recovery: Path, prompts: ScriptedPrompts, path: Path | None = None, **kwargs
) -> MainWindow:
    document = PlanDocument(reeplan.load(path), path) if path else None
    window = MainWindow(document, prompts=prompts, recovery_dir=recovery, **kwargs)
    qtbot.addWidget(window)
    return window


def rename_mine(window: MainWindow, name: str) -> None:
    window.document.push(SetFieldCommand(window.document, "facilities", 0, "name", name, f"Rename to {name}"))


def test_autosave_writes_a_recovery_copy_beside_nothing_of_the_users(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    window = make_window(qtbot, recovery, ScriptedPrompts(), saved_plan, autosave_interval_ms=50)
    before = saved_plan.read_bytes()

    rename_mine(window, "Mountain Pass")
    qtbot.waitUntil(lambda: len(list(recovery.glob("*.json"))) == 1)
    window.autosave.stop()

    copy = next(recovery.glob("*.reeplan"))
    assert reeplan.load(copy).facilities[0].name == "Mountain Pass"
    sidecar = json.loads(next(recovery.glob("*.json")).read_text())
    assert sidecar["file"] == str(saved_plan)
    assert sidecar["saved_at"]
    assert saved_plan.read_bytes() == before  # the user's file is untouched
    assert sorted(p.parent for p in tmp_path.glob("*.reeplan")) == [tmp_path]  # nothing new beside it


def test_nothing_is_autosaved_without_unsaved_changes(qtbot, tmp_path: Path, saved_plan: Path):
    window = make_window(qtbot, tmp_path / "recovery", ScriptedPrompts(), saved_plan)
    assert not window.autosave.save_now()
    assert not (tmp_path / "recovery").exists()


def test_saving_removes_the_recovery_copy(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    window = make_window(qtbot, recovery, ScriptedPrompts(), saved_plan)
    rename_mine(window, "Mountain Pass")
    assert window.autosave.save_now()

    assert window.files.save_plan()
    assert list(recovery.glob("*.reeplan")) == []
    assert list(recovery.glob("*.json")) == []


def test_undoing_back_to_the_saved_state_removes_the_recovery_copy(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    window = make_window(qtbot, recovery, ScriptedPrompts(), saved_plan)
    rename_mine(window, "Mountain Pass")
    window.autosave.save_now()
    window.document.undo_stack.undo()
    assert list(recovery.glob("*.reeplan")) == []


def test_a_running_sessions_copy_is_not_offered_to_another(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    window = make_window(qtbot, recovery, ScriptedPrompts(), saved_plan)
    rename_mine(window, "Mountain Pass")
    window.autosave.save_now()
    assert find_recoveries(recovery) == []  # its lock is held by a live process


CRASHING_SESSION = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from reeplanner.formats import reeplan
    from reeplanner.gui.commands import SetFieldCommand
    from reeplanner.gui.document import PlanDocument
    from reeplanner.gui.main_window import MainWindow

    app = QApplication([])
    path = Path(sys.argv[1])
    window = MainWindow(PlanDocument(reeplan.load(path), path), recovery_dir=Path(sys.argv[2]))
    window.document.push(SetFieldCommand(window.document, "facilities", 0, "name", "Mountain Pass", "Rename"))
    window.document.push(SetFieldCommand(window.document, "facilities", 1, "capacity", 950.0, "Set capacity"))
    assert window.autosave.save_now()
    os._exit(3)  # a crash: no close, no clean-up
    """
)


def crash_with_edits(saved_plan: Path, recovery: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, str(saved_plan), str(recovery)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3, done.stderr


#: What the user is asked: the file's name and when its changes were autosaved, in local time.
ASKED = r"recover changes to chain\.reeplan from \d\d [A-Z][a-z]+ \d{4} at \d\d:\d\d\?"


def test_after_a_crash_the_next_start_offers_the_edits_back(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    crash_with_edits(saved_plan, recovery)
    prompts = ScriptedPrompts(recovery=RecoveryChoice.RESTORE)
    window = make_window(qtbot, recovery, prompts)

    assert window.files.offer_recovery()

    assert len(prompts.asked) == 1
    assert re.fullmatch(ASKED, prompts.asked[0])
    plan = window.document.plan
    assert plan.facilities[0].name == "Mountain Pass"
    assert plan.facilities[1].capacity == 950.0
    assert window.document.path == saved_plan
    assert window.document.modified  # restored, not yet saved
    assert window.windowTitle() == "chain.reeplan[*] — REE Planner"
    assert reeplan.load(saved_plan).facilities[0].name == "Mine-1"  # the file itself is as last saved
    assert find_recoveries(recovery) == []  # offered once


def test_declining_the_recovery_removes_it(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    crash_with_edits(saved_plan, recovery)
    window = make_window(qtbot, recovery, ScriptedPrompts(recovery=RecoveryChoice.DISCARD))

    assert not window.files.offer_recovery()

    assert window.document.plan.facilities == []
    assert list(recovery.glob("*.reeplan")) == []


def test_starting_with_the_file_offers_its_crashed_changes_and_restore_brings_them_back(
    qtbot, tmp_path: Path, saved_plan: Path
):
    recovery = tmp_path / "recovery"  # the folder the launcher uses in tests (conftest)
    crash_with_edits(saved_plan, recovery)
    prompts = ScriptedPrompts(recovery=RecoveryChoice.RESTORE)

    window = start_window(saved_plan, prompts)
    qtbot.addWidget(window)

    assert len(prompts.asked) == 1
    assert re.fullmatch(ASKED, prompts.asked[0])
    document = window.document
    assert document.path == saved_plan
    assert document.plan.facilities[0].name == "Mountain Pass"
    assert document.plan.facilities[1].capacity == 950.0
    assert document.modified  # restored, not yet saved
    assert window.windowTitle() == "chain.reeplan[*] — REE Planner"
    assert window.isWindowModified()
    assert window.central.currentWidget() is window.canvas
    assert reeplan.load(saved_plan) == chain_plan()  # the file itself is as last saved
    assert find_recoveries(recovery) == []  # offered once
    assert document.undo_stack.undoText() == "Restore autosaved changes"
    document.undo_stack.undo()  # back to the file as saved
    assert document.plan == chain_plan()
    assert not document.modified


def test_starting_with_the_file_and_discarding_its_crashed_changes(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    crash_with_edits(saved_plan, recovery)
    prompts = ScriptedPrompts(recovery=RecoveryChoice.DISCARD)

    window = start_window(saved_plan, prompts)
    qtbot.addWidget(window)

    assert len(prompts.asked) == 1
    assert window.document.path == saved_plan
    assert window.document.plan == chain_plan()  # the file's content
    assert not window.document.modified
    assert list(recovery.iterdir()) == []  # no copy, sidecar or lock left


def test_opening_the_file_and_deciding_later_keeps_the_changes_for_next_time(
    qtbot, tmp_path: Path, saved_plan: Path
):
    recovery = tmp_path / "recovery"
    crash_with_edits(saved_plan, recovery)
    prompts = ScriptedPrompts(recovery=RecoveryChoice.LATER)
    window = make_window(qtbot, recovery, prompts)

    window.files.open_path(saved_plan)  # File > Open
    qtbot.waitUntil(lambda: window.document.path == saved_plan)

    assert len(prompts.asked) == 1
    assert re.fullmatch(ASKED, prompts.asked[0])
    assert window.document.plan == chain_plan()
    assert not window.document.modified
    assert len(find_recoveries_for(recovery, saved_plan)) == 1  # kept

    prompts.recovery = RecoveryChoice.RESTORE
    window.files.open_path(saved_plan)  # asked again
    qtbot.waitUntil(lambda: len(prompts.asked) == 2)
    assert window.document.plan.facilities[0].name == "Mountain Pass"


def test_changes_older_than_the_file_are_not_offered_when_it_opens(qtbot, tmp_path: Path, saved_plan: Path):
    recovery = tmp_path / "recovery"
    crash_with_edits(saved_plan, recovery)
    later = saved_plan.stat().st_mtime + 3600
    os.utime(saved_plan, (later, later))  # saved again since, by another session
    prompts = ScriptedPrompts(recovery=RecoveryChoice.RESTORE)

    window = start_window(saved_plan, prompts)
    qtbot.addWidget(window)

    assert prompts.asked == []
    assert window.document.plan == chain_plan()
    assert find_recoveries_for(recovery, saved_plan) == []
    assert len(find_recoveries(recovery)) == 1  # still offered at a start without a file

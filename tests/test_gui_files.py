"""Files from the window: open, save, save as, revert, recent files, errors, import/export, start-up flags."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QImage

from reeplanner.formats import reeplan
from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.prompts import SaveChoice
from tests.builders import chain_plan
from tests.scripted_prompts import ScriptedPrompts
from tests.test_gui_document_recompute import big_plan, mine_capacity

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "us-mine-to-magnet.reeplan"


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def window(qtbot, tmp_path: Path, prompts: ScriptedPrompts) -> MainWindow:
    win = MainWindow(prompts=prompts, recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    return win


def write_chain(path: Path, name: str = "Chain") -> Path:
    plan = chain_plan()
    plan.name = name
    reeplan.save(plan, path)
    return path


def open_and_wait(qtbot, window: MainWindow, path: Path) -> None:
    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.document.path == path and not window.background.busy)


def rename_mine(window: MainWindow, name: str) -> None:
    window.document.push(SetFieldCommand(window.document, "facilities", 0, "name", name, f"Rename to {name}"))


def test_open_edit_save_and_revert_round_trip(qtbot, window: MainWindow, tmp_path: Path):
    path = write_chain(tmp_path / "chain.reeplan")
    open_and_wait(qtbot, window, path)
    assert window.document.plan.facilities[0].name == "Mine-1"
    assert window.central.currentWidget() is window.canvas

    rename_mine(window, "Mountain Pass")
    assert window.files.save_plan()
    assert not window.document.modified
    assert reeplan.load(path).facilities[0].name == "Mountain Pass"

    rename_mine(window, "Round Top")
    assert window.files.revert.isEnabled()
    window.files.revert_plan()
    qtbot.waitUntil(lambda: not window.background.busy)
    assert window.document.plan.facilities[0].name == "Mountain Pass"
    assert not window.document.modified


def test_a_large_plan_opens_with_its_figures_computed_off_the_window_thread(
    qtbot, window: MainWindow, tmp_path: Path
):
    path = tmp_path / "large.reeplan"
    reeplan.save(big_plan(), path)
    shown: list[object] = []
    window.document.plan_changed.connect(lambda _table: shown.append(window.document.results))

    open_and_wait(qtbot, window, path)

    assert shown[0] is not None  # the views laid the plan out with its figures already there
    assert mine_capacity(window.document, 2028) == 300 * 10 + 1000  # 300 mines of 10 t + MINE-1
    assert window.document._worker is None  # and no second run competes with the window


def test_save_as_adds_the_extension_and_retitles_the_window(
    qtbot, window: MainWindow, prompts, tmp_path: Path
):
    path = write_chain(tmp_path / "chain.reeplan")
    open_and_wait(qtbot, window, path)
    prompts.save_answer = str(tmp_path / "copy")

    assert window.files.save_plan_as()

    copy = tmp_path / "copy.reeplan"
    assert reeplan.load(copy).name == "Chain"
    assert window.document.path == copy
    assert window.windowTitle() == "copy.reeplan[*] — REE Planner"


def test_recent_files_are_newest_first_and_only_files_that_still_exist(
    qtbot, window: MainWindow, tmp_path: Path
):
    first = write_chain(tmp_path / "first.reeplan")
    second = write_chain(tmp_path / "second.reeplan")
    gone = write_chain(tmp_path / "gone.reeplan")
    for path in (gone, first, second):
        open_and_wait(qtbot, window, path)
    gone.unlink()

    assert window.files.recent.paths() == [second, first]
    window.files.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.files.recent_menu.actions() if a.text()] == [
        "second.reeplan",
        "first.reeplan",
        "Clear Recent Plans",
    ]


def test_opening_a_broken_file_lists_its_problems_and_keeps_the_open_plan(
    qtbot, window: MainWindow, prompts, tmp_path: Path
):
    good = write_chain(tmp_path / "good.reeplan")
    open_and_wait(qtbot, window, good)
    broken = tmp_path / "broken.reeplan"
    broken.write_text('{"format": "reeplanner-plan", "version": 1, "facilities": [{"id": "X"}]}')

    window.files.open_path(broken)
    qtbot.waitUntil(lambda: bool(prompts.errors))

    summary, problems = prompts.errors[0]
    assert summary == "Could not open broken.reeplan. Nothing was changed."
    assert problems and all(p.table == "Facilities" for p in problems)
    assert window.document.path == good


def test_a_failed_save_says_why_and_keeps_the_changes(qtbot, window: MainWindow, prompts, tmp_path: Path):
    path = write_chain(tmp_path / "chain.reeplan")
    open_and_wait(qtbot, window, path)
    rename_mine(window, "Mountain Pass")
    prompts.save_answer = str(tmp_path / "no such folder" / "plan.reeplan")

    assert not window.files.save_plan_as()

    assert prompts.errors[0][0] == "Could not save plan.reeplan. Nothing was changed."
    assert window.document.modified
    assert window.document.path == path
    assert reeplan.load(path).facilities[0].name == "Mine-1"


def test_opening_another_file_with_unsaved_changes_asks_first(
    qtbot, window: MainWindow, prompts, tmp_path: Path
):
    first = write_chain(tmp_path / "first.reeplan")
    second = write_chain(tmp_path / "second.reeplan")
    open_and_wait(qtbot, window, first)
    rename_mine(window, "Mountain Pass")

    prompts.save_choice = SaveChoice.CANCEL
    window.files.open_path(second)
    assert window.document.path == first and window.document.modified

    prompts.save_choice = SaveChoice.DISCARD
    open_and_wait(qtbot, window, second)
    assert prompts.asked == ["save changes to first.reeplan?", "save changes to first.reeplan?"]
    assert reeplan.load(first).facilities[0].name == "Mine-1"


def test_export_workbook_then_import_it_gives_the_same_plan_untitled(
    qtbot, window: MainWindow, prompts, tmp_path: Path
):
    path = write_chain(tmp_path / "chain.reeplan")
    open_and_wait(qtbot, window, path)
    prompts.save_answer = str(tmp_path / "chain workbook")

    window.files.export_plan_workbook()
    workbook = tmp_path / "chain workbook.xlsx"
    qtbot.waitUntil(lambda: not window.background.busy, timeout=20000)
    assert workbook.is_file()

    window.files.open_path(workbook)
    qtbot.waitUntil(lambda: window.document.path is None and not window.background.busy, timeout=20000)
    assert prompts.errors == []
    assert [f.id for f in window.document.plan.facilities] == ["MINE-1", "SEP-1", "MET-1", "ALY-1", "MAG-1"]
    assert window.document.modified  # an imported plan is not saved anywhere yet
    assert window.windowTitle() == "Chain[*] — REE Planner"


def test_export_brief_writes_the_leadership_workbook(qtbot, window: MainWindow, prompts, tmp_path: Path):
    path = write_chain(tmp_path / "chain.reeplan")
    open_and_wait(qtbot, window, path)
    prompts.save_answer = str(tmp_path / "brief.xlsx")

    window.files.export_leadership_brief()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=30000)

    assert prompts.errors == []
    assert prompts.asked[0] == "brief of BASE"
    assert (tmp_path / "brief.xlsx").stat().st_size > 0


def test_export_brief_writes_the_scenarios_and_pages_picked(
    qtbot, window: MainWindow, prompts, tmp_path: Path
):
    from reeplanner.formats.brief.writer import CHART_DATA, PAGES
    from reeplanner.gui.brief_dialog import BriefChoice
    from tests.brief_plans import ban_plan

    path = tmp_path / "ban.reeplan"
    reeplan.save(ban_plan(), path)
    open_and_wait(qtbot, window, path)
    prompts.brief_answer = BriefChoice(["BAN"], "summary")
    prompts.save_answer = str(tmp_path / "brief.xlsx")

    window.files.export_leadership_brief()
    qtbot.waitUntil(lambda: not window.background.busy, timeout=30000)

    assert prompts.errors == []
    workbook = openpyxl.load_workbook(tmp_path / "brief.xlsx")
    assert workbook.sheetnames == [*PAGES, CHART_DATA]
    header = next(row for row in workbook[PAGES[1]].iter_rows(values_only=True) if row[0] == "Figure")
    assert header[1:3] == ("Ban", None)


def test_export_brief_cancelled_asks_for_no_file(qtbot, window: MainWindow, prompts, tmp_path: Path):
    path = write_chain(tmp_path / "chain.reeplan")
    open_and_wait(qtbot, window, path)
    prompts.brief_cancelled = True
    window.files.export_leadership_brief()
    assert prompts.asked[-1] == "brief of BASE"  # no save dialog after it


def run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reeplanner", *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_screenshot_flag_writes_a_png_of_the_asked_size(tmp_path: Path):
    out = tmp_path / "shots" / "window.png"
    done = run_app("--screenshot", str(out), "--size", "1000x700", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_screenshot_of_a_broken_file_says_why_and_fails(tmp_path: Path):
    broken = tmp_path / "broken.reeplan"
    broken.write_text("{ not json")
    done = run_app("--screenshot", str(tmp_path / "x.png"), str(broken))
    assert done.returncode == 1
    assert "broken.reeplan is not a REE Planner plan: the JSON is broken at line 1" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_without_a_display_the_launcher_says_so_instead_of_aborting():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = run_app(env=env)
    assert done.returncode == 2
    assert "no display found" in done.stderr


def test_long_work_reports_its_result_unless_cancelled(qtbot, window: MainWindow):
    release = threading.Event()
    results: list[object] = []
    window.background.start(
        "Writing…", lambda: release.wait(10) and "written", results.append, results.append
    )
    release.set()
    qtbot.waitUntil(lambda: not window.background.busy)
    assert results == ["written"]

    release.clear()
    job = window.background.start(
        "Writing…", lambda: release.wait(10) and "written", results.append, results.append
    )
    job.progress.cancel()
    release.set()  # the work function itself runs to its end...
    qtbot.waitUntil(lambda: not window.background.busy)
    assert results == ["written"]  # ...and its result is thrown away

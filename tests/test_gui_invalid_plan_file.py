"""An invalid plan opened from a file: the window shows dashes and the Problems panel, never a figure
made from the invalid values (a capacity of -5,000 used to draw a negative stage total)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reeplanner.formats import reeplan
from reeplanner.gui.main_window import MainWindow
from tests.builders import chain_plan, funding, scenario
from tests.scripted_prompts import ScriptedPrompts
from tests.test_gui_canvas import card, lane


def negative_capacity():
    plan = chain_plan()
    plan.facilities[1] = replace(plan.facilities[1], capacity=-5000.0)  # SEP-1
    return plan


def negative_funding():
    plan = chain_plan()
    plan.funding = [funding("F-1", -900, "SEP-1")]
    return plan


def duplicate_scenario_row():
    plan = chain_plan()
    plan.scenarios += [scenario("BAN"), scenario("BAN")]
    return plan


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(prompts=ScriptedPrompts(), recovery_dir=tmp_path / "recovery")
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize("make", [negative_capacity, negative_funding, duplicate_scenario_row])
def test_an_invalid_plan_opened_from_a_file_shows_dashes_and_its_problems(qtbot, window, tmp_path, make):
    path = tmp_path / "invalid.reeplan"
    reeplan.save(make(), path)

    window.files.open_path(path)
    qtbot.waitUntil(lambda: window.document.path == path and not window.background.busy)

    assert window.document.results is None
    assert window.document.results_out_of_date
    assert lane(window.canvas, "SEP").capacity_text == "–"
    assert card(window.canvas, "SEP-1").effective_text.endswith(": – effective")
    errors = [p for p in window.document.problems if p.is_error]
    assert errors and window.problems.summary.text().startswith(f"{len(errors)} error")
    assert "No figures until the errors are fixed." in window.problems.summary.text()


def test_the_same_plan_at_start_up_shows_dashes_too(qtbot, window, tmp_path):
    path = tmp_path / "invalid.reeplan"
    reeplan.save(negative_capacity(), path)

    assert window.files.load_synchronously(path)
    window.document.recompute()

    assert window.document.results is None
    assert lane(window.canvas, "SEP").capacity_text == "–"


def test_a_screenshot_of_an_invalid_plan_does_not_abort(tmp_path):
    """The engine's import, started by the first paint, used to outlive the window (abort, exit 134)."""
    from tests.test_gui_files import run_app

    path = tmp_path / "invalid.reeplan"
    reeplan.save(negative_capacity(), path)
    out = tmp_path / "shot.png"
    done = run_app("--screenshot", str(out), "--size", "900x600", str(path))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0


def test_figures_kept_while_the_plan_has_errors_are_the_earlier_plans(qtbot):
    """Results work some figures out when first read; an edit with errors made since must not reach
    them (a price floor's Material typed as a status made the inspector raise KeyError)."""
    from reeplanner.gui.commands import SetFieldCommand
    from reeplanner.gui.document import PlanDocument
    from tests.fuzzing import seed_plan

    document = PlanDocument(seed_plan())
    kept = document.results
    with qtbot.waitSignal(document.results_changed):
        document.push(SetFieldCommand(document, "price_floors", 0, "material", "committed", "Type a status"))
    assert document.results_out_of_date and document.results is kept
    for result in kept.scenarios.values():
        assert len(result.magnet) == len(document.plan.years)  # laid out now, from the plan as it was

"""The US example in a window or in one view alone, for the tests of the larger docks."""

from __future__ import annotations

from pathlib import Path

from reeplanner.formats import reeplan
from reeplanner.gui.charts.chart_export import make_chart
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.main_window import MainWindow
from tests.scripted_prompts import ScriptedPrompts

EXAMPLE = Path(__file__).parent.parent / "examples" / "us-mine-to-magnet.reeplan"


def example_window(qtbot, tmp_path: Path) -> MainWindow:
    """The window with the US example and its figures, charts built, at 1400x900."""
    document = PlanDocument(reeplan.load(EXAMPLE), EXAMPLE)
    window = MainWindow(
        document, prompts=ScriptedPrompts(), recovery_dir=tmp_path / "recovery", restore_settings=False
    )
    qtbot.addWidget(window)
    window.show()
    window.show_plan_view()
    window.charts.build()
    qtbot.waitExposed(window)
    return window


def view_alone(qtbot, name: str, results, scenario: str = "BASE", year: int = 2028, size=(1100, 700)):
    """Chart or view ``name`` in a window of its own, ``size``, showing ``scenario`` in ``year``."""
    view = make_chart(name)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.show_results(results, scenario, year)
    return view

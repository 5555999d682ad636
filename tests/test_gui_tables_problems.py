"""The problems panel lists validation problems; a click jumps to the cell in the tables."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reeplanner.gui.document import PlanDocument
from reeplanner.gui.palette import PaletteChoice, build_palette
from reeplanner.gui.problems_panel import DARK_ERROR_COLOUR, ERROR_COLOUR, ProblemsPanel
from reeplanner.gui.tables.plan_table_model import ERROR_TINT
from reeplanner.gui.tables.plan_tables import PlanTables
from tests.builders import chain_plan, funding


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform
def test_problems_are_listed_errors_first_and_a_click_shows_the_cell(qtbot):
    plan = chain_plan()
    plan.funding = [funding("F-1", 10, "SEP-1"), funding("F-2", 20, "NOWHERE")]
    document = PlanDocument(plan)
    panel = ProblemsPanel(document)
    tables = PlanTables(document)
    qtbot.addWidget(panel)
    qtbot.addWidget(tables)
    panel.problem_activated.connect(tables.show_problem)

    problems = panel.problems()
    assert problems == sorted(document.problems, key=lambda p: not p.is_error)
    first = problems[0]
    assert (first.table, first.row, first.field) == ("Funding", 2, "Facility ID")
    assert "NOWHERE" in first.message
    assert panel.summary.text().startswith("1 error")
    assert panel.tree.topLevelItem(0).text(0) == "Funding row 2 (F-2), Facility ID"

    tables.pages["funding"].filter_edit.setText("F-1")  # hides the row: the jump clears the filter
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.problem_activated) as activated:
        rect = panel.tree.visualItemRect(panel.tree.topLevelItem(0))
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [first]
    assert tables.currentWidget() is tables.pages["funding"]
    current = tables.pages["funding"].view.currentIndex()
    assert (current.row(), current.column(), current.data()) == (1, 1, "NOWHERE")


def delete_stage(tables: PlanTables, stage_id: str) -> None:
    """Delete a Stages row a facility still sits on: the edit a planner may make that leaves an error."""
    page = tables.pages["stages"]
    tables.setCurrentWidget(page)
    row = next(i for i, s in enumerate(tables.document.plan.stages) if s.id == stage_id)
    page.view.select_source_rows([row])
    assert tables.delete_selected_rows()


def test_the_list_follows_edits(qtbot):
    document = PlanDocument(chain_plan())
    panel = ProblemsPanel(document)
    qtbot.addWidget(panel)
    errors_before = sum(p.is_error for p in panel.problems())
    tables = PlanTables(document)
    qtbot.addWidget(tables)
    with qtbot.waitSignal(document.results_changed):
        delete_stage(tables, "METAL")  # MET-1 now sits on no stage
    assert sum(p.is_error for p in panel.problems()) > errors_before
    assert any(p.field == "Stage" and p.table == "Facilities" for p in panel.problems())
    with qtbot.waitSignal(document.results_changed):
        document.undo_stack.undo()
    assert sum(p.is_error for p in panel.problems()) == errors_before


def test_a_target_on_an_unknown_stage_or_material_is_refused_with_validations_sentence(qtbot):
    document = PlanDocument(chain_plan())
    tables = PlanTables(document)
    qtbot.addWidget(tables)
    model = tables.pages["targets"].model
    tables.setCurrentWidget(tables.pages["targets"])
    tables.add_row()
    with qtbot.waitSignal(model.edit_refused) as refused:
        assert not model.setData(model.index(0, 2), "SMELTER")  # Stage
    assert refused.args[1] == "'SMELTER' is not a Stage ID in Stages. Known: MINE, SEP, METAL, ALLOY, MAGNET."
    with qtbot.waitSignal(model.edit_refused) as refused:
        assert not model.setData(model.index(0, 3), "Unobtainium")  # Material
    assert refused.args[1].startswith("'Unobtainium' is not a Material ID in Materials.")
    assert document.plan.targets[0].stage == "MAGNET"
    assert document.undo_stack.undoText() == "Add target TARGET"


def test_the_summary_says_when_the_figures_wait_for_errors_to_be_fixed(qtbot):
    document = PlanDocument(chain_plan())
    panel = ProblemsPanel(document)
    qtbot.addWidget(panel)
    shown = document.results
    tables = PlanTables(document)
    qtbot.addWidget(tables)
    with qtbot.waitSignal(document.results_changed):
        delete_stage(tables, "METAL")
    assert panel.summary.text() == (
        "1 error. The figures on show are from before the first error; fix the errors to update them."
    )
    assert document.results is shown  # the last figures stay on show
    with qtbot.waitSignal(document.results_changed):
        document.undo_stack.undo()
    assert panel.summary.text() == "No problems: the plan passes every check."


def panel_of_a_plan_with_an_error(qtbot) -> ProblemsPanel:
    """The chain plan with one funding line naming no facility: one error, so no figures."""
    plan = chain_plan()
    plan.funding = [funding("F-1", 10, "NOWHERE")]
    panel = ProblemsPanel(PlanDocument(plan))
    qtbot.addWidget(panel)
    return panel


def test_a_plan_opened_with_errors_has_no_figures_and_the_summary_says_so(qtbot):
    panel = panel_of_a_plan_with_an_error(qtbot)
    assert panel.document.results is None
    assert panel.summary.text() == "1 error. No figures until the errors are fixed."


def test_problems_read_on_a_dark_palette_and_cells_with_problems_keep_dark_text(qtbot):
    panel = panel_of_a_plan_with_an_error(qtbot)
    tables = PlanTables(panel.document)
    qtbot.addWidget(tables)
    assert panel.tree.topLevelItem(0).foreground(1).color() == ERROR_COLOUR
    panel.setPalette(build_palette(PaletteChoice.DARK))  # as View > Palette > Dark does
    assert panel.tree.topLevelItem(0).foreground(1).color() == DARK_ERROR_COLOUR
    assert DARK_ERROR_COLOUR.name() in panel.summary.styleSheet()
    # A cell with a problem is tinted light, so its text stays dark on any palette.
    index = tables.pages["funding"].model.index(0, 1)
    assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_TINT
    assert index.data(Qt.ItemDataRole.ForegroundRole).lightnessF() < 0.3

"""The Risk dock: P(met) bars, drivers and tornado drawn off the GUI thread, clicks, reruns after edits;
and the Schedule risk table, edited like the others."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt

from reeplanner.formats.files import read_plan
from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.tables.plan_tables import PlanTables
from reeplanner.gui.views.risk_dock import RiskDock
from reeplanner.model import Material, Metric, Status
from tests.builders import chain_plan, planned, target
from tests.test_examples import EXAMPLES

CANCEL = 1  # the Schedule risk column Cancel probability
CAPACITY = 7  # Facilities column


def scene_pos(chart, x: float, y: float) -> QPointF:
    """Where the chart's view point (x, y) is in its scene."""
    return chart.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))


def edit(tables: PlanTables, table: str, row: int, column: int, text: str) -> None:
    """Type ``text`` into a cell of the window's table, as a planner would."""
    model = tables.pages[table].model
    assert model.setData(model.index(row, column), text)


def risk_plan():
    """MAG-2 (planned, 1,000 t/yr, due January 2027) decides T-CAP, 2,500 t/yr of magnet capacity in 2028;
    T-OUT (1,000 t/yr of magnets in 2026) is met in every draw."""
    plan = chain_plan(2025, 2030)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities.append(planned("MAG-2", "MAGNET", 1000, dt.date(2027, 1, 1), name="Magnet two"))
    plan.targets = [
        target("T-CAP", "MAGNET", Metric.CAPACITY, 2500, 2028),
        target("T-OUT", "MAGNET", Metric.DOMESTIC_OUTPUT, 1000, 2026),
    ]
    return plan


@pytest.fixture
def document():
    return PlanDocument(risk_plan())


@pytest.fixture
def tables(qtbot, document):
    widget = PlanTables(document)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def dock(qtbot, document):
    widget = RiskDock(document)
    qtbot.addWidget(widget)
    widget.resize(1400, 360)
    yield widget
    widget.wait()


def wait_for_final(qtbot, dock):
    """Until the run of the plan as it is has drawn its 10,000-draw figures."""
    qtbot.waitUntil(lambda: dock.current and dock.draws == 10_000 and not dock.runner.running, timeout=20_000)


def test_opening_the_dock_draws_p_met_and_the_p80_year_of_every_target(qtbot, dock):
    dock.show()
    wait_for_final(qtbot, dock)

    rows = dict((t, (p, p80)) for t, p, p80 in dock.pmet.rows)
    assert set(rows) == {"T-CAP", "T-OUT"}
    assert rows["T-CAP"][0] == pytest.approx(0.75 * 0.625, abs=0.02)  # (1 - p) F(18 months)
    assert rows["T-OUT"] == (1.0, 2025)
    texts = [item.toPlainText() for item in dock.pmet.texts]
    assert texts[1] == "100%" and texts[0] in ("46%", "47%", "48%")
    assert dock.pmet.labels_axis.labels == ["T-CAP (none)", "T-OUT (2025)"]  # with the P80 year
    assert dock.status.text().startswith("Schedule risk of Base case: 10,000 draws of project schedules")
    assert not dock.dimmer.isEnabled()


def test_the_first_figures_come_from_1000_draws_then_the_tornado_then_10000(qtbot, dock):
    seen = []
    dock.runner.computed.connect(lambda outcome: seen.append(outcome.draws if outcome.risk else "tornado"))
    dock.show()
    wait_for_final(qtbot, dock)
    assert seen == [1_000, "tornado", 10_000]  # the odds first, then the tornado, then the full run


def test_the_drivers_of_the_selected_target_and_a_click_selects_the_facility(qtbot, dock, document):
    dock.show()
    wait_for_final(qtbot, dock)
    assert dock.target_id == "T-CAP"
    assert [f for f, _ in dock.drivers.rows] == ["MAG-2"]

    chart = dock.drivers
    where = chart.plot.mapFromScene(scene_pos(chart, 0.1 * dock.drivers.rows[0][1] * 100, chart.row_y(0)))
    with qtbot.waitSignal(document.selection_changed):
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert document.selection == ("facilities", [5])


def test_clicking_a_target_bar_shows_its_drivers_and_its_tornado(qtbot, dock):
    dock.show()
    wait_for_final(qtbot, dock)
    chart = dock.pmet
    where = chart.plot.mapFromScene(scene_pos(chart, 50, chart.row_y(1)))  # T-OUT's row
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)

    assert dock.target_id == "T-OUT"
    assert dock.drivers.rows == []
    assert dock.drivers.note.text() == "Met in every draw."
    assert dock.figure() == "target:T-OUT"
    qtbot.waitUntil(lambda: dock.tornado is not None and str(dock.tornado.figure) == "target:T-OUT")
    assert dock.sensitivity.count > 0


def test_the_sensitivity_tornado_of_a_headline_figure_in_the_windows_year(qtbot, dock, document):
    dock.show()
    wait_for_final(qtbot, dock)
    document.set_year(2029)
    index = dock.figure_box.findData("magnet_output:2029")
    assert index >= 0
    dock.figure_box.setCurrentIndex(index)
    dock.figure_box.activated.emit(index)
    qtbot.waitUntil(lambda: dock.tornado is not None and str(dock.tornado.figure) == "magnet_output:2029")

    # Magnets are bound by the alloy stage (1,978.8 t/yr): the alloy and metal yields lead the tornado.
    labels = dock.sensitivity.labels_axis.labels
    assert "MAGNET yield" in labels or "ALLOY yield" in labels
    assert (
        dock.sensitivity.plot.getPlotItem().getAxis("bottom").labelText
        == "Domestic magnet output 2029 (t/yr)"
    )


def test_an_edit_dims_the_figures_and_one_rerun_follows_a_burst_of_edits(qtbot, dock, tables):
    dock.show()
    wait_for_final(qtbot, dock)
    runs = []
    dock.runner.started.connect(lambda: runs.append(1))
    for capacity in ("1,500", "1,800", "3,000"):  # MAG-1 grows: T-CAP is met without MAG-2
        edit(tables, "facilities", 4, CAPACITY, capacity)
    assert dock.dimmer.isEnabled()  # the last figures stay, dimmed
    wait_for_final(qtbot, dock)

    assert not dock.dimmer.isEnabled()
    assert len(runs) == 1
    assert dict((t, p) for t, p, _ in dock.pmet.rows)["T-CAP"] == 1.0


def test_cancel_stops_the_run_and_keeps_the_figures_on_show(qtbot, dock):
    dock.show()
    qtbot.waitUntil(lambda: dock.risk is not None, timeout=20_000)
    dock.cancel_button.click()
    qtbot.waitUntil(lambda: not dock.runner.running)
    assert dock.risk is not None
    assert not dock.cancel_button.isEnabled()
    assert "stopped" in dock.status.text() or dock.draws == 10_000


def test_a_plan_with_errors_keeps_the_last_figures_and_says_why(qtbot, dock, tables):
    dock.show()
    wait_for_final(qtbot, dock)
    # Typing a max below likely is refused at the cell; a plan can still hold one (a file, a script).
    document = tables.document
    document.push(SetFieldCommand(document, "schedule_risk", 3, "slip_max", 1.0, "Set Slip max"))
    qtbot.waitUntil(lambda: "cannot be drawn" in dock.status.text(), timeout=10_000)
    assert dock.dimmer.isEnabled()
    assert "Slip max" in dock.status.text()


def test_the_scenario_box_drives_the_dock(qtbot, dock, document):
    from reeplanner.model import Override, OverrideKind
    from tests.builders import scenario

    plan = risk_plan()
    plan.scenarios = [scenario("BASE"), scenario("LATE", "BASE")]
    plan.overrides = [Override("LATE", OverrideKind.DELAY, 24.0, "MAG-2")]
    document.load(plan)
    dock.show()
    wait_for_final(qtbot, dock)
    document.set_scenario("LATE")
    qtbot.waitUntil(lambda: dock.risk is not None and dock.risk.scenario_id == "LATE", timeout=20_000)
    assert dict((t, p) for t, p, _ in dock.pmet.rows)["T-CAP"] == 0


def test_the_dock_runs_only_once_visible(qtbot, document):
    widget = RiskDock(document)
    qtbot.addWidget(widget)
    assert not widget.runner.running
    widget.show()
    assert widget.runner.running
    widget.wait()


def test_the_schedule_risk_table_is_edited_like_the_others(qtbot):
    document = PlanDocument(risk_plan())
    tables = PlanTables(document)
    qtbot.addWidget(tables)
    page = tables.pages["schedule_risk"]
    model = page.model
    assert tables.tabText(tables.indexOf(page)) == "Schedule risk"
    assert model.rowCount() == 5
    assert model.index(3, 0).data() == "planned"
    assert model.setData(model.index(3, CANCEL), "0.4")
    assert document.plan.schedule_risk[3].cancel_probability == 0.4
    assert document.undo_stack.undoText().startswith("Set Cancel probability")
    document.plan.schedule_risk[:] = [
        r for r in document.plan.schedule_risk if r.status is not Status.FINANCED
    ]
    tables.setCurrentWidget(page)
    tables.add_row()
    assert document.plan.schedule_risk[-1].status is Status.FINANCED  # the status that had no row
    assert document.plan.schedule_risk[-1].slip_max == 24.0


def test_the_risk_dock_of_the_us_example_draws_the_band_around_the_risk_adjusted_line(qtbot):
    plan = read_plan(EXAMPLES / "us-mine-to-magnet.reeplan")[0]
    document = PlanDocument(plan)
    dock = RiskDock(document)
    qtbot.addWidget(dock)
    dock.resize(1400, 360)
    dock.show()
    qtbot.waitUntil(lambda: dock.risk is not None, timeout=20_000)
    dock.wait()

    fan = dock.fan
    deterministic = document.scenario_result().magnet.domestic_magnet_output
    assert list(fan.years) == list(deterministic.index)
    assert fan.deterministic is not None and list(fan.deterministic) == pytest.approx(list(deterministic))
    assert all(fan.bands["p10"] <= fan.bands["p90"])
    assert fan.plot.getPlotItem().getAxis("left").labelText == "t/yr of magnets"
    assert fan.plot.getPlotItem().getAxis("left").tickStrings([3000.0], 1.0, 1000.0) == ["3,000"]


def test_choosing_a_target_while_the_first_run_is_under_way_still_draws_the_odds(qtbot, dock):
    dock.show()
    dock.select_target("T-OUT")  # asks for T-OUT's tornado while the odds are being drawn
    wait_for_final(qtbot, dock)
    assert dock.pmet.rows and dock.risk is not None
    assert str(dock.tornado.figure) == "target:T-OUT"

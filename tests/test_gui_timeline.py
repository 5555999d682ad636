"""The Timeline dock: bars at the engine's dates, the base scenario's bars where a scenario moves a
plant, targets met or missed, clicks that select, drags that move a date by whole months in one
undo step, filters, zoom and scrolling."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reeplanner.engine import compute_all
from reeplanner.engine.overrides import STATUSES
from reeplanner.formats import reeplan
from reeplanner.model import OverrideKind, Status
from reeplanner.model.ids import id_key
from tests.example_views import EXAMPLE, example_window, view_alone

#: Hovering shows a tooltip, whose window the offscreen platform cannot raise.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture(scope="module")
def plan():
    return reeplan.load(EXAMPLE)


@pytest.fixture(scope="module")
def results(plan):
    return compute_all(plan)


def timeline(qtbot, results, scenario: str = "BASE", year: int = 2028):
    return view_alone(qtbot, "timeline", results, scenario, year)


@pytest.fixture
def window(qtbot, tmp_path):
    win = example_window(qtbot, tmp_path)
    win.charts.raise_chart("timeline")
    view = win.charts.chart("timeline")
    qtbot.waitUntil(lambda: view.schedule is not None)
    return win


def delayed(plan) -> dict[str, float]:
    """Facility ID -> months the Key plants two years late scenario delays it."""
    return {
        id_key(o.target): float(o.value)
        for o in plan.overrides
        if id_key(o.scenario) == "delay" and o.kind is OverrideKind.DELAY
    }


# -- the engine's dates ----------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["BASE", "DELAY", "PERMIT"])
def test_every_bar_starts_and_ends_at_the_engines_dates(qtbot, results, plan, scenario):
    view = timeline(qtbot, results, scenario)
    frame = results.scenarios[scenario].timeline.set_index("facility")
    shown = [int(f) for f in view.rows.facility if f >= 0]
    present = [i for i, f in enumerate(plan.facilities) if frame.loc[f.id, "scenario_present"]]
    assert shown == sorted(shown, key=lambda f: (view.rows.group[view.rows.row_of(f)], f))
    assert sorted(shown) == present  # every facility of the scenario, once
    for f in present:
        row = frame.loc[plan.facilities[f].id]
        bars = view.bar_dates(f)
        if row.online is None:  # operating with no dates: in operation from before the horizon
            assert list(bars) == ["operation"] and bars["operation"][0].year < plan.start_year
            continue
        if row.permitting_start is not None:
            assert bars["permitting"][0] == row.permitting_start
        if "construction" in bars:
            assert bars["construction"] == (row.construction_start, row.online)
        first_on = bars["ramp-up"][0] if "ramp-up" in bars else bars["operation"][0]
        assert first_on == row.online
        assert bars["operation"][0] == max(row.online, row.ramp_end)
        assert bars["operation"][1] == dt.date(plan.end_year + 1, 1, 1)


def test_statuses_are_those_after_the_scenarios_overrides(qtbot, results, plan):
    view = timeline(qtbot, results, "SURGE")
    frame = results.scenarios["SURGE"].timeline.set_index("facility")
    for f in view.rows.facility[view.rows.facility >= 0]:
        assert str(view.labels.statuses[f]) == frame.loc[plan.facilities[f].id, "status"]
    assert Status.FINANCED in {STATUSES[s] for s in view.schedule.status}


def test_a_scenario_that_moves_plants_shows_the_base_bars_and_by_how_much(qtbot, results, plan):
    view = timeline(qtbot, results, "DELAY")
    late = delayed(plan)
    moved = {id_key(plan.facilities[f].id) for f in range(len(plan.facilities)) if view.gantt.ghost[f]}
    # Every delayed plant with a date is outlined where the base has it, 24 months earlier.
    dated = {
        key
        for key in late
        if view.base.online[[id_key(f.id) for f in plan.facilities].index(key)] > -math.inf
    }
    assert moved == dated
    for f, fac in enumerate(plan.facilities):
        if id_key(fac.id) in moved:
            assert view.gantt.shift[f] == late[id_key(fac.id)]
    assert "24 months later" in view.note.text()
    assert timeline(qtbot, results, "BASE").gantt.ghost.any() == False  # noqa: E712 (numpy bool)


def test_targets_are_marked_met_or_missed_with_today_and_the_year(qtbot, results):
    view = timeline(qtbot, results, "BASE", 2030)
    targets = results.scenarios["BASE"].targets
    shown = {row["target"]: (row["year"], row["met"]) for row in view.target_rows}
    assert shown == {t.target: (t.year, t.met) for t in targets.itertuples()}
    for line, row in zip(view.target_lines, view.target_rows, strict=False):
        assert line.value() == row["year"]
    assert view.year_band.getRegion() == (2030, 2031)
    today = dt.date.today()
    assert abs(view.today_line.value() - (today.year + today.timetuple().tm_yday / 365.25)) < 0.01


def test_filters_keep_one_stage_or_what_the_scenario_moves(qtbot, results, plan):
    view = timeline(qtbot, results, "DELAY")
    view.stage_filter.setCurrentIndex(view.stage_filter.findData("MAGNET"))
    facilities = [plan.facilities[f] for f in view.rows.facility if f >= 0]
    assert facilities and all(f.stage == "MAGNET" for f in facilities)
    view.stage_filter.setCurrentIndex(0)
    view.status_filter.setCurrentIndex(view.status_filter.findData("moved"))
    shown = {id_key(plan.facilities[f].id) for f in view.rows.facility if f >= 0}
    assert shown and shown <= set(delayed(plan))
    view.status_filter.setCurrentIndex(view.status_filter.findData("planned"))
    assert all(str(view.schedule.status_of(f)) == "planned" for f in view.rows.facility if f >= 0)


def test_copy_data_lists_each_facility_with_its_dates(qtbot, results, plan):
    view = timeline(qtbot, results, "DELAY")
    header, rows = view.data_table()
    assert header[:7] == [
        "Facility",
        "Name",
        "Stage",
        "Status",
        "Permitting start",
        "Construction start",
        "Online",
    ]
    by_id = {row[0]: row for row in rows}
    frame = results.scenarios["DELAY"].timeline.set_index("facility")
    late = next(fid for fid in frame.index if id_key(fid) in delayed(plan) and frame.loc[fid, "online"])
    assert by_id[late][6] == f"{frame.loc[late, 'online']:%Y-%m}"
    assert by_id[late][9] == 24


def test_years_zoom_and_rows_scroll(qtbot, results):
    view = timeline(qtbot, results)
    (left, right), _ = view.box.viewRange()
    view.zoom_years(1 / 1.5)
    (zl, zr), _ = view.box.viewRange()
    assert zr - zl == pytest.approx((right - left) / 1.5)
    view.show_all_years()
    assert view.box.viewRange()[0] == pytest.approx((left, right))
    sight = view.rows_in_sight()
    view.scrollbar.setValue(5)
    assert view.top_row() == pytest.approx(5)
    assert view.box.viewRange()[1][1] - view.box.viewRange()[1][0] == pytest.approx(
        sight
    )  # rows keep their height


# -- clicks and drags in the window ----------------------------------------------------------------------


def scene_point(view, time: float, row: float) -> QPointF:
    return QPointF(view.graphics.mapFromScene(view.box.mapViewToScene(QPointF(time, row))))


def drag(widget, start: QPointF, end: QPointF, steps: int = 6) -> None:
    """Press, move and release the left button as a hand does (a move every 15 ms)."""

    def send(kind, pos: QPointF, button, buttons) -> None:
        event = QMouseEvent(
            kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(widget, event)

    left = Qt.MouseButton.LeftButton
    send(QMouseEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, steps + 1):
        QTest.qWait(15)  # pyqtgraph takes at most one move per 10 ms
        send(QMouseEvent.Type.MouseMove, start + (end - start) * (i / steps), Qt.MouseButton.NoButton, left)
    send(QMouseEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def dated_plant(plan) -> int:
    """A plant placed by its Online date, not operating: the 10X magnet plant in the example."""
    return next(
        i for i, f in enumerate(plan.facilities) if f.online is not None and f.status is not Status.OPERATING
    )


def test_dragging_a_bar_moves_its_date_by_whole_months_and_undo_restores_it(qtbot, window):
    view = window.charts.chart("timeline")
    document = window.document
    f = dated_plant(document.plan)
    fac = document.plan.facilities[f]
    row = view.rows.row_of(f)
    view.scroll_to_row(max(0, row - 1))
    start_time = view.gantt.bars(f)[0][1] + 0.3
    start = scene_point(view, start_time, row + 0.5)
    end = scene_point(view, start_time + 3 / 12, row + 0.5)  # 3 months to the right (to a pixel)
    drag(view.graphics.viewport(), start, end)
    qtbot.waitUntil(lambda: document.plan.facilities[f].online != fac.online)
    month = fac.online.year * 12 + fac.online.month - 1 + 3
    moved = dt.date(month // 12, month % 12 + 1, 1)
    assert document.plan.facilities[f].online == moved  # whole months, the first of the month
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == f"Move {fac.name} online to {moved:%Y-%m}"
    assert window.statusBar().currentMessage() == document.undo_stack.undoText()
    qtbot.waitUntil(lambda: view.schedule.online[f] == pytest.approx(moved.year + (moved.month - 1) / 12))
    document.undo_stack.undo()
    assert document.plan.facilities[f].online == fac.online


def test_a_plant_placed_by_its_permitting_start_moves_that_date(qtbot, window):
    view = window.charts.chart("timeline")
    document = window.document
    f = next(i for i, x in enumerate(document.plan.facilities) if x.online is None and x.permitting_start)
    fac = document.plan.facilities[f]
    view._on_gantt_bar_dropped(f, -14)
    month = fac.permitting_start.year * 12 + fac.permitting_start.month - 1 - 14
    moved = dt.date(month // 12, month % 12 + 1, 1)
    assert document.plan.facilities[f].permitting_start == moved
    assert document.undo_stack.undoText() == f"Move {fac.name} permitting start to {moved:%Y-%m}"


def test_dragging_a_plant_without_dates_says_why_nothing_moves(qtbot, window):
    view = window.charts.chart("timeline")
    document = window.document
    f = next(
        i for i, x in enumerate(document.plan.facilities) if x.online is None and x.permitting_start is None
    )
    row = view.rows.row_of(f)
    view.scroll_to_row(max(0, row - 1))
    start = scene_point(view, 2030.0, row + 0.5)
    drag(view.graphics.viewport(), start, scene_point(view, 2031.0, row + 0.5))
    assert document.undo_stack.count() == 0
    assert "has no Online or Permitting start date to move" in window.statusBar().currentMessage()


def test_clicking_a_bar_selects_the_facility_and_a_target_line_its_target(qtbot, window):
    view = window.charts.chart("timeline")
    document = window.document
    f = dated_plant(document.plan)
    row = view.rows.row_of(f)
    view.scroll_to_row(max(0, row - 1))
    QTest.mouseClick(
        view.graphics.viewport(),
        Qt.MouseButton.LeftButton,
        pos=scene_point(view, 2033.0, row + 0.5).toPoint(),
    )
    assert document.selection == ("facilities", [f])
    assert f in view.gantt.selected
    target = 0
    x = view.target_rows[target]["year"]
    QTest.mouseClick(
        view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=scene_point(view, x, row + 0.5).toPoint()
    )
    assert document.selection == ("targets", [target])


def test_selecting_a_card_scrolls_the_timeline_to_its_bar(qtbot, window):
    view = window.charts.chart("timeline")
    document = window.document
    last = int(view.rows.facility[-1])
    document.set_selection("facilities", [last])
    row = view.rows.row_of(last)
    assert view.top_row() <= row < view.top_row() + view.rows_in_sight()
    assert view.gantt.selected == {last}


def test_hovering_a_bar_tells_its_dates_and_what_the_scenario_did(qtbot, window):
    view = window.charts.chart("timeline")
    window.document.set_scenario("DELAY")
    qtbot.waitUntil(lambda: view.scenario_id == "DELAY")
    plan = window.document.plan
    f = next(i for i, x in enumerate(plan.facilities) if view.gantt.ghost[i] and x.online is not None)
    row = view.rows.row_of(f)
    view.scroll_to_row(max(0, row - 1))
    text = view.hover_text(view.box.mapViewToScene(QPointF(2033.0, row + 0.5)))
    assert plan.facilities[f].name in text
    assert "This scenario delays it 24 months" in text
    assert f"online {plan.facilities[f].online:%Y-%m}; here 24 months later" in text
    assert "Drag the bar to move its online date" in text

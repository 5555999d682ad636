"""The Coordination, Explain and Agencies docks: findings that select what they are about and their
count in the status bar, explanations with the command line's figures and links that select, the
agency matrix with its unowned gaps; each view on --show and --export-chart."""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from reeplanner.app import SHOWABLE, VIEWS
from reeplanner.app import main as app_main
from reeplanner.cli import main as cli_main
from reeplanner.engine import compute
from reeplanner.engine.coordination import coordination_rows
from reeplanner.engine.explain import explain_result
from reeplanner.engine.explain_facility import explain_facility
from reeplanner.gui.views.coordination_view import SUBJECT
from reeplanner.gui.views.explain_html import MOST_FACILITIES, explanation_html
from reeplanner.gui.views.view_registry import VIEW_TITLES
from reeplanner.model.ids import id_key
from tests.builders import chain_plan, facility
from tests.example_views import EXAMPLE, example_window


@pytest.fixture
def window(qtbot, tmp_path):
    return example_window(qtbot, tmp_path)


def shown(qtbot, window, name: str):
    window.charts.raise_chart(name)
    view = window.charts.chart(name)
    qtbot.waitUntil(lambda: view.result is not None)
    return view


def cli_text(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli_main([*args]) == 0
    return out.getvalue()


# -- coordination -------------------------------------------------------------------------------


def test_findings_are_grouped_and_their_count_is_in_the_status_bar(qtbot, window):
    view = shown(qtbot, window, "coordination")
    rows = coordination_rows(window.document.scenario_result().arrays)
    count = window.coordination_count
    qtbot.waitUntil(lambda: count.count is not None)
    assert count.count == len(rows) and count.isVisible()
    assert count.text() == f"{len(rows)} coordination findings"
    items = view.findings()
    assert sorted(view.table.item(item.row(), 1).text() for item in items) == sorted(row[5] for row in rows)
    titles = [
        view.table.item(r, 0).text() for r in range(view.table.rowCount()) if view.table.columnSpan(r, 0) == 2
    ]
    assert any(t.startswith("Stages with a gap and no owner agency (") for t in titles)


def test_clicking_a_finding_selects_its_facility_or_its_stage(qtbot, window):
    view = shown(qtbot, window, "coordination")
    plan = window.document.plan
    items = {}
    for item in view.findings():
        items.setdefault(item.data(SUBJECT)[0], item)
    stage_item = items["stages"]
    view.table.cellClicked.emit(stage_item.row(), 1)
    table, row = stage_item.data(SUBJECT)
    assert window.document.selection == ("stages", [row])
    stage = window.document.plan.stages[row].id
    assert [lane.stage.id for lane in window.canvas.chain_scene.lanes if lane.selected] == [stage]
    facility_item = items["facilities"]
    view.table.cellClicked.emit(facility_item.row(), 0)
    table, row = facility_item.data(SUBJECT)
    assert window.document.selection == ("facilities", [row])
    assert plan.facilities[row].name in facility_item.text()


def test_the_count_follows_the_scenario(qtbot, window):
    count = window.coordination_count
    qtbot.waitUntil(lambda: count.count is not None)
    window.document.set_scenario("SURGE")
    expected = len(coordination_rows(window.document.results.scenario("SURGE").arrays))
    qtbot.waitUntil(lambda: count.count == expected)
    count.click()
    assert window.charts.charts["coordination"].isVisible()


# -- explain ------------------------------------------------------------------------------------------


def test_explain_shows_the_magnet_stage_as_the_command_line_does(qtbot, window):
    view = shown(qtbot, window, "explain")
    window.document.set_year(2030)
    qtbot.waitUntil(lambda: view.year == 2030)
    magnet = next(i for i, s in enumerate(window.document.plan.stages) if s.id == "MAGNET")
    window.charts.select_stage("MAGNET")  # as a click on the lane header does
    assert window.document.selection == ("stages", [magnet])
    expected = cli_text("explain", str(EXAMPLE), "--scenario", "BASE", "--year", "2030", "--stage", "MAGNET")
    assert view.text() + "\n" == expected
    assert view.subject_label.text() == "Magnet, 2030, Base case"
    html = view.browser.toHtml()
    first = view.explanations[0].capacity[0]
    assert f"facility:{first.facility}" in html and f"{first.effective:,.6g}" in html
    view.copy_text()
    assert QGuiApplication.clipboard().text() == expected


def test_explain_with_nothing_selected_explains_the_magnet_stage(qtbot, window):
    view = shown(qtbot, window, "explain")
    assert window.document.selection == ("", [])
    assert view.subject() == ("stage", "MAGNET")


def test_explain_a_material_stage_for_each_material_or_one(qtbot, window):
    view = shown(qtbot, window, "explain")
    window.charts.select_stage("SEP")
    expected = cli_text("explain", str(EXAMPLE), "--scenario", "BASE", "--year", "2028", "--stage", "SEP")
    assert view.text() + "\n" == expected
    assert view.material.isVisible()
    view.material.setCurrentIndex(view.material.findData("Dy"))
    dy = cli_text(
        "explain", str(EXAMPLE), "--scenario", "BASE", "--year", "2028", "--stage", "SEP", "--material", "Dy"
    )
    assert view.text() + "\n" == dy
    view.supply_view.setCurrentIndex(view.supply_view.findData("allied"))
    allied = cli_text(
        "explain", str(EXAMPLE), "--scenario", "BASE", "--year", "2028", "--stage", "SEP", "--material", "Dy",
        "--view", "allied",
    )  # fmt: skip
    assert view.text() + "\n" == allied


def test_explain_follows_a_facility_and_a_target_and_links_select(qtbot, window):
    view = shown(qtbot, window, "explain")
    document = window.document
    f = next(i for i, x in enumerate(document.plan.facilities) if x.id == "MP-10X-MAG")
    document.set_selection("facilities", [f])
    assert view.lines == explain_facility(document.scenario_result(), 2028, "MP-10X-MAG")
    target = next(i for i, t in enumerate(document.plan.targets) if t.stage == "MAGNET")
    document.set_selection("targets", [target])
    record = document.plan.targets[target]
    assert view.subject_label.text().startswith(f"Target {record.id}: Magnet, {record.year}")
    assert any(line.strip().startswith(record.id) for line in view.lines)
    view.browser.anchorClicked.emit(QUrl("facility:MP-IND-MAG"))
    assert document.selection == (
        "facilities",
        [next(i for i, x in enumerate(document.plan.facilities) if x.id == "MP-IND-MAG")],
    )


# -- agencies -----------------------------------------------------------------------------------------


def test_the_agency_matrix_marks_gaps_nobody_owns_and_clicks_select(qtbot, window):
    view = shown(qtbot, window, "agencies")
    matrix = view.matrix
    orphans = [s for s in matrix.stages if matrix.gap_without_owner(s)]
    assert orphans  # the US example: Metal and Alloy fall short with no owner
    col = matrix.stages.index(orphans[0])
    assert "no owner" in view.table.horizontalHeaderItem(col).text()
    rows = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    blank = next(r for r in range(len(rows)) if matrix.role(rows[r], orphans[0]).empty)
    assert view.table.item(blank, col).text() == ""
    assert view.table.item(blank, col).background().color().alpha() == 255  # tinted
    leader = next(r for r in range(len(rows)) if matrix.role(rows[r], "MAGNET").facilities)
    magnet = matrix.stages.index("MAGNET")
    led = matrix.role(rows[leader], "MAGNET").facilities
    assert f"leads {len(led)}" in view.table.item(leader, magnet).text()
    view.table.cellClicked.emit(leader, magnet)
    plan = window.document.plan
    assert window.document.selection == (
        "facilities",
        [i for i, f in enumerate(plan.facilities) if id_key(f.id) in {id_key(x) for x in led}],
    )


# -- the command line -----------------------------------------------------------------------------------


def test_the_launcher_knows_every_view():
    assert set(VIEWS) == set(VIEW_TITLES)
    assert set(VIEWS) <= set(SHOWABLE)


@pytest.mark.parametrize("name", VIEWS)
def test_export_chart_writes_each_view(tmp_path, name):
    for suffix in (".tsv", ".png", ".svg"):
        out = tmp_path / f"{name}{suffix}"
        assert app_main(["--export-chart", name, str(out), "--scenario", "DELAY", str(EXAMPLE)]) == 0
        assert out.stat().st_size > 0
    assert ET.parse(tmp_path / f"{name}.svg").getroot().tag.endswith("svg")
    header = (tmp_path / f"{name}.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "\t" in header or name == "explain"


def test_screenshot_shows_a_view_in_front_in_a_scenario(tmp_path, capsys):
    out = tmp_path / "timeline.png"
    assert (
        app_main(["--screenshot", str(out), "--show", "timeline", "--scenario", "delay", str(EXAMPLE)]) == 0
    )
    assert out.stat().st_size > 10_000
    assert app_main(["--screenshot", str(out), "--scenario", "NOPE", str(EXAMPLE)]) == 1
    assert "there is no scenario 'NOPE'" in capsys.readouterr().err


def test_a_stage_with_many_facilities_lists_the_largest_and_adds_up_the_rest():
    plan = chain_plan(2025, 2027)
    plan.facilities += [facility(f"MAG-{i:03}", "MAGNET", 10 + i) for i in range(120)]
    explanation = explain_result(compute(plan, "BASE"), 2026, "MAGNET")
    html = explanation_html(explanation, plan)
    assert html.count('href="facility:') == MOST_FACILITIES
    assert "21 more facilities, smaller" in html  # 121 magnet plants
    shown = sorted(c.effective for c in explanation.capacity)[-MOST_FACILITIES:]
    rest = explanation.capacity_total - sum(shown)
    assert f"{rest:,.6g}</td></tr>" in html
    assert sum(line.startswith("  MAG-") for line in explanation.lines) == 121  # Copy as text: every one

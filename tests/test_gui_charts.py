"""The charts: they draw the engine's numbers, follow edits, the scenario and the year, select what
is clicked, and export PNG, SVG and TSV."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from reeplanner.app import main as app_main
from reeplanner.engine import compute_all
from reeplanner.formats import reeplan
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.palette import apply_palette
from reeplanner.gui.settings import PaletteChoice
from tests.example_views import EXAMPLE, example_window, view_alone
from tests.scripted_prompts import ScriptedPrompts


@pytest.fixture(scope="module")
def results():
    return compute_all(reeplan.load(EXAMPLE))


@pytest.fixture
def window(qtbot, tmp_path):
    return example_window(qtbot, tmp_path)


def chart(qtbot, name: str, results, scenario: str = "BASE", year: int = 2028):
    return view_alone(qtbot, name, results, scenario, year, size=(700, 480))


def flows_row(results, scenario: str, year: int, stage: str, material: str = ""):
    flows = results.scenarios[scenario].flows
    return flows[(flows["year"] == year) & (flows["stage"] == stage) & (flows["material"] == material)].iloc[
        0
    ]


def click_scene(qtbot, made, scene_pos: QPointF) -> None:
    viewport = made.graphics.viewport()
    point = made.graphics.mapFromScene(scene_pos)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


# -- the engine's numbers ----------------------------------------------------------


def test_gap_bars_hold_the_engines_requirement_and_outputs(qtbot, results):
    gap = chart(qtbot, "gap", results)
    panel = gap.panels["material"]
    assert gap.material.currentText() == "NdPr"
    separation = flows_row(results, "BASE", 2028, "SEP", "NdPr")
    assert panel.bars["requirement"].opts["height"][1] == pytest.approx(separation["requirement"])
    assert panel.bars["domestic"].opts["height"][1] == pytest.approx(separation["output"])
    assert panel.bars["with_imports"].opts["height"][1] == pytest.approx(separation["output_with_imports"])
    magnet = results.scenarios["BASE"].magnet.loc[2028]
    assert gap.panels["product"].bars["domestic"].opts["height"][1] == pytest.approx(
        magnet["domestic_magnet_output"]
    )
    assert gap.panels["product"].bars["allied"].opts["height"][1] == pytest.approx(
        magnet["magnet_output_allied"]
    )
    # The bottleneck (Mining in 2028) is shaded and named with its material.
    assert magnet["bottleneck"] == "MINE"
    assert list(panel.shade.opts["x"]) == [0.0]
    assert panel.label.toPlainText() == f"Bottleneck ({magnet['bottleneck_material']})"


def test_gap_in_percent_of_requirement_and_another_material(qtbot, results):
    gap = chart(qtbot, "gap", results)
    gap.material.setCurrentText("Dy")
    separation = flows_row(results, "BASE", 2028, "SEP", "Dy")
    assert gap.panels["material"].bars["domestic"].opts["height"][1] == pytest.approx(separation["output"])
    gap.measure.setCurrentIndex(1)
    covered = 100 * separation["output"] / separation["requirement"]
    assert gap.panels["material"].bars["domestic"].opts["height"][1] == pytest.approx(covered)
    assert gap.panels["material"].plot.getAxis("left").labelText == "% of requirement covered"


def test_sufficiency_lines_are_the_engines_and_coinciding_ones_are_named_together(qtbot, results):
    made = chart(qtbot, "sufficiency", results)
    magnet = results.scenarios["BASE"].magnet
    groups = made.line_groups
    base = next(i for i, ids in enumerate(groups) if "BASE" in ids)
    _xs, ys = made.lines[base].getData()
    assert ys[list(magnet.index).index(2030)] == pytest.approx(100 * magnet.loc[2030, "self_sufficiency"])
    assert made.lines[base].opts["pen"].widthF() > made.lines[1 - base if base else 1].opts["pen"].widthF()
    # The export bans leave domestic output as it is: one line, named for every scenario on it.
    shared = groups[base]
    assert "BAN" in shared and "DELAY" not in shared
    names = [results.scenarios[sid].scenario_name for sid in shared]
    labels = [label.text for _sample, label in made.legend.items]
    assert f"{names[0]} + {len(names) - 1} more" in labels  # the note names them all
    assert " = ".join(names) in made.note.text()
    # The 25% target of 2030: a star at (2030, 25), filled when met, hollow when missed.
    met = bool(results.scenarios["BASE"].targets.set_index("target").loc["T-SS-2030", "met"])
    spot = made.targets.points()[0]
    assert (spot.pos().x(), spot.pos().y()) == (2030, 25)
    assert spot.brush().color().alpha() == (255 if met else 0)
    made.show_results(results, "DELAY", 2028)  # key plants two years late: missed in 2030
    delayed = results.scenarios["DELAY"].targets.set_index("target").loc["T-SS-2030"]
    assert made.targets.points()[0].brush().color().alpha() == (255 if delayed["met"] else 0)
    made.show_results(results, "BASE", 2028)
    made.measure.setCurrentIndex(1)
    _xs, ys = made.lines[base].getData()
    assert ys[list(magnet.index).index(2030)] == pytest.approx(100 * magnet.loc[2030, "allied_coverage"])


def test_the_today_line_is_where_today_is(qtbot, results):
    from reeplanner.gui.charts.sufficiency_chart import SufficiencyChart

    made = SufficiencyChart(today=dt.date(2027, 7, 2))
    qtbot.addWidget(made)
    made.show_results(results, "BASE", 2028)
    assert made.today_line.value() == pytest.approx(2027.5, abs=0.01)


def test_funding_shows_public_money_unless_private_is_asked_for(qtbot, results):
    made = chart(qtbot, "funding", results)
    sr = results.scenarios["BASE"]
    assert sum(s.amount for s in made.segments) == pytest.approx(sr.funding_public_total)
    made.private.setChecked(True)
    assert sum(s.amount for s in made.segments) == pytest.approx(sr.funding_total)
    made.view.setCurrentIndex(1)  # by stage
    per_stage = {}
    for s in made.segments:
        per_stage[s.place] = per_stage.get(s.place, 0.0) + s.amount
    by_stage = sr.funding.groupby("stage")["amount"].sum()
    assert per_stage["SEP"] == pytest.approx(by_stage["SEP"])
    made.view.setCurrentIndex(2)  # price floors
    assert list(made.bars.opts["height"]) == pytest.approx(list(sr.magnet["price_floor_exposure"]))


def test_flow_nodes_and_unmet_demand_are_the_engines(qtbot, results):
    made = chart(qtbot, "flow", results)
    magnet = results.scenarios["BASE"].magnet.loc[2028]
    demand_column = [n for n in made.layout_.nodes if n.stage == 5]
    assert sum(n.tonnes for n in demand_column) == pytest.approx(magnet["magnet_demand"])
    assert next(n for n in demand_column if n.kind == "unmet").tonnes == pytest.approx(magnet["unmet_demand"])
    separation = flows_row(results, "BASE", 2028, "SEP", "NdPr")
    node = next(n for n in made.layout_.nodes if n.kind == "domestic" and n.stage == 1 and n.label == "NdPr")
    assert node.tonnes == pytest.approx(separation["output"])
    stranded = next(
        b for b in made.layout_.bands if b.kind == "stranded" and b.stage == 1 and b.label == "NdPr"
    )
    assert stranded.tonnes == pytest.approx(separation["stranded"])
    allied = next(b for b in made.layout_.bands if b.kind == "allied" and b.stage == 1 and b.label == "NdPr")
    arrays = results.scenarios["BASE"].arrays
    lane = arrays.prep.chain.lane(1, "NdPr")
    assert allied.tonnes == pytest.approx(arrays.allied_imports[lane, 4])  # Lynas Malaysia NdPr oxide


# -- following the document ----------------------------------------------------------


def test_an_edit_typed_into_a_table_redraws_the_gap_chart(qtbot, window):
    gap = window.charts.chart("gap")
    bars = gap.panels["material"].bars["domestic"]  # NdPr; Mining first
    before = bars.opts["height"][0]
    page = window.tables.pages["facilities"]
    row = next(i for i, f in enumerate(window.document.plan.facilities) if f.id == "MP-MINE")
    index = page.model.index(row, page.model.column_index("Capacity"))
    assert page.model.setData(index, "60,000", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: bars.opts["height"][0] != before)
    mining = flows_row(window.document.results, "BASE", 2028, "MINE", "NdPr")
    assert bars.opts["height"][0] == pytest.approx(mining["output"]) and mining["output"] > before


def test_switching_scenario_and_year_redraws_the_charts(qtbot, window):
    charts = {name: window.charts.chart(name) for name in ("gap", "sufficiency", "flow")}
    window.docks["flow"].raise_()
    qtbot.waitUntil(lambda: charts["flow"].layout_ is not None)
    window.document.set_scenario("BAN")
    qtbot.waitUntil(
        lambda: charts["gap"].result.scenario_id == "BAN" and charts["flow"].result.scenario_id == "BAN"
    )
    other = [n.tonnes for n in charts["flow"].layout_.nodes if n.kind == "other" and n.stage == 2]
    assert other == []  # no Chinese Dy and Tb metal in a ban
    window.document.set_year(2032)
    qtbot.waitUntil(lambda: charts["gap"].year == 2032)
    magnet = window.document.results.scenarios["BAN"].magnet.loc[2032]
    assert charts["gap"].panels["product"].bars["domestic"].opts["height"][1] == pytest.approx(
        magnet["domestic_magnet_output"]
    )
    window.docks["sufficiency"].raise_()  # behind flow's tab until now: drawn when it comes to the front
    qtbot.waitUntil(lambda: charts["sufficiency"].year_line.value() == 2032)


def test_clicking_a_stage_bar_selects_its_lane(qtbot, window):
    gap = window.charts.chart("gap")
    panel = gap.panels["material"]
    click_scene(qtbot, gap, panel.plot.vb.mapViewToScene(QPointF(1.0, 10.0)))  # Separation's bars
    stages = window.document.plan.stages
    assert window.document.selection == ("stages", [next(i for i, s in enumerate(stages) if s.id == "SEP")])
    assert next(lane for lane in window.canvas.chain_scene.lanes if lane.stage_id == "SEP").selected


def test_clicking_a_flow_band_selects_its_stage(qtbot, window):
    window.docks["flow"].raise_()
    flow = window.charts.chart("flow")
    qtbot.waitUntil(lambda: flow.layout_ is not None)
    band = next(b for b in flow.layout_.bands if b.kind == "domestic" and b.stage == 2 and b.label == "NdPr")
    middle = QPointF((band.x0 + band.x1) / 2, (band.y0 + band.y1 + band.tonnes) / 2)
    click_scene(qtbot, flow, flow.plot.vb.mapViewToScene(middle))
    stages = window.document.plan.stages
    assert window.document.selection == ("stages", [next(i for i, s in enumerate(stages) if s.id == "METAL")])


def test_clicking_a_funding_block_shows_its_lines_in_the_funding_table(qtbot, window):
    window.docks["funding"].raise_()
    funding = window.charts.chart("funding")
    qtbot.waitUntil(lambda: bool(funding.segments))
    block = max(funding.segments, key=lambda s: s.amount)
    click_scene(qtbot, funding, funding.plot.vb.mapViewToScene(QPointF(block.x, block.y0 + block.amount / 2)))
    page = window.tables.pages["funding"]
    assert window.tables.currentWidget() is page
    wanted = set(funding.lines_of(block))
    shown = {page.model.record(page.view.proxy.source_row(r)).id for r in range(page.view.proxy.rowCount())}
    assert shown == wanted and wanted
    assert page.picked_label.text().startswith(f"Showing {len(wanted)} of ")
    page.show_all_button.click()
    assert page.view.proxy.rowCount() == len(window.document.plan.funding)


def test_clicking_a_lane_header_selects_the_stage(qtbot, window):
    canvas = window.canvas
    lane = next(item for item in canvas.chain_scene.lanes if item.stage_id == "METAL")
    point = canvas.mapFromScene(lane.scenePos() + QPointF(40, 30))
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    stages = window.document.plan.stages
    assert window.document.selection == ("stages", [next(i for i, s in enumerate(stages) if s.id == "METAL")])
    assert window.inspector.title.text().startswith("Stage")


# -- layout ----------------------------------------------------------------------------


def test_the_default_layout_shows_canvas_tables_and_two_charts_readably(qtbot, window):
    window.resize(1400, 900)
    qtbot.wait(50)
    window.canvas.fit_to_view()
    on_show = [
        key for key, dock in window.docks.items() if dock.isVisible() and not dock.visibleRegion().isEmpty()
    ]
    assert "tables" in on_show and {"gap", "sufficiency"} <= set(on_show)
    assert window.canvas.isVisible() and window.canvas.width() > 800
    from reeplanner.gui.canvas.canvas_style import SMALL_PX

    assert window.canvas.zoom() * SMALL_PX >= 9  # the smallest text on the canvas, in pixels


def test_the_layout_is_remembered(qtbot, tmp_path):
    first = MainWindow(
        PlanDocument(reeplan.load(EXAMPLE), EXAMPLE), prompts=ScriptedPrompts(), recovery_dir=tmp_path / "r"
    )
    qtbot.addWidget(first)
    first.show()
    first.docks["funding"].raise_()
    first.docks["flow"].hide()
    first.close()
    again = MainWindow(
        PlanDocument(reeplan.load(EXAMPLE), EXAMPLE), prompts=ScriptedPrompts(), recovery_dir=tmp_path / "r"
    )
    qtbot.addWidget(again)
    again.show()
    assert again.docks["flow"].isHidden()
    assert not again.docks["funding"].visibleRegion().isEmpty()


# -- export ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gap", "sufficiency", "funding", "flow"])
def test_export_png_svg_and_tsv(qtbot, results, tmp_path, name):
    made = chart(qtbot, name, results)
    made.export(tmp_path / "chart.png")
    made.export(tmp_path / "chart.svg")
    made.export(tmp_path / "chart.tsv")
    assert (tmp_path / "chart.png").stat().st_size > 2000
    assert ET.parse(tmp_path / "chart.svg").getroot().tag.endswith("svg")
    text = (tmp_path / "chart.tsv").read_text(encoding="utf-8")
    header, rows = made.data_table()
    lines = text.splitlines()
    assert lines[0].split("\t") == header and len(lines) == len(rows) + 1
    assert text == made.tsv()
    made.copy_data()
    assert QGuiApplication.clipboard().text() == text
    menu = made.context_menu()
    assert [a.text() for a in menu.actions() if a.text()] == ["Export PNG…", "Export SVG…", "Copy data"]


def test_the_gap_tsv_is_the_charts_numbers(qtbot, results):
    made = chart(qtbot, "gap", results)
    header, rows = made.data_table()
    sep = next(r for r in rows if r[2] == "SEP" and r[3] == "NdPr")
    assert sep[header.index("Domestic output (t/yr)")] == pytest.approx(
        made.panels["material"].bars["domestic"].opts["height"][1]
    )


def test_export_chart_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "flow.tsv"
    assert (
        app_main(["--export-chart", "flow", str(out), "--scenario", "BAN", "--year", "2030", str(EXAMPLE)])
        == 0
    )
    lines = out.read_text().splitlines()
    assert lines[0].startswith("Scenario\tYear") and all(line.startswith("BAN\t2030") for line in lines[1:])
    png = tmp_path / "gap.png"
    assert app_main(["--export-chart", "gap", str(png), "--size", "640x400", str(EXAMPLE)]) == 0
    assert png.stat().st_size > 2000
    assert app_main(["--export-chart", "gap", str(png), "--scenario", "NOPE", str(EXAMPLE)]) == 1
    assert "no scenario 'NOPE'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        app_main(["--export-chart", "pie", str(png), str(EXAMPLE)])


# -- palettes --------------------------------------------------------------------------


def test_charts_follow_the_dark_palette(qtbot, results):
    made = chart(qtbot, "gap", results)
    try:
        apply_palette(PaletteChoice.DARK)
        qtbot.waitUntil(lambda: made.palette_.dark)
        assert made.graphics.backgroundBrush().color().lightnessF() < 0.3
        assert all(label.opts["color"].lightnessF() > 0.7 for _sample, label in made.legends[0].items)
    finally:
        apply_palette(PaletteChoice.LIGHT)
    qtbot.waitUntil(lambda: not made.palette_.dark)


def test_picking_a_card_or_a_stage_brings_the_inspector_to_the_front(qtbot, window):
    inspector = window.docks["inspector"]
    assert inspector.visibleRegion().isEmpty()  # behind the Problems tab at first
    card = window.canvas.chain_scene.cards["mp-sep"]
    point = window.canvas.mapFromScene(card.scenePos() + QPointF(60, 20))
    QTest.mouseClick(
        window.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    qtbot.waitUntil(lambda: not inspector.visibleRegion().isEmpty())
    assert window.inspector.title.text().startswith("Facility")


def test_hovering_gives_exact_figures_with_units(qtbot, results):
    gap = chart(qtbot, "gap", results)
    text = gap.hover_text(gap.panels["material"].plot.vb.mapViewToScene(QPointF(1.0, 100.0)))
    separation = flows_row(results, "BASE", 2028, "SEP", "NdPr")
    assert "<b>Separation (NdPr), 2028</b>" in text
    assert f"Requirement: {separation['requirement']:,.1f} t/yr of NdPr" in text
    word = "Shortfall" if separation["gap"] > 0 else "Surplus"
    assert f"{word} (domestic): {abs(separation['gap']):,.1f} t/yr of NdPr" in text
    suff = chart(qtbot, "sufficiency", results)
    text = suff.hover_text(suff.plot.vb.mapViewToScene(QPointF(2030.0, 10.0)))
    value = 100 * results.scenarios["BASE"].magnet.loc[2030, "self_sufficiency"]
    assert f": {value:,.1f}%" in text
    met = results.scenarios["BASE"].targets.set_index("target").loc["T-SS-2030", "met"]
    assert f"Target T-SS-2030: ≥ 25.0% in 2030, {'met' if met else f'missed ({value:,.1f}%)'}" in text


def test_axis_titles_stay_inside_their_axis_when_they_change(qtbot, results):
    gap = chart(qtbot, "gap", results)
    plot = gap.panels["material"].plot
    gap.measure.setFocus()
    qtbot.keyClick(gap.measure, Qt.Key.Key_Down)  # % of requirement covered: a longer title, no resize
    qtbot.keyClick(gap.measure, Qt.Key.Key_Up)  # back to t/yr contained NdPr
    assert gap.measure.currentIndex() == 0
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        title = axis.label.mapRectToScene(axis.label.boundingRect())
        along = axis.sceneBoundingRect()
        if side == "left":
            assert along.top() - 1 <= title.top() and title.bottom() <= along.bottom() + 1
            assert abs(title.center().y() - along.center().y()) <= 2  # centred along the axis
        else:
            assert abs(title.center().x() - along.center().x()) <= 2


def test_the_bottleneck_label_of_the_last_stage_stays_inside_the_plot(qtbot, results):
    gap = chart(qtbot, "gap", results, scenario="DELAY", year=2028)  # the bottleneck: Metal (NdPr)
    gap.resize(450, 480)  # as narrow as in the window's dock
    panel = gap.panels["material"]
    assert panel.label.isVisible() and panel.label.textItem.toPlainText() == "Bottleneck (NdPr)"
    qtbot.wait(20)  # laid out
    gap.graphics.viewport().repaint()  # pyqtgraph places a text item where it is painted
    inside = panel.plot.vb.sceneBoundingRect()
    text = panel.label.textItem
    label = text.mapRectToScene(text.boundingRect())
    assert inside.left() - 1 <= label.left() and label.right() <= inside.right() + 1

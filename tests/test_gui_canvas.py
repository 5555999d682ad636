"""The supply-chain canvas as a planner uses it: what it shows, dragging, adding, deleting, selecting."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest

from reeplanner.formats.files import read_plan
from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.canvas_figures import tonnes
from reeplanner.gui.canvas.supply_chain_view import SupplyChainView
from reeplanner.gui.commands import InsertRowsCommand, ReplacePlanCommand, SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.model import CapacityBasis, CompositionShare, Link, Stage
from tests.builders import chain_plan, facility, funding, planned, scenario

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.reeplan"))


def chain_document() -> PlanDocument:
    """Five operating facilities (chain_plan) plus a planned separation plant online 2027."""
    plan = chain_plan(2025, 2030)
    plan.facilities[1] = dataclasses.replace(plan.facilities[1], name="Desert separation", lead_agency="DOE")
    plan.facilities.append(planned("SEP-2", "SEP", 400, dt.date(2027, 1, 1), name="Coastal separation"))
    plan.funding = [funding("F1", 150, "SEP-1"), funding("F2", 1200, "MAG-1")]
    plan.links = [Link("MINE-1", "SEP-1", "NdPr", 800.0)]
    return PlanDocument(plan)


@pytest.fixture
def view(qtbot):
    canvas = SupplyChainView(chain_document())
    qtbot.addWidget(canvas)
    canvas.resize(1400, 800)
    canvas.show()
    return canvas


def card(view: SupplyChainView, fid: str):
    return view.chain_scene.cards[fid.casefold()]


def lane(view: SupplyChainView, stage_id: str):
    return next(item for item in view.chain_scene.lanes if item.stage_id == stage_id)


def drag(view: SupplyChainView, item, scene_offset: QPointF) -> None:
    """Press on a card's title, move by ``scene_offset`` in steps, release."""
    start = view.mapFromScene(item.scenePos() + QPointF(40, 12))
    end = view.mapFromScene(item.scenePos() + QPointF(40, 12) + scene_offset)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


# -- what it shows ------------------------------------------------------------


def test_one_lane_per_stage_and_a_card_per_facility_with_the_engines_capacity(view):
    assert [item.title for item in view.chain_scene.lanes] == [
        "Mining",
        "Separation",
        "Metal",
        "Alloy",
        "Magnet",
    ]
    assert sorted(view.chain_scene.cards) == ["aly-1", "mag-1", "met-1", "mine-1", "sep-1", "sep-2"]
    # 2028: Desert 800 t operating (x1.0) + Coastal 400 t planned (x0.5), online since 2027: 800 + 200.
    assert view.document.year == 2028
    assert lane(view, "SEP").capacity_text == "1,000 t/yr"
    assert lane(view, "MAGNET").capacity_text == "2,000 t/yr"
    flows = view.document.scenario_result().flows
    engine = flows[(flows.year == 2028) & (flows.stage == "SEP")].capacity.sum()
    assert lane(view, "SEP").capacity_text == tonnes(engine)
    assert "NdPr: 1,000 t/yr" in lane(view, "SEP").toolTip()
    assert lane(view, "SEP").owner_text == "No owner agency"


def test_cards_show_capacity_material_status_lead_agency_and_funding(view):
    desert = card(view, "SEP-1")
    assert desert.capacity_text == "800 t/yr NdPr"
    assert desert.status.value == "operating"
    assert desert.agency_text == "Lead DOE"
    assert desert.funding_text == "$150M"
    assert card(view, "MAG-1").funding_text == "$1.2B"
    assert card(view, "MAG-1").capacity_text == "2,000 t/yr"  # product stage: no material
    coastal = card(view, "SEP-2")
    assert coastal.effective_text == "2028: 200 t/yr effective"  # 400 x 0.5
    assert coastal.funding_text == ""
    assert len(view.chain_scene.arrows) == 1
    assert view.chain_scene.arrows[0].label_lines == ["800 t/yr", "NdPr"]


def test_the_year_and_scenario_on_show_update_headers_and_cards(view, qtbot):
    view.document.set_year(2026)  # Coastal not online yet
    assert lane(view, "SEP").capacity_text == "800 t/yr"
    assert card(view, "SEP-2").effective_text == "2026: 0 t/yr effective"
    plan = view.document.plan
    with qtbot.waitSignal(view.document.results_changed):
        view.document.push(
            _replace_plan(view.document, scenarios=[scenario("BASE"), scenario("BAN", "BASE")])
        )
    only_in_ban = dataclasses.replace(plan.facilities[-1], scenarios=("BAN",))
    with qtbot.waitSignal(view.document.results_changed):
        view.document.push(_set(view.document, len(plan.facilities) - 1, "scenarios", only_in_ban.scenarios))
    assert card(view, "SEP-2").opacity() < 1
    assert card(view, "SEP-2").effective_text == "Not in this scenario"
    view.document.set_scenario("BAN")
    assert card(view, "SEP-2").opacity() == 1


def test_a_plan_with_errors_shows_dashes_not_zero_tonnes(qtbot):
    plan = chain_document().plan
    plan.funding.append(funding("F3", 10, "NOWHERE"))  # an unknown facility: no figures
    document = PlanDocument(plan)
    canvas = SupplyChainView(document)
    qtbot.addWidget(canvas)
    assert document.results is None
    assert lane(canvas, "SEP").capacity_text == "–"
    assert card(canvas, "SEP-1").effective_text == "2028: – effective"


def test_a_recycling_lane_comes_last_with_its_own_capacity(qtbot):
    plan = chain_plan(2025, 2030)
    plan.stages.append(Stage("RECYCLE", "Recycling", 6, CapacityBasis.MATERIAL))
    plan.facilities.append(facility("REC-1", "RECYCLE", 50, ramp_up_years=0, feeds_stage="METAL"))
    canvas = SupplyChainView(PlanDocument(plan))
    qtbot.addWidget(canvas)
    assert canvas.chain_scene.lanes[-1].title == "Recycling"
    assert lane(canvas, "RECYCLE").capacity_text == "50 t/yr"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_shows_its_lanes_and_present_facilities(qtbot, path):
    plan, _warnings = read_plan(path)
    document = PlanDocument(plan, path)
    canvas = SupplyChainView(document)
    qtbot.addWidget(canvas)
    result = document.scenario_result()
    assert len(canvas.chain_scene.lanes) == len(plan.stages)
    present = {f.casefold() for f in result.facilities.facility}
    shown = {key for key, item in canvas.chain_scene.cards.items() if item.opacity() == 1}
    assert shown == present
    flows = result.flows[result.flows.year == document.year]
    for stage in plan.stages:
        if stage.id.casefold() != "recycle":
            assert lane(canvas, stage.id).capacity_text == tonnes(
                flows[flows.stage == stage.id].capacity.sum()
            )


# -- dragging -----------------------------------------------------------------


def test_dragging_a_card_to_another_lane_moves_the_facility_there_in_one_undo_step(view):
    before = view.document.plan.facilities[1]
    drag(view, card(view, "SEP-1"), QPointF(layout.LANE_PITCH, 60))
    after = view.document.plan.facilities[1]
    assert after.stage == "METAL"
    assert after.x == layout.LANE_PITCH * 2 + layout.LANE_PADDING
    assert after.material == "NdPr"
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Move Desert separation to Metal"
    assert card(view, "SEP-1").x() == after.x
    view.document.undo_stack.undo()
    assert view.document.plan.facilities[1] == before
    assert card(view, "SEP-1").x() == layout.LANE_PITCH + layout.LANE_PADDING


def test_dragging_within_a_lane_only_moves_the_card(view):
    drag(view, card(view, "MINE-1"), QPointF(30, 150))
    moved = view.document.plan.facilities[0]
    assert (moved.stage, moved.x, moved.y) == ("MINE", layout.LANE_PADDING, layout.CARDS_TOP + 150)
    assert view.document.undo_stack.undoText() == "Move Mine-1"


def test_a_facility_moved_to_a_product_stage_drops_its_material(view):
    drag(view, card(view, "SEP-1"), QPointF(layout.LANE_PITCH * 2, 0))
    moved = view.document.plan.facilities[1]
    assert (moved.stage, moved.material) == ("ALLOY", "")


def test_a_mix_cannot_move_to_a_product_stage_and_the_canvas_says_why(view, qtbot):
    document = view.document
    document.push(_insert(document, "composition", CompositionShare("MINE-1", "NdPr", 0.8)))
    assert card(view, "MINE-1").capacity_text == "1,000 t/yr mix"
    start = card(view, "MINE-1").pos()
    with qtbot.waitSignal(view.message_posted) as posted:
        drag(view, card(view, "MINE-1"), QPointF(layout.LANE_PITCH * 4, 0))
    assert "cannot move to Magnet" in posted.args[0]
    assert view.notice.isVisible()
    assert document.plan.facilities[0].stage == "MINE"
    assert card(view, "MINE-1").pos() == start
    assert document.undo_stack.count() == 1  # only the composition row


# -- adding and deleting ------------------------------------------------------


def test_add_facility_puts_a_planned_new_facility_in_the_lane_and_selects_it(view):
    view.add_facility("SEP")
    new = view.document.plan.facilities[-1]
    assert (new.id, new.name, new.stage, new.status.value, new.material) == (
        "SEP-NEW",
        "New facility",
        "SEP",
        "planned",
        "NdPr",
    )
    # Separation holds two stacked cards already, so the new one takes the third slot.
    assert (new.x, new.y) == (layout.LANE_PITCH + layout.LANE_PADDING, layout.slot_y(2))
    assert view.document.undo_stack.undoText() == "Add facility to Separation"
    assert view.document.selection == ("facilities", [6])
    assert card(view, "SEP-NEW").isSelected()
    view.document.undo_stack.undo()
    assert "sep-new" not in view.chain_scene.cards
    assert len(view.document.plan.facilities) == 6


def test_the_lane_context_menu_adds_a_facility(view):
    pos = view.mapFromScene(QPointF(lane(view, "MAGNET").geometry.centre_x, 500))
    menu = view.context_menu(pos)
    qt_actions = {a.text(): a for a in menu.actions()}
    assert "Add facility to Magnet" in qt_actions
    qt_actions["Add facility to Magnet"].trigger()
    assert view.document.plan.facilities[-1].stage == "MAGNET"
    assert view.document.plan.facilities[-1].material == ""


def test_deleting_several_cards_is_one_undo_step_that_also_removes_their_links(view):
    document = view.document
    original = document.plan.copy()
    document.set_selection("facilities", [0, 1])
    view.delete_selected()
    assert [f.id for f in document.plan.facilities] == ["MET-1", "ALY-1", "MAG-1", "SEP-2"]
    assert document.plan.links == []
    assert view.chain_scene.arrows == []
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Delete 2 facilities"
    document.undo_stack.undo()
    assert document.plan.facilities == original.facilities
    assert document.plan.links == original.links
    assert len(view.chain_scene.arrows) == 1


def test_the_context_menu_deletes_the_card_under_the_cursor(view):
    pos = view.mapFromScene(card(view, "MET-1").scenePos() + QPointF(50, 40))
    menu = view.context_menu(pos)
    delete = next(a for a in menu.actions() if a.objectName() == "canvas-delete")
    assert delete.text() == "Delete Met-1"
    delete.trigger()
    assert "met-1" not in view.chain_scene.cards


# -- selection and zoom -------------------------------------------------------


def test_clicking_cards_selects_facilities_and_the_canvas_follows_the_tables(view):
    viewport = view.viewport()
    QTest.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        pos=view.mapFromScene(card(view, "MET-1").scenePos() + QPointF(50, 40)),
    )
    assert view.document.selection == ("facilities", [2])
    ctrl = Qt.KeyboardModifier.ControlModifier
    QTest.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        ctrl,
        view.mapFromScene(card(view, "MAG-1").scenePos() + QPointF(50, 40)),
    )
    assert view.document.selection == ("facilities", [2, 4])
    view.document.set_selection("facilities", [5])
    assert [c.facility_id for c in view.chain_scene.selected_cards()] == ["SEP-2"]
    view.document.set_selection("funding", [0])
    assert view.chain_scene.selected_cards() == []
    assert view.document.selection == ("funding", [0])


def test_a_rubber_band_selects_the_cards_it_covers(view):
    view.resetTransform()
    viewport = view.viewport()
    top_left = view.mapFromScene(QPointF(-10, layout.CARDS_TOP - 6))
    bottom_right = view.mapFromScene(QPointF(layout.LANE_PITCH + layout.LANE_WIDTH, layout.slot_y(2)))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, top_left)
    QTest.mouseMove(viewport, (top_left + bottom_right) / 2)
    QTest.mouseMove(viewport, bottom_right)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bottom_right)
    assert view.document.selection == ("facilities", [0, 1, 5])  # Mine-1, Desert, Coastal


def test_zoom_steps_and_fit_to_view_show_the_whole_chain(view):
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(0.8)
    view.resize(600, 400)
    view.fit_to_view()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    lanes = view.chain_scene.itemsBoundingRect()
    # Every lane across, from the top (headers in sight); the lanes scroll down.
    assert visible.left() <= lanes.left() and visible.right() >= lanes.right()
    assert visible.top() <= lanes.top() and visible.bottom() >= layout.CARDS_TOP
    view.resize(4000, 3000)
    view.fit_to_view()
    assert view.zoom() == 1.0  # never magnified beyond 100%


# -- helpers: plan edits as the tables would push them ------------------------


def _set(document, index, attr, value):
    return SetFieldCommand(document, "facilities", index, attr, value, f"Set {attr}")


def _insert(document, table, record):
    return InsertRowsCommand(document, table, len(getattr(document.plan, table)), [record], "Add row")


def _replace_plan(document, **tables):
    return ReplacePlanCommand(document, dataclasses.replace(document.plan.copy(), **tables), "Replace")


# -- details ------------------------------------------------------------------


def test_hovering_a_card_tells_its_details(view):
    text = card(view, "SEP-1").tooltip_text()
    assert "<b>Desert separation</b> (SEP-1)" in text
    assert "Separation · operating" in text
    assert "Lead agency: DOE" in text
    assert "Public funding: $150M" in text


def test_the_lane_under_a_dragged_card_lights_up_until_the_drop(view):
    scene = view.chain_scene
    desert = card(view, "SEP-1")
    viewport = view.viewport()
    start = view.mapFromScene(desert.scenePos() + QPointF(40, 12))
    end = view.mapFromScene(desert.scenePos() + QPointF(40 + layout.LANE_PITCH, 12))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, (start + end) / 2)
    QTest.mouseMove(viewport, end)
    assert [lane.drop_target for lane in scene.lanes] == [False, False, True, False, False]
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert not any(lane.drop_target for lane in scene.lanes)


def test_the_canvas_follows_a_switch_to_a_dark_palette(view):
    dark = view.palette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.Base, "#181818")):
        dark.setColor(role, QColor(colour))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    view.setPalette(dark)
    assert view.chain_scene.style.is_dark
    assert card(view, "SEP-1").style is view.chain_scene.style
    assert view.chain_scene.backgroundBrush().color().lightnessF() < 0.2

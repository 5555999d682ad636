"""Editing on the canvas with the mouse: drawing links, "Link to…", and where a dragged card lands."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.supply_chain_view import SupplyChainView
from reeplanner.gui.document import PlanDocument
from reeplanner.model import Link, Stage
from tests.builders import chain_plan, facility


def linking_document() -> PlanDocument:
    """The chain plus a second separation plant and a recycling lane."""
    plan = chain_plan(2025, 2030)
    plan.facilities.append(facility("SEP-2", "SEP", 400, name="Coastal separation"))
    plan.stages.append(Stage("RECYCLE", "Recycling", 6))
    plan.links = [Link("MINE-1", "SEP-1", "NdPr", 800.0)]
    return PlanDocument(plan)


@pytest.fixture
def view(qtbot) -> SupplyChainView:
    canvas = SupplyChainView(linking_document())
    qtbot.addWidget(canvas)
    canvas.resize(1600, 900)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def card(view: SupplyChainView, fid: str):
    return view.chain_scene.cards[fid.casefold()]


def at(view: SupplyChainView, scene_point: QPointF):
    return view.mapFromScene(scene_point)


def draw_link(view: SupplyChainView, source, end_scene: QPointF) -> None:
    """Hover the source card, press its handle, drag to ``end_scene`` and release."""
    viewport = view.viewport()
    QTest.mouseMove(viewport, at(view, source.scenePos() + QPointF(100, 40)))
    handle = view.chain_scene.gestures.link_handle
    assert handle.isVisible() and handle.card is source
    start = at(view, handle.scenePos())
    end = at(view, end_scene)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def drag_card(view: SupplyChainView, item, offset: QPointF, release: bool = True) -> None:
    viewport = view.viewport()
    start = at(view, item.scenePos() + QPointF(40, 12))
    end = at(view, item.scenePos() + QPointF(40, 12) + offset)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    if release:
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


# -- drawing links --------------------------------------------------------------------------


def test_dragging_from_a_cards_edge_to_another_card_draws_a_link_in_one_step(view):
    document = view.document
    draw_link(view, card(view, "SEP-1"), card(view, "MET-1").scenePos() + QPointF(100, 40))
    assert document.plan.links[-1] == Link("SEP-1", "MET-1", "NdPr")
    assert document.undo_stack.undoText() == "Link Sep-1 to Met-1"
    arrows = [(a.source.facility.id, a.target.facility.id) for a in view.chain_scene.arrows]
    assert arrows == [("MINE-1", "SEP-1"), ("SEP-1", "MET-1")]
    assert view.chain_scene.gestures.link_handle.draft is None  # the dashed arrow is gone
    document.undo_stack.undo()
    assert len(document.plan.links) == 1


def test_the_link_being_drawn_outlines_the_card_it_would_join(view):
    viewport = view.viewport()
    source, target = card(view, "MINE-1"), card(view, "SEP-2")
    QTest.mouseMove(viewport, at(view, source.scenePos() + QPointF(100, 40)))
    handle = view.chain_scene.gestures.link_handle
    start = at(view, handle.scenePos())
    end = at(view, target.scenePos() + QPointF(60, 30))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, (start + end) / 2)
    QTest.mouseMove(viewport, end)
    draft = handle.draft
    assert draft is not None and draft.target_rect.topLeft() == target.pos()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert view.document.plan.links[-1] == Link("MINE-1", "SEP-2", "NdPr")


def test_releasing_a_link_over_nothing_or_over_a_drawn_link_says_why(view, qtbot):
    document = view.document
    with qtbot.waitSignal(view.message_posted) as said:
        draw_link(view, card(view, "SEP-1"), QPointF(layout.LANE_PITCH * 2 + 100, 800))
    assert said.args == ["No link drawn: release the link over another facility's card."]
    with qtbot.waitSignal(view.message_posted) as said:
        draw_link(view, card(view, "MINE-1"), card(view, "SEP-1").scenePos() + QPointF(100, 40))
    assert said.args == ["Mine-1 already supplies Sep-1: that link is drawn."]
    assert view.notice.isVisible()
    assert len(document.plan.links) == 1
    assert document.undo_stack.count() == 0


def test_link_to_in_a_cards_menu_offers_the_next_stage_first_and_links_the_one_chosen(view, qtbot):
    sep = card(view, "SEP-1")
    menu = view.context_menu(at(view, sep.scenePos() + QPointF(100, 40)))
    actions = {a.objectName(): a for a in menu.actions()}
    actions["canvas-link-to"].trigger()
    dialog = view.findChild(QDialog, "link-to-dialog")
    assert dialog is not None and dialog.isVisible()
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0] == "MET-1 — Met-1 · Metal"  # the next stage first
    assert "SEP-1 — Sep-1 · Separation" not in texts  # not itself
    qtbot.keyClicks(dialog.filter, "coastal")
    assert dialog.chosen().id == "SEP-2"
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Backspace)
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "alloy")
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert view.document.plan.links[-1] == Link("SEP-1", "ALY-1", "NdPr")
    assert view.document.undo_stack.undoText() == "Link Sep-1 to Aly-1"


# -- dragging cards between lanes --------------------------------------------------------------


def test_a_card_dragged_over_another_lane_lights_it_and_says_it_joins_that_stage(view):
    scene = view.chain_scene
    drag_card(view, card(view, "SEP-1"), QPointF(layout.LANE_PITCH, 40), release=False)
    hint = scene.gestures.drop_hint
    assert hint.isVisible() and hint.text == "Joins Metal"
    assert hint.lane_rect.left() == layout.lane_geometry(2).left
    assert [lane.drop_target for lane in scene.lanes] == [False, False, True, False, False, False]
    end = at(view, card(view, "SEP-1").scenePos() + QPointF(40, 12))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert not hint.isVisible() and hint.text == ""
    assert view.document.plan.facilities[1].stage == "METAL"


def test_a_small_sideways_drift_stays_in_the_lane_and_says_so(view):
    document = view.document
    drag_card(view, card(view, "SEP-1"), QPointF(170, 120), release=False)  # past its lane's edge
    hint = view.chain_scene.gestures.drop_hint
    assert hint.text == "Stays in Separation"
    assert hint.lane_rect.isNull()  # no lane lit
    end = at(view, card(view, "SEP-1").scenePos() + QPointF(40, 12))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    moved = document.plan.facilities[1]
    assert moved.stage == "SEP"
    assert moved.x == layout.lane_geometry(1).card_x  # back in its column, at the new height
    assert document.undo_stack.undoText() == "Move Sep-1"


def test_moving_a_card_onto_recycle_asks_for_the_stage_it_feeds_in_a_notice(view, qtbot):
    document = view.document
    with qtbot.waitSignal(document.notice_posted) as said:
        drag_card(view, card(view, "MET-1"), QPointF(layout.LANE_PITCH * 3, 0))
    moved = document.plan.facilities[2]
    assert (moved.stage, moved.feeds_stage, moved.material) == ("RECYCLE", "METAL", "NdPr")
    assert said.args == ["Met-1 feeds Metal, the stage it left; change its Feeds stage if it feeds another."]


def test_a_card_moved_by_the_table_and_by_the_canvas_ends_up_alike(view, qtbot):
    document = view.document
    drag_card(view, card(view, "SEP-2"), QPointF(layout.LANE_PITCH * 3, 0))  # to Magnet
    by_canvas = document.plan.facilities[5]
    document.undo_stack.undo()
    from reeplanner.gui.tables.plan_tables import PlanTables

    tables = PlanTables(document)
    qtbot.addWidget(tables)
    model = tables.pages["facilities"].model
    model.setData(model.index(5, model.column_index("Stage")), "MAGNET")
    by_table = document.plan.facilities[5]
    assert dataclasses.replace(by_table, x=by_canvas.x, y=by_canvas.y) == by_canvas
    assert (by_table.stage, by_table.material) == ("MAGNET", "")


@pytest.mark.parametrize(
    ("moved", "lands_in"),
    [
        (0.0, 1),  # its own lane
        (130.0, 1),  # the gap after its lane
        (170.0, 1),  # just over the next lane's edge: a drift
        (layout.LANE_PITCH - layout.LANE_WIDTH / 4, 2),  # a quarter of a lane past the edge: joins
        (layout.LANE_PITCH + 100.0, 2),  # overshot into the far side of the next lane: still joins
        (-170.0, 1),  # just over the previous lane's edge
        (-layout.LANE_PITCH, 0),
    ],
)
def test_where_a_dragged_card_lands_by_how_far_its_centre_went(moved, lands_in):
    centre = layout.lane_geometry(1).centre_x + moved
    assert layout.landing_lane(centre, 1, 5) == lands_in

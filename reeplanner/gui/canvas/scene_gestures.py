"""What the pointer does on the canvas: dragging cards between lanes and drawing links.

A card dragged sideways joins another lane only once its centre is well
inside it (``canvas_layout.landing_lane``); meanwhile the lane it would join
is lit and a label says "Joins Metal", or "Stays in Separation" when it has
only drifted. Dropped, the cards become one command, or go back with the
sentence why (a mix cannot go to a product stage). A link is drawn by
dragging the handle on a card's edge to another card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.canvas_commands import CardMove, link_command, move_command
from reeplanner.gui.canvas.drop_hint_item import DropHintItem
from reeplanner.gui.canvas.facility_card_item import FacilityCardItem
from reeplanner.gui.canvas.lane_item import LaneItem
from reeplanner.gui.canvas.link_handle_item import LinkHandleItem
from reeplanner.model.edits import EditRefused
from reeplanner.model.ids import id_key
from reeplanner.model.records import Facility

if TYPE_CHECKING:
    from reeplanner.gui.canvas.supply_chain_scene import SupplyChainScene


class SceneGestures:
    """The scene's pointer gestures; the scene hands it its mouse events after its own handling."""

    def __init__(self, scene: SupplyChainScene) -> None:
        self.scene = scene
        self._press_positions: dict[FacilityCardItem, QPointF] = {}
        self.link_handle: LinkHandleItem | None = None
        self.drop_hint: DropHintItem | None = None

    def add_overlays(self) -> None:
        """Put the link handle and the drop hint in the scene (again after the scene was cleared)."""
        self._press_positions = {}
        scene = self.scene
        self.link_handle = LinkHandleItem(scene.style, scene.card_at, self._on_link_drawn)
        self.drop_hint = DropHintItem(scene.style)
        scene.addItem(self.link_handle)
        scene.addItem(self.drop_hint)
        scene.addItem(self.drop_hint.label)

    def overlays(self) -> list[QGraphicsItem]:
        hint = self.drop_hint
        return [i for i in (self.link_handle, hint, hint and hint.label) if i is not None]

    def forget(self, card: FacilityCardItem) -> None:
        """``card`` leaves the scene."""
        self._press_positions.pop(card, None)
        if self.link_handle is not None and self.link_handle.card is card:
            self.link_handle.attach(None)

    # -- the mouse -------------------------------------------------------------

    def pressed(self) -> None:
        scene = self.scene
        if self.link_handle is not None and scene.mouseGrabberItem() is not self.link_handle:
            self.link_handle.attach(None)
        self._press_positions = {card: card.pos() for card in scene.selected_cards()}

    def moved(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene
        grabbed = scene.mouseGrabberItem()
        handle = self.link_handle
        if grabbed is None and not event.buttons():  # hovering: the handle of the card under the pointer
            if handle is not None and not handle.isUnderMouse():
                handle.attach(scene.card_at(event.scenePos()))
        elif isinstance(grabbed, FacilityCardItem) and grabbed in self._press_positions:
            scene._follow_cards(self._press_positions)
            self._show_drop(grabbed)

    def released(self) -> None:
        for lane in self.scene.lanes:
            lane.set_drop_target(False)
        if self.drop_hint is not None:
            self.drop_hint.hide_drop()
        moved = [card for card, start in self._press_positions.items() if card.pos() != start]
        starts, self._press_positions = self._press_positions, {}
        if moved:
            self.drop_cards(moved, starts)

    # -- dragging cards ----------------------------------------------------------

    def landing_lane(self, card: FacilityCardItem) -> LaneItem | None:
        """The lane ``card`` would join if dropped where it is (its own, unless well inside another)."""
        lanes = self.scene.lanes
        if not lanes:
            return None
        own = self._own_lane(card) or lanes[-1]
        index = layout.landing_lane(card.x() + layout.CARD_WIDTH / 2, lanes.index(own), len(lanes))
        return lanes[index]

    def _own_lane(self, card: FacilityCardItem) -> LaneItem | None:
        stage = id_key(card.facility.stage)
        return next((lane for lane in self.scene.lanes if id_key(lane.stage_id) == stage), None)

    def _show_drop(self, card: FacilityCardItem) -> None:
        """Light the lane the card would join and say so; say it stays when it only drifted sideways."""
        own = self._own_lane(card)
        target = self.landing_lane(card)
        joining = target is not None and target is not own
        for lane in self.scene.lanes:
            lane.set_drop_target(joining and lane is target)
        hint = self.drop_hint
        if hint is None:
            return
        centre = card.x() + layout.CARD_WIDTH / 2
        inside_own = own is not None and own.geometry.left <= centre <= own.geometry.left + layout.LANE_WIDTH
        if joining and target is not None:
            rect = QRectF(target.geometry.left, 0, layout.LANE_WIDTH, target.height)
            hint.show_drop(rect, f"Joins {target.title}", card.pos())
        elif own is not None and not inside_own:
            hint.show_drop(None, f"Stays in {own.title}", card.pos())
        else:
            hint.hide_drop()

    def drop_cards(self, cards: list[FacilityCardItem], starts: dict[FacilityCardItem, QPointF]) -> None:
        """Turn cards dragged to their current place into one command (or put them back, saying why)."""
        scene = self.scene
        moves = []
        for card in cards:
            lane = self.landing_lane(card)
            geometry = lane.geometry if lane else layout.lane_geometry(0)
            moves.append(
                CardMove(card.index, geometry.card_x, layout.snapped_y(card.y()), lane and lane.stage)
            )
        try:
            command = move_command(scene.document, moves)
        except EditRefused as refusal:
            command = None
            scene.move_refused.emit(str(refusal))
        if command is None:
            for card in cards:
                card.setPos(starts[card])
            scene._follow_cards(cards)
            return
        scene.document.push(command)
        scene.document.post_notes(command.edit.notes)

    # -- drawing links -------------------------------------------------------------

    def _on_link_drawn(self, source: FacilityCardItem, target: FacilityCardItem | None) -> None:
        if target is None:
            self.scene.move_refused.emit("No link drawn: release the link over another facility's card.")
            return
        self.link_facilities(source.facility, target.facility)

    def link_facilities(self, source: Facility, target: Facility) -> bool:
        """Add a link from ``source`` to ``target`` (one undo step); False, saying why, when refused."""
        scene = self.scene
        try:
            command = link_command(scene.document, source, target)
        except EditRefused as refusal:
            scene.move_refused.emit(str(refusal))
            return False
        scene.document.push(command)
        return True

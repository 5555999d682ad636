"""The canvas's scene: lanes, cards and arrows kept in step with the document.

Cheap updates: a change to Facilities touches only the cards whose record
changed (records are immutable, so an identity check finds them); new
results, a year or a scenario switch only rewrite texts. Stages, materials or
a whole new plan rebuild everything.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.canvas_commands import CardMove, MoveRefused, move_command
from reeplanner.gui.canvas.canvas_figures import CanvasFigures, canvas_figures
from reeplanner.gui.canvas.canvas_style import CanvasStyle
from reeplanner.gui.canvas.facility_card_item import FacilityCardItem
from reeplanner.gui.canvas.lane_item import LaneItem
from reeplanner.gui.canvas.link_arrow_item import LinkArrowItem
from reeplanner.gui.document import PlanDocument
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.records import Facility, Stage

MARGIN = 24.0
REBUILD_TABLES = {"*", "stages", "materials"}


class SupplyChainScene(QGraphicsScene):
    move_refused = Signal(str)  # why a drop was not turned into an edit

    def __init__(self, document: PlanDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.style = CanvasStyle.from_palette()
        self.lanes: list[LaneItem] = []
        self.cards: dict[str, FacilityCardItem] = {}  # by facility ID key
        self.arrows: list[LinkArrowItem] = []
        self.figures = CanvasFigures(document.year)
        self._lane_by_stage: dict[str, LaneItem] = {}
        self._press_positions: dict[FacilityCardItem, QPointF] = {}
        self._syncing_selection = False
        self.setBackgroundBrush(self.style.background)
        self.selectionChanged.connect(self._on_scene_selection_changed)
        document.plan_changed.connect(self._on_document_plan_changed)
        document.results_changed.connect(self.refresh_figures)
        document.year_changed.connect(self.refresh_figures)
        document.scenario_changed.connect(self.refresh_figures)
        document.selection_changed.connect(self._on_document_selection_changed)
        self.rebuild()

    # -- building -------------------------------------------------------

    def rebuild(self) -> None:
        """Throw every item away and draw the plan afresh."""
        self._press_positions.clear()
        self._syncing_selection = True
        self.clear()
        self._syncing_selection = False
        self.lanes, self.cards, self.arrows = [], {}, []
        plan = self.document.plan
        stages = layout.lane_stages(plan.stages)
        for i, stage in enumerate(stages):
            self._add_lane(stage, i)
        known = {id_key(s.id) for s in stages}
        if any(id_key(f.stage) not in known for f in plan.facilities):
            self._add_lane(None, len(stages))
        positions = layout.card_positions(plan.stages, plan.facilities)
        for index, fac in enumerate(plan.facilities):
            card = FacilityCardItem(fac, index, self.style)
            card.setPos(*positions[id_key(fac.id)])
            self.cards[id_key(fac.id)] = card
            self.addItem(card)
        self._label_cards(range(len(plan.facilities)))
        self._rebuild_arrows()
        self.refresh_figures()
        self._fit_lanes()
        self._on_document_selection_changed(*self.document.selection)

    def _add_lane(self, stage: Stage | None, index: int) -> None:
        lane = LaneItem(stage, layout.lane_geometry(index), layout.lane_height(()), self.style)
        self.lanes.append(lane)
        self._lane_by_stage[id_key(stage.id) if stage else ""] = lane
        self.addItem(lane)

    def _label_cards(self, indexes) -> None:
        plan = self.document.plan
        mixed = {id_key(c.facility) for c in plan.composition}
        stages = {id_key(s.id): s for s in plan.stages}
        for index in indexes:
            fac = plan.facilities[index]
            stage = stages.get(id_key(fac.stage))
            if id_key(fac.id) in mixed:
                material = "mix"
            elif stage is not None and stage.basis is CapacityBasis.PRODUCT:
                material = ""
            else:
                material = fac.material
            stage_name = (stage.name or stage.id) if stage else f"{fac.stage} (unknown stage)"
            self.cards[id_key(fac.id)].set_facility(fac, index, material, stage_name)

    def _rebuild_arrows(self) -> None:
        for arrow in self.arrows:
            arrow.detach()
            self.removeItem(arrow)
        self.arrows = []
        for link in self.document.plan.links:
            source = self.cards.get(id_key(link.from_facility))
            target = self.cards.get(id_key(link.to_facility))
            if source is None or target is None or source is target:
                continue
            arrow = LinkArrowItem(link, source, target, self.style)
            self.arrows.append(arrow)
            self.addItem(arrow)

    def _fit_lanes(self) -> None:
        height = layout.lane_height(card.y() for card in self.cards.values())
        for lane in self.lanes:
            lane.set_height(height)
        width = len(self.lanes) * layout.LANE_PITCH - layout.LANE_GAP
        self.setSceneRect(QRectF(-MARGIN, -MARGIN, width + 2 * MARGIN, height + 2 * MARGIN))

    def set_style(self, style: CanvasStyle) -> None:
        """Repaint every item in new colours (the application switched light/dark palette)."""
        self.style = style
        self.setBackgroundBrush(style.background)
        for item in [*self.lanes, *self.cards.values(), *self.arrows]:
            item.style = style
            item.update()

    # -- keeping up with the document -----------------------------------

    def _on_document_plan_changed(self, table: str) -> None:
        if table in REBUILD_TABLES:
            self.rebuild()
        elif table == "facilities":
            self.sync_facilities()
        elif table == "links":
            self._rebuild_arrows()
        elif table == "composition":
            self._label_cards(range(len(self.document.plan.facilities)))
        elif table == "plan":
            self.refresh_figures()

    def sync_facilities(self) -> None:
        """Bring the cards in line with the Facilities table, touching only what changed."""
        plan = self.document.plan
        keys = [id_key(f.id) for f in plan.facilities]
        stale = set(self.cards) - set(keys)
        if len(set(keys)) != len(keys) or any(not self._has_lane(f) for f in plan.facilities):
            self.rebuild()  # a duplicate ID or a new unknown stage: rare, start over
            return
        for key in stale:
            card = self.cards.pop(key)
            for arrow in list(card.arrows):
                arrow.detach()
                self.arrows.remove(arrow)
                self.removeItem(arrow)
            self.removeItem(card)
        changed = [i for i, f in enumerate(plan.facilities) if self._card_record(f) is not f]
        changed += [i for i, key in enumerate(keys) if key in self.cards and self.cards[key].index != i]
        if not changed and not stale:
            return
        positions = layout.card_positions(plan.stages, plan.facilities) if changed else {}
        created = False
        for index in sorted(set(changed)):
            fac = plan.facilities[index]
            card = self.cards.get(keys[index])
            if card is None:
                card = self.cards[keys[index]] = FacilityCardItem(fac, index, self.style)
                self.addItem(card)
                created = True
            card.setPos(*positions[keys[index]])
            card.set_figures(
                self.figures.facility(fac.id), self.figures.is_present(fac.id), *self._year_money()
            )
        self._label_cards(sorted(set(changed)))
        if stale or created:
            self._rebuild_arrows()
        else:
            for index in set(changed):
                for arrow in self.cards[keys[index]].arrows:
                    arrow.update_geometry()
        self._fit_lanes()

    def _card_record(self, fac: Facility) -> Facility | None:
        card = self.cards.get(id_key(fac.id))
        return card.facility if card else None

    def _has_lane(self, fac: Facility) -> bool:
        return id_key(fac.stage) in self._lane_by_stage

    def _year_money(self) -> tuple[int, str]:
        return self.document.year, self.document.plan.currency

    def refresh_figures(self, *_args) -> None:
        """Rewrite header and card texts from the latest results, year and scenario."""
        plan = self.document.plan
        self.figures = canvas_figures(
            self.document.scenario_result(), self.document.year, [m.id for m in plan.materials]
        )
        for lane in self.lanes:
            lane.set_figures(self.figures.lane(lane.stage_id), self.document.year)
        year, currency = self._year_money()
        for card in self.cards.values():
            fid = card.facility_id
            card.set_figures(self.figures.facility(fid), self.figures.is_present(fid), year, currency)
        for arrow in self.arrows:
            arrow.update_geometry()

    # -- selection ------------------------------------------------------

    def selected_cards(self) -> list[FacilityCardItem]:
        return [item for item in self.selectedItems() if isinstance(item, FacilityCardItem)]

    def _on_scene_selection_changed(self) -> None:
        if self._syncing_selection:
            return
        self.document.set_selection("facilities", sorted(card.index for card in self.selected_cards()))

    def _on_document_selection_changed(self, table: str, indexes: list[int]) -> None:
        wanted = set(indexes) if table == "facilities" else set()
        self._syncing_selection = True
        try:
            for card in self.cards.values():
                card.setSelected(card.index in wanted)
        finally:
            self._syncing_selection = False

    # -- dragging -------------------------------------------------------

    def lane_at(self, x: float) -> LaneItem | None:
        if not self.lanes:
            return None
        return self.lanes[layout.lane_index_at(x, len(self.lanes))]

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._press_positions = {card: card.pos() for card in self.selected_cards()}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        grabbed = self.mouseGrabberItem()
        if isinstance(grabbed, FacilityCardItem) and grabbed in self._press_positions:
            target = self.lane_at(grabbed.x() + layout.CARD_WIDTH / 2)
            for lane in self.lanes:
                lane.set_drop_target(lane is target)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        for lane in self.lanes:
            lane.set_drop_target(False)
        moved = [card for card, start in self._press_positions.items() if card.pos() != start]
        starts, self._press_positions = self._press_positions, {}
        if moved:
            self.drop_cards(moved, starts)

    def drop_cards(self, cards: list[FacilityCardItem], starts: dict[FacilityCardItem, QPointF]) -> None:
        """Turn cards dragged to their current place into one command (or put them back)."""
        moves = []
        for card in cards:
            lane = self.lane_at(card.x() + layout.CARD_WIDTH / 2)
            geometry = lane.geometry if lane else layout.lane_geometry(0)
            moves.append(
                CardMove(card.index, geometry.card_x, layout.snapped_y(card.y()), lane and lane.stage)
            )
        try:
            command = move_command(self.document, moves)
        except MoveRefused as refusal:
            command = None
            self.move_refused.emit(str(refusal))
        if command is None:
            for card in cards:
                card.setPos(starts[card])
            return
        self.document.push(command)

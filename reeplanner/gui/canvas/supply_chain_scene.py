"""The canvas's scene: lanes, cards and arrows kept in step with the document.

Cheap updates: a change to Facilities touches only the cards whose record
changed (records are immutable, so an identity check finds them); new
results, a year or a scenario switch only rewrite texts (and nothing at all
when they are those on show). Stages, materials or a whole new plan rebuild
everything; a large plan's cards then arrive in chunks, top of every lane
first, so the window stays responsive while 10,000 cards are made.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.canvas_figures import CanvasFigures, changed_keys
from reeplanner.gui.canvas.canvas_style import CanvasStyle
from reeplanner.gui.canvas.card_builder import CardBuilder
from reeplanner.gui.canvas.facility_card_item import CardDisplay, FacilityCardItem
from reeplanner.gui.canvas.figure_reader import FigureReader, Source
from reeplanner.gui.canvas.lane_item import LaneItem
from reeplanner.gui.canvas.link_arrow_item import LinkArrowItem
from reeplanner.gui.canvas.pending_cards import PendingCards, Sight
from reeplanner.gui.canvas.scene_gestures import SceneGestures
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.tonnage import TONNES
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.records import Facility, Stage

MARGIN = 24.0
REBUILD_TABLES = {"*", "stages", "materials"}


class SupplyChainScene(QGraphicsScene):
    move_refused = Signal(str)  # why a drop or a link drawn was not turned into an edit (see SceneGestures)
    stage_selected = Signal(str)  # a lane's header was clicked: the stage is selected

    def __init__(self, document: PlanDocument, parent=None, units: str = TONNES) -> None:
        super().__init__(parent)
        self.document = document
        self.style = CanvasStyle.from_palette()
        self.display = CardDisplay(self.style, document.year, document.plan.currency, units)
        self.lanes: list[LaneItem] = []
        self.cards: dict[str, FacilityCardItem] = {}  # by facility ID key
        self.arrows: list[LinkArrowItem] = []
        self.figures = CanvasFigures(document.year)
        self._lane_by_stage: dict[str, LaneItem] = {}
        self.gestures = SceneGestures(self)
        self._syncing_selection = False
        self._labels = self._card_labels()
        self._facilities_placed: list[Facility] = []  # the Facilities rows the cards being made show
        self.builder = CardBuilder(self._add_cards, self._finish_build, self._sights, self)
        self.reader = FigureReader(self._show_figures, self)
        self.setBackgroundBrush(self.style.background)
        self.selectionChanged.connect(self._on_scene_selection_changed)
        document.plan_changed.connect(self._on_document_plan_changed)
        document.results_changed.connect(self.refresh_figures)
        document.results_changed.connect(self._on_document_results_changed)
        document.year_changed.connect(self.refresh_figures)
        document.scenario_changed.connect(self.refresh_figures)
        document.selection_changed.connect(self._on_document_selection_changed)
        document.selection_changed.connect(self._mark_selected_stage)
        self.rebuild()

    @property
    def units(self) -> str:
        return self.display.units

    # -- building -------------------------------------------------------

    def rebuild(self) -> None:
        """Throw every item away and draw the plan afresh.

        A large plan's cards are made in chunks, those in sight first (see
        ``CardBuilder``); ``building`` is true meanwhile, and anything that
        needs every card calls ``finish_building``.
        """
        self.builder.stop()
        self._syncing_selection = True
        self.clear()
        self._syncing_selection = False
        self.gestures.add_overlays()
        self.lanes, self.cards, self.arrows = [], {}, []
        self._lane_by_stage = {}
        plan = self.document.plan
        stages = layout.lane_stages(plan.stages)
        for i, stage in enumerate(stages):
            self._add_lane(stage, i)
        known = {id_key(s.id) for s in stages}
        if any(id_key(f.stage) not in known for f in plan.facilities):
            self._add_lane(None, len(stages))
        self.reader.forget()
        self.refresh_figures()
        self._mark_selected_stage(*self.document.selection)
        self._labels = self._card_labels()
        self._fit_lanes([layout.lowest_card_y(plan.stages, plan.facilities) or 0.0])
        stages, self._facilities_placed = plan.stages, plan.facilities
        self.builder.start(
            len(plan.facilities),
            lambda: layout.card_places(stages, self._facilities_placed),
            awaiting_results=self.document.results is None,
        )

    @property
    def building(self) -> bool:
        """Cards of a large plan are still being made."""
        return self.builder.building

    @property
    def settling(self) -> bool:
        """Cards in sight are still being made, or new figures read (a large plan)."""
        return self.reader.reading or self.builder.in_sight()

    def build_soon(self) -> None:
        """Make the cards now in sight next (the view scrolled or zoomed while cards are pending)."""
        self.builder.soon()

    def finish_building(self) -> None:
        """Make every card still waiting, and show the latest figures, now."""
        self.reader.finish()
        self.builder.finish()

    def _sights(self) -> list[Sight]:
        """What the views show, in scene coordinates."""
        sights = []
        for view in self.views():
            if view.isVisible():
                rect = view.mapToScene(view.viewport().rect()).boundingRect()
                sights.append((rect.left(), rect.top(), rect.right(), rect.bottom()))
        return sights

    def _add_cards(self, rows: list[int], places: PendingCards) -> None:
        facilities, xs, ys = self._facilities_placed, places.xs, places.ys
        display, cards, labels, add = self.display, self.cards, self._labels, self.addItem
        figures_of, present = self.figures.facility_by_key, self.figures.is_present_key
        for row in rows:
            fac = facilities[row]
            key = id_key(fac.id)
            card = FacilityCardItem(fac, row, display, *labels(fac))
            card.key = key
            card.setPos(xs[row], ys[row])
            card.set_figures(figures_of(key), present(key))
            cards[key] = card
            add(card)
        table, indexes = self.document.selection
        if table == "facilities" and indexes:  # cards made after the selection was
            self._on_document_selection_changed(table, indexes)

    def _finish_build(self) -> None:
        self._rebuild_arrows()
        self._fit_lanes()

    def _add_lane(self, stage: Stage | None, index: int) -> None:
        lane = LaneItem(stage, layout.lane_geometry(index), layout.lane_height(()), self.style, self.units)
        self.lanes.append(lane)
        self._lane_by_stage[id_key(stage.id) if stage else ""] = lane
        self.addItem(lane)

    def _card_labels(self):
        """A function giving a facility's (material label, stage name) as its card shows them."""
        plan = self.document.plan
        mixed = {id_key(c.facility) for c in plan.composition}
        stages = {id_key(s.id): s for s in plan.stages}

        def labels(fac: Facility) -> tuple[str, str]:
            stage = stages.get(id_key(fac.stage))
            if id_key(fac.id) in mixed:
                material = "mix"
            elif stage is not None and stage.basis is CapacityBasis.PRODUCT:
                material = ""
            else:
                material = fac.material
            stage_name = (stage.name or stage.id) if stage else f"{fac.stage} (unknown stage)"
            return material, stage_name

        return labels

    def _label_cards(self, indexes) -> None:
        facilities = self.document.plan.facilities
        labels = self._card_labels()
        for index in indexes:
            fac = facilities[index]
            self.cards[id_key(fac.id)].set_facility(fac, index, *labels(fac))

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
            arrow = LinkArrowItem(link, source, target, self.style, self.units)
            self.arrows.append(arrow)
            self.addItem(arrow)

    def _fit_lanes(self, card_ys: Iterable[float] | None = None) -> None:
        if card_ys is None:
            card_ys = (card.y() for card in self.cards.values())
        height = layout.lane_height(card_ys)
        for lane in self.lanes:
            lane.set_height(height)
        width = len(self.lanes) * layout.LANE_PITCH - layout.LANE_GAP
        self.setSceneRect(QRectF(-MARGIN, -MARGIN, width + 2 * MARGIN, height + 2 * MARGIN))

    def set_style(self, style: CanvasStyle) -> None:
        """Repaint every item in new colours (the application switched light/dark palette)."""
        self.style = self.display.style = style
        self.display.changed()
        self.setBackgroundBrush(style.background)
        for item in [*self.lanes, *self.arrows, *self.gestures.overlays()]:
            item.style = style
            item.update()
        self.update()

    def set_units(self, units: str) -> None:
        """Write every figure in tonnes or kilotonnes (a ``UnitsDisplay`` value); no rebuild."""
        if units == self.display.units:
            return
        self.display.units = units
        self.display.changed()
        for lane in self.lanes:
            lane.set_units(units)
        for arrow in self.arrows:
            arrow.set_units(units)
        self.update()

    # -- keeping up with the document -----------------------------------

    def _on_document_plan_changed(self, table: str) -> None:
        if table in REBUILD_TABLES:
            self.rebuild()
            return
        self.finish_building()  # then bring every card up to date
        if table == "facilities":
            self.sync_facilities()
        elif table == "links":
            self._rebuild_arrows()
        elif table == "composition":
            self._label_cards(range(len(self.document.plan.facilities)))
        elif table == "plan":
            self.reader.forget()
            self.refresh_figures()

    def sync_facilities(self) -> None:
        """Bring the cards in line with the Facilities table, touching only what changed."""
        plan = self.document.plan
        keys = [id_key(f.id) for f in plan.facilities]
        cards = self.cards
        stale = set(cards).difference(keys)
        if len(set(keys)) != len(keys) or any(not self._has_lane(f) for f in plan.facilities):
            self.rebuild()  # a duplicate ID or a new unknown stage: rare, start over
            return
        self._syncing_selection = True  # a renamed facility's card is made anew: its selection follows
        try:
            self._drop_cards_of(stale)
        finally:
            self._syncing_selection = False
        changed = set()
        placing = bool(stale)  # cards may move: a card went, came, or changed lane or place
        for i, (fac, key) in enumerate(zip(plan.facilities, keys, strict=True)):
            card = cards.get(key)
            if card is None or card.facility is not fac or card.index != i:
                changed.add(i)
                placing = placing or card is None or _placed_differently(card.facility, fac)
        if not changed and not stale:
            return
        positions = layout.card_positions(plan.stages, plan.facilities) if placing else {}
        labels = self._card_labels()
        created = False
        moved = []
        for index in sorted(changed):
            fac, key = plan.facilities[index], keys[index]
            card = cards.get(key)
            if card is None:
                card = cards[key] = FacilityCardItem(fac, index, self.display, *labels(fac))
                card.key = key
                self.addItem(card)
                created = True
            else:
                card.set_facility(fac, index, *labels(fac))
            card.set_figures(self.figures.facility(fac.id), self.figures.is_present(fac.id))
        for key, (x, y) in positions.items():
            card = cards[key]
            if card.pos() != QPointF(x, y):
                card.setPos(x, y)  # also cards stacked after one that went or came
                moved.append(card)
        if stale or created:
            self._rebuild_arrows()
        else:
            self._follow_cards(moved)
        if placing:
            self._fit_lanes()
        if stale or created:
            self._on_document_selection_changed(*self.document.selection)

    def _drop_cards_of(self, keys: Iterable[str]) -> None:
        for key in keys:
            card = self.cards.pop(key)
            self.gestures.forget(card)
            for arrow in list(card.arrows):
                arrow.detach()
                self.arrows.remove(arrow)
                self.removeItem(arrow)
            self.removeItem(card)

    def _follow_cards(self, cards: Iterable[FacilityCardItem]) -> None:
        """Redraw the arrows of cards that moved."""
        for arrow in {arrow for card in cards for arrow in card.arrows}:
            arrow.update_geometry()

    def _has_lane(self, fac: Facility) -> bool:
        return id_key(fac.stage) in self._lane_by_stage

    def refresh_figures(self, *_args) -> None:
        """Rewrite header and card texts from the latest results, year and scenario (see ``FigureReader``)."""
        document, plan = self.document, self.document.plan
        source = (
            document.scenario_result(),
            document.year,
            plan.currency,
            tuple(m.id for m in plan.materials),
        )
        self.reader.read(source, len(plan.facilities))

    def _on_document_results_changed(self) -> None:
        if self.document.results is None:  # the plan has errors: no figures to wait for
            self.builder.results_arrived()

    def _show_figures(self, figures: CanvasFigures, source: Source) -> None:
        result, year, currency, _materials = source
        previous, self.figures = self.figures, figures
        display = self.display
        if (display.year, display.currency) != (year, currency):
            display.year, display.currency = year, currency
            display.changed()
            self.update()
        for lane in self.lanes:
            lane.set_figures(figures.lane(lane.stage_id), year)
        figures_of, present = figures.facility_by_key, figures.is_present_key
        changed = changed_keys(previous, figures)  # None: every card (other facilities)
        for key in self.cards if changed is None else changed:
            card = self.cards.get(key)
            if card is not None:  # only the cards whose figures changed (most keep theirs after an edit)
                card.set_figures(figures_of(key), present(key))
        for arrow in self.arrows:
            arrow.update_geometry()
        if result is not None:
            self.builder.results_arrived()  # figures first, then the cards out of sight

    # -- selection ------------------------------------------------------

    def select_stage(self, stage_id: str) -> None:
        """Select the stage (a lane header was clicked): its row in Stages, for the inspector and tables."""
        stages = self.document.plan.stages
        row = next((i for i, s in enumerate(stages) if id_key(s.id) == id_key(stage_id)), None)
        if row is not None:
            self.document.set_selection("stages", [row])
            self.stage_selected.emit(stages[row].id)

    def _mark_selected_stage(self, table: str, indexes: list[int]) -> None:
        """The selected stage's lane is drawn highlighted (the stage was picked here, in a table or a chart)."""
        stages = self.document.plan.stages
        chosen = {id_key(stages[i].id) for i in indexes if i < len(stages)} if table == "stages" else set()
        for lane in self.lanes:
            lane.set_selected(lane.stage is not None and id_key(lane.stage.id) in chosen)

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
            for card in self.selected_cards():
                if card.index not in wanted:
                    card.setSelected(False)
            facilities = self.document.plan.facilities
            for index in wanted:
                card = self.cards.get(id_key(facilities[index].id)) if index < len(facilities) else None
                if card is not None and card.index == index and not card.isSelected():
                    card.setSelected(True)
        finally:
            self._syncing_selection = False

    # -- dragging cards and drawing links -------------------------------

    def lane_at(self, x: float) -> LaneItem | None:
        if not self.lanes:
            return None
        return self.lanes[layout.lane_index_at(x, len(self.lanes))]

    def card_at(self, pos: QPointF) -> FacilityCardItem | None:
        """The card at scene ``pos`` (the topmost), or None."""
        return next((i for i in self.items(pos) if isinstance(i, FacilityCardItem)), None)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self.gestures.pressed()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self.gestures.moved(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.gestures.released()


def _placed_differently(before: Facility, after: Facility) -> bool:
    """Could the edit from ``before`` to ``after`` move a card (its lane, or its stored place)?"""
    return (before.stage, before.x, before.y) != (after.stage, after.x, after.y)

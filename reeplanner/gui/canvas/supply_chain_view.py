"""The supply-chain canvas widget: the scene in a zoomable view, with add, delete and fit.

Zoom: Ctrl+wheel zooms around the cursor; the plain wheel scrolls, as in a
document, so planners can run down a long lane without changing scale.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QLabel, QMenu, QWidget

from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.canvas_commands import add_facility_command
from reeplanner.gui.canvas.canvas_style import CanvasStyle
from reeplanner.gui.canvas.facility_card_item import FacilityCardItem
from reeplanner.gui.canvas.lane_item import LaneItem
from reeplanner.gui.canvas.link_to_dialog import LinkToDialog
from reeplanner.gui.canvas.status_legend import StatusLegend
from reeplanner.gui.canvas.supply_chain_scene import SupplyChainScene
from reeplanner.gui.commands import delete_facilities
from reeplanner.gui.document import PlanDocument
from reeplanner.model.ids import id_key
from reeplanner.model.records import Facility

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.15, 4.0
NOTICE_MS = 6000


class SupplyChainView(QGraphicsView):
    message_posted = Signal(str)  # a sentence for the status bar (e.g. why a drop was refused)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supply-chain-canvas")
        self.document = document
        self.chain_scene = SupplyChainScene(document, self)
        self.setScene(self.chain_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.legend = StatusLegend(self.chain_scene.style, self)
        self._reserve_legend_strip()
        self.notice = QLabel(self)
        self.notice.setObjectName("canvas-notice")
        self.notice.setWordWrap(True)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setAutoFillBackground(True)
        self.notice.setMargin(8)
        self.notice.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)
        self.chain_scene.move_refused.connect(self.show_notice)

    # -- the agreed actions ---------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP, anchor_under_mouse=False)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP, anchor_under_mouse=False)

    def fit_to_view(self) -> None:
        """Fit the chain across the width the canvas has, from the top, never beyond 100%.

        Every lane is in sight and the text stays readable (the fonts are sized for the width
        the default window gives the canvas); a chain taller than the canvas scrolls down its
        lanes. The viewport ends above the status key's strip, so the chain never runs under it.
        """
        rect = self.chain_scene.sceneRect()
        if rect.isEmpty():
            return
        area = self.viewport().rect().adjusted(2, 2, -2, -2)
        zoom = area.width() / rect.width()
        bar = self.verticalScrollBar()
        if rect.height() * min(zoom, 1.0) > area.height() and not bar.isVisible():
            zoom = (area.width() - bar.sizeHint().width()) / rect.width()  # room for the scroll bar
        self.setTransform(QTransform.fromScale(*[min(max(zoom, MIN_ZOOM), 1.0)] * 2))
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.setValue(bar.minimum())
        self.chain_scene.build_soon()

    def set_units(self, units: str) -> None:
        """Write the canvas's figures in tonnes or kilotonnes (a ``UnitsDisplay`` value, "t" or "kt")."""
        self.chain_scene.set_units(units)

    def add_facility(self, stage_id: str) -> None:
        """Add a planned "New facility" in the lane of ``stage_id`` and select it."""
        plan = self.document.plan
        stage = next((s for s in plan.stages if id_key(s.id) == id_key(stage_id)), None)
        if stage is None:
            self.show_notice(f"There is no stage '{stage_id}' to add a facility to.")
            return
        self.chain_scene.finish_building()
        lanes = self.chain_scene.lanes
        lane = next(i for i, item in enumerate(lanes) if item.stage is not None and item.stage is stage)
        taken = (
            c.y() for c in self.chain_scene.cards.values() if id_key(c.facility.stage) == id_key(stage.id)
        )
        x, y = layout.next_free_position(lane, taken)
        self.document.push(add_facility_command(self.document, stage, x, y))
        index = len(self.document.plan.facilities) - 1
        self.document.set_selection("facilities", [index])
        card = self.chain_scene.cards.get(id_key(self.document.plan.facilities[index].id))
        if card is not None:
            self.ensureVisible(card)

    def delete_selected(self) -> None:
        """Delete the selected facilities (and their links) as one undo step."""
        indexes = [card.index for card in self.chain_scene.selected_cards()]
        if indexes:
            delete_facilities(self.document, indexes)

    # -- notices --------------------------------------------------------

    def show_notice(self, text: str) -> None:
        """Say something briefly over the canvas, and to the status bar if the window listens."""
        self.notice.setText(text)
        self._place_overlays()
        self.notice.show()
        self.notice.raise_()
        self._notice_timer.start()
        self.message_posted.emit(text)

    def _reserve_legend_strip(self) -> None:
        """The status key gets a strip below the chain (a viewport margin), never over a card."""
        self.setViewportMargins(0, 0, 0, self.legend.sizeHint().height())

    def _place_overlays(self) -> None:
        area = self.viewport().geometry()
        self.legend.setGeometry(area.left(), area.bottom() + 1, area.width(), self.legend.sizeHint().height())
        width = min(460, area.width() - 20)
        self.notice.setFixedWidth(max(width, 120))
        self.notice.adjustSize()
        self.notice.move(area.right() - self.notice.width() - 10, area.top() + 10)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            style = CanvasStyle.from_palette(self.palette())
            self.chain_scene.set_style(style)
            self.legend.style = style
            self._reserve_legend_strip()
            self._place_overlays()
            self.legend.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_overlays()
        self.chain_scene.build_soon()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.chain_scene.build_soon()  # a large plan's cards now in sight come next

    # -- mouse and keys -------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._zoom_by(ZOOM_STEP**steps, anchor_under_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        event.accept()  # the end of a rubber band over empty canvas is ours too

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.chain_scene.selected_cards():
            self.delete_selected()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right-click at viewport ``pos`` (built separately so tests can read it)."""
        menu = QMenu(self)
        scene_pos = self.mapToScene(pos)
        card = next((i for i in self.items(pos) if isinstance(i, FacilityCardItem)), None)
        if card is not None and not card.isSelected():
            self.document.set_selection("facilities", [card.index])
        lane = self._lane_under(scene_pos.x(), card)
        if lane is not None and lane.stage is not None:
            action = menu.addAction(f"Add facility to {lane.title}")
            action.setObjectName("canvas-add-facility")
            action.triggered.connect(lambda _=False, sid=lane.stage.id: self.add_facility(sid))
        if card is not None:
            action = menu.addAction("Link to…")
            action.setObjectName("canvas-link-to")
            action.triggered.connect(lambda _=False, c=card: self.link_to(c.facility))
        selected = self.chain_scene.selected_cards()
        if selected:
            name = selected[0].facility.name if len(selected) == 1 else f"{len(selected)} facilities"
            action = menu.addAction(f"Delete {name}")
            action.setObjectName("canvas-delete")
            action.triggered.connect(self.delete_selected)
        menu.addSeparator()
        menu.addAction("Fit to view", self.fit_to_view).setObjectName("canvas-fit")
        return menu

    def link_to(self, source: Facility) -> LinkToDialog:
        """Ask which facility ``source`` supplies (next stage first) and draw the link on OK."""
        dialog = LinkToDialog(self.document.plan, source, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            target = dialog.chosen()
            if target is not None:
                self.chain_scene.gestures.link_facilities(source, target)

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _lane_under(self, x: float, card: FacilityCardItem | None) -> LaneItem | None:
        if card is not None:
            return self.chain_scene.lane_at(card.x() + layout.CARD_WIDTH / 2)
        return self.chain_scene.lane_at(x)

    # -- zoom -----------------------------------------------------------

    def _zoom_by(self, factor: float, *, anchor_under_mouse: bool) -> None:
        target = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        anchor = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._set_zoom(target)
        self.setTransformationAnchor(anchor)

    def _set_zoom(self, zoom: float) -> None:
        factor = zoom / self.zoom()
        self.scale(factor, factor)
        self.chain_scene.build_soon()

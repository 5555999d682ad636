"""The timeline's controls: which stage and which status to show (or what the scenario moves), and
the years' zoom buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton

from reeplanner.gui.views.timeline_rows import MOVED
from reeplanner.gui.views.timeline_view_box import ZOOM_STEP
from reeplanner.model.enums import Status
from reeplanner.model.records import Stage


class TimelineFilters(QObject):
    changed = Signal()  # a filter was changed

    def __init__(self, row: QHBoxLayout, zoom: Callable[[float], None], show_all: Callable[[], None]) -> None:
        super().__init__()
        self.stage = QComboBox()
        self.stage.setObjectName("timeline-stage")
        self.stage.addItem("Every stage", "")
        self.status = QComboBox()
        self.status.setObjectName("timeline-status")
        self.status.addItem("Every status", "")
        self.status.addItem("Moved by this scenario", MOVED)
        for status in Status:
            self.status.addItem(str(status).capitalize(), str(status))
        row.addWidget(self.stage)
        row.addWidget(self.status)
        row.addStretch(1)
        for text, tip, slot, name in (
            ("−", "Show more years (Ctrl+wheel)", lambda: zoom(ZOOM_STEP), "out"),
            ("+", "Show fewer years, wider (Ctrl+wheel)", lambda: zoom(1 / ZOOM_STEP), "in"),
            ("All years", "Show the whole horizon", show_all, "all"),
        ):
            button = QToolButton()
            button.setObjectName(f"timeline-zoom-{name}")
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.stage.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_stages(self, stages: list[Stage]) -> None:
        """One entry per stage of the plan, keeping the one chosen (quietly: no ``changed``)."""
        wanted = [(s.name or s.id, s.id) for s in stages]
        shown = [(self.stage.itemText(i), self.stage.itemData(i)) for i in range(1, self.stage.count())]
        if wanted == shown:
            return
        chosen = self.stage.currentData()
        with QSignalBlocker(self.stage):
            while self.stage.count() > 1:
                self.stage.removeItem(1)
            for text, sid in wanted:
                self.stage.addItem(text, sid)
            self.stage.setCurrentIndex(max(0, self.stage.findData(chosen)))

"""The status bar's count of coordination findings in the scenario on show ("8 coordination
findings"); a click brings the Coordination dock to the front.

Counted a moment after new figures (``COUNT_DELAY_MS``, after the charts are drawn), from the
engine's findings without pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QToolButton

if TYPE_CHECKING:
    from reeplanner.gui.main_window import MainWindow

#: The count waits this long after new figures: out of the way of the charts and of a burst of edits
#: (finding 'starved of feed' reads every year of every plant: ~25 ms for 10,000 facilities).
COUNT_DELAY_MS = 250


class CoordinationCount(QToolButton):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("coordination-count")
        self.setAutoRaise(True)
        self.setToolTip("Coordination findings of the scenario on show: click to see them")
        self.window_ = window
        self.count: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        document = window.document
        document.results_changed.connect(self._timer.start)
        document.scenario_changed.connect(self._timer.start)
        self.clicked.connect(lambda: window.charts.raise_chart("coordination"))
        # Empty, not hidden, until counted, and as tall as with its text: the status bar keeps its
        # height, so the window does not move everything above it by two pixels (and paint it all
        # again) when the count arrives.
        self.setText("0 coordination findings")
        self.setFixedHeight(self.sizeHint().height())
        self.setText("")
        self.setEnabled(False)
        self._timer.start()  # a document may come with its figures

    def recount(self) -> None:
        result = self.window_.document.scenario_result()
        if result is None:
            self.count = None
            self.setText("")
            self.setEnabled(False)
            return
        from reeplanner.engine.coordination import coordination_rows

        self.count = len(coordination_rows(result.arrays))
        self.setText(f"{self.count} coordination finding{'s' if self.count != 1 else ''}")
        self.setEnabled(True)

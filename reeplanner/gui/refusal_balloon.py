"""A refusal said where the planner is: a note just below the cell or field they edited.

It floats over the view (it is no part of any layout, so nothing moves when
it shows), lets clicks through to what is under it, and goes when the
planner makes the next change, after a while, or on the next refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

SHOWN_MS = 10000
WIDTH = 360
#: Dark red on pale red, whatever the palette: it must read the same in light and dark.
STYLE = (
    "QLabel#refusal-balloon { background: #fde8e8; color: #7a0000; border: 1px solid #c62828;"
    " border-radius: 4px; padding: 4px 6px; }"
)


class RefusalBalloon(QLabel):
    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("refusal-balloon")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)

    def show_below(self, anchor: QRect, text: str) -> None:
        """Show ``text`` just below ``anchor`` (in the host's coordinates), kept inside the host."""
        host = self.parentWidget()
        self.setText(text)
        width = max(min(WIDTH, host.width() - 8), 120)
        self.setFixedWidth(width)
        self.adjustSize()
        x = min(max(anchor.left(), 4), max(host.width() - width - 4, 4))
        y = anchor.bottom() + 2
        if y + self.height() > host.height() and anchor.top() - self.height() - 2 >= 0:
            y = anchor.top() - self.height() - 2  # no room below: above the anchor
        self.move(QPoint(x, y))
        self.show()
        self.raise_()
        self._timer.start()

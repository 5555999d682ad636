"""A refusal said where the planner is: a note just below (or above) the cell or field they edited.

It floats over the view (it is no part of any layout, so nothing moves when
it shows), lets clicks through to what is under it, and goes when the
planner makes the next change, after a while, or on the next refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

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
        self._anchor = QRect()
        self._anchor_widget: QWidget | None = None  # when given, the anchor follows it (a scrolled form)
        self._following = False  # placed again when the focus moves, while shown
        self.setObjectName("refusal-balloon")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)

    def show_below(self, anchor: QRect, text: str, widget: QWidget | None = None) -> None:
        """Show ``text`` just below ``anchor`` (in the host's coordinates), kept inside the host;
        above it when there is no room below, or when below would cover the widget that has the
        focus (the next field, after Tab: placed again once the focus has moved). With ``widget``,
        the anchor is that widget wherever it has moved to when the balloon is placed again
        (``follow_anchor``, after a form scrolled)."""
        self._anchor = QRect(anchor)
        self._anchor_widget = widget
        self.setText(text)
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def follow_anchor(self) -> None:
        """Place the balloon again beside its anchor widget, if it is showing one."""
        if self.isVisible() and self._anchor_widget is not None:
            self._place()

    def _place(self, *_focus: object) -> None:
        host = self.parentWidget()
        widget = self._anchor_widget
        if widget is not None:
            self._anchor = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size())
        anchor = self._anchor
        width = max(min(WIDTH, host.width() - 8), 120)
        self.setFixedWidth(width)
        self.adjustSize()
        x = min(max(anchor.left(), 4), max(host.width() - width - 4, 4))
        below = QRect(x, anchor.bottom() + 2, width, self.height())
        above = QRect(x, anchor.top() - self.height() - 2, width, self.height())
        focus = QApplication.focusWidget()
        focused = (
            QRect(focus.mapTo(host, QPoint(0, 0)), focus.size())
            if focus is not None and host.isAncestorOf(focus)
            else QRect()
        )
        covered = below.intersects(focused)
        if above.top() >= 0 and (covered or below.bottom() > host.height()):
            self.move(above.topLeft())
        elif covered:  # no room above (the first field): below the field the focus went to
            self.move(QPoint(x, focused.bottom() + 2))
        else:
            self.move(below.topLeft())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_focus(True)

    def hideEvent(self, event: QHideEvent) -> None:
        self._follow_focus(False)
        super().hideEvent(event)

    def _follow_focus(self, on: bool) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication) or on == self._following:
            return
        self._following = on
        if on:
            app.focusChanged.connect(self._place)
        else:
            app.focusChanged.disconnect(self._place)

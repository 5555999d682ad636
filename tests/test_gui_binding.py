"""The Qt binding must not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` on every call
of a method returning nothing; a few thousand calls later Python aborted with
"deallocating None". pyproject excludes that release; this test catches a
binding that brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def test_calls_returning_nothing_keep_none_alive(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer.setInterval(5)
        widget.setToolTip("capacity")
        widget.update()
    assert sys.getrefcount(None) >= before - 50

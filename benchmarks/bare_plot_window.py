"""The yardstick for start-up: a bare window with one pyqtgraph plot, timed to its first paint.

``python benchmarks/bare_plot_window.py`` prints ``first-paint <wall time> <CPU time>`` when the
plot has painted with its data, like ``reeplanner --benchmark-start``, and quits.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and not self.property("seen"):
            self.setProperty("seen", True)
            print(f"first-paint {time.time():.6f} {time.process_time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    import pyqtgraph as pg

    window = QMainWindow()
    plot = pg.PlotWidget()
    plot.plot([2024, 2025, 2026, 2027], [4.2, 4.0, 6.6, 8.0])
    window.setCentralWidget(plot)
    window.resize(1400, 900)
    watcher = FirstPaint(window)
    plot.viewport().installEventFilter(watcher)
    window.show()
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())

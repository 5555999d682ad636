"""What the larger docks share with the charts: ``ChartDocks`` feeds them the document's results,
scenario and year (``show_results``), and they copy and export as the charts do (PNG, SVG, and the
tab-separated table ``data_table`` gives).

``ViewBase`` takes ``ChartBase``'s feeding, copying and exporting as they are (the same methods,
so a view's TSV, file names and error messages are a chart's); only the drawing differs: a view is
a plain widget, grabbed for PNG and rendered for SVG. ``bind(window)`` gives it the window, for
what a click selects and what a drag edits; a view exported from the command line has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from reeplanner.gui.charts.chart_base import ChartBase

if TYPE_CHECKING:
    from reeplanner.engine.results import PlanResult, ScenarioResult
    from reeplanner.gui.document import PlanDocument
    from reeplanner.gui.main_window import MainWindow


class ViewBase(QWidget):
    name = ""
    title = ""

    # The charts' own feeding, copy and export (they call only what a view has too).
    show_results = ChartBase.show_results
    year_index = ChartBase.year_index
    tsv = ChartBase.tsv
    copy_data = ChartBase.copy_data
    export = ChartBase.export
    render_svg = ChartBase.render_svg  # with this class's picture size and painting
    context_menu = ChartBase.context_menu
    _export_asked = ChartBase._export_asked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"view-{self.name}")
        self.setAutoFillBackground(True)  # a dock resized offscreen shows no stale pixels between rows
        self.results: PlanResult | None = None
        self.result: ScenarioResult | None = None
        self.scenario_id = ""
        self.year = 0
        self.prompts = None
        self.window: MainWindow | None = None
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(6, 2, 6, 0)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(2)
        self.body.addLayout(self.controls)

    @property
    def document(self) -> PlanDocument | None:
        return self.window.document if self.window is not None else None

    def bind(self, window: MainWindow) -> None:
        """Live in ``window``: selections go to its document, messages to its status bar."""
        self.window = window
        self.prompts = window.prompts

    def post(self, text: str) -> None:
        """A sentence for the status bar (why a drag did nothing...)."""
        if self.window is not None:
            self.window.statusBar().showMessage(text, 8000)

    def add_menu_button(self) -> QToolButton:
        """An "Export" button at the end of the controls: Export PNG, Export SVG, Copy data."""
        button = QToolButton(self)
        button.setObjectName(f"view-{self.name}-menu")
        button.setText("Export ▾")
        button.setToolTip("Export as PNG or SVG, or copy the table as tab-separated text")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(self.context_menu())
        self.controls.addWidget(button)
        return button

    # -- what subclasses give ------------------------------------------------

    def redraw(self) -> None:
        raise NotImplementedError

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        raise NotImplementedError

    # -- pictures ------------------------------------------------------------

    def render_image(self) -> QImage:
        return self.grab().toImage()

    def _picture_size(self) -> QSize:
        return self.size()  # the whole view: its table or its plot, with their controls

    def _paint_picture(self, painter: QPainter, size: QSize) -> None:
        self.render(painter, QPoint(0, 0))  # with a painter, Qt for Python wants the offset

    def sizeHint(self) -> QSize:
        return QSize(640, 320)

"""The charts' docks: made with the window, filled with their charts once pyqtgraph is loaded, and
fed the document's results, scenario and year.

Updates are coalesced: a burst of edits, a scenario switch or a year dragged on the slider ask for
one redraw on the next turn of the event loop (``COALESCE_MS``), and only the charts on show are
drawn; one behind a tab is drawn when it is brought to the front. Clicking a stage's bars or a flow
band selects the stage (the canvas and the inspector follow); clicking a funding block shows only
its lines in the Funding table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel

from reeplanner.gui.views.view_registry import VIEW_AREA, VIEW_TITLES
from reeplanner.model.ids import id_key

if TYPE_CHECKING:
    from reeplanner.gui.charts.chart_base import ChartBase
    from reeplanner.gui.main_window import MainWindow

#: Chart name -> dock title; the order of the View > Panels menu.
CHART_TITLES = {
    "gap": "Gap by Stage",
    "sufficiency": "Self-Sufficiency",
    "funding": "Funding",
    "flow": "Flow, Mine to Magnet",
}
#: The charts and the larger views (timeline, comparison...), made and fed alike.
DOCK_TITLES = {**CHART_TITLES, **VIEW_TITLES}
COALESCE_MS = 0


class ChartDocks(QObject):
    drawn = Signal()  # the charts on show were drawn with the document's figures

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.charts: dict[str, ChartBase] = {}
        self.docks: dict[str, QDockWidget] = {}
        for name, title in DOCK_TITLES.items():
            waiting = QLabel("The chart appears in a moment…")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            area = VIEW_AREA if name in VIEW_TITLES else Qt.DockWidgetArea.RightDockWidgetArea
            self.docks[name] = window.add_view_dock(name, title, waiting, area)
            self.docks[name].visibilityChanged.connect(lambda shown, n=name: self._on_dock_shown(n, shown))
        self._stale: set[str] = set(DOCK_TITLES)
        self._building = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.redraw_now)
        document = self.document
        document.results_changed.connect(self.redraw_soon)
        document.scenario_changed.connect(self.redraw_soon)
        document.year_changed.connect(self.redraw_soon)

    @property
    def built(self) -> bool:
        """``build`` was called: charts are made and drawn as they come on show."""
        return self._building

    def build(self) -> None:
        """Make the charts on show (imports pyqtgraph); the window calls it after its first paint.
        A chart behind a tab is made when it first comes to the front (``chart``)."""
        self._building = True
        for name in DOCK_TITLES:
            if self._on_show(name):
                self.chart(name)
        self.redraw_now()

    def chart(self, name: str) -> ChartBase:
        """Chart ``name``, made now if it was not yet."""
        made = self.charts.get(name)
        if made is not None:
            return made
        from reeplanner.gui.charts.chart_export import make_chart

        made = make_chart(name)
        made.prompts = self.window.prompts
        bind = getattr(made, "bind", None)  # a larger view: selects and edits through the window
        if bind is not None:
            bind(self.window)
        old = self.docks[name].widget()
        self.docks[name].setWidget(made)
        old.deleteLater()
        self.charts[name] = made
        self._stale.add(name)
        if name in ("gap", "flow"):
            made.stage_selected.connect(self.select_stage)
        elif name == "funding":
            made.lines_picked.connect(self.show_funding_lines)
        return made

    def raise_chart(self, name: str) -> None:
        """Bring a chart's dock to the front (``--show NAME``)."""
        dock = self.docks[name]
        dock.show()
        dock.raise_()
        if self._building:
            self.chart(name)
            self._stale.add(name)
            self.redraw_now({name})

    # -- keeping up ------------------------------------------------------------

    def redraw_soon(self, *_args) -> None:
        self._stale = set(DOCK_TITLES)
        if self._building and not self._timer.isActive():
            self._timer.start()

    def redraw_now(self, names: set[str] | None = None) -> None:
        """Draw every stale chart that is on show (or those ``names``, on show or not), now."""
        self._timer.stop()
        document = self.document
        drew = False
        for name in list(self._stale):
            chart = self.charts.get(name)
            if chart is None or not (self._on_show(name) if names is None else name in names):
                continue
            self._stale.discard(name)
            if (chart.results, chart.scenario_id, chart.year) == (
                document.results,
                document.scenario_id,
                document.year,
            ) and document.results is not None:
                continue  # the same figures (a second signal for the same run: its problems)
            chart.show_results(document.results, document.scenario_id, document.year)
            self._stale.discard(name)
            drew = True
        if drew and document.results is not None:
            self.drawn.emit()

    def _on_show(self, name: str) -> bool:
        """A dock behind another's tab is "visible" to Qt but has nothing on screen."""
        dock = self.docks[name]
        return self.window.isHidden() or (dock.isVisible() and not dock.visibleRegion().isEmpty())

    def _on_dock_shown(self, name: str, shown: bool) -> None:
        if shown and self._building and (name in self._stale or name not in self.charts):
            self.chart(name)
            self.redraw_now({name})  # brought to the front: its region is not laid out yet

    # -- links -----------------------------------------------------------------

    def select_stage(self, stage_id: str) -> None:
        """Select the stage as a click on its lane's header does (its lane on the canvas, its row
        in Stages, the inspector)."""
        self.window.canvas.chain_scene.select_stage(stage_id)

    def show_funding_lines(self, line_ids: list[str], description: str) -> None:
        """Show only these funding lines in the Funding table (a chart's block was clicked)."""
        wanted = {id_key(i) for i in line_ids}
        rows = [i for i, line in enumerate(self.document.plan.funding) if id_key(line.id) in wanted]
        tables = self.window.tables
        page = tables.pages["funding"]
        page.show_only_rows(rows, description)
        self.window.docks["tables"].show()
        self.window.docks["tables"].raise_()
        tables.setCurrentWidget(page)

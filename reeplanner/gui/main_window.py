"""The main window: the canvas in the centre, tables, inspector, problems and history in docks.

The window lays things out and wires actions to the views; file work lives in
``FileActions``, autosave in ``Autosave``, every question to the user in
``Prompts`` (a seam tests replace).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QUndoView,
    QWidget,
)

from reeplanner.gui.autosave import Autosave
from reeplanner.gui.canvas.supply_chain_view import SupplyChainView
from reeplanner.gui.charts.chart_docks import ChartDocks
from reeplanner.gui.document import BACKGROUND_RECOMPUTE_FACILITIES, PlanDocument
from reeplanner.gui.file_actions import OPENABLE_SUFFIXES, FileActions
from reeplanner.gui.icons import app_icon, make_action, retint_actions, set_icon
from reeplanner.gui.inspector import Inspector
from reeplanner.gui.problems_panel import ProblemsPanel
from reeplanner.gui.prompts import Prompts
from reeplanner.gui.scenario_year_bar import ScenarioYearBar
from reeplanner.gui.settings import PaletteChoice, Settings, UnitsDisplay, recovery_folder
from reeplanner.gui.tables.plan_tables import PlanTables
from reeplanner.gui.undo_keys import REDO_KEYS, UNDO_KEYS, UndoKeys, shortcuts
from reeplanner.gui.view_actions import ViewActions
from reeplanner.gui.views.coordination_count import CoordinationCount
from reeplanner.gui.views.lazy_view import LazyView
from reeplanner.gui.welcome_page import WelcomePage
from reeplanner.gui.work_thread import BackgroundWork, WorkThread
from reeplanner.model.ids import id_key

Std = QKeySequence.StandardKey
APP_TITLE = "REE Planner"
#: Saved window layouts of another version are not restored (a layout without the charts' docks).
LAYOUT_VERSION = 3


class MainWindow(QMainWindow):
    def __init__(
        self,
        document: PlanDocument | None = None,
        *,
        prompts: Prompts | None = None,
        recovery_dir: Path | None = None,
        autosave_interval_ms: int | None = None,
        restore_settings: bool = True,
    ) -> None:
        """``restore_settings=False`` lays the window out as on a first start (screenshots)."""
        super().__init__()
        self.setObjectName("main-window")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.settings = Settings()
        self.prompts = prompts or Prompts(self)
        self.document = document or PlanDocument(parent=self, compute=False)
        if self.document.parent() is None:
            self.document.setParent(self)  # lives as long as the window
        self.background = BackgroundWork(self)
        interval = {} if autosave_interval_ms is None else {"interval_ms": autosave_interval_ms}
        self.autosave = Autosave(self.document, recovery_dir or recovery_folder(), parent=self, **interval)
        self.autosave.failed.connect(lambda text: self.statusBar().showMessage(text, 10000))

        self.canvas = SupplyChainView(self.document)
        self.welcome = WelcomePage()
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.canvas)
        self.setCentralWidget(self.central)
        self.tables = PlanTables(self.document)
        self.inspector = Inspector(self.document)
        self.problems = ProblemsPanel(self.document)
        self.undo_view = QUndoView(self.document.undo_stack)
        self.undo_view.setObjectName("undo-history")
        self.undo_view.setEmptyLabel("Opened plan")
        self.docks: dict[str, QDockWidget] = {}
        self._docks_before_welcome: list[QDockWidget] | None = None
        self.add_view_dock("tables", "Tables", self.tables, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.add_view_dock("problems", "Problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.add_view_dock("inspector", "Inspector", self.inspector, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.add_view_dock("history", "Undo History", self.undo_view, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.risk = LazyView(self._make_risk_dock, "reeplanner.gui.views.risk_dock", "risk-dock-host")
        self.risk.follow(
            self.add_view_dock("risk", "Risk", self.risk, Qt.DockWidgetArea.BottomDockWidgetArea)
        )
        self.charts = ChartDocks(self)
        self._lay_out_docks()
        self.coordination_count = CoordinationCount(self)
        self.statusBar().addPermanentWidget(self.coordination_count)

        self.files = FileActions(self)
        self.welcome.recent_source = self.files.recent.paths
        self._make_edit_actions()
        self.view = ViewActions(self)
        self._make_menus()
        self._make_toolbar()
        self._connect_views()
        self._default_dock_sizes = True
        if restore_settings:
            self._restore_settings()
        else:
            self.resize(1400, 900)
            self.view.show_choices(PaletteChoice.SYSTEM, UnitsDisplay.TONNES)
        self._update_title()
        self._engine_started = (
            False  # at the first paint: the engine (if not loaded), pyqtgraph and the Risk dock's modules
        )
        self._engine_thread: WorkThread | None = None
        self._pandas_thread: WorkThread | None = None
        self._closed = False
        self.canvas.viewport().installEventFilter(self)
        self.welcome.installEventFilter(self)

    # -- layout ------------------------------------------------------------

    def add_view_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """Put a view in a dock (its object name lets saveState/restoreState place it)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        if hasattr(self, "panels_menu"):
            self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def _lay_out_docks(self) -> None:
        """The first-start layout: the canvas with the tables under it; the gap and self-sufficiency
        charts on the right (funding and flow in tabs behind them); the timeline, the scenario
        comparison, explanations, agencies, coordination findings and the Risk dock in tabs behind
        the tables; problems, inspector and history in tabs beside them."""
        docks = self.docks
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(docks["gap"], docks["sufficiency"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(docks["gap"], docks["funding"])
        self.tabifyDockWidget(docks["sufficiency"], docks["flow"])
        self.tabifyDockWidget(docks["tables"], docks["risk"])
        self.tabifyDockWidget(docks["problems"], docks["inspector"])
        self.tabifyDockWidget(docks["inspector"], docks["history"])
        for key in ("timeline", "comparison", "explain", "agencies", "coordination"):
            self.tabifyDockWidget(docks["tables"], docks[key])
        for key in ("gap", "sufficiency", "problems", "tables"):  # the Risk tab waits behind Tables
            docks[key].raise_()
        # The window's minimum size still counts the views' docks side by side, as they were added:
        # measure again, tabbed, so that a smaller saved size can be restored.
        self.layout().activate()

    def _make_risk_dock(self) -> QWidget:
        from reeplanner.gui.views.risk_dock import RiskDock  # pyqtgraph loads when the dock first shows

        return RiskDock(self.document)  # built when the dock comes on screen

    def finish_risk(self) -> None:
        """Stop and wait for the Risk dock's work, if any is under way (closing, or a screenshot taken)."""
        self.risk.finish()

    def show_plan_view(self) -> None:
        self._show_docks_again()
        self.central.setCurrentWidget(self.canvas)
        self.canvas.fit_to_view()

    def show_welcome(self) -> None:
        """The welcome page alone: the docks (empty without a plan) step aside until a plan opens."""
        self.central.setCurrentWidget(self.welcome)  # its recent list is read as it shows
        if self._docks_before_welcome is None:
            self._docks_before_welcome = [dock for dock in self.docks.values() if not dock.isHidden()]
            for dock in self._docks_before_welcome:
                dock.hide()

    def _show_docks_again(self) -> None:
        if self._docks_before_welcome is not None:
            for dock in self._docks_before_welcome:
                dock.show()
            self._docks_before_welcome = None

    # -- actions -----------------------------------------------------------

    def _make_edit_actions(self) -> None:
        stack = self.document.undo_stack
        self.undo = stack.createUndoAction(self, "&Undo")
        self.undo.setObjectName("action-undo")
        self.undo.setShortcuts(shortcuts(Std.Undo, UNDO_KEYS))
        set_icon(self.undo, "edit-undo")
        self.redo = stack.createRedoAction(self, "&Redo")
        self.redo.setObjectName("action-redo")
        self.redo.setShortcuts(shortcuts(Std.Redo, REDO_KEYS))  # Ctrl+Y and Ctrl+Shift+Z everywhere
        set_icon(self.redo, "edit-redo")
        self.undo_keys = UndoKeys(self, self.undo, self.redo)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.undo_keys)
        self.copy = make_action(self, "&Copy", "action-copy", self.tables.copy, Std.Copy)
        self.paste = make_action(self, "&Paste", "action-paste", self.tables.paste, Std.Paste)
        self.delete = make_action(
            self, "&Delete", "action-delete", self.delete_selection, Std.Delete, "edit-delete"
        )
        self.add_row = make_action(self, "Add &Row", "action-add-row", self.tables.add_row)
        self.find = make_action(self, "&Filter Table", "action-filter", self.focus_filter, Std.Find)
        self.add_facility = make_action(
            self, "Add &Facility", "action-add-facility", self.add_facility_here, "Ctrl+Shift+N", "list-add"
        )
        self.plan_settings = make_action(
            self, "Plan &Settings…", "action-plan-settings", self.edit_plan_settings
        )
        self.stage_menu = QMenu("Add Facility to", self)
        self.stage_menu.setObjectName("menu-add-facility")
        self.stage_menu.aboutToShow.connect(self._fill_stage_menu)
        self.add_facility.setMenu(self.stage_menu)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        f = self.files
        file_menu = bar.addMenu("&File")
        file_menu.addActions([f.new, f.open])
        file_menu.addMenu(f.recent_menu)
        file_menu.addMenu(f.examples_menu)
        file_menu.addSeparator()
        file_menu.addActions([f.save, f.save_as, f.revert])
        file_menu.addSeparator()
        file_menu.addActions([f.import_workbook, f.export_workbook, f.export_brief])
        file_menu.addSeparator()
        file_menu.addAction(f.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.copy, self.paste, self.delete])
        edit_menu.addSeparator()
        edit_menu.addActions([self.add_facility, self.add_row, self.find])
        edit_menu.addSeparator()
        edit_menu.addAction(self.plan_settings)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.view.zoom_in, self.view.zoom_out, self.view.fit])
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu("&Panels")
        for dock in self.docks.values():
            self.panels_menu.addAction(dock.toggleViewAction())
        palette_menu = view_menu.addMenu("P&alette")
        palette_menu.addActions(list(self.view.palette_actions.values()))
        units_menu = view_menu.addMenu("&Units")
        units_menu.addActions(list(self.view.units_actions.values()))
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.view.help, self.view.about])

    def _make_toolbar(self) -> None:
        bar = QToolBar("Plan", self)
        bar.setObjectName("toolbar-plan")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.addActions([self.files.new, self.files.open, self.files.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addAction(self.add_facility)
        button = bar.widgetForAction(self.add_facility)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        bar.addAction(self.delete)
        bar.addSeparator()
        bar.addActions([self.view.zoom_in, self.view.zoom_out, self.view.fit])
        bar.addSeparator()
        self.scenario_year = ScenarioYearBar(self.document)
        bar.addWidget(self.scenario_year)
        self.addToolBar(bar)
        self.toolbar = bar

    def _connect_views(self) -> None:
        self.document.path_changed.connect(self._update_title)
        self.document.plan_changed.connect(self._on_document_plan_changed)
        self.problems.problem_activated.connect(self._on_problem_activated)
        self.tables.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.canvas.message_posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.document.notice_posted.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.canvas.chain_scene.selectionChanged.connect(self.show_inspector)
        self.canvas.chain_scene.stage_selected.connect(self.show_inspector)
        self.view.units_changed.connect(self.canvas.set_units)
        self.view.units_changed.connect(self.inspector.set_units)
        self.welcome.new_requested.connect(self.files.new_plan)
        self.welcome.open_requested.connect(self.files.choose_and_open)
        self.welcome.example_requested.connect(self.files.open_example)
        self.welcome.recent_requested.connect(self.files.open_path)

    # -- what the actions do ------------------------------------------------

    def delete_selection(self) -> None:
        """Delete: the selected table rows when a table has focus, else the selected cards."""
        focus = self.focusWidget()
        if focus is not None and self.tables.isAncestorOf(focus):
            self.tables.delete_selected_rows()
        else:
            self.canvas.delete_selected()

    def edit_plan_settings(self) -> None:
        from reeplanner.gui.plan_settings_dialog import PlanSettingsDialog

        dialog = PlanSettingsDialog(self.document, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_inspector(self) -> None:
        """Bring the inspector to the front for what was just picked on the canvas or a chart (it
        shares a tab with Problems); not when the user closed it."""
        dock = self.docks["inspector"]
        if not dock.isHidden() and self.document.selection[1]:
            dock.raise_()

    def focus_filter(self) -> None:
        self.docks["tables"].show()
        self.docks["tables"].raise_()
        self.tables.focus_filter()

    def add_facility_here(self) -> None:
        """Add a facility in the selected facility's lane; with none selected, ask which stage."""
        table, rows = self.document.selection
        plan = self.document.plan
        if table == "facilities" and rows and rows[0] < len(plan.facilities):
            self.canvas.add_facility(plan.facilities[rows[0]].stage)
            return
        self._fill_stage_menu()
        button = self.toolbar.widgetForAction(self.add_facility)
        where = button.mapToGlobal(button.rect().bottomLeft()) if button else self.cursor().pos()
        self.stage_menu.popup(where)

    def _fill_stage_menu(self) -> None:
        self.stage_menu.clear()
        for stage in self.document.plan.stages:
            action = self.stage_menu.addAction(stage.name or stage.id)
            action.setObjectName(f"action-add-facility-{id_key(stage.id)}")
            action.triggered.connect(lambda _checked=False, sid=stage.id: self.canvas.add_facility(sid))

    # -- start-up -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._engine_started:
            self._engine_started = True
            QTimer.singleShot(0, self._start_engine)
        return False

    def _start_engine(self) -> None:
        """After the first paint: import the engine (numpy, pandas) off the GUI thread, then compute."""
        self.canvas.viewport().removeEventFilter(self)
        self.welcome.removeEventFilter(self)
        if self._closed:
            return
        thread = WorkThread(_import_engine_and_charts, self)
        thread.succeeded.connect(lambda _module: self._on_engine_ready(imported=True))
        thread.failed.connect(lambda exc: self._on_engine_ready(imported=False))  # recompute raises it
        thread.finished.connect(self._on_engine_thread_finished)
        self._engine_thread = thread
        thread.start()

    def _load_tables_module(self) -> None:
        """Once the charts are drawn: import pandas in the background, for the engine's tables (the
        inspector, the funding chart, exports), so the first of them does not pause the window;
        and the Risk dock's modules. Not before: each import holds the interpreter from the
        charts. Not pandas while a large plan is still arriving: the import would hold the
        interpreter from it (the first table then loads pandas)."""
        self.charts.drawn.disconnect(self._load_tables_module)
        self.risk.preload()
        large = len(self.document.plan.facilities) >= BACKGROUND_RECOMPUTE_FACILITIES
        if "pandas" not in sys.modules and not self._closed and not large:
            thread = WorkThread(lambda: importlib.import_module("pandas"), self)
            thread.finished.connect(self._on_pandas_thread_finished)
            self._pandas_thread = thread
            thread.start()

    def _on_pandas_thread_finished(self) -> None:
        if self._pandas_thread is not None:
            self._pandas_thread.deleteLater()
            self._pandas_thread = None

    def _on_engine_thread_finished(self) -> None:
        if self._engine_thread is not None:
            self._engine_thread.deleteLater()
            self._engine_thread = None

    def _on_engine_ready(self, imported: bool) -> None:
        self.charts.drawn.connect(self._load_tables_module)
        document = self.document
        small = len(document.plan.facilities) < BACKGROUND_RECOMPUTE_FACILITIES
        computed = imported and small and document.results is None
        if computed:
            document.recompute()  # the figures first: the charts are made and drawn once, with them
        self.charts.build()
        if document.results is None and not computed:
            document.recompute_soon()  # a large plan opened meanwhile computes on its worker

    # -- window state -------------------------------------------------------

    def _update_title(self) -> None:
        doc = self.document
        self.setWindowTitle(f"{doc.display_name}[*] — {APP_TITLE}")
        self.setWindowFilePath(str(doc.path) if doc.path else "")
        self.setWindowModified(doc.modified)

    def _on_document_plan_changed(self, table: str) -> None:
        if table in ("plan", "*"):
            self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # View > Palette: icons in the new colours
            retint_actions(self, self.palette())

    def _on_problem_activated(self, problem) -> None:
        self.docks["tables"].show()
        self.docks["tables"].raise_()
        self.tables.show_problem(problem)

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        state = self.settings.window_state()
        self._default_dock_sizes = state.isEmpty() or not self.restoreState(state, LAYOUT_VERSION)
        self.view.show_choices(self.settings.palette(), self.settings.units())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_dock_sizes:  # first start: tables wide, problems and inspector narrower
            self._default_dock_sizes = False
            docks = self.docks
            self.resizeDocks([docks["tables"]], [290], Qt.Orientation.Vertical)
            self.resizeDocks([docks["tables"], docks["problems"]], [2, 1], Qt.Orientation.Horizontal)
            self.resizeDocks([docks["gap"]], [450], Qt.Orientation.Horizontal)
            self.resizeDocks([docks["gap"], docks["sufficiency"]], [1, 1], Qt.Orientation.Vertical)
            docks["tables"].raise_()  # the Risk tab and the views wait behind it until asked for

    def wait_for_workers(self) -> None:
        """Wait until no thread of the window's runs (file work, a recompute, the engine's import):
        a thread still running when the application quits aborts it."""
        self.background.wait_all()
        self.document.finish_recompute()
        self.finish_risk()
        for thread in (self._engine_thread, self._pandas_thread):
            if thread is not None:
                thread.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.wait_for_workers()
        self.autosave.stop()
        self.autosave.discard()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.undo_keys)
        self._show_docks_again()  # remember the user's layout, not the welcome page's
        self.settings.save_window(self.saveGeometry(), self.saveState(LAYOUT_VERSION))
        self.settings.set_last_plan(self.document.path)
        self.settings.sync()
        self._closed = True
        event.accept()

    # -- drag and drop --------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event)
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)

    @staticmethod
    def _dropped_path(event: QEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return next((p for p in paths if p.suffix.lower() in OPENABLE_SUFFIXES), None)


def _import_engine_and_charts() -> None:
    """The heavy imports after the first paint: the engine (numpy, pandas) and pyqtgraph."""
    importlib.import_module("reeplanner.engine")
    importlib.import_module("pyqtgraph")

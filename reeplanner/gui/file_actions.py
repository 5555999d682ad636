"""File menu work: new, open, save, revert, recent files, examples, import and export.

Reading and exporting run off the GUI thread (``BackgroundWork``); saving the
``.reeplan`` itself is quick and synchronous, so "Save, then close" can know
whether it worked. Every failure is shown as a list of problems and leaves
both the open plan and the file on disk as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from reeplanner.formats.atomic import SaveError
from reeplanner.gui.autosave import Recovery, find_recoveries, find_recoveries_for
from reeplanner.gui.commands import ReplacePlanCommand
from reeplanner.gui.document import PlanFigures, compute_figures
from reeplanner.gui.icons import make_action
from reeplanner.gui.prompts import (
    BRIEF_FILTER,
    OPENABLE_FILTER,
    PLAN_FILTER,
    WORKBOOK_FILTER,
    RecoveryChoice,
    SaveChoice,
)
from reeplanner.gui.recent_files import RecentFiles
from reeplanner.gui.welcome_page import example_plans, example_title
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem

if TYPE_CHECKING:
    from reeplanner.gui.main_window import MainWindow

OPENABLE_SUFFIXES = (".reeplan", ".xlsx", ".xlsm", ".ods")  # formats.files.READ_SUFFIXES
Std = QKeySequence.StandardKey


class FileActions(QObject):
    """The File menu's actions and what they do to the window's document."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.recent = RecentFiles(window.settings.qsettings)
        self.new = make_action(window, "&New", "action-new", self.new_plan, Std.New, "document-new")
        self.open = make_action(
            window, "&Open…", "action-open", self.choose_and_open, Std.Open, "document-open"
        )
        self.save = make_action(window, "&Save", "action-save", self.save_plan, Std.Save, "document-save")
        self.save_as = make_action(window, "Save &As…", "action-save-as", self.save_plan_as, Std.SaveAs)
        self.revert = make_action(window, "Re&vert to Saved", "action-revert", self.revert_plan)
        self.import_workbook = make_action(
            window, "&Import Workbook…", "action-import-workbook", self.choose_and_import
        )
        self.export_workbook = make_action(
            window, "&Export Workbook…", "action-export-workbook", self.export_plan_workbook
        )
        self.export_brief = make_action(
            window, "Export &Brief…", "action-export-brief", self.export_leadership_brief
        )
        # Ctrl+Q, not QKeySequence.Quit: the standard key is empty on some desktops.
        self.quit = make_action(window, "&Quit", "action-quit", window.close, "Ctrl+Q")
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setObjectName("menu-recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.examples_menu = QMenu("Open &Example", window)
        self.examples_menu.setObjectName("menu-examples")
        for path in example_plans():
            action = self.examples_menu.addAction(example_title(path))
            action.setObjectName(f"action-open-example-{path.stem}")
            action.triggered.connect(lambda _checked=False, p=path: self.open_example(p))
        self.examples_menu.menuAction().setObjectName("action-open-example")
        self.examples_menu.setEnabled(bool(self.examples_menu.actions()))
        self.document.path_changed.connect(self._update_enabled)
        self._update_enabled()

    # -- New, Open, Revert ---------------------------------------------------

    def new_plan(self) -> None:
        if self.maybe_save():
            self.document.load(Plan(), None)
            self.window.show_plan_view()

    def choose_and_open(self) -> None:
        path = self.window.prompts.open_path(
            "Open Plan", self.window.settings.last_directory(), f"{OPENABLE_FILTER};;{PLAN_FILTER}"
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Open a plan or a workbook (a workbook comes in as an untitled plan)."""
        if path.suffix.lower() not in OPENABLE_SUFFIXES:
            self._show_problems(
                "Cannot open file",
                [
                    Problem(
                        f"REE Planner opens .reeplan, .xlsx and .ods files, not '{path.suffix or path.name}'."
                    )
                ],
                path,
            )
            return
        if self.maybe_save():
            self._read(path)

    def _read(self, path: Path) -> None:
        self.window.background.start(
            f"Opening {path.name}…",
            lambda: _read_with_figures(path),
            lambda loaded: self._on_plan_read(path, *loaded),
            lambda exc: self._on_failure(f"Could not open {path.name}", exc, path),
        )

    def open_example(self, path: Path) -> None:
        """Open an example as an untitled copy, so Save never writes into the installation."""
        if not self.maybe_save():
            return
        self.window.background.start(
            f"Opening {path.name}…",
            lambda: _read_with_figures(path),
            lambda loaded: self._show_untitled(
                loaded[0], f"Open example {example_title(path)}", loaded[1], loaded[2]
            ),
            lambda exc: self._on_failure(f"Could not open {path.name}", exc, path),
        )

    def choose_and_import(self) -> None:
        path = self.window.prompts.open_path(
            "Import Plan Workbook", self.window.settings.last_directory(), WORKBOOK_FILTER
        )
        if path:
            self.open_path(Path(path))

    def revert_plan(self) -> None:
        path = self.document.path
        if path is None or not self.window.prompts.confirm(
            "Revert to Saved", f"Discard every change since {path.name} was last saved?"
        ):
            return
        self._read(path)

    def load_synchronously(self, path: Path, *, compute: bool = True, offer_recovery: bool = True) -> bool:
        """Open ``path`` at start-up (the command line); errors as for Open, and as Open offers
        changes a crash left to it (unless ``offer_recovery`` is False).

        ``compute=False``: the results follow once the window has painted. True when opened.
        """
        from reeplanner.formats.files import read_plan

        try:
            plan, warnings = read_plan(path)
        except (PlanError, OSError) as exc:
            self._on_failure(f"Could not open {path.name}", exc, path)
            return False
        self._on_plan_read(path, plan, warnings, compute=compute, offer_recovery=offer_recovery)
        return True

    def _on_plan_read(
        self,
        path: Path,
        plan: Plan,
        warnings: list[Problem],
        figures: PlanFigures | None = None,
        *,
        compute: bool = True,
        offer_recovery: bool = True,
    ) -> None:
        """Show a plan just read; ``figures`` are its results if the reading worker computed them."""
        is_plan_file = path.suffix.lower() == ".reeplan"
        if is_plan_file:
            self.document.load(plan, path, compute=compute, figures=figures)
            self.recent.add(path)
            self.window.settings.set_last_plan(path)
            self._report_warnings(path.name, warnings)
        else:
            self._show_untitled(plan, f"Import {path.name}", warnings, figures)
        self.remember_folder(path)
        self.window.show_plan_view()
        self.window.statusBar().showMessage(f"Opened {path.name}", 5000)
        if is_plan_file and offer_recovery:
            self.offer_recovery_of(path)

    def _show_untitled(
        self, plan: Plan, command_text: str, warnings: list[Problem], figures: PlanFigures | None = None
    ) -> None:
        """An untitled document holding ``plan``, with unsaved changes (undo gives the empty plan)."""
        self.document.load(Plan(), None)
        self.document.push(ReplacePlanCommand(self.document, plan, command_text))
        if figures is not None:
            self.document.accept_figures(figures)
        self._report_warnings(plan.name, warnings)
        self.window.show_plan_view()

    # -- Save ------------------------------------------------------------------

    def save_plan(self) -> bool:
        path = self.document.path
        if path is None or path.suffix.lower() != ".reeplan":
            return self.save_plan_as()
        return self._write(path)

    def save_plan_as(self) -> bool:
        """Ask where, starting in the last folder used (never the installed examples)."""
        suggested = Path(self.window.settings.last_directory()) / self._file_stem()
        chosen = self.window.prompts.save_path(
            "Save Plan As", str(suggested.with_suffix(".reeplan")), PLAN_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".reeplan":
            path = path.with_name(path.name + ".reeplan")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        from reeplanner.formats.files import write_plan

        try:
            write_plan(self.document.plan, path)
        except (PlanError, SaveError, OSError) as exc:
            self._on_failure(f"Could not save {path.name}", exc, path)
            return False
        self.document.set_path(path)
        self.document.mark_saved()
        self.window.autosave.discard()
        self.recent.add(path)
        self.window.settings.set_last_plan(path)
        self.remember_folder(path)
        self.window.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def maybe_save(self) -> bool:
        """Before the plan is replaced or the window closes: False means stop."""
        if not self.document.modified:
            return True
        choice = self.window.prompts.save_discard_cancel(self.document.display_name)
        if choice is SaveChoice.SAVE:
            return self.save_plan()
        if choice is SaveChoice.DISCARD:
            self.window.autosave.discard()
            return True
        return False

    # -- Export ----------------------------------------------------------------

    def export_plan_workbook(self) -> None:
        path = self._ask_export_path("Export Plan Workbook", ".xlsx", BRIEF_FILTER)
        if path is None:
            return
        from reeplanner.formats.files import write_plan

        plan = self.document.plan.copy()
        self._export(path, lambda: write_plan(plan, path))

    def export_leadership_brief(self) -> None:
        """Ask which scenarios (the first leads) and pages, then where; write the brief off the GUI thread."""
        plan = self.document.plan.copy()
        scenarios = [(s.id, s.name) for s in plan.scenarios] or [("BASE", "Base case")]
        choice = self.window.prompts.brief_options(scenarios)
        if choice is None or not choice.scenario_ids:
            return
        path = self._ask_export_path("Export Leadership Brief", " brief.xlsx", BRIEF_FILTER)
        if path is None:
            return
        from reeplanner.formats.brief import write_brief

        ids, pages = list(choice.scenario_ids), choice.pages
        self._export(path, lambda: write_brief(plan, path, scenario_ids=ids, pages=pages))

    def _ask_export_path(self, title: str, suffix: str, file_filter: str) -> Path | None:
        folder = Path(self.window.settings.last_directory())
        chosen = self.window.prompts.save_path(title, str(folder / (self._file_stem() + suffix)), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        self.remember_folder(path)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def _export(self, path: Path, work: Callable[[], object]) -> None:
        self.window.background.start(
            f"Writing {path.name}…",
            work,
            lambda _result: self.window.statusBar().showMessage(f"Exported {path}", 8000),
            lambda exc: self._on_failure(f"Could not export {path.name}", exc, path),
        )

    # -- Recovery --------------------------------------------------------------

    def offer_recovery(self) -> bool:
        """At a start without a file, after a crash: offer each recovery copy, newest first, until
        one is restored (True). Discarded copies are deleted; those left for later stay."""
        recoveries = find_recoveries(self.window.autosave.folder)
        for recovery in recoveries:
            choice = self.window.prompts.recover_changes(recovery.what, recovery.when)
            if choice is RecoveryChoice.RESTORE:
                return self._restore(recovery)
            if choice is RecoveryChoice.DISCARD:
                recovery.remove()
        return False

    def offer_recovery_of(self, path: Path) -> bool:
        """``path`` was just opened: offer the newest changes a crash left to it, if newer than the
        file; True when restored (the document then holds them, unsaved). Restoring or discarding
        deletes the file's recovery copies; deciding later keeps them, to be offered again."""
        recoveries = find_recoveries_for(self.window.autosave.folder, path)
        if not recoveries:
            return False
        newest = recoveries[0]
        choice = self.window.prompts.recover_changes(newest.what, newest.when)
        if choice is RecoveryChoice.LATER:
            return False
        restored = choice is RecoveryChoice.RESTORE and self._restore(newest, base_loaded=True)
        if choice is RecoveryChoice.RESTORE and not restored:
            return False  # could not be read: kept, the error says why
        for recovery in recoveries:
            recovery.remove()
        return restored

    def _restore(self, recovery: Recovery, *, base_loaded: bool = False) -> bool:
        """The recovered plan as one undoable step over its file as last saved (already open when
        ``base_loaded``)."""
        try:
            plan = recovery.load()
        except (PlanError, OSError) as exc:
            self._on_failure("Could not restore the autosaved changes", exc, recovery.plan_path)
            return False
        if not base_loaded:
            base = Plan()
            if recovery.original is not None and recovery.original.is_file():
                from reeplanner.formats.files import read_plan

                try:
                    base = read_plan(recovery.original)[0]
                except (PlanError, OSError):
                    base = Plan()
            self.document.load(base, recovery.original)
        self.document.push(ReplacePlanCommand(self.document, plan, "Restore autosaved changes"))
        recovery.remove()
        self.window.show_plan_view()
        self.window.autosave.save_now()
        return True

    def remember_folder(self, path: Path) -> None:
        """Open, Save As and Export start in ``path``'s folder next time, unless it is the examples'
        (they are installed with the app: a plan saved there would be lost on the next update)."""
        folder = path.parent.resolve()
        examples = {p.parent.resolve() for p in example_plans()}
        if folder not in examples:
            self.window.settings.set_last_directory(folder)

    # -- helpers -----------------------------------------------------------------

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for path in paths:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not paths:
            self.recent_menu.addAction("No recent plans").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Recent Plans", self.recent.clear)

    def _update_enabled(self) -> None:
        self.revert.setEnabled(self.document.path is not None and self.document.modified)

    def _file_stem(self) -> str:
        if self.document.path is not None:
            return self.document.path.stem
        name = self.document.plan.name.strip() or "plan"
        return "".join(c if c.isalnum() or c in " -_" else "-" for c in name).strip() or "plan"

    def _report_warnings(self, name: str, warnings: list[Problem]) -> None:
        if warnings:
            self.window.prompts.warning(
                f"Opened {name}", f"{name} opened with {len(warnings)} warning(s).", warnings
            )

    def _on_failure(self, summary: str, exc: BaseException, path: Path) -> None:
        if isinstance(exc, PlanError):
            problems = exc.problems
        else:
            problems = [Problem(str(exc) or type(exc).__name__, path.name)]
        self._show_problems(summary, problems, path)

    def _show_problems(self, summary: str, problems: list[Problem], path: Path) -> None:
        self.window.prompts.error(summary, f"{summary}. Nothing was changed.", problems)


def _read_with_figures(path: Path) -> tuple[Plan, list[Problem], PlanFigures]:
    """Read a plan and compute its figures, both on the worker thread: the GUI thread then only
    shows them, instead of laying out a large plan while a recompute competes with it for the
    interpreter."""
    from reeplanner.formats.files import read_plan

    plan, warnings = read_plan(path)
    return plan, warnings, compute_figures(plan)

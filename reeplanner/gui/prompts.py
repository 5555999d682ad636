"""Every question the window asks the user, behind one seam.

The window calls ``self.prompts.<question>(...)``; tests hand the window an
object with the same methods that answers at once, so no test has to drive
a modal dialog or patch Qt.
"""

from __future__ import annotations

from enum import Enum
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from reeplanner.model.problems import Problem

if TYPE_CHECKING:
    from reeplanner.gui.brief_dialog import BriefChoice

PLAN_FILTER = "REE Planner plans (*.reeplan)"
WORKBOOK_FILTER = "Plan workbooks (*.xlsx *.xlsm *.ods)"
OPENABLE_FILTER = "Plans and workbooks (*.reeplan *.xlsx *.ods)"
BRIEF_FILTER = "Excel workbook (*.xlsx)"  # also the exported plan workbook
MAX_LISTED_PROBLEMS = 25


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RecoveryChoice(Enum):
    """What to do with changes a crash left behind."""

    RESTORE = "restore"  # open the plan with them, unsaved
    DISCARD = "discard"  # delete them
    LATER = "later"  # keep them and ask again next time


class Prompts:
    """The real dialogs, parented to ``parent`` so they sit over the window."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def save_discard_cancel(self, name: str) -> SaveChoice:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {name}?")
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    def open_path(self, title: str, folder: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self._parent, title, folder, file_filter)
        return path or None

    def save_path(self, title: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self._parent, title, suggested, file_filter)
        return path or None

    def error(self, title: str, summary: str, problems: list[Problem] | None = None) -> None:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title)
        box.setText(summary)
        if problems:
            box.setInformativeText(problem_list_html(problems))
            box.setDetailedText("\n".join(str(p) for p in problems))
        box.exec()

    def warning(self, title: str, summary: str, problems: list[Problem]) -> None:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(summary)
        box.setInformativeText(problem_list_html(problems))
        box.exec()

    def brief_options(self, scenarios: list[tuple[str, str]]) -> BriefChoice | None:
        """Export Brief's scenarios and pages (``scenarios``: ID and name, plan order); None: cancelled."""
        from reeplanner.gui.brief_dialog import BriefDialog

        dialog = BriefDialog(scenarios, self._parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self._parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def recover_changes(self, what: str, when: str) -> RecoveryChoice:
        """Changes to ``what`` autosaved ``when`` by a session that ended without saving them."""
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Recover unsaved changes")
        box.setText(f"REE Planner found unsaved changes to {what} from {when}.")
        box.setInformativeText(
            "REE Planner closed without saving them. Restore them (they stay unsaved until you save), "
            "discard them, or decide later (the plan opens as last saved and you are asked again)."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("Decide Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        box.exec()
        clicked = box.clickedButton()
        if clicked == restore:
            return RecoveryChoice.RESTORE
        if clicked == discard:
            return RecoveryChoice.DISCARD
        return RecoveryChoice.LATER


def problem_list_html(problems: list[Problem]) -> str:
    """The problems as a short list, ``where: message``, errors first."""
    ordered = sorted(problems, key=lambda p: not p.is_error)
    items = "".join(
        f"<li><b>{escape(p.where)}</b>: {escape(p.message)}</li>" for p in ordered[:MAX_LISTED_PROBLEMS]
    )
    more = len(ordered) - MAX_LISTED_PROBLEMS
    tail = f"<p>…and {more} more (see Show Details).</p>" if more > 0 else ""
    return f"<ul>{items}</ul>{tail}"

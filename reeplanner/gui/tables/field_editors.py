"""Editors for one plan field, chosen by the schema column's kind.

Shared by the table delegates, the inspector form and the plan settings: a
picker (``ChoiceCombo``) for references, choices, yes/no, countries and an
override's Target, listing names beside IDs; a date field that takes what
the workbook takes (``2028-01-01``, ``2028-01``, ``2028``) or a date picked
in its calendar; a line edit for numbers and text. No editor blocks a
character: whatever is typed is handed back raw, and ``cell_edits`` parses
it and checks it, so a refusal always comes with validation's sentence.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QApplication, QCalendarWidget, QComboBox, QCompleter, QLineEdit, QWidget

from reeplanner.gui.icons import icon, set_icon
from reeplanner.gui.tables.cell_edits import edit_text
from reeplanner.model.cells import CellError, parse_date
from reeplanner.model.choices import Choice, choice_value, column_choices
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.schema import Column, Kind

DATE_HINT = "YYYY-MM-DD, YYYY-MM or a year"


def make_editor(
    column: Column, plan: Plan, parent: QWidget | None = None, table: str = "", record: object | None = None
) -> QWidget:
    """A widget to edit ``column`` of ``table`` (for ``record``'s row) in ``plan``."""
    choices = column_choices(plan, table, column, record)
    if choices is not None:
        free = column.kind in (Kind.REF, Kind.COUNTRY) or (table == "overrides" and column.attr == "target")
        combo = ChoiceCombo(parent, editable=free)
        combo.set_choices(choices)
        return combo
    if column.kind is Kind.DATE:
        return DateField(plan.start_year, parent)
    line = QLineEdit(parent)
    if column.kind is Kind.REFS:
        line.setPlaceholderText("IDs, comma-separated; empty for every scenario")
    elif column.kind is Kind.COUNTRIES:
        line.setPlaceholderText("countries, comma-separated; 'none' for no country")
    elif not column.required:
        line.setPlaceholderText("empty")
    return line


def update_choices(editor: QWidget, column: Column, plan: Plan, table: str, record: object | None) -> None:
    """Bring a picker's list up to date (a reference's rows, an override Target by its Kind)."""
    if isinstance(editor, ChoiceCombo):
        choices = column_choices(plan, table, column, record)
        if choices is not None:
            editor.set_choices(choices)
    elif isinstance(editor, DateField):
        editor.start_year = plan.start_year


class ChoiceCombo(QComboBox):
    """A picker of ``Choice`` labels (``MP-MINE — Mountain Pass mine``) that stores their values.

    Editable pickers (references, countries, Targets) complete what is typed
    from anywhere in a label, so typing a name finds its ID; text that matches
    no choice is handed back as typed, for validation to refuse by name.
    ``edited`` says the planner is done: a choice picked, Enter, or leaving
    the picker (the line edit inside never has the focus itself, so its own
    editingFinished does not say so).
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, editable: bool) -> None:
        super().__init__(parent)
        self.choices: list[Choice] = []
        self.setEditable(editable)
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        if editable:
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(self.model(), self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
            self.lineEdit().returnPressed.connect(self.edited)
            app = QApplication.instance()
            if isinstance(app, QApplication):  # a completer eats the picker's focus-out while it shows
                app.focusChanged.connect(self._on_application_focus_changed)
        self.activated.connect(lambda _index: self.edited.emit())

    def hideEvent(self, event: QHideEvent) -> None:
        """A picker closed (a cell's editor done) takes its list of completions with it."""
        completer = self.completer()
        if completer is not None:
            completer.popup().hide()
        super().hideEvent(event)

    def _on_application_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Left for another widget (not for another window: its completions' list may be one)."""
        mine = (self, self.lineEdit(), self.view(), self.completer().popup() if self.completer() else None)
        if old in mine and new is not None and new not in mine:
            self.edited.emit()

    def set_choices(self, choices: list[Choice]) -> None:
        if choices == self.choices:
            return
        text = self.currentText() if self.isEditable() else ""
        self.blockSignals(True)
        try:
            self.clear()
            for choice in choices:
                self.addItem(choice.label, choice.value)
            self.choices = list(choices)
            if self.isEditable():
                self.setEditText(text)
        finally:
            self.blockSignals(False)

    def show_value(self, text: str) -> None:
        """Show the choice whose value is ``text`` (ignoring case), else ``text`` itself."""
        found = next((i for i, c in enumerate(self.choices) if id_key(c.value) == id_key(text)), -1)
        if found >= 0 and (text or not self.choices[found].value):
            self.setCurrentIndex(found)
            if self.isEditable():
                self.setEditText(self.choices[found].label)
        elif self.isEditable():
            self.setCurrentIndex(-1)
            self.setEditText(text)
        else:
            self.setCurrentIndex(max(found, 0))
        if self.isEditable():
            self.lineEdit().setCursorPosition(0)  # the ID, not the end of a long name

    def value_text(self) -> str:
        """The value the planner chose or typed."""
        if not self.isEditable():
            return str(self.currentData() or "") if self.currentIndex() >= 0 else ""
        return choice_value(self.choices, self.currentText())


class DateField(QLineEdit):
    """A date as text, with a calendar behind the button at its end.

    Takes ``2028-01-01``, ``2028-01`` and ``2028`` as the workbook does; the
    calendar opens at the date in the field, else at January of the plan's
    start year. ``picked`` says a date was chosen in the calendar (the field
    then holds it, and its editor commits it).
    """

    picked = Signal()

    def __init__(self, start_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_year = start_year
        self.calendar: QCalendarWidget | None = None
        self.setPlaceholderText(DATE_HINT)
        self.setToolTip(f"A date: {DATE_HINT}; or pick one in the calendar (the button at the end).")
        action = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        set_icon(action, "calendar")  # painted again with the palette
        action.setObjectName("date-calendar")
        action.setToolTip("Pick a date in a calendar")
        action.triggered.connect(self.show_calendar)

    def shown_date(self) -> QDate:
        """Where the calendar opens: the date typed, else January 1 of the plan's start year."""
        try:
            date = parse_date(self.text()) if self.text().strip() else None
        except CellError:
            date = None
        if date is None:
            return QDate(self.start_year, 1, 1)
        return QDate(date.year, date.month, date.day)

    def show_calendar(self) -> QCalendarWidget:
        """Open the calendar below the field (a popup of the field, so editing goes on meanwhile)."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setObjectName("date-calendar-popup")
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.activated.connect(self._on_calendar_chosen)
            self.calendar.clicked.connect(self._on_calendar_chosen)
        date = self.shown_date()
        self.calendar.setSelectedDate(date)
        self.calendar.setCurrentPage(date.year(), date.month())
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()
        return self.calendar

    def _on_calendar_chosen(self, date: QDate) -> None:
        self.setText(dt.date(date.year(), date.month(), date.day()).isoformat())
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()
        self.picked.emit()


def set_editor_value(editor: QWidget, column: Column, value: object) -> None:
    """Show ``value`` in an editor made by ``make_editor``; its text counts as unchanged."""
    if isinstance(editor, ChoiceCombo):
        editor.show_value(edit_text(column, value))
    elif isinstance(editor, QLineEdit):
        editor.setText(edit_text(column, value))
        editor.setModified(False)
        editor.setCursorPosition(0)  # the start of a long note, not its end


def editor_value(editor: QWidget) -> object:
    """What the user entered, as text for ``parse_value``."""
    if isinstance(editor, ChoiceCombo):
        return editor.value_text()
    if isinstance(editor, QLineEdit):
        return editor.text()
    raise TypeError(f"not a field editor: {editor!r}")

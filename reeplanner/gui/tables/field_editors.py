"""Editors for one plan field, chosen by the schema column's kind.

Shared by the table delegates and the inspector form: a combo box for
choices, references and yes/no; a spin box for required numbers; a date
editor; a line edit for text and for numbers that may be left empty. An
editor hands back raw input; ``cell_edits.parse_value`` decides.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from reeplanner.gui.tables.cell_edits import edit_text
from reeplanner.model.plan import Plan
from reeplanner.model.schema import TABLES_BY_ATTR, Column, Kind

NO_DATE = QDate(1900, 1, 1)  # the date editor's "empty" value, shown as blank
_BIG = 1e12


def make_editor(column: Column, plan: Plan, parent: QWidget | None = None) -> QWidget:
    """A widget to edit ``column``'s values in ``plan``."""
    if column.kind is Kind.CHOICE and column.choices is not None:
        return _combo(parent, [m.value for m in column.choices], column.required, editable=False)
    if column.kind is Kind.BOOL:
        return _combo(parent, ["yes", "no"], True, editable=False)
    if column.kind is Kind.REF:
        ref = TABLES_BY_ATTR[column.ref]
        ids = [str(getattr(r, ref.id_attr)) for r in getattr(plan, column.ref)]
        return _combo(parent, ids, column.required, editable=True)
    if column.kind is Kind.DATE:
        editor = QDateEdit(parent)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setCalendarPopup(True)
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText(" ")  # NO_DATE reads as an empty date
        return editor
    if column.required and column.kind in (Kind.INT, Kind.YEAR):
        spin = QSpinBox(parent)
        spin.setRange(int(column.minimum if column.minimum is not None else -1_000_000), 1_000_000)
        return spin
    if column.required and column.kind in (Kind.NUMBER, Kind.SHARE):
        dspin = NumberSpinBox(parent)
        dspin.setDecimals(4 if column.kind is Kind.SHARE else 3)
        low = column.minimum if column.minimum is not None else -_BIG
        dspin.setRange(low, column.maximum if column.maximum is not None else _BIG)
        dspin.setGroupSeparatorShown(column.kind is Kind.NUMBER)
        return dspin
    line = QLineEdit(parent)
    if column.kind is Kind.REFS:
        line.setPlaceholderText("IDs, comma-separated")
    elif not column.required:
        line.setPlaceholderText("empty")
    return line


class NumberSpinBox(QDoubleSpinBox):
    """A spin box that shows ``6,000`` and ``0.29``, not ``6,000.000`` and ``0.2900``: trailing zeros
    are dropped from what it shows; its decimals still bound what can be typed."""

    def textFromValue(self, value: float) -> str:
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text


def _combo(parent: QWidget | None, items: list[str], required: bool, *, editable: bool) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(editable)
    combo.addItems(items if required else ["", *items])
    return combo


def set_editor_value(editor: QWidget, column: Column, value: object) -> None:
    """Show ``value`` in an editor made by ``make_editor``."""
    if isinstance(editor, QDateEdit):
        date = value if isinstance(value, dt.date) else None
        editor.setDate(QDate(date.year, date.month, date.day) if date else NO_DATE)
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value) if isinstance(value, (int, float)) else editor.minimum())
    elif isinstance(editor, QDoubleSpinBox):
        editor.setValue(float(value) if isinstance(value, (int, float)) else editor.minimum())
    elif isinstance(editor, QComboBox):
        text = edit_text(column, value)
        found = editor.findText(text)
        if found < 0 and editor.isEditable():
            editor.setEditText(text)
        else:
            editor.setCurrentIndex(max(found, 0))
    elif isinstance(editor, QLineEdit):
        editor.setText(edit_text(column, value))


def editor_value(editor: QWidget) -> object:
    """What the user entered, for ``parse_value``: a date, a number or text."""
    if isinstance(editor, QDateEdit):
        date = editor.date()
        return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
    if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
        editor.interpretText()
        return editor.value()
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    raise TypeError(f"not a field editor: {editor!r}")


def shows_value(editor: QWidget, value: object) -> bool:
    """True when a spin box still shows ``value`` as rounded to its decimals.

    Opening and closing a spin box on 1234.56789 must not store 1234.568.
    """
    if isinstance(editor, QDoubleSpinBox) and isinstance(value, (int, float)) and not isinstance(value, bool):
        editor.interpretText()
        return round(float(value), editor.decimals()) == editor.value()
    return False

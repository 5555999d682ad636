"""The plan's own settings: every Plan field of the workbook, as one form.

One editor per ``PLAN_FIELDS`` column, the same editors as the tables and
the inspector (a country picker for Home country, a date field with its
calendar for As of). OK parses and checks every field with the rules of
every other path: a value the plan cannot take is refused with
validation's sentence in a balloon below its field, and nothing changes;
otherwise every changed field is applied as one undoable command ("Change
plan settings"). A field left empty takes the plan's default (Currency
USD million, Home country US...), as in the workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from reeplanner.gui.commands import EditCommand
from reeplanner.gui.refusal_balloon import RefusalBalloon
from reeplanner.gui.tables import field_editors
from reeplanner.gui.tables.cell_edits import edit_text
from reeplanner.model.cells import CellError, is_blank, parse_cell
from reeplanner.model.choices import Choice, reference_choices
from reeplanner.model.edits import EditRefused, prepare_edit
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem
from reeplanner.model.schema import PLAN_FIELDS, Column

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument


class PlanSettingsDialog(QDialog):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        plan = document.plan
        self.setWindowTitle("Plan Settings")
        self.setObjectName("plan-settings-dialog")
        self.setMinimumWidth(560)
        self.editors: dict[str, QWidget] = {}  # Plan attribute -> editor
        defaults = Plan()
        form = QFormLayout()
        for column in PLAN_FIELDS:
            editor = self._make_editor(column, plan)
            editor.setObjectName(f"plan-{column.attr}")
            if column.help:
                editor.setToolTip(column.help)
            form.addRow(column.header + ("*" if column.required else ""), editor)
            self.editors[column.attr] = editor
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(plan.description)
            else:
                field_editors.set_editor_value(editor, column, getattr(plan, column.attr))
                default = getattr(defaults, column.attr)
                if not column.required and default and hasattr(editor, "setPlaceholderText"):
                    editor.setPlaceholderText(f"empty: {edit_text(column, default)}")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.balloon = RefusalBalloon(self)

    def _make_editor(self, column: Column, plan: Plan) -> QWidget:
        if column.attr == "description":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(70)
            return text
        editor = field_editors.make_editor(column, plan, None, "plan")
        if column.attr == "base_scenario" and isinstance(editor, field_editors.ChoiceCombo):
            editor.set_choices([Choice("", "(the first scenario)"), *reference_choices(plan, "scenarios")])
        return editor

    def values(self) -> dict[str, object]:
        """The settings as the form shows them, by Plan attribute (empty: the default). Raises
        ``EditRefused`` naming the field that cannot be read."""
        defaults = Plan()
        values: dict[str, object] = {}
        for column in PLAN_FIELDS:
            editor = self.editors[column.attr]
            raw = (
                editor.toPlainText()
                if isinstance(editor, QPlainTextEdit)
                else field_editors.editor_value(editor)
            )
            try:
                value = parse_cell(column, raw)
            except CellError as error:
                raise EditRefused(str(error), _field_problem(column)) from None
            if is_blank(raw) and not column.required:
                value = getattr(defaults, column.attr)
            values[column.attr] = value
        return values

    def accept(self) -> None:
        plan = self.document.plan
        try:
            values = self.values()
            changes = [(0, attr, value) for attr, value in values.items() if getattr(plan, attr) != value]
            edit = prepare_edit(plan, "plan", changes) if changes else None
        except EditRefused as refusal:
            self.show_refusal(refusal)
            return
        if edit is not None:
            self.document.push(EditCommand(self.document, edit, "Change plan settings"))
        super().accept()

    def show_refusal(self, refusal: EditRefused) -> None:
        """The sentence below the field it is about (else below the last field); nothing changes."""
        header = refusal.problem.field if refusal.problem is not None else ""
        column = next((c for c in PLAN_FIELDS if c.header == header), PLAN_FIELDS[-1])
        editor = self.editors[column.attr]
        top_left = editor.mapTo(self, editor.rect().topLeft())
        self.balloon.show_below(QRect(top_left, editor.size()), f"Not changed: {refusal}")


def _field_problem(column: Column) -> Problem:
    return Problem("", "Plan", None, column.header)

"""Edits plan cells in place with the editor their column's kind calls for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QAbstractItemDelegate, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reeplanner.gui.tables import field_editors
from reeplanner.gui.tables.plan_table_model import COLUMN_ROLE, VALUE_ROLE

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument
    from reeplanner.gui.tables.plan_table_view import PlanTableView

AnyIndex = QModelIndex | QPersistentModelIndex
CLOSING = "closing"  # an editor's property, set once it is committed and closed


class PlanItemDelegate(QStyledItemDelegate):
    """Pickers for IDs, statuses and yes/no (names beside IDs); date fields; line edits for the rest.

    The value goes back through the model's ``setData``, which parses and
    checks it and pushes the command, or refuses it with the sentence why.
    A choice picked from a list or a date picked in a calendar is kept at
    once; typed text on Enter, Tab or leaving the cell.
    """

    def __init__(self, document: PlanDocument, view: PlanTableView) -> None:
        super().__init__(view)
        self.document = document
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        source = self.view.proxy.mapToSource(self.view.proxy.index(index.row(), index.column()))
        model = self.view.source_model
        record = model.record(source.row()) if source.isValid() else None
        editor = field_editors.make_editor(
            index.data(COLUMN_ROLE), self.document.plan, parent, model.table.attr, record
        )
        editor.setAutoFillBackground(True)
        if isinstance(editor, field_editors.ChoiceCombo):
            # A choice picked, Enter, or leaving the picker: its completer's list may have taken the key.
            editor.edited.connect(lambda e=editor: self._commit_and_close(e))
        elif isinstance(editor, field_editors.DateField):
            editor.picked.connect(lambda e=editor: self._commit_and_close(e))
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        # Once only: closing moves the focus away, which says "edited" again.
        if editor.isVisible() and not editor.property(CLOSING):
            editor.setProperty(CLOSING, True)
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        field_editors.set_editor_value(editor, index.data(COLUMN_ROLE), index.data(VALUE_ROLE))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        model.setData(index, field_editors.editor_value(editor))

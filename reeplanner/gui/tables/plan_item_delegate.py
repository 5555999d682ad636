"""Edits plan cells in place with the editor their column's kind calls for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reeplanner.gui.tables import field_editors
from reeplanner.gui.tables.plan_table_model import COLUMN_ROLE, VALUE_ROLE

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument

AnyIndex = QModelIndex | QPersistentModelIndex


class PlanItemDelegate(QStyledItemDelegate):
    """Combo boxes for IDs, statuses and yes/no; spin boxes for numbers; date editors.

    The value goes back through the model's ``setData``, which parses it and
    pushes the command (or refuses it with the parser's sentence).
    """

    def __init__(self, document: PlanDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = field_editors.make_editor(index.data(COLUMN_ROLE), self.document.plan, parent)
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        field_editors.set_editor_value(editor, index.data(COLUMN_ROLE), index.data(VALUE_ROLE))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if not field_editors.shows_value(editor, index.data(VALUE_ROLE)):
            model.setData(index, field_editors.editor_value(editor))

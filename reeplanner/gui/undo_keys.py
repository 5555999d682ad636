"""Undo and redo from anywhere in the window, a text field included.

A text field has its own undo for the text being typed. Once that text is
committed (or when nothing was typed), Ctrl+Z in the field means the plan's
last change, as it does everywhere else; so the field only keeps the key
while it has typed text to undo. Editors open in a table cell keep their
own undo (Esc cancels the cell's edit). Ctrl+Y and Ctrl+Shift+Z both redo,
on every platform.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def shortcuts(standard: QKeySequence.StandardKey, extra: tuple[QKeySequence, ...]) -> list[QKeySequence]:
    """``extra`` and the platform's own bindings of ``standard``, each once."""
    found: list[QKeySequence] = []
    for key in (*extra, *QKeySequence.keyBindings(standard)):
        if key not in found:
            found.append(key)
    return found


class UndoKeys(QObject):
    """An application event filter sending undo and redo keys in committed text fields to the plan."""

    def __init__(self, window: QWidget, undo: QAction, redo: QAction) -> None:
        super().__init__(window)
        self.window, self.undo, self.redo = window, undo, redo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(
            watched, QLineEdit
        ):
            return False
        assert isinstance(event, QKeyEvent)
        action = self._action_for(event)
        if action is None or not self._in_window(watched) or self._is_cell_editor(watched):
            return False
        local = watched.isUndoAvailable() if action is self.undo else watched.isRedoAvailable()
        if local and watched.isModified():
            return False  # typed text not yet committed: the field undoes it
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to the field as a key press: taken below
        elif action.isEnabled():
            action.trigger()
        return True

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        if pressed in self.undo.shortcuts():
            return self.undo
        if pressed in self.redo.shortcuts():
            return self.redo
        return None

    def _in_window(self, widget: QWidget) -> bool:
        """In the main window or one of its docks, floating ones too (not in a dialog)."""
        parent: QWidget | None = widget
        while parent is not None:
            if parent is self.window:
                return True
            if parent.isWindow() and parent.inherits("QDialog"):
                return False
            parent = parent.parentWidget()
        return False

    @staticmethod
    def _is_cell_editor(widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QAbstractItemView):
                return True
            parent = parent.parentWidget()
        return False

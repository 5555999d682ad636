"""The page shown when REE Planner starts with no plan: new, open, the examples, recent files."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def example_plans() -> list[Path]:
    """The example plans shipped with REE Planner (``examples/*.reeplan``), by name."""
    folder = resources.files("reeplanner.examples")
    return sorted(
        (Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".reeplan")),
        key=lambda p: p.name,
    )


def example_title(path: Path) -> str:
    """The example's plan name, read from its file; the file name when it cannot be read."""
    try:
        with path.open(encoding="utf-8") as fh:
            name = json.load(fh)["plan"]["name"]
    except (OSError, ValueError, KeyError, TypeError):
        name = ""
    return str(name).strip() or path.stem.replace("-", " ").capitalize()


class WelcomePage(QWidget):
    """Start here: each choice is a signal the window acts on.

    ``recent_source`` gives the recent plans; the list is read again each time
    the page is shown, so it always matches File > Open Recent.
    """

    new_requested = Signal()
    open_requested = Signal()
    example_requested = Signal(Path)
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome-page")
        title = QLabel("<h1>REE Planner</h1>")
        blurb = QLabel(
            "Lay out the rare-earth supply chain from mine to magnet, see where it breaks under each "
            "scenario, who owns each piece and what money goes where."
        )
        blurb.setWordWrap(True)
        new_button = QPushButton("New plan")
        new_button.setObjectName("welcome-new")
        new_button.clicked.connect(self.new_requested)
        open_button = QPushButton("Open…")
        open_button.setObjectName("welcome-open")
        open_button.clicked.connect(self.open_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)

        self.examples = self._file_list("welcome-examples", self.example_requested)
        self.recent = self._file_list("welcome-recent", self.recent_requested)
        lists = QHBoxLayout()
        lists.addLayout(self._titled("Examples", self.examples), 1)
        lists.addLayout(self._titled("Recent plans", self.recent), 1)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(blurb)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addLayout(lists, 1)
        hint = QLabel("Double-click an example or a recent plan to open it.")
        hint.setEnabled(False)
        column.addWidget(hint)
        frame = QWidget()
        frame.setLayout(column)
        frame.setMaximumWidth(900)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(frame, 4)
        outer.addStretch(1)
        self.set_examples(example_plans())
        self.recent_source: Callable[[], list[Path]] | None = None

    def showEvent(self, event: QShowEvent) -> None:
        if self.recent_source is not None:
            self.set_recent(self.recent_source())
        super().showEvent(event)

    def set_examples(self, paths: list[Path]) -> None:
        self._fill(self.examples, [(example_title(p), p) for p in paths], "No examples installed.")

    def set_recent(self, paths: list[Path]) -> None:
        self._fill(self.recent, [(p.name, p) for p in paths], "Plans you open appear here.")

    @staticmethod
    def _file_list(name: str, chosen: Signal) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)

        def activated(item: QListWidgetItem) -> None:
            path = item.data(Qt.ItemDataRole.UserRole)
            if path:
                chosen.emit(Path(path))

        widget.itemActivated.connect(activated)
        return widget

    @staticmethod
    def _titled(text: str, widget: QWidget) -> QVBoxLayout:
        layout = QVBoxLayout()
        layout.addWidget(QLabel(f"<b>{text}</b>"))
        layout.addWidget(widget)
        return layout

    @staticmethod
    def _fill(widget: QListWidget, entries: list[tuple[str, Path]], empty: str) -> None:
        widget.clear()
        for text, path in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            widget.addItem(item)
        if not entries:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)

"""Export Brief's choices: which scenarios the brief covers, in which order, and which pages.

The same choices as ``reeplanner-cli brief --scenario ID ... --pages``: every scenario is ticked
at first, in plan order; the first ticked scenario leads the brief (drag a row, or use Move Up,
to change the order); "Summary" writes pages 1-4 only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class BriefChoice:
    """The scenarios to brief (the first leads) and the pages: ``all`` or ``summary``."""

    scenario_ids: list[str]
    pages: str = "all"


class BriefDialog(QDialog):
    def __init__(self, scenarios: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``scenarios``: (ID, name) of every scenario, in plan order."""
        super().__init__(parent)
        self.setWindowTitle("Export Leadership Brief")
        self.setObjectName("brief-dialog")
        self.setMinimumWidth(460)
        intro = QLabel(
            "Tick the scenarios the brief covers. The first ticked scenario leads it: its figures "
            "write the bottom line. Drag a scenario, or use Move Up, to change the order."
        )
        intro.setWordWrap(True)
        self.scenarios = QListWidget()
        self.scenarios.setObjectName("brief-scenarios")
        self.scenarios.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for scenario_id, name in scenarios:
            item = QListWidgetItem(f"{name} ({scenario_id})" if name and name != scenario_id else scenario_id)
            item.setData(ID_ROLE, scenario_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.scenarios.addItem(item)
        self.scenarios.setCurrentRow(0)
        self.scenarios.itemChanged.connect(self._update_ok)

        move_up = QPushButton("Move &Up")
        move_up.setObjectName("brief-move-up")
        move_up.clicked.connect(self.move_current_up)
        tick_all = QPushButton("Tick &All")
        tick_all.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        clear = QPushButton("&Clear")
        clear.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        row = QHBoxLayout()
        for button in (move_up, tick_all, clear):
            row.addWidget(button)
        row.addStretch(1)

        self.full = QRadioButton("&Full brief: pages 1-4 and the annex")
        self.full.setObjectName("brief-pages-all")
        self.full.setChecked(True)
        self.summary = QRadioButton("&Summary: pages 1-4 only, for a quick read")
        self.summary.setObjectName("brief-pages-summary")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scenarios)
        layout.addLayout(row)
        layout.addWidget(self.full)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._update_ok()

    def choice(self) -> BriefChoice:
        """The ticked scenarios in the list's order, and the pages."""
        ids = []
        for index in range(self.scenarios.count()):
            item = self.scenarios.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(ID_ROLE))
        return BriefChoice(ids, "summary" if self.summary.isChecked() else "all")

    def set_ticked(self, scenario_ids: list[str]) -> None:
        """Tick exactly ``scenario_ids``."""
        wanted = set(scenario_ids)
        for index in range(self.scenarios.count()):
            item = self.scenarios.item(index)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked
            )

    def move_current_up(self) -> None:
        row = self.scenarios.currentRow()
        if row <= 0:
            return
        item = self.scenarios.takeItem(row)
        self.scenarios.insertItem(row - 1, item)
        self.scenarios.setCurrentRow(row - 1)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for index in range(self.scenarios.count()):
            self.scenarios.item(index).setCheckState(state)

    def _update_ok(self, *_args) -> None:
        """Export needs at least one scenario."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.choice().scenario_ids))

"""Link to…: pick the facility a card's facility supplies, from a list that can be filtered.

The facilities of the next stage come first (for a recycler, of the stage
it feeds), each as ``ID — name · stage``; typing filters by any of them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reeplanner.model.choices import labelled
from reeplanner.model.edits import chain_stages, find_stage
from reeplanner.model.ids import id_key
from reeplanner.model.new_rows import next_stage
from reeplanner.model.plan import Plan
from reeplanner.model.records import Facility


def link_candidates(plan: Plan, source: Facility) -> list[Facility]:
    """Every other facility, those of the next stage first, then by stage along the chain."""
    wanted = next_stage(plan, source)
    order = {id_key(s.id): i for i, s in enumerate(chain_stages(plan))}
    others = [f for f in plan.facilities if id_key(f.id) != id_key(source.id)]
    return sorted(others, key=lambda f: (id_key(f.stage) != wanted, order.get(id_key(f.stage), len(order))))


class LinkToDialog(QDialog):
    def __init__(self, plan: Plan, source: Facility, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("link-to-dialog")
        self.setWindowTitle(f"Link {source.name} to…")
        self.source = source
        self.filter = QLineEdit(self)
        self.filter.setObjectName("link-to-filter")
        self.filter.setPlaceholderText("Filter by ID, name or stage")
        self.list = QListWidget(self)
        self.list.setObjectName("link-to-list")
        for fac in link_candidates(plan, source):
            stage = find_stage(plan, fac.stage)
            item = QListWidgetItem(
                f"{labelled(fac.id, fac.name).label} · {stage.name if stage else fac.stage}"
            )
            item.setData(Qt.ItemDataRole.UserRole, fac)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Which facility does {source.name} supply?"))
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.filter.setFocus()
        self.resize(420, 360)

    def chosen(self) -> Facility | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            shown = all(word in item.text().casefold() for word in words)
            item.setHidden(not shown)
            if shown and first is None:
                first = item
        self.list.setCurrentItem(first)

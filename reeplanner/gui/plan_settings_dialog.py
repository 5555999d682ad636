"""The plan's own settings: name, description, horizon, currency, base scenario.

One form over ``PLAN_FIELDS``; OK applies every changed field as one undoable
command ("Change plan settings"). Values go through the same parser as the
tables, and a horizon the engine cannot use is refused before anything
changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reeplanner.gui.commands import SetFieldsCommand
from reeplanner.model.validation import MAX_HORIZON_YEARS

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument


class PlanSettingsDialog(QDialog):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        plan = document.plan
        self.setWindowTitle("Plan Settings")
        self.setObjectName("plan-settings-dialog")
        self.name = QLineEdit(plan.name)
        self.description = QPlainTextEdit(plan.description)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
        self.start_year = _year_box(plan.start_year)
        self.end_year = _year_box(plan.end_year)
        self.currency = QLineEdit(plan.currency)
        self.currency.setPlaceholderText("USD million")
        self.base_scenario = QComboBox()
        self.base_scenario.addItem("(first scenario)", "")
        for scenario in plan.scenarios:
            self.base_scenario.addItem(f"{scenario.id} — {scenario.name}", scenario.id)
        found = self.base_scenario.findData(plan.base_scenario)
        self.base_scenario.setCurrentIndex(max(found, 0))
        self.refusal = QLabel()
        self.refusal.setObjectName("plan-settings-refusal")
        self.refusal.setStyleSheet("color: #a40000;")
        self.refusal.setWordWrap(True)
        self.refusal.hide()

        form = QFormLayout()
        form.addRow("Name*", self.name)
        form.addRow("Description", self.description)
        form.addRow("Start year*", self.start_year)
        form.addRow("End year*", self.end_year)
        form.addRow("Currency", self.currency)
        form.addRow("Base scenario", self.base_scenario)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)

    def values(self) -> dict[str, object]:
        """The settings as the form shows them, by Plan attribute."""
        return {
            "name": self.name.text().strip(),
            "description": self.description.toPlainText().strip(),
            "start_year": self.start_year.value(),
            "end_year": self.end_year.value(),
            "currency": self.currency.text().strip() or "USD million",
            "base_scenario": self.base_scenario.currentData() or "",
        }

    def refusal_reason(self, values: dict[str, object]) -> str:
        start, end = values["start_year"], values["end_year"]
        if not values["name"]:
            return "The plan needs a name."
        if end < start:  # type: ignore[operator]
            return f"End year {end} is before Start year {start}."
        if end > start + MAX_HORIZON_YEARS:  # type: ignore[operator]
            return f"The horizon may span at most {MAX_HORIZON_YEARS} years."
        return ""

    def accept(self) -> None:
        values = self.values()
        reason = self.refusal_reason(values)
        if reason:
            self.refusal.setText(f"Not changed: {reason}")
            self.refusal.show()
            return
        plan = self.document.plan
        changes = [(0, attr, value) for attr, value in values.items() if getattr(plan, attr) != value]
        if changes:
            self.document.push(SetFieldsCommand(self.document, "plan", changes, "Change plan settings"))
        super().accept()


def _year_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1990, 2100)
    box.setValue(value)
    return box

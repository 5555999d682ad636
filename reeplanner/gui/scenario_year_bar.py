"""The toolbar's scenario switcher and year spin box + slider, bound to the document."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QSpinBox, QWidget

from reeplanner.gui.document import PlanDocument
from reeplanner.model.horizon import laid_out_years
from reeplanner.model.ids import id_key


class ScenarioYearBar(QWidget):
    """Which scenario and which year every view shows."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.scenario = QComboBox()
        self.scenario.setObjectName("scenario-switcher")
        self.scenario.setToolTip("The scenario every view shows")
        self.scenario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("year-spin")
        self.year_spin.setToolTip("The year the canvas and tables show")
        self.year_slider = QSlider(Qt.Orientation.Horizontal)
        self.year_slider.setObjectName("year-slider")
        self.year_slider.setMinimumWidth(160)
        self.year_slider.setMaximumWidth(360)
        self.year_slider.setPageStep(5)
        self.year_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel("Scenario"))
        layout.addWidget(self.scenario)
        layout.addSpacing(12)
        layout.addWidget(QLabel("Year"))
        layout.addWidget(self.year_spin)
        layout.addWidget(self.year_slider)
        layout.addStretch(1)

        self.scenario.activated.connect(self._on_scenario_activated)
        self.year_spin.valueChanged.connect(self.document.set_year)
        self.year_slider.valueChanged.connect(self.document.set_year)
        document.plan_changed.connect(self._on_plan_changed)
        document.scenario_changed.connect(lambda _sid: self._show_scenario())
        document.year_changed.connect(self._show_year)
        self._fill_scenarios()
        self._fill_years()

    def _on_plan_changed(self, table: str) -> None:
        if table in ("scenarios", "*"):
            self._fill_scenarios()
        if table in ("plan", "*"):
            self._fill_years()

    def _on_scenario_activated(self, index: int) -> None:
        scenario_id = self.scenario.itemData(index)
        if scenario_id is not None:
            self.document.set_scenario(scenario_id)

    def _fill_scenarios(self) -> None:
        with QSignalBlocker(self.scenario):
            self.scenario.clear()
            for scenario in self.document.plan.scenarios:
                label = scenario.name or scenario.id
                self.scenario.addItem(label, scenario.id)
                self.scenario.setItemData(
                    self.scenario.count() - 1,
                    f"{scenario.id}: {scenario.description}",
                    Qt.ItemDataRole.ToolTipRole,
                )
        self._show_scenario()

    def _show_scenario(self) -> None:
        wanted = id_key(self.document.scenario_id)
        for i in range(self.scenario.count()):
            if id_key(self.scenario.itemData(i)) == wanted:
                with QSignalBlocker(self.scenario):
                    self.scenario.setCurrentIndex(i)
                return

    def _fill_years(self) -> None:
        years = laid_out_years(self.document.plan)
        for widget in (self.year_spin, self.year_slider):
            with QSignalBlocker(widget):
                widget.setRange(years.start, max(years.start, years.stop - 1))
        self._show_year(self.document.year)

    def _show_year(self, year: int) -> None:
        for widget in (self.year_spin, self.year_slider):
            with QSignalBlocker(widget):
                widget.setValue(year)

"""The selected row as a form: one editor per schema column, and what the engine derived for it.

Follows ``document.selection`` (set by the canvas and the tables). Edits go
through the same parsing, rules and commands as the tables, so a value is
refused with the same sentence (in a balloon below the field: the form
never moves) and undone the same way. For a facility it shows the
effective capacity in the year on show, the online date and the funding
total; for a stage, that year's capacity, requirement, output and gap.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reeplanner.gui.refusal_balloon import RefusalBalloon
from reeplanner.gui.tables import cell_edits, field_editors
from reeplanner.gui.tonnage import KILOTONNES, TONNES, kilotonnes, unit_label
from reeplanner.model.edits import EditRefused
from reeplanner.model.ids import id_key
from reeplanner.model.schema import TABLES_BY_ATTR, Column, Table

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument

EMPTY_HINT = "Select a facility, funding line or stage on the canvas or in a table to edit it here."


class Inspector(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("inspector")
        self.title = QLabel(EMPTY_HINT, self)
        self.title.setObjectName("inspector-title")
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.derived = QLabel(self)
        self.derived.setObjectName("inspector-derived")
        self.derived.setWordWrap(True)
        self.form_host = QWidget()
        fields = QWidget(self.form_host)
        self.form = QFormLayout(fields)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        host = QVBoxLayout(self.form_host)
        # Rows keep their height in a short dock: the form scrolls rather than squeezing its fields.
        host.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        host.addWidget(fields)
        host.addWidget(self.derived)  # below the form: new figures never move the field being edited
        host.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        scroll.verticalScrollBar().valueChanged.connect(lambda _value: self.balloon.follow_anchor())
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.balloon = RefusalBalloon(self)
        self.table: Table | None = None  # the selected row's table, None when no single row is selected
        self._form_table: Table | None = None  # the table the form's editors were built for
        self.index = -1
        self.editors: dict[str, QWidget] = {}  # column header -> editor
        self._loading = False
        self.units = TONNES  # how computed tonnages are written (View > Units); fields stay in t/yr
        document.selection_changed.connect(self._on_document_selection_changed)
        document.plan_changed.connect(self._on_document_plan_changed)
        document.results_changed.connect(self._show_derived)
        document.year_changed.connect(lambda _year: self._show_derived())
        document.scenario_changed.connect(lambda _scenario: self._show_derived())
        self._on_document_selection_changed(*document.selection)

    # -- which row -------------------------------------------------------------

    def _on_document_selection_changed(self, table: str, rows: list[int]) -> None:
        schema = TABLES_BY_ATTR.get(table)
        self.balloon.hide()
        if schema is None or len(rows) != 1 or rows[0] >= len(getattr(self.document.plan, table)):
            self._show_nothing(f"{len(rows)} rows of {schema.sheet} selected." if schema and rows else "")
            return
        if schema is not self._form_table:
            self._build_form(schema)
        self.table = schema
        self.form_host.show()
        self.index = rows[0]
        self._load_values()
        self._show_derived()

    def _show_nothing(self, text: str) -> None:
        """No row to show; the form is hidden, not destroyed, as the next selection often needs it again."""
        self.table, self.index = None, -1
        self.form_host.hide()
        self.title.setWordWrap(True)
        self.title.setText(text or EMPTY_HINT)
        self.derived.clear()
        self.derived.hide()

    def _build_form(self, table: Table) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        self._form_table = table
        for column in table.columns:
            editor = field_editors.make_editor(column, self.document.plan, self.form_host, table.attr)
            editor.setObjectName(f"inspector-{column.attr}")
            editor.setToolTip(column.help)
            self._connect_commit(editor, column)
            label = cell_edits.header_text(column, self.document.plan) + ("*" if column.required else "")
            self.form.addRow(label, editor)
            self.editors[column.header] = editor

    def _connect_commit(self, editor: QWidget, column: Column) -> None:
        """Typed text is kept on Enter, Tab or leaving the field; a choice or a calendar date at once."""

        def commit(*_args: object) -> None:
            self._commit(column, editor)

        if isinstance(editor, field_editors.ChoiceCombo):
            editor.edited.connect(commit)
        elif isinstance(editor, QLineEdit):
            editor.editingFinished.connect(commit)
            if isinstance(editor, field_editors.DateField):
                editor.picked.connect(commit)

    # -- values ----------------------------------------------------------------

    def record(self) -> object | None:
        if self.table is None:
            return None
        rows = getattr(self.document.plan, self.table.attr)
        return rows[self.index] if 0 <= self.index < len(rows) else None

    def _load_values(self) -> None:
        record = self.record()
        if record is None or self.table is None:
            return
        self.title.setWordWrap(False)  # one line: a long name must not push the form down
        self.title.setText(
            f"{self.table.singular.capitalize()}: {cell_edits.row_label(self.table, record, self.index)}"
        )
        self._loading = True
        try:
            for column in self.table.columns:
                editor = self.editors[column.header]
                field_editors.update_choices(editor, column, self.document.plan, self.table.attr, record)
                field_editors.set_editor_value(editor, column, getattr(record, column.attr))
        finally:
            self._loading = False

    def _commit(self, column: Column, editor: QWidget) -> None:
        record = self.record()
        if self._loading or record is None or self.table is not self._form_table:
            return  # a focus change while the form is rebuilt for another row
        try:
            command = cell_edits.cell_edit(
                self.document, self.table, self.index, column, field_editors.editor_value(editor)
            )
        except EditRefused as refusal:
            self._load_values()
            self.show_refusal(editor, f"Not changed: {refusal}")
            return
        self.balloon.hide()
        if command is not None:
            self.document.push(command)
            self.document.post_notes(command.edit.notes)
        elif isinstance(editor, QLineEdit):
            editor.setModified(False)  # committed as it was: Ctrl+Z now undoes the plan's last change

    def show_refusal(self, editor: QWidget, text: str) -> None:
        """The sentence in a balloon just below ``editor``, over the form (nothing moves)."""
        top_left = editor.mapTo(self, editor.rect().topLeft())
        self.balloon.show_below(QRect(top_left, editor.size()), text, editor)
        self.document.post_notes([text])

    def _on_document_plan_changed(self, table: str) -> None:
        if self.table is None:
            return
        if self.record() is None:
            self._show_nothing("")
        elif table in (self.table.attr, "*") or any(c.ref == table for c in self.table.columns):
            self._load_values()

    # -- what the engine derived ------------------------------------------------

    def set_units(self, units: str) -> None:
        """Write derived tonnages in tonnes or kilotonnes (a ``UnitsDisplay`` value, "t" or "kt")."""
        if units != self.units:
            self.units = units
            self._show_derived()

    def _tonnes(self, value: float) -> str:
        """A derived figure without its unit, in the units on show."""
        if self.units == KILOTONNES:
            return kilotonnes(value)
        return cell_edits.format_number(round(value, 1))

    def _show_derived(self) -> None:
        record = self.record()
        result = self.document.scenario_result()
        lines: list[str] = []
        if record is not None and result is not None and self.table is not None:
            if self.table.attr == "facilities":
                lines = self._facility_figures(result, record.id)  # type: ignore[attr-defined]
            elif self.table.attr == "stages":
                lines = self._stage_figures(result, record.id)  # type: ignore[attr-defined]
        if lines and self.document.results_out_of_date:
            lines.insert(0, "Figures from before the plan's errors (see Problems):")
        self.derived.setText("\n".join(lines))
        self.derived.setVisible(bool(lines))

    def _facility_figures(self, result, facility_id: str) -> list[str]:
        year = self.document.year
        facilities = result.facilities
        rows = facilities[facilities["facility"] == facility_id]
        scenario = result.scenario_name or result.scenario_id
        if rows.empty:
            return [f"Not part of scenario {scenario}."]
        row = rows.iloc[0]
        by_facility = result.capacity_by_facility
        mine = by_facility[(by_facility["facility"] == facility_id) & (by_facility["year"] == year)]
        effective = float(mine["effective"].sum())
        timeline = result.timeline
        dates = timeline[timeline["facility"] == facility_id]
        online = dates.iloc[0]["online"] if not dates.empty else None
        lines = [
            f"Effective capacity in {year} ({scenario}): {self._tonnes(effective)} {unit_label(self.units)}",
            self._output_line(result, facility_id, year),
            f"Online: {online.isoformat() if online else 'not known'}",
            f"Funding: {cell_edits.format_number(float(row['funding_total']))} {self.document.plan.currency}",
        ]
        if bool(row["cancelled"]):
            lines.append("Cancelled in this scenario.")
        return lines

    def _output_line(self, result, facility_id: str, year: int) -> str:
        """The facility's share of its stage's domestic output and its utilisation (engine v2)."""
        arrays = result.arrays
        f = arrays.prep.facility_index.get(id_key(facility_id))
        y = year - int(arrays.prep.years[0])
        if f is None or not 0 <= y < len(arrays.prep.years):
            return "Output: -"
        figures = arrays.facility_output
        output, utilisation = figures.output[f, y], figures.utilisation[f, y]
        if math.isnan(output):
            return "Output: abroad, not part of the domestic chain"
        used = "" if math.isnan(utilisation) else f" ({utilisation:.0%} of capacity)"
        return f"Output in {year}: {self._tonnes(output)} {unit_label(self.units)}{used}"

    def _stage_figures(self, result, stage_id: str) -> list[str]:
        """Capacity, requirement, output and gap per material on a material stage, shortfalls first:
        tonnes of NdPr and tonnes of Dy are never added together, so a Dy shortfall cannot hide
        under an NdPr surplus."""
        year = self.document.year
        flows = result.flows
        rows = flows[(flows["stage"] == stage_id) & (flows["year"] == year)]
        if rows.empty:
            return []
        unit = unit_label(self.units)
        magnet = result.magnet
        bottleneck = magnet.loc[year, "bottleneck"] if year in magnet.index else None
        binding = magnet.loc[year, "bottleneck_material"] if bottleneck == stage_id else None
        scenario = result.scenario_name or result.scenario_id
        lines = [f"{year} ({scenario}), {unit}:"]
        if bottleneck == stage_id:
            lines.append(f"Bottleneck of the chain{f', on {binding}' if binding else ''}.")
        ordered = sorted(rows.itertuples(index=False), key=lambda r: -r.gap if r.gap > 0 else math.inf)
        for r in ordered:
            what = f"{r.material} (contained)" if r.material else "Product"
            lines.append(
                f"{what}: capacity {self._tonnes(r.capacity)}, requirement {self._tonnes(r.requirement)}, "
                f"output {self._tonnes(r.output)}, {self._gap_text(r.gap)}"
            )
        return lines

    def _gap_text(self, gap: float) -> str:
        if not math.isfinite(gap) or abs(gap) < 0.05:
            return "no gap"
        return f"short {self._tonnes(gap)}" if gap > 0 else f"surplus {self._tonnes(-gap)}"

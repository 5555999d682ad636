"""The Demand table, wide as in the workbook: segment columns, then one column per year."""

from __future__ import annotations

from reeplanner.gui.tables.cell_edits import year_column
from reeplanner.gui.tables.plan_table_model import PlanTableModel
from reeplanner.model.horizon import laid_out_years
from reeplanner.model.schema import Column


class DemandTableModel(PlanTableModel):
    """Each year of the horizon is a column of t/yr, after Material as in the workbook.

    Years a row holds outside the horizon show too.
    A change of the plan's horizon (``plan_changed("plan")``) adds or drops year columns.
    """

    def _make_columns(self) -> list[Column]:
        plan = self.document.plan
        years = set(laid_out_years(plan))
        for row in plan.demand:
            years.update(row.values)
        fixed = list(self.table.columns)
        return [*fixed[:3], *(year_column(y) for y in sorted(years)), *fixed[3:]]

    def _refresh_tables(self) -> set[str]:
        return {self.table.attr, "*", "plan"}

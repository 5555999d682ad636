"""Every example plan opens in the tables: all rows shown, numbers grouped by thousands."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reeplanner.formats.files import read_plan
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.tables.plan_tables import PlanTables

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.reeplan"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_shows_every_row_of_every_table(qtbot, path):
    plan, _warnings = read_plan(path)
    tables = PlanTables(PlanDocument(plan, path))
    qtbot.addWidget(tables)
    for attr, page in tables.pages.items():
        assert page.view.model().rowCount() == len(getattr(plan, attr)), attr
    model = tables.pages["facilities"].model
    capacity = model.column_index("Capacity")
    for row, facility in enumerate(plan.facilities):
        shown = model.index(row, capacity).data(Qt.ItemDataRole.DisplayRole)
        assert float(shown.replace(",", "")) == pytest.approx(facility.capacity, rel=1e-4)
        if facility.capacity >= 1000:
            assert "," in shown  # 1,200 t/yr, not 1200


def test_the_us_example_shows_mountain_pass(qtbot):
    path = Path(__file__).parent.parent / "examples" / "us-mine-to-magnet.reeplan"
    plan, _warnings = read_plan(path)
    tables = PlanTables(PlanDocument(plan, path))
    qtbot.addWidget(tables)
    model = tables.pages["facilities"].model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert any("Mountain Pass" in name for name in names)

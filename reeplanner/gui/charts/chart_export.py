"""``reeplanner --export-chart NAME OUT [--scenario ID] [--year Y] [--size WxH] FILE``: one chart of a
plan, drawn offscreen and written as .png, .svg or .tsv (the same table as Copy data)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reeplanner.gui.charts.chart_base import ChartBase


def make_chart(name: str) -> ChartBase:
    """A new chart by its name: ``gap``, ``sufficiency``, ``funding`` or ``flow``; or one of the
    larger views (``view_registry``)."""
    if name == "gap":
        from reeplanner.gui.charts.gap_chart import GapChart

        return GapChart()
    if name == "sufficiency":
        from reeplanner.gui.charts.sufficiency_chart import SufficiencyChart

        return SufficiencyChart()
    if name == "funding":
        from reeplanner.gui.charts.funding_chart import FundingChart

        return FundingChart()
    if name == "flow":
        from reeplanner.gui.charts.flow_chart import FlowChart

        return FlowChart()
    from reeplanner.gui.views.view_registry import make_view  # timeline, comparison, explain...

    return make_view(name)


def export_chart(
    name: str, out: Path, file: Path, scenario: str | None, year: int | None, size: tuple[int, int]
) -> int:
    """Write chart ``name`` of the plan in ``file``; 0 when written, 1 with a message otherwise."""
    from reeplanner.engine import compute_all
    from reeplanner.formats.files import read_plan
    from reeplanner.gui.document import default_year
    from reeplanner.model.ids import id_key
    from reeplanner.model.problems import PlanError

    def fail(text: str) -> int:
        print(f"reeplanner: {text}", file=sys.stderr)
        return 1

    try:
        plan, _warnings = read_plan(file)
        results = compute_all(plan)
    except PlanError as exc:
        return fail("\n  ".join([f"cannot draw {file}:", *(str(p) for p in exc.problems)]))
    except OSError as exc:
        return fail(f"cannot read {file}: {exc}")
    ids = [s for s in results.scenarios]
    chosen = scenario if scenario is not None else plan.base_scenario_id
    if id_key(chosen) not in {id_key(s) for s in ids}:
        return fail(f"there is no scenario '{chosen}' in {file.name}. Known: {', '.join(ids)}.")
    year = default_year(plan) if year is None else year
    if year not in plan.years:
        return fail(f"{year} is outside the plan's horizon ({plan.start_year}-{plan.end_year}).")
    chart = make_chart(name)
    chart.resize(*size)
    chart.show()
    QApplication.processEvents()
    chart.show_results(results, chosen, year)
    QApplication.processEvents()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        chart.export(out)
    except OSError as exc:
        return fail(f"could not write {out}: {exc}")
    return 0

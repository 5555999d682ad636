"""The Scenario comparison dock: the table is ``summary --json``'s figures, differences from the base
are tinted, same figures are said to be so with the reason, each scenario's changes are in words,
the scenarios picked are compared (the base always), and the table copies as tab-separated text."""

from __future__ import annotations

import json
import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reeplanner.cli import main as cli_main
from reeplanner.engine import compute_all
from reeplanner.formats import reeplan
from reeplanner.gui.views.comparison_table_model import VALUE
from reeplanner.gui.views.comparison_view import EVERY_YEAR, TARGET_YEARS
from reeplanner.model import OverrideKind
from tests.example_views import EXAMPLE, view_alone


@pytest.fixture(scope="module")
def results():
    return compute_all(reeplan.load(EXAMPLE))


@pytest.fixture(scope="module")
def summary():
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli_main(["summary", str(EXAMPLE), "--json"]) == 0
    return json.loads(out.getvalue())


def comparison(qtbot, results, scenario="BASE", year=2028, every_scenario=True):
    """The comparison view with every scenario picked (it starts with the first six)."""
    view = view_alone(qtbot, "comparison", results, scenario, year)
    if every_scenario:
        for action in view.picker_menu.actions():
            action.setChecked(True)
    return view


def table(view) -> dict[tuple[int | None, str], list[object]]:
    """(year, figure key) -> the figures of the scenarios shown, left to right."""
    model = view.model
    cells = {}
    for r, row in enumerate(model.rows):
        if row.kind == "figure":
            cells[(row.year, row.key)] = [
                model.data(model.index(r, c), VALUE) for c in range(1, model.columnCount())
            ]
    return cells


def test_the_table_holds_summary_json_for_every_scenario_and_year(qtbot, results, summary):
    view = comparison(qtbot, results)
    view.years.setCurrentIndex(view.years.findData(EVERY_YEAR))
    cells = table(view)
    ids = [s["id"] for s in summary["scenarios"]]
    assert view.ids == ids  # every scenario, the base first
    for col, scenario in enumerate(summary["scenarios"]):
        for year in scenario["years"]:
            y = year["year"]
            for key in (
                "domestic_magnet_output",
                "magnet_output_allied",
                "magnet_output_with_imports",
                "self_sufficiency",
                "unmet_demand",
            ):
                shown = cells[(y, key)][col]
                if year[key] is None:
                    assert math.isnan(shown)
                else:
                    assert shown == pytest.approx(year[key]), (scenario["id"], y, key)
            assert cells[(y, "bottleneck")][col] == (
                year["bottleneck"] or "",
                year["bottleneck_material"] or "",
            )
        for target in scenario["targets"]:
            assert cells[(None, f"target:{target['id']}")][col] == float(target["met"])
        assert cells[(None, "funding_public_total")][col] == pytest.approx(scenario["funding_public_total"])


def test_which_targets_each_scenario_meets_is_written_out(qtbot, results, summary):
    view = comparison(qtbot, results)
    model = view.model
    for r, row in enumerate(model.rows):
        if not row.key.startswith("target:"):
            continue
        for col, scenario in enumerate(summary["scenarios"]):
            target = next(t for t in scenario["targets"] if f"target:{t['id']}" == row.key)
            text = model.data(model.index(r, col + 1))
            assert text.startswith("met" if target["met"] else "missed")
            if not target["met"] and target["year_met"] is not None:
                assert f"first met {target['year_met']}" in text


def test_the_year_on_show_and_the_targets_years(qtbot, results):
    view = comparison(qtbot, results, year=2031)
    assert {row.year for row in view.model.rows if row.kind == "year"} == {2031}
    view.years.setCurrentIndex(view.years.findData(TARGET_YEARS))
    target_years = set(results.scenarios["BASE"].targets["year"])
    assert {row.year for row in view.model.rows if row.kind == "year"} == {*target_years, 2031}


def only_supply_cut(results) -> str:
    """A scenario whose own overrides only cut supply from abroad (the export-ban scenarios)."""
    plan = results.scenarios["BASE"].arrays.prep.plan
    for sid in results.scenarios:
        own = [o for o in plan.overrides if o.scenario == sid]
        if own and all(o.kind is OverrideKind.SUPPLY_FACTOR for o in own):
            return sid
    raise AssertionError("no export-ban scenario in the example")


def test_differences_from_the_base_are_tinted_better_or_worse(qtbot, results):
    view = comparison(qtbot, results)
    model = view.model
    r = next(i for i, row in enumerate(model.rows) if row.key == "domestic_magnet_output")
    delay = view.ids.index("DELAY") + 1
    base = model.index(r, 1)
    late = model.index(r, delay)
    assert model.data(late, VALUE) < model.data(base, VALUE)  # the plants come later: less output
    assert model.data(late, Qt.ItemDataRole.BackgroundRole) is not None
    assert "vs Base case" in model.data(late, Qt.ItemDataRole.ToolTipRole)
    assert model.data(base, Qt.ItemDataRole.BackgroundRole) is None
    ban = view.ids.index(only_supply_cut(results)) + 1
    assert model.data(model.index(r, ban), Qt.ItemDataRole.BackgroundRole) is None  # the same figure


def test_same_figures_are_said_to_be_with_a_reason_from_the_overrides(qtbot, results):
    view = comparison(qtbot, results)
    text = view.same.text()
    ban = only_supply_cut(results)
    name = results.scenarios[ban].scenario_name
    line = next(line for line in text.split("<br>") if f"<b>{name}</b>" in line)
    assert line.startswith("Domestic figures the same as Base case: ")
    assert "Why: no override touches the domestic chain: what differs reaches only supply from abroad" in line
    same = {s.scenario_id: s for s in view.sameness}
    assert same[ban].same_as == "BASE"
    assert same[ban].reason.endswith("reaches only supply from abroad (the allied and with-imports figures)")
    assert "DELAY" not in same  # the plants come later: other figures


def test_each_scenarios_changes_are_in_words(qtbot, results):
    view = comparison(qtbot, results)
    view.pages.setCurrentWidget(view.changes)  # written when first looked at
    text = view.changes.toPlainText()
    assert "Key plants two years late (DELAY), from Base case:" in text
    plan = results.scenarios["BASE"].arrays.prep.plan
    late = next(o for o in plan.overrides if o.scenario == "DELAY")
    name = next(f.name for f in plan.facilities if f.id == late.target)
    assert f"{name} ({late.target}) online {late.value:g} months later" in text
    assert "every permitting period x 0.5" in text
    assert "abroad: allied and with-imports figures only" in text  # the bans' supply cuts
    base_own = [o for o in plan.overrides if o.scenario == "BASE"]
    assert f"(capacity factor {base_own[0].value:g}) (from Base case)" in text  # inherited by the others


def test_the_first_six_scenarios_and_the_one_on_show_are_compared_at_first(qtbot, results):
    view = comparison(qtbot, results, "DELAY", every_scenario=False)
    first = list(results.scenarios)[:6]
    assert view.ids == (first if "DELAY" in first else [*first, "DELAY"])
    assert view.picker.text() == f"Scenarios: {len(view.ids)} of {len(results.scenarios)} ▾"


def test_picking_scenarios_keeps_the_base(qtbot, results):
    view = comparison(qtbot, results)
    actions = {a.objectName(): a for a in view.picker_menu.actions()}
    assert not actions["comparison-pick-base"].isEnabled()
    for key, entry in actions.items():
        if key not in ("comparison-pick-base", "comparison-pick-delay"):
            entry.setChecked(False)
    assert view.ids == ["BASE", "DELAY"]
    assert view.model.scenarios == ["Base case", "Key plants two years late"]
    assert view.picker.text() == f"Scenarios: 2 of {len(results.scenarios)} ▾"
    view.pick("BASE", False)  # the base stays
    assert view.ids[0] == "BASE"
    # The chart draws the scenarios picked.
    view.pages.setCurrentWidget(view.chart)
    assert sorted(sum(view.chart.line_groups, [])) == ["BASE", "DELAY"]


def test_copy_table_gives_tab_separated_text(qtbot, results):
    view = comparison(qtbot, results)
    view.copy_data()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == ["Year", "Figure", *view.model.scenarios]
    domestic = next(line.split("\t") for line in lines if "\tDomestic magnet output (t/yr)\t" in line)
    magnet = results.scenarios["DELAY"].magnet.loc[2028, "domestic_magnet_output"]
    assert float(domestic[2 + view.ids.index("DELAY")]) == pytest.approx(magnet)
    share = next(line.split("\t") for line in lines if "\tSelf-sufficiency (%)\t" in line)
    assert float(share[2]) == pytest.approx(
        100 * results.scenarios["BASE"].magnet.loc[2028, "self_sufficiency"]
    )

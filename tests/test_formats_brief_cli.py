"""``reeplanner-cli brief PLAN OUT.xlsx [--scenario ID ...]``."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from reeplanner.cli import main
from reeplanner.formats import reeplan
from reeplanner.formats.brief.writer import CHART_DATA, PAGES
from tests.brief_plans import us_plan


def scenario_header(path: Path) -> tuple:
    """Page 2's scenario columns."""
    numbers = openpyxl.load_workbook(path)[PAGES[1]]
    return next(row for row in numbers.iter_rows(values_only=True) if row[0] == "Figure")


def test_brief_writes_every_scenario_by_default(tmp_path):
    plan_path = tmp_path / "us.reeplan"
    reeplan.save(us_plan(), plan_path)
    out = tmp_path / "brief.xlsx"
    assert main(["brief", str(plan_path), str(out)]) == 0
    # The three scenarios give the same figures (the plan's bottleneck is upstream of what they change).
    assert scenario_header(out)[1] == "Base case = 10X delayed two years = Funding surge"


def test_brief_of_chosen_scenarios_in_the_order_given(tmp_path):
    plan_path = tmp_path / "us.reeplan"
    reeplan.save(us_plan(), plan_path)
    out = tmp_path / "brief.xlsx"
    assert main(["brief", str(plan_path), str(out), "--scenario", "surge", "--scenario", "BASE"]) == 0
    assert scenario_header(out)[1] == "Funding surge = Base case"
    assert "2 scenarios, Funding surge leads" in openpyxl.load_workbook(out)[PAGES[0]]["A3"].value


def test_brief_pages_summary_writes_pages_one_to_four(tmp_path):
    plan_path = tmp_path / "us.reeplan"
    reeplan.save(us_plan(), plan_path)
    out = tmp_path / "brief.xlsx"
    assert main(["brief", str(plan_path), str(out), "--pages", "summary"]) == 0
    assert openpyxl.load_workbook(out).sheetnames == [*PAGES, CHART_DATA]


def test_brief_names_an_unknown_scenario_as_a_usage_error(tmp_path, capsys):
    plan_path = tmp_path / "us.reeplan"
    reeplan.save(us_plan(), plan_path)
    assert main(["brief", str(plan_path), str(tmp_path / "b.xlsx"), "--scenario", "BAN"]) == 2
    assert "The plan has no scenario 'BAN'. Its scenarios: BASE, DELAY, SURGE." in capsys.readouterr().err
    assert not (tmp_path / "b.xlsx").exists()


def test_brief_wants_an_xlsx_name(tmp_path, capsys):
    assert main(["brief", "plan.reeplan", str(tmp_path / "brief.pdf")]) == 2
    assert "name it with .xlsx" in capsys.readouterr().err


def test_brief_of_every_example_plan(tmp_path):
    examples = sorted((Path(__file__).parent.parent / "examples").glob("*.reeplan"))
    assert examples
    for example in examples:
        out = tmp_path / f"{example.stem}.xlsx"
        assert main(["brief", str(example), str(out)]) == 0, example.name
        assert openpyxl.load_workbook(out)[PAGES[0]]["A1"].value.startswith("Bottom line: ")

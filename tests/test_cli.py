"""reeplanner-cli: exit codes, problem lines, the JSON summary's shape, explain and convert."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reeplanner.cli import main
from reeplanner.formats import reeplan
from reeplanner.model import Material, Metric, Status
from tests.builders import chain_plan, demand, facility, funding, scenario, target


def ndpr_plan():
    """Domestic magnet output 1,978.8 t/yr (see test_engine_flows); demand 1,000 t/yr, none in 2027."""
    plan = chain_plan(2025, 2027)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.demand = [demand({2025: 1000, 2026: 1000, 2027: 0})]
    plan.scenarios.append(scenario("Low", "BASE"))
    plan.targets = [target("T-MAG", "MAGNET", Metric.DOMESTIC_OUTPUT, 2500, 2026)]
    plan.funding = [funding("F1", 12.5, "MAG-1")]
    return plan


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.reeplan"
    reeplan.save(ndpr_plan(), path)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_valid_plan_prints_its_warnings_and_exits_0(tmp_path, capsys):
    plan = ndpr_plan()
    plan.facilities.append(facility("IDEA", "MINE", 50, status=Status.PROPOSED))
    reeplan.save(plan, tmp_path / "p.reeplan")
    code, out, _ = run(capsys, "validate", tmp_path / "p.reeplan")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "Facilities row 6 (IDEA), Online: warning: Neither Online nor Permitting start"
    )


def test_validate_a_workbook_prints_each_warning_once_on_its_excel_row(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Plan"
    for row in [["Field", "Value"], ["Name", "Gappy"], ["Start year", 2025], ["End year", 2027]]:
        wb["Plan"].append(row)
    demand_sheet = wb.create_sheet("Demand")
    demand_sheet.append(["Segment", 2025, 2027])
    demand_sheet.append(["EV", 100, 100])
    wb.save(tmp_path / "gappy.xlsx")
    code, out, _ = run(capsys, "validate", tmp_path / "gappy.xlsx")
    assert code == 0
    assert out.splitlines() == [
        "Demand row 2, 2026: warning: No demand is given for 2026; those years count as zero."
    ]


def test_validate_an_invalid_plan_prints_one_problem_per_line_and_exits_1(tmp_path, capsys):
    plan = ndpr_plan()
    plan.facilities.append(facility("BAD", "SMELT", 50))
    plan.facilities.append(facility("MINE-1", "MINE", 50))
    reeplan.save(plan, tmp_path / "p.reeplan")
    code, out, _ = run(capsys, "validate", tmp_path / "p.reeplan")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Facilities row 6 (BAD), Stage: 'SMELT' is not a Stage ID in Stages.")
    assert lines[1].startswith("Facilities row 7 (MINE-1), Facility ID: Facility ID 'MINE-1' is ")


@pytest.mark.parametrize("content", [b"not json", b'{"format": "something else"}'])
def test_validate_a_file_that_is_not_a_plan_exits_2(tmp_path, capsys, content):
    path = tmp_path / "x.reeplan"
    path.write_bytes(content)
    code, out, err = run(capsys, "validate", path)
    assert code == 2
    assert out == ""
    assert "x.reeplan" in err
    assert "Traceback" not in err


def test_missing_file_and_unknown_extension_exit_2(tmp_path, capsys):
    assert run(capsys, "validate", tmp_path / "missing.reeplan")[0] == 2
    (tmp_path / "notes.txt").write_text("hello")
    code, _, err = run(capsys, "summary", tmp_path / "notes.txt")
    assert code == 2
    assert "not '.txt'" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main([])
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        main(["explain", "plan.reeplan", "--year", "2026"])
    assert stop.value.code == 2


def test_summary_json_shape_and_figures(plan_file, capsys):
    code, out, _ = run(capsys, "summary", plan_file, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["plan"] == "Chain"
    assert [s["id"] for s in doc["scenarios"]] == ["BASE", "Low"]
    base = doc["scenarios"][0]
    assert base["funding_total"] == 12.5
    assert [y["year"] for y in base["years"]] == [2025, 2026, 2027]
    first = base["years"][0]
    assert set(first) >= {
        "year",
        "magnet_demand",
        "domestic_magnet_output",
        "magnet_output_with_imports",
        "self_sufficiency",
        "bottleneck",
    }
    assert first["magnet_demand"] == 1000
    assert first["domestic_magnet_output"] == pytest.approx(0.85 * 0.97 * 600 / 0.25)
    assert first["self_sufficiency"] == pytest.approx(1.9788)
    assert first["bottleneck"] is None
    # No demand in 2027: self-sufficiency is undefined, written as null.
    assert base["years"][2]["self_sufficiency"] is None
    assert base["targets"] == [
        {
            "id": "T-MAG",
            "value": pytest.approx(1978.8),
            "met": False,
            "year_met": None,
            "shortfall": pytest.approx(521.2),
        }
    ]


def test_summary_of_one_scenario_ignores_case(plan_file, capsys):
    code, out, _ = run(capsys, "summary", plan_file, "--json", "--scenario", "low")
    assert code == 0
    assert [s["id"] for s in json.loads(out)["scenarios"]] == ["Low"]
    code, _, err = run(capsys, "summary", plan_file, "--scenario", "nope")
    assert code == 2
    assert "There is no scenario 'nope'. Known: BASE, Low." in err


def test_summary_table_for_people(plan_file, capsys):
    code, out, _ = run(capsys, "summary", plan_file)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Plan: Chain (2025-2027)"
    assert "Scenario BASE (Base case), risk-adjusted view" in lines
    row_2025 = next(line for line in lines if line.strip().startswith("2025"))
    # Year, demand, domestic, allied, with imports, unmet, self-sufficiency, allied coverage, bottleneck.
    assert row_2025.split() == [
        "2025", "1,000", "t/yr", "1,979", "t/yr", "1,979", "t/yr", "1,979", "t/yr", "0", "t/yr",
        "197.9%", "197.9%", "none",
    ]  # fmt: skip
    row_2027 = next(line for line in lines if line.strip().startswith("2027"))
    assert row_2027.split()[-3:] == ["-", "-", "none"]
    assert "  Funding total: 12.5 USD million (public 12.5, private 0.0)" in lines


def test_summary_target_lines_carry_the_metrics_unit(tmp_path, capsys):
    plan = ndpr_plan()
    plan.targets += [
        target("T-SS", "MAGNET", Metric.SELF_SUFFICIENCY, 250, 2025),
        target("T-SEP", "SEP", Metric.CAPACITY, 850, 2026, material="NdPr"),
    ]
    reeplan.save(plan, tmp_path / "p.reeplan")
    code, out, _ = run(capsys, "summary", tmp_path / "p.reeplan", "--scenario", "BASE")
    assert code == 0
    lines = out.splitlines()
    # Magnets: 0.85 x 0.97 x 600 t of metal / 0.25 content = 1,978.8 t/yr, 521.2 short of 2,500.
    assert (
        "    T-MAG: domestic output MAGNET >= 2,500 t/yr by 2026: 1,979 t/yr "
        "(missed, shortfall 521 t/yr; not met in the horizon)"
    ) in lines
    # 1,978.8 of 1,000 t/yr demanded is 197.9 %, 52.1 points short of 250 %.
    assert (
        "    T-SS: self-sufficiency MAGNET >= 250% by 2025: 197.9% "
        "(missed, shortfall 52.1 percentage points; not met in the horizon)"
    ) in lines
    # Separation capacity 800 t/yr: below 100, the shortfall keeps its decimal.
    assert (
        "    T-SEP: capacity SEP NdPr >= 850 t/yr by 2026: 800 t/yr "
        "(missed, shortfall 50.0 t/yr; not met in the horizon)"
    ) in lines


def test_summary_of_a_plan_with_errors_lists_them_and_exits_1(tmp_path, capsys):
    plan = ndpr_plan()
    plan.facilities.append(facility("BAD", "SMELT", 50))
    reeplan.save(plan, tmp_path / "p.reeplan")
    code, out, err = run(capsys, "summary", tmp_path / "p.reeplan")
    assert code == 1
    assert out == ""
    assert err.startswith("Facilities row 6 (BAD), Stage: 'SMELT' is not a Stage ID")
    assert "Traceback" not in err


def test_explain_prints_the_hand_calculation(plan_file, capsys):
    code, out, _ = run(capsys, "explain", plan_file, "--scenario", "BASE", "--year", 2026, "--stage", "METAL",
                       "--material", "NdPr")  # fmt: skip
    assert code == 0
    assert "  MET-1: 600 t x share 1 x capacity factor 1 x risk factor 1 x ramp share 1 = 600 t" in out
    assert "  output = min(600, 672) = 600 t, bound by its own capacity" in out
    assert "  Magnet: magnet demand = sum of the MAGNET rows above = 1,000 t" in out
    code, out, _ = run(
        capsys, "explain", plan_file, "--scenario", "BASE", "--year", 2026, "--stage", "MAGNET"
    )
    assert "  gap = requirement - output = 1,000 - 1,978.8 = -978.8 t (a surplus)" in out
    assert (
        "  T-MAG: domestic output in 2026 = 1,979 t/yr vs threshold 2,500 t/yr: missed; not met in the horizon"
    ) in out
    code, out, _ = run(capsys, "explain", plan_file, "--scenario", "BASE", "--year", 2026, "--stage", "SEP")
    assert code == 0  # without --material: each material of the stage (here only NdPr)
    assert out.startswith("Separation NdPr, 2026, scenario BASE")
    code, _, err = run(capsys, "explain", plan_file, "--scenario", "BASE", "--year", 2040, "--stage", "SEP")
    assert code == 2
    assert "2040 is outside the plan horizon 2025-2027." in err


def test_convert_writes_the_plan_in_the_target_format(plan_file, tmp_path, capsys):
    target_path = tmp_path / "copy.reeplan"
    assert run(capsys, "convert", plan_file, target_path)[0] == 0
    assert reeplan.load(target_path).facilities == ndpr_plan().facilities
    code, _, err = run(capsys, "convert", plan_file, tmp_path / "copy.txt")
    assert code == 2
    assert "copy.txt" in err


def test_runs_as_a_module(plan_file):
    done = subprocess.run(
        [sys.executable, "-m", "reeplanner.cli", "validate", str(plan_file)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")

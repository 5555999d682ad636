"""reeplanner-cli risk and sensitivity: the JSON shape of the issue, the text a planner reads, errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reeplanner.cli import main
from reeplanner.engine import compute
from reeplanner.formats import reeplan
from reeplanner.formats.files import read_plan
from reeplanner.model import Material, Metric
from tests.builders import chain_plan, planned, scenario, target
from tests.test_examples import EXAMPLES

US_EXAMPLE = EXAMPLES / "us-mine-to-magnet.reeplan"


def risk_plan():
    """MAG-2 (planned, 1,000 t/yr, due January 2027) decides a 2,500 t/yr magnet capacity target in 2028."""
    plan = chain_plan(2025, 2030)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities.append(planned("MAG-2", "MAGNET", 1000, dt.date(2027, 1, 1), name="Magnet plant two"))
    plan.scenarios.append(scenario("LATE", "BASE"))
    plan.targets = [target("T-CAP", "MAGNET", Metric.CAPACITY, 2500, 2028)]
    return plan


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.reeplan"
    reeplan.save(risk_plan(), path)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_risk_json_has_the_shape_of_the_issue(plan_file, capsys):
    code, out, _ = run(capsys, "risk", plan_file, "--draws", "2000", "--seed", "4", "--json")
    doc = json.loads(out)

    assert code == 0
    assert set(doc) == {"draws", "seed", "scenarios"}
    assert (doc["draws"], doc["seed"]) == (2000, 4)
    assert [s["id"] for s in doc["scenarios"]] == ["BASE", "LATE"]
    base = doc["scenarios"][0]
    assert set(base) == {"id", "targets", "years"}
    (cap,) = base["targets"]
    assert set(cap) == {"id", "p_met", "p80_year", "drivers"}
    assert cap["id"] == "T-CAP"
    assert 0.4 < cap["p_met"] < 0.55  # 0.75 x F(18 months) = 0.469
    assert cap["drivers"] == [{"facility": "MAG-2", "gain": pytest.approx(1 - cap["p_met"])}]
    assert [y["year"] for y in base["years"]] == list(range(2025, 2031))
    assert set(base["years"][0]) == {
        "year",
        "domestic_magnet_output_p10",
        "domestic_magnet_output_p50",
        "domestic_magnet_output_p90",
        "self_sufficiency_p10",
        "self_sufficiency_p50",
        "self_sufficiency_p90",
    }
    assert base["years"][0]["self_sufficiency_p50"] == pytest.approx(1.9788)  # a fraction, as in summary


def test_risk_of_one_scenario_prints_targets_drivers_and_bands(plan_file, capsys):
    code, out, _ = run(capsys, "risk", plan_file, "--scenario", "late", "--draws", "500")

    assert code == 0
    assert "Schedule risk: Chain, 500 draws, seed 0" in out
    assert "Scenario LATE (Late)" in out and "Scenario BASE" not in out
    assert "T-CAP: capacity MAGNET >= 2,500 t/yr by 2028: P(met) " in out
    assert "MAG-2" in out and "Magnet plant two" in out
    assert "    2028  1,979 t/yr" in out  # the percentile table, thousands separated


def test_risk_json_without_demand_gives_null_self_sufficiency(tmp_path, capsys):
    plan = risk_plan()
    plan.demand = []
    reeplan.save(plan, tmp_path / "p.reeplan")
    _, out, _ = run(capsys, "risk", tmp_path / "p.reeplan", "--draws", "50", "--json")
    assert json.loads(out)["scenarios"][0]["years"][0]["self_sufficiency_p50"] is None


@pytest.mark.parametrize("draws", ["0", "many", "2000000"])
def test_risk_refuses_a_number_of_draws_it_cannot_run(plan_file, capsys, draws):
    with pytest.raises(SystemExit) as stop:
        main(["risk", str(plan_file), "--draws", draws])
    assert stop.value.code == 2
    assert "--draws" in capsys.readouterr().err


def test_risk_of_an_unknown_scenario_names_the_known_ones(plan_file, capsys):
    code, _, err = run(capsys, "risk", plan_file, "--scenario", "NOPE", "--draws", "10")
    assert code == 1
    assert "There is no scenario 'NOPE'. Known: BASE, LATE." in err


def test_sensitivity_prints_the_tornado_largest_swing_first(capsys):
    code, out, _ = run(
        capsys, "sensitivity", US_EXAMPLE, "--scenario", "BASE", "--figure", "magnet_output:2030"
    )
    plan = read_plan(US_EXAMPLE)[0]
    output = compute(plan, "BASE").magnet.domestic_magnet_output[2030]
    assumptions = len(plan.materials) + 5 + 5 + len({d.segment for d in plan.demand}) + len(plan.supply)

    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(
        f"Sensitivity: Domestic magnet output 2030, scenario BASE: {output:,.0f} t/yr;"
    )
    assert "moved 20% down and up" in lines[0]
    assert len(lines) == 2 + assumptions  # title, header, then every assumption (5 stages, 5 statuses)
    assert "Magnet content of Tb" in out and "Yield of Magnet" in out and "Supply: " in out


def test_sensitivity_json_reports_each_assumption_with_its_moved_values(capsys):
    code, out, _ = run(
        capsys,
        "sensitivity",
        US_EXAMPLE,
        "--scenario",
        "BASE",
        "--figure",
        "target:T-SS-2030",
        "--step",
        "0.5",
        "--json",
    )
    doc = json.loads(out)

    assert code == 0
    assert (doc["scenario"], doc["figure"], doc["unit"], doc["step"]) == (
        "BASE",
        "target:T-SS-2030",
        "%",
        0.5,
    )
    tb = next(a for a in doc["assumptions"] if a["subject"] == "Tb")
    assert (tb["base"], tb["down"], tb["up"]) == pytest.approx((0.003, 0.0015, 0.0045))
    assert tb["figure_down"] > doc["value"]  # less Tb per magnet: more magnets from the same Tb
    swings = [a["swing"] for a in doc["assumptions"]]
    assert swings == sorted(swings, reverse=True)


def test_sensitivity_of_a_figure_the_plan_does_not_have_is_a_usage_error(capsys):
    code, _, err = run(capsys, "sensitivity", US_EXAMPLE, "--scenario", "BASE", "--figure", "target:T-NONE")
    assert code == 2
    assert "There is no target 'T-NONE'. Known: T-DEF-2027" in err

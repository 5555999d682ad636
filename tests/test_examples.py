"""The example plans: they load, validate cleanly, cite their sources and compute in every scenario."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from reeplanner.engine import compute_all
from reeplanner.formats.files import read_plan, write_plan
from reeplanner.formats.reeplan import load
from reeplanner.model import validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NAMES = ["us-mine-to-magnet.reeplan", "heavy-rare-earths.reeplan", "starter.reeplan"]


@pytest.fixture(scope="module")
def plans():
    return {name: load(EXAMPLES / name) for name in NAMES}


@pytest.fixture(scope="module")
def us_results(plans):
    return compute_all(plans["us-mine-to-magnet.reeplan"])


@pytest.mark.parametrize("name", NAMES)
def test_example_validates_without_errors_or_warnings(plans, name):
    assert validate(plans[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_facility_funding_line_supply_and_demand_row_names_its_source(plans, name):
    plan = plans[name]
    rows = plan.facilities + plan.funding + plan.supply + plan.demand
    missing = [getattr(r, "id", getattr(r, "segment", "")) for r in rows if not r.source.strip()]
    assert missing == []


@pytest.mark.parametrize("name", NAMES)
def test_every_scenario_computes_over_the_horizon(plans, name):
    plan = plans[name]
    result = compute_all(plan)
    assert list(result.scenarios) == [s.id for s in plan.scenarios]
    for sr in result.scenarios.values():
        assert sr.years == list(plan.years)
        output = sr.magnet["domestic_magnet_output"]
        assert all(math.isfinite(v) and v >= 0 for v in output)


def test_committed_examples_match_the_script(tmp_path):
    """scripts/make_examples.py is the source of truth; the committed files are its output."""
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_examples.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in NAMES:
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name


def _flow(result, stage: str, material: str, year: int, column: str) -> float:
    flows = result.flows
    row = flows[(flows.stage == stage) & (flows.material == material) & (flows.year == year)]
    return float(row[column].iloc[0])


def test_mountain_pass_ndpr_is_its_share_of_reported_ore(us_results):
    # 50,692 t REO (MP, 2025) x 15.7% NdPr (MP 10-K) = 7,958.6 t NdPr, operating at full capacity.
    assert _flow(us_results.scenarios["BASE"], "MINE", "NdPr", 2025, "capacity") == pytest.approx(
        7958.6, rel=1e-4
    )


def test_separated_ndpr_matches_what_mp_reported_for_2024_and_2025(us_results):
    """MP made 1,294 t (2024) and 2,599 t (2025) of NdPr oxide; Energy Fuels ran one small campaign."""
    base = us_results.scenarios["BASE"]
    assert _flow(base, "SEP", "NdPr", 2024, "output") == pytest.approx(1294 + 26, rel=0.10)
    assert _flow(base, "SEP", "NdPr", 2025, "output") == pytest.approx(2599, rel=0.10)


def _facility_output(result, plan, fid: str, year: int) -> float:
    row = [f.id for f in plan.facilities].index(fid)
    return float(result.arrays.facility_output.output[row, result.years.index(year)])


def test_energy_fuels_2024_ndpr_is_its_campaign_not_its_nameplate(plans, us_results):
    # 1,000 t/yr x capacity factor 0.035 x 0.75 of the year from April 2024 = 26.25 t (reported 25-35 t).
    plan = plans["us-mine-to-magnet.reeplan"]
    output = _facility_output(us_results.scenarios["BASE"], plan, "EF-P1", 2024)
    assert output == pytest.approx(26.25)
    assert output <= 35


def test_mps_floor_for_late_2025_is_set_beside_the_51m_it_received(us_results):
    # (110 - 62) USD/kg x 0.25 of 2,608.7 t x 1,000 / 1e6 = 31.3 USD million; MP's reported $51M for Q4
    # 2025 also paid on stockpiled material, which the floor's facility output does not hold.
    floors = us_results.scenarios["BASE"].price_floors
    q4 = floors[(floors.floor == "PF-MP-25Q4") & (floors.year == 2025)]
    assert float(q4.exposure.iloc[0]) == pytest.approx(31.30, abs=0.01)
    assert float(q4.exposure.iloc[0]) < 51
    high = us_results.scenarios["HIGHPRICE"].price_floors
    assert float(high[high.year >= 2026].exposure.sum()) == 0  # $120/kg from 2026: the floor pays nothing


def test_domestic_magnets_in_2024_and_2025_are_noveons_recycled_output(us_results):
    # 70 t/yr of recycled RE in magnet proportions is 70 x (0.29 / 0.303) / 0.29 = 231.0 t of magnet
    # feed; x 0.85 = 196.4 t, under Noveon's 2,000 t x 0.1 = 200 t. No domestic Dy is separated before
    # MP's heavy circuit (mid-2026), so no other magnet is wholly domestic.
    magnet = us_results.scenarios["BASE"].magnet
    assert magnet.loc[2024, "domestic_magnet_output"] == pytest.approx(196.4, rel=1e-3)
    assert magnet.loc[2025, "domestic_magnet_output"] < 300


def test_2024_supply_meets_2024_demand_and_the_ban_leaves_demand_unmet(us_results):
    base = us_results.scenarios["BASE"].magnet
    ban = us_results.scenarios["BAN"].magnet
    assert base.loc[2024, "unmet_demand"] == pytest.approx(0, abs=1)
    assert ban.loc[2025, "unmet_demand"] > 4000  # Chinese magnets at the May 2025 level
    assert ban.loc[2030, "domestic_magnet_output"] == pytest.approx(base.loc[2030, "domestic_magnet_output"])
    assert ban.loc[2030, "magnet_output_allied"] == pytest.approx(base.loc[2030, "magnet_output_allied"])


def test_the_ban_parts_are_separable(us_results):
    def with_imports(sid):
        return us_results.scenarios[sid].magnet.loc[2030, "magnet_output_with_imports"]

    assert with_imports("BAN") < with_imports("BAN-MAG") < with_imports("BASE")
    assert with_imports("BAN") < with_imports("BAN-DYTB") < with_imports("BASE")


def test_delay_pushes_the_2028_magnet_target_out_and_surge_brings_it_in(us_results):
    def year_met(sid):
        targets = us_results.scenarios[sid].targets
        return targets.set_index("target").loc["T-MAG-2028", "year_met"]

    assert year_met("DELAY") > year_met("BASE") > year_met("SURGE")


def test_facilities_and_supply_name_at_least_two_allied_countries(plans):
    plan = plans["us-mine-to-magnet.reeplan"]
    covered = set(plan.covered_countries)
    foreign = {f.country for f in plan.facilities if f.country} | {s.country for s in plan.supply if s.allied}
    assert len(foreign - covered - {plan.home_country}) >= 2
    assert all(not s.allied for s in plan.supply if s.country in covered)


@pytest.mark.parametrize("name", NAMES)
def test_example_survives_a_plan_workbook_round_trip(plans, name, tmp_path):
    """Analysts edit the examples in Excel: export then import gives back the same plan, with no warnings."""
    path = tmp_path / name.replace(".reeplan", ".xlsx")
    write_plan(plans[name], path)
    back, warnings = read_plan(path)
    assert warnings == []
    assert back == plans[name]

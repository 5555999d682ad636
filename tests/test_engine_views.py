"""Figures the charts and the canvas read: funding breakdowns, public money by facility, imports
that are not allied, 'starved of feed' by year and price-floor exposure by year under stress."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from reeplanner.engine import compute
from reeplanner.engine.funding import funding_breakdown
from reeplanner.model import FundingStatus, Material, SupplySource
from reeplanner.model.records import PriceFloor, PriceRow
from tests.builders import chain_plan, facility, funding


def funded_chain():
    plan = chain_plan(2025, 2028)
    plan.funding = [
        funding("F1", 100, "SEP-1", agency="DOD-IBP", instrument="DPA3", year=2026),
        funding("F2", 50, "MET-1", agency="DOE", instrument="LPO", year=2026, status=FundingStatus.PROPOSED),
        funding("F3", 30, "MAG-1", agency="PRIVATE", instrument="PRIVATE", year=2027),
        funding("F4", 40, "MAG-1", agency="DOE", instrument="PRIVATE", year=2027),
        funding("F5", 20, "MET-1", agency="DOE", instrument="LPO", year=2025),
    ]
    return plan


def test_funding_breakdown_by_year_and_agency_counts_public_lines_only():
    sr = compute(funded_chain(), "BASE")
    table = funding_breakdown(sr.funding, "agency")
    rows = [tuple(r) for r in table.itertuples(index=False)]
    # F3 (private agency) and F4 (private instrument) are not public money.
    assert rows == [
        (2025, "DOE", "committed", 20.0),
        (2026, "DOD-IBP", "committed", 100.0),
        (2026, "DOE", "proposed", 50.0),
    ]
    assert table["amount"].sum() == pytest.approx(sr.funding_public_total)


def test_funding_breakdown_with_private_money_and_by_stage():
    sr = compute(funded_chain(), "BASE")
    everything = funding_breakdown(sr.funding, "instrument", include_private=True)
    assert everything["amount"].sum() == pytest.approx(sr.funding_total) == 240.0
    by_stage = funding_breakdown(sr.funding, "agency", across="stage", include_private=True)
    totals = by_stage.groupby("stage", sort=False)["amount"].sum()
    assert totals.to_dict() == {"SEP": 100.0, "METAL": 70.0, "MAGNET": 70.0}
    with pytest.raises(ValueError):
        funding_breakdown(sr.funding, "status")


def test_public_funding_by_facility_uses_the_agency_or_instrument_rule():
    sr = compute(funded_chain(), "BASE")
    prep = sr.arrays.prep
    public = dict(zip([f.id for f in prep.plan.facilities], sr.arrays.public_funding.tolist(), strict=True))
    assert public == {"MINE-1": 0.0, "SEP-1": 100.0, "MET-1": 70.0, "ALY-1": 0.0, "MAG-1": 0.0}


def test_other_imports_are_imports_from_sources_that_are_not_allied():
    plan = chain_plan(2025, 2026)
    plan.supply = [
        SupplySource("AU", "Allied oxide", "AU", "SEP", 100, True, "NdPr"),
        SupplySource("CN", "Chinese oxide", "CN", "SEP", 70, True, "NdPr"),  # covered: never allied
    ]
    arrays = compute(plan, "BASE").arrays
    lane = arrays.prep.chain.lane(1, "NdPr")
    assert arrays.allied_imports[lane].tolist() == [100.0, 100.0]
    assert arrays.other_imports[lane].tolist() == [70.0, 70.0]


def test_starved_of_feed_by_year_flags_the_funded_plant_held_back_by_its_input():
    """A 2,000 t separation plant (publicly funded) fed by a 500 t mine: 0.92 x 500 = 460 t, 23%."""
    plan = chain_plan(2025, 2027)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities[0] = facility("MINE-1", "MINE", 500, ramp_up_years=0)
    plan.facilities[1] = facility("SEP-1", "SEP", 2000, ramp_up_years=0)
    plan.facilities.append(
        facility("SEP-AU", "SEP", 2000, ramp_up_years=0, country="AU", online=dt.date(2020, 1, 1))
    )
    plan.funding = [funding("F1", 100, "SEP-1"), funding("F2", 100, "SEP-AU")]
    sr = compute(plan, "BASE")
    starved = sr.arrays.starved_of_feed
    ids = [f.id for f in plan.facilities]
    assert starved[ids.index("SEP-1")].tolist() == [True, True, True]
    assert not starved[ids.index("SEP-AU")].any()  # a plant abroad never is
    assert sr.arrays.facility_output.utilisation[ids.index("SEP-1"), 0] == pytest.approx(0.23)
    assert list(sr.coordination["kind"]).count("starved-of-feed") == 1


def test_floor_exposure_stress_by_year_sums_the_floors():
    plan = chain_plan(2025, 2026)
    plan.prices = [PriceRow("NdPr", values={2025: 60.0, 2026: 80.0})]
    plan.price_floors = [PriceFloor("PF1", "SEP-1", "NdPr", 110.0, 2025, 2026, "DOD-IBP")]
    floors = compute(plan, "BASE").arrays.floor_exposure
    # SEP-1 makes 800 t: (110 - 60) x 800 x 1000 / 1e6 = 40; (110 - 80) x 0.8 = 24.
    assert floors.stress_by_year[0] == pytest.approx([40.0, 24.0])
    # 25% lower prices: 45 and 60 -> 65 x 0.8 = 52, 50 x 0.8 = 40.
    assert floors.stress_by_year[1] == pytest.approx([52.0, 40.0])
    assert np.allclose(floors.stress_by_year[0], floors.by_year)


def test_demand_cover_splits_magnet_demand_into_domestic_allied_other_and_unmet():
    """1,000 t of magnets wanted; 600 t made at home, allied magnets 150 t, Chinese 100 t: 150 t unmet."""
    plan = chain_plan(2025, 2025)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities[-1] = facility("MAG-1", "MAGNET", 600, ramp_up_years=0)
    plan.supply = [
        SupplySource("JP", "Japanese magnets", "JP", "MAGNET", 150, True),
        SupplySource("CN", "Chinese magnets", "CN", "MAGNET", 100, False),
    ]
    arrays = compute(plan, "BASE").arrays
    assert arrays.demand_cover[:, 0].tolist() == pytest.approx([600, 150, 100, 150])
    assert arrays.demand_cover[:, 0].sum() == pytest.approx(arrays.magnet_demand[0])
    magnet = arrays.prep.chain.lane(4)
    # Output over requirement (1,000 t): domestic 60%, with allied supply 75%, with all imports 85%.
    assert arrays.output_coverage[:, magnet, 0] == pytest.approx([0.6, 0.75, 0.85])
    assert arrays.gap[magnet, 0] == pytest.approx(400)
    assert arrays.import_dependency[magnet, 0] == pytest.approx(250)
    assert arrays.self_sufficiency[0] == pytest.approx(0.6)
    assert arrays.allied_coverage[0] == pytest.approx(0.75)


def test_demand_cover_when_imports_exceed_demand_leaves_nothing_unmet():
    plan = chain_plan(2025, 2025)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.supply = [SupplySource("CN", "Chinese magnets", "CN", "MAGNET", 5000, False)]
    cover = compute(plan, "BASE").arrays.demand_cover[:, 0]
    # Domestic magnets (1,978.8 t) already exceed the 1,000 t wanted.
    assert cover.tolist() == pytest.approx([1000, 0, 0, 0])


def test_one_years_facility_output_is_that_year_of_the_whole_horizons():
    from pathlib import Path

    from reeplanner.formats import reeplan

    plan = reeplan.load(Path(__file__).parent.parent / "examples" / "us-mine-to-magnet.reeplan")
    for scenario in ("BASE", "SURGE"):
        fresh = compute(plan, scenario).arrays
        year, starved = fresh.facility_year(4)  # worked out for that year alone
        whole = compute(plan, scenario).arrays
        assert np.array_equal(year.output[:, 0], whole.facility_output.output[:, 4], equal_nan=True)
        assert np.array_equal(year.capacity[:, 0], whole.facility_output.capacity[:, 4])
        assert np.array_equal(year.input_bound[:, 0], whole.facility_output.input_bound[:, 4])
        assert np.array_equal(starved[:, 0], whole.starved_of_feed[:, 4])
        assert whole.starved_of_feed.any()  # the example has plants starved of feed

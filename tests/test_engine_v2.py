"""Engine v2 figures, each worked out by hand from engine.md: supply views, the bottleneck's
material, facility output and utilisation, public money, price-floor exposure.

The plans use a two-stage chain, Separation (material) then Magnet (product),
both with yield 1, and two materials, NdPr (0.25 t per t of magnet) and Dy
(0.05 t), so every figure is a line of arithmetic.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from reeplanner.engine import compute_all
from reeplanner.engine.explain import explain_result
from reeplanner.engine.explain_facility import explain_facility, explain_floor
from reeplanner.model import (
    CapacityBasis,
    Material,
    Plan,
    PriceFloor,
    PriceRow,
    Stage,
    SupplySource,
    validate,
)
from tests.builders import demand, facility, funding, scenario

M, P = CapacityBasis.MATERIAL, CapacityBasis.PRODUCT


def two_stage_plan(magnet_demand: float = 8000, start: int = 2025, end: int = 2028) -> Plan:
    """US: NdPr 500 t, Dy 20 t, magnets 10,000 t; Australia NdPr 1,000 t (allied); China Dy 300 t (covered).

    Supply of separated Dy: Malaysia 30 t (allied), China 100 t (marked allied, but China is covered),
    Korea 10 t (not allied).
    """
    plan = Plan(name="Two stages", start_year=start, end_year=end)
    plan.materials = [Material("NdPr", "NdPr", 0.25), Material("Dy", "Dy", 0.05)]
    plan.stages = [Stage("SEP", "Separation", 1, M, 1.0), Stage("MAGNET", "Magnet", 2, P, 1.0)]
    plan.facilities = [
        facility("US-SEP", "SEP", 500, "NdPr", ramp_up_years=0),
        facility("US-DY", "SEP", 20, "Dy", ramp_up_years=0),
        facility("AU-SEP", "SEP", 1000, "NdPr", country="Australia", ramp_up_years=0),
        facility("CN-DY", "SEP", 300, "Dy", country="CN", ramp_up_years=0),
        facility("US-MAG", "MAGNET", 10000, ramp_up_years=0),
    ]
    plan.supply = [
        SupplySource("MY-DY", "Lynas Malaysia", "Malaysia", "SEP", 30, True, "Dy"),
        SupplySource("CN-DY-X", "Chinese exports", "China", "SEP", 100, True, "Dy"),
        SupplySource("KR-DY", "Korean traders", "KR", "SEP", 10, False, "Dy"),
    ]
    plan.demand = [demand({y: magnet_demand for y in range(start, end + 1)})]
    return plan


def base(plan: Plan):
    assert [str(p) for p in validate(plan) if p.is_error] == []
    return compute_all(plan).scenarios["BASE"]


def test_three_supply_views_count_who_takes_part():
    sr = base(two_stage_plan())
    row = sr.magnet.loc[2026]
    # Domestic: NdPr 500 / 0.25 = 2,000 t of magnets, Dy 20 / 0.05 = 400 t: Dy binds, 400 t.
    assert row.domestic_magnet_output == pytest.approx(400)
    # Allied: NdPr 500 + 1,000 (Australia); Dy 20 + 30 (Malaysia) = 50 t -> 1,000 t of magnets.
    assert row.magnet_output_allied == pytest.approx(1000)
    # All: NdPr 1,500 -> 6,000 t; Dy 20 + 300 + 30 + 100 + 10 = 460 -> 9,200 t; capacity 10,000: 6,000 t.
    assert row.magnet_output_with_imports == pytest.approx(6000)
    assert row.self_sufficiency == pytest.approx(400 / 8000)
    assert row.allied_coverage == pytest.approx(1000 / 8000)
    assert row.unmet_demand == pytest.approx(8000 - 6000)


def test_unmet_demand_is_never_negative_and_coverage_is_undefined_without_demand():
    plan = two_stage_plan(magnet_demand=5000)
    plan.demand.append(demand({2028: 0.0}, "Other"))
    sr = base(plan)
    assert sr.magnet.loc[2026, "unmet_demand"] == 0.0  # 6,000 t available for 5,000 demanded
    empty = two_stage_plan(magnet_demand=0)
    row = base(empty).magnet.loc[2026]
    assert math.isnan(row.allied_coverage) and math.isnan(row.self_sufficiency)
    assert row.unmet_demand == 0.0


def test_a_covered_country_is_never_allied_and_the_covered_list_is_the_plans():
    plan = two_stage_plan()
    plan.covered_countries = ("RU",)  # China no longer covered: its plant and its exports count as allied
    row = base(plan).magnet.loc[2026]
    # Dy 20 + 300 (China plant) + 30 + 100 (China exports) = 450 t -> 9,000 t; NdPr 1,500 -> 6,000 t.
    assert row.magnet_output_allied == pytest.approx(6000)
    plan.home_country = "AU"  # seen from Australia, the US plants are abroad (an empty Country is home)
    plan.facilities = [dataclasses.replace(f, country=f.country or "US") for f in plan.facilities]
    row = base(plan).magnet.loc[2026]
    # Domestic: NdPr 1,000 t from Australia, no Dy and no magnet plant at home: nothing.
    assert row.domestic_magnet_output == 0.0


def test_the_bottleneck_names_its_material():
    sr = base(two_stage_plan())
    # Requirement 8,000 t of magnets: NdPr 2,000 t, Dy 400 t at Separation. Coverage: NdPr 500/2,000 = 25%,
    # Dy 20/400 = 5%; Magnet 10,000/8,000. Separation binds, on Dy.
    assert sr.magnet.loc[2026, "bottleneck"] == "SEP"
    assert sr.magnet.loc[2026, "bottleneck_material"] == "Dy"


def test_a_tie_for_the_bottleneck_material_goes_to_the_first_in_materials_order():
    plan = two_stage_plan()
    plan.facilities[1] = facility("US-DY", "SEP", 100, "Dy", ramp_up_years=0)  # Dy 100/400 = NdPr 500/2,000
    sr = base(plan)
    assert sr.magnet.loc[2026, "bottleneck_material"] == "NdPr"


def test_no_bottleneck_material_on_a_product_stage():
    plan = two_stage_plan(magnet_demand=300)
    plan.facilities[4] = facility("US-MAG", "MAGNET", 200, ramp_up_years=0)
    sr = base(plan)
    # Magnets cover 200/300; Separation covers NdPr 500/75 and Dy 20/15: Magnet binds, no material.
    assert sr.magnet.loc[2026, "bottleneck"] == "MAGNET"
    assert sr.magnet.loc[2026, "bottleneck_material"] is None


def test_facility_output_is_pro_rata_and_a_starved_funded_plant_is_a_finding():
    plan = two_stage_plan()
    plan.facilities[4:] = [
        facility("MAG-A", "MAGNET", 6000, ramp_up_years=0),
        facility("MAG-B", "MAGNET", 4000, ramp_up_years=0),
        facility("MAG-JP", "MAGNET", 1000, country="JP", ramp_up_years=0),
    ]
    plan.funding = [
        funding("F-A", 100, "MAG-A"),
        funding("F-B", 50, "MAG-B", agency="PRIVATE", instrument="EQUITY"),
        funding("F-JP", 20, "MAG-JP"),
    ]
    sr = base(plan)
    figures = sr.arrays.facility_output
    index = {f.id: i for i, f in enumerate(plan.facilities)}
    y = 1  # 2026
    # Magnet output 400 t shared 6,000 : 4,000 -> 240 t and 160 t, both at 4% of capacity.
    assert figures.output[index["MAG-A"], y] == pytest.approx(240)
    assert figures.output[index["MAG-B"], y] == pytest.approx(160)
    assert figures.utilisation[index["MAG-A"], y] == pytest.approx(0.04)
    # Separation is the first stage: its plants make their capacity.
    assert figures.utilisation[index["US-SEP"], y] == pytest.approx(1.0)
    # A plant abroad has no part in the domestic pass.
    assert math.isnan(figures.output[index["MAG-JP"], y])
    starved = sr.coordination[sr.coordination.kind == "starved-of-feed"]
    # MAG-A has public money; MAG-B only private money; the Japanese plant is abroad.
    assert starved.subject.tolist() == ["MAG-A"]
    assert "2025-2028" in starved.message.iloc[0] and "Separation" in starved.message.iloc[0]
    text = "\n".join(explain_facility(sr, 2026, "MAG-A"))
    assert "400 x 6,000 / 10,000 = 240 t" in text
    assert "Utilisation = output / capacity = 240 / 6,000 = 4.0%" in text


def test_public_money_leaves_out_private_agency_and_private_instrument():
    plan = two_stage_plan()
    plan.funding = [
        funding("F-1", 100, "US-MAG"),
        funding("F-2", 50, "US-MAG", agency="PRIVATE", instrument="EQUITY"),
        funding("F-3", 25, "US-MAG", agency="DOE", instrument="PRIVATE"),
    ]
    sr = base(plan)
    assert sr.funding_total == pytest.approx(175)
    assert sr.funding_public_total == pytest.approx(100)
    assert sr.funding.public.tolist() == [True, False, False]


def floor_plan() -> Plan:
    """A floor of 110 USD/kg on half of US-SEP's NdPr output (500 t), 2024-2027; NdPr given for 2025
    (60 USD/kg) and 2027 (130 USD/kg) only."""
    plan = two_stage_plan(start=2024, end=2028)
    plan.prices = [PriceRow("NdPr", values={2025: 60.0, 2027: 130.0})]
    plan.price_floors = [PriceFloor("PF-1", "US-SEP", "NdPr", 110.0, 2024, 2027, "DOD-OSC", share=0.5)]
    return plan


def test_price_floor_exposure_with_a_share_and_a_gap_year_in_prices():
    sr = base(floor_plan())
    by_year = dict(zip(sr.magnet.index, sr.magnet.price_floor_exposure, strict=True))
    # 2024 takes the first price (60), 2026 the nearest earlier (60):
    # (110 - 60) x 0.5 x 500 t x 1,000 kg/t / 1e6 = 12.5 USD million; 2027: price 130 > floor: 0; 2028: after.
    assert by_year == pytest.approx({2024: 12.5, 2025: 12.5, 2026: 12.5, 2027: 0.0, 2028: 0.0})
    at, lower_25, lower_50 = sr.arrays.floor_exposure.stress_totals()
    assert at == pytest.approx(37.5)
    # Prices 25% lower: 45 -> 65 x 0.25 = 16.25 three times; 97.5 -> 12.5 x 0.25 = 3.125.
    assert lower_25 == pytest.approx(3 * 16.25 + 3.125)
    # 50% lower: 30 -> 80 x 0.25 = 20 three times; 65 -> 45 x 0.25 = 11.25.
    assert lower_50 == pytest.approx(3 * 20 + 11.25)
    frame = sr.price_floors
    assert frame.year.tolist() == [2024, 2025, 2026, 2027]
    assert frame.covered_output.tolist() == pytest.approx([250.0] * 4)
    lines = explain_floor(sr, "PF-1", 2026)
    assert any(
        "2026: max(0, 110 - 60) x share 0.5 x output 500 t" in line and "= 12.5 USD" in line for line in lines
    )


def test_a_child_scenario_takes_its_own_prices_and_a_grandchild_its_nearest_ancestors():
    plan = floor_plan()
    plan.scenarios += [scenario("LOW", "BASE"), scenario("LOWER", "LOW")]
    plan.prices.append(PriceRow("NdPr", "LOW", values={2024: 40.0}))
    results = compute_all(plan)
    # (110 - 40) x 0.5 x 500 x 0.001 = 17.5 a year, 2024-2027.
    for sid in ("LOW", "LOWER"):
        assert results.scenarios[sid].arrays.floor_exposure.total == pytest.approx(70.0)
    assert results.scenarios["BASE"].arrays.floor_exposure.total == pytest.approx(37.5)


def test_a_floor_on_a_material_without_prices_is_an_error_naming_the_floor():
    plan = floor_plan()
    plan.prices = [PriceRow("Dy", values={2025: 300.0})]
    problems = [p for p in validate(plan) if p.is_error]
    assert [(p.table, p.row, p.field) for p in problems] == [("Price floors", 1, "Material")]
    assert problems[0].message.startswith("NdPr has no market price")


def test_explain_a_view_adds_its_supply_and_says_what_users_here_cannot_get():
    sr = base(two_stage_plan())
    allied = str(explain_result(sr, 2026, "SEP", "Dy", view="allied"))
    assert "+ supply MY-DY (Malaysia, allied): 30 t x supply factor 1 = 30 t" in allied
    assert "CN-DY-X" not in allied and "KR-DY" not in allied
    everything = str(explain_result(sr, 2026, "MAGNET", view="all"))
    assert "unmet demand = max(0, magnet demand - output with imports) = max(0, 8,000 - 6,000) = 2,000 t" in (
        everything
    )

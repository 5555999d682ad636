"""The canvas shows results: lane headers with requirement, output and gap per material and the
bottleneck's material; cards with output, utilisation, public funding, 'starved of feed' and the
scenario's markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from reeplanner.formats import reeplan
from reeplanner.gui.canvas.canvas_figures import canvas_figures
from reeplanner.gui.canvas.supply_chain_view import SupplyChainView
from reeplanner.gui.document import PlanDocument
from reeplanner.model import Material
from tests.builders import chain_plan, facility, funding

EXAMPLE = Path(__file__).parent.parent / "examples" / "us-mine-to-magnet.reeplan"


@pytest.fixture
def canvas(qtbot):
    view = SupplyChainView(PlanDocument(reeplan.load(EXAMPLE), EXAMPLE))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    return view


def lane(view, stage_id):
    return next(item for item in view.chain_scene.lanes if item.stage_id == stage_id)


def card(view, fid):
    return view.chain_scene.cards[fid.casefold()]


def test_lane_headers_give_each_materials_requirement_output_and_gap(canvas):
    flows = canvas.document.scenario_result().flows
    row = flows[(flows["year"] == 2028) & (flows["stage"] == "SEP") & (flows["material"] == "Dy")].iloc[0]
    separation = lane(canvas, "SEP")
    dy = next(r for r in separation.figures.rows if r.material == "Dy")
    assert (dy.requirement, dy.output, dy.gap) == pytest.approx(
        (row["requirement"], row["output"], row["gap"])
    )
    expected = tuple(f"{v:,.0f}" for v in (row["requirement"], row["output"], row["gap"]))
    assert separation.row_texts(dy) == ("Dy", *expected)  # e.g. ('Dy', '135', '36', '98')
    # Mining is the bottleneck in 2028; its tab and its row name the material.
    magnet = canvas.document.scenario_result().magnet.loc[2028]
    mining = lane(canvas, "MINE")
    assert magnet["bottleneck"] == "MINE"
    assert (
        mining.figures.bottleneck
        and mining.bottleneck_text == f"Bottleneck ({magnet['bottleneck_material']})"
    )
    assert not separation.figures.bottleneck
    alloy = lane(canvas, "ALLOY")
    assert [r.material for r in alloy.figures.rows] == [""]
    need = flows[(flows["year"] == 2028) & (flows["stage"] == "ALLOY")].iloc[0]["requirement"]
    assert need > 10_000 and alloy.row_texts(alloy.figures.rows[0])[:2] == ("All", f"{need / 1000:,.1f}k")


def test_cards_give_output_utilisation_and_the_starved_plant_flag(canvas):
    heavy = card(canvas, "MP-HRE")  # Mountain Pass heavy RE separation: funded, short of Dy feed
    assert heavy.figures.starved and heavy.flag_text.startswith("⚠ Starved of feed")
    arrays = canvas.document.scenario_result().arrays
    f = arrays.prep.facility_index["mp-hre"]
    output, share = arrays.facility_output.output[f, 4], arrays.facility_output.utilisation[f, 4]
    assert heavy.output_text == f"Out {output:,.0f} t/yr · {share:.0%}"
    assert share < 0.5
    mine = card(canvas, "MP-MINE")
    assert not mine.figures.starved and mine.output_text.endswith("· 100%")
    # The base case runs Energy Fuels' campaign at a capacity factor: its card says so.
    assert card(canvas, "EF-P1").flag_text == "Scaled ×0.035"


def test_scenario_markers_on_delayed_and_cancelled_cards(canvas):
    canvas.document.set_scenario("DELAY")
    assert card(canvas, "MP-10X-MET").flag_text == "Delayed 24 months"
    canvas.document.set_scenario("SURGE")
    assert card(canvas, "EF-P2").figures.marker == "Financed in this scenario"
    canvas.document.set_scenario("BASE")
    assert card(canvas, "MP-10X-MET").flag_text == ""


def test_the_funding_badge_counts_public_money_only(qtbot):
    plan = chain_plan(2025, 2028)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.funding = [
        funding("F1", 100, "SEP-1", agency="DOE", instrument="LPO"),
        funding("F2", 40, "SEP-1", agency="DOE", instrument="PRIVATE"),  # a private instrument
        funding("F3", 30, "MET-1", agency="PRIVATE", instrument="DPA3"),  # a private agency
    ]
    view = SupplyChainView(PlanDocument(plan))
    qtbot.addWidget(view)
    assert card(view, "SEP-1").funding_text == "$100M"
    assert card(view, "MET-1").funding_text == ""


def test_a_plant_abroad_is_never_starved_and_shows_its_capacity(qtbot):
    plan = chain_plan(2025, 2028)
    plan.materials = [Material("NdPr", "", 0.25)]
    plan.facilities.append(facility("SEP-AU", "SEP", 900, ramp_up_years=0, country="AU"))
    plan.funding = [funding("F1", 100, "SEP-AU")]
    view = SupplyChainView(PlanDocument(plan))
    qtbot.addWidget(view)
    abroad = card(view, "SEP-AU")
    assert not abroad.figures.starved and abroad.output_text == "Abroad: 900 t/yr"


def test_canvas_figures_for_a_year_outside_the_horizon_are_empty_not_an_error():
    from reeplanner.engine import compute

    result = compute(chain_plan(2025, 2026), "BASE")
    figures = canvas_figures(result, 2040)
    assert figures.facility("SEP-1").effective == 0.0
    assert figures.facility("SEP-1").output is None

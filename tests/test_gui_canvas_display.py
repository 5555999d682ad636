"""How the canvas displays a plan: the status key beside the chain, t or kt, a large plan arriving in chunks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from reeplanner.formats import reeplan
from reeplanner.gui.canvas import card_builder
from reeplanner.gui.canvas.facility_card_item import READABLE_DETAIL
from reeplanner.gui.canvas.supply_chain_view import SupplyChainView
from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.settings import Settings, UnitsDisplay
from reeplanner.gui.tonnage import tonnes
from reeplanner.model import Link
from tests.builders import chain_plan, facility
from tests.scripted_prompts import ScriptedPrompts
from tests.test_gui_canvas import card, chain_document, lane

EXAMPLE = Path(__file__).parents[1] / "examples" / "us-mine-to-magnet.reeplan"


def canvas_for(qtbot, document: PlanDocument, width: int, height: int) -> SupplyChainView:
    canvas = SupplyChainView(document)
    qtbot.addWidget(canvas)
    canvas.resize(width, height)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def card_rects_on_screen(canvas: SupplyChainView) -> dict[str, QRect]:
    """Each card's visible part, in the canvas widget's coordinates (the legend's)."""
    viewport = canvas.viewport().geometry()
    rects = {}
    for key, item in canvas.chain_scene.cards.items():
        rect = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(viewport.topLeft())
        rects[key] = rect.intersected(viewport)
    return rects


# -- the status key ------------------------------------------------------------


@pytest.mark.parametrize("size", [(640, 480), (1400, 900)])
def test_the_status_key_never_covers_a_card_after_fit_to_view(qtbot, size):
    plan = reeplan.load(EXAMPLE)
    canvas = canvas_for(qtbot, PlanDocument(plan, EXAMPLE), *size)
    canvas.fit_to_view()
    legend = canvas.legend.geometry()
    assert canvas.legend.isVisible() and canvas.rect().contains(legend)  # on the canvas, in full
    shown = card_rects_on_screen(canvas)
    # Fitted across: the first card of every lane is in sight, none under the key.
    assert all(
        not shown[key].isEmpty() for key in ("mp-mine", "mp-sep", "mp-ind-met", "mp-ind-aly", "mp-ind-mag")
    )
    assert [key for key, rect in shown.items() if rect.intersects(legend)] == []


def test_the_status_key_stays_clear_of_the_cards_when_scrolled_to_the_bottom(qtbot):
    canvas = canvas_for(qtbot, PlanDocument(reeplan.load(EXAMPLE), EXAMPLE), 700, 400)
    canvas.resetTransform()  # 100%: the chain is taller than the canvas
    bar = canvas.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    legend = canvas.legend.geometry()
    assert canvas.rect().contains(legend)
    assert [key for key, rect in card_rects_on_screen(canvas).items() if rect.intersects(legend)] == []


def test_a_chain_too_long_to_read_whole_is_fitted_across_from_the_top(qtbot):
    plan = chain_plan(2025, 2030)
    plan.facilities += [facility(f"SEP-X{i}", "SEP", 10, ramp_up_years=0) for i in range(300)]
    canvas = canvas_for(qtbot, PlanDocument(plan), 900, 600)
    canvas.fit_to_view()
    assert READABLE_DETAIL <= canvas.zoom() <= 1.0  # cards still read as text
    seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    lanes = canvas.chain_scene.lanes
    assert seen.left() <= lanes[0].x() and lanes[-1].sceneBoundingRect().right() <= seen.right()
    assert seen.top() <= 0  # the lane headers
    assert (
        canvas.verticalScrollBar().value()
        == canvas.verticalScrollBar().minimum()
        < (canvas.verticalScrollBar().maximum())
    )


# -- tonnes or kilotonnes --------------------------------------------------------


def test_kilotonnes_read_as_planners_write_them():
    assert tonnes(8026, "kt") == "8.0 kt/yr"
    assert tonnes(45455, "kt") == "45.5 kt/yr"
    assert tonnes(800, "kt") == "0.80 kt/yr"
    assert tonnes(60, "kt") == "0.06 kt/yr"
    assert tonnes(4, "kt") == "0.004 kt/yr"
    assert tonnes(0, "kt") == "0 kt/yr"
    assert tonnes(996, "kt") == "1.0 kt/yr"
    assert tonnes(8026) == "8,026 t/yr"


def test_switching_to_kilotonnes_rewrites_headers_cards_and_links_without_a_rebuild(qtbot):
    document = chain_document()
    canvas = canvas_for(qtbot, document, 1400, 800)
    scene = canvas.chain_scene
    desert_item = card(canvas, "SEP-1")
    canvas.set_units(UnitsDisplay.KILOTONNES.value)
    assert card(canvas, "SEP-1") is desert_item  # the same items, new texts
    assert lane(canvas, "SEP").capacity_text == "1.0 kt/yr"  # 800 + 400 x 0.5 in 2028
    assert lane(canvas, "MAGNET").capacity_text == "2.0 kt/yr"
    assert "NdPr: 1.0 kt/yr" in lane(canvas, "SEP").toolTip()
    assert card(canvas, "SEP-1").capacity_text == "0.80 kt/yr NdPr"
    assert card(canvas, "SEP-2").effective_text == "2028: 0.20 kt/yr effective"
    assert scene.arrows[0].label_lines == ["0.80 kt/yr", "NdPr"]
    document.set_year(2026)  # still in kt after the year changes, on the same items
    assert card(canvas, "SEP-2").effective_text == "2026: 0 kt/yr effective"
    assert card(canvas, "SEP-1") is desert_item
    canvas.set_units(UnitsDisplay.TONNES.value)
    assert lane(canvas, "SEP").capacity_text == "800 t/yr"
    assert card(canvas, "SEP-1").capacity_text == "800 t/yr NdPr"


def test_view_units_apply_to_canvas_and_inspector_and_are_remembered(qtbot, tmp_path):
    path = tmp_path / "example.reeplan"
    path.write_bytes(EXAMPLE.read_bytes())
    window = MainWindow(
        PlanDocument(reeplan.load(path), path), prompts=ScriptedPrompts(), recovery_dir=tmp_path / "r"
    )
    qtbot.addWidget(window)
    window.show_plan_view()
    separation = lane(window.canvas, "SEP")
    assert separation.capacity_text == "7,863 t/yr"
    window.document.set_selection("stages", [1])  # Separation, in the inspector
    assert window.inspector.derived.text().splitlines()[0].endswith("t/yr:")

    window.view.units_actions[UnitsDisplay.KILOTONNES].trigger()
    assert separation.capacity_text == "7.9 kt/yr"
    assert card(window.canvas, "MP-MINE").capacity_text == "50.7 kt/yr mix"
    derived = window.inspector.derived.text().splitlines()
    assert derived[0].endswith("kt/yr:")
    ndpr = next(line for line in derived if line.startswith("NdPr"))
    assert ndpr.startswith("NdPr (contained): capacity 7.5, requirement 3.9,")  # 7,543.6 t/yr, in kt
    assert Settings().units() is UnitsDisplay.KILOTONNES
    window.document.set_selection("facilities", [0])
    assert window.inspector.derived.text().splitlines()[0].endswith("kt/yr")
    assert "(t/yr)" in window.inspector.form.labelForField(window.inspector.editors["Capacity"]).text()

    again = MainWindow(
        PlanDocument(reeplan.load(path), path), prompts=ScriptedPrompts(), recovery_dir=tmp_path / "r"
    )
    qtbot.addWidget(again)
    assert lane(again.canvas, "SEP").capacity_text == "7.9 kt/yr"  # at start-up, as remembered
    assert again.view.units_actions[UnitsDisplay.KILOTONNES].isChecked()


# -- a large plan ----------------------------------------------------------------


def test_a_large_plan_arrives_in_chunks_with_every_card_its_figures_and_the_selection(qtbot, monkeypatch):
    monkeypatch.setattr(card_builder, "CHUNK", 40)
    plan = chain_plan(2025, 2030)
    plan.facilities += [facility(f"SEP-X{i}", "SEP", 10 + i, ramp_up_years=0) for i in range(200)]
    plan.links = [Link("MINE-1", "SEP-X199", "NdPr", 5.0)]
    document = PlanDocument(plan)
    canvas = canvas_for(qtbot, document, 900, 600)
    scene = canvas.chain_scene
    canvas.fit_to_view()
    qtbot.waitUntil(lambda: not scene.settling)  # the cards in sight, with figures
    document.set_selection("facilities", [5, 204])  # one in sight, one perhaps not made yet
    qtbot.waitUntil(lambda: not scene.building)
    assert len(scene.cards) == len(plan.facilities)
    assert card(canvas, "SEP-X199").effective_text == "2028: 209 t/yr effective"
    assert sorted(c.index for c in scene.selected_cards()) == [5, 204]
    assert len(scene.arrows) == 1  # links drawn once every card is there
    document.push(SetFieldCommand(document, "facilities", len(plan.facilities) - 1, "capacity", 500.0, "Set"))
    assert card(canvas, "SEP-X199").capacity_text == "500 t/yr NdPr"


def test_an_edit_while_a_large_plan_is_still_arriving_finds_every_card(qtbot, monkeypatch):
    monkeypatch.setattr(card_builder, "CHUNK", 40)
    plan = chain_plan(2025, 2030)
    plan.facilities += [facility(f"SEP-X{i}", "SEP", 10, ramp_up_years=0) for i in range(200)]
    document = PlanDocument(plan)
    canvas = canvas_for(qtbot, document, 900, 600)
    assert canvas.chain_scene.building
    document.push(SetFieldCommand(document, "facilities", 150, "name", "Renamed", "Rename"))
    assert not canvas.chain_scene.building
    assert card(canvas, "SEP-X145").facility.name == "Renamed"
    assert len(canvas.chain_scene.cards) == len(plan.facilities)

"""Large plans recompute on a worker thread: the edit shows at once, its figures follow, stale runs are dropped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reeplanner.gui.commands import SetFieldCommand
from reeplanner.gui.document import BACKGROUND_RECOMPUTE_FACILITIES, PlanDocument
from tests.builders import chain_plan, facility


def big_plan():
    """The five-stage chain plus enough 10 t/yr mines to recompute in the background."""
    plan = chain_plan()
    extra = BACKGROUND_RECOMPUTE_FACILITIES
    plan.facilities = [facility(f"M{i}", "MINE", 10, ramp_up_years=0) for i in range(extra)] + plan.facilities
    return plan


def mine_capacity(document: PlanDocument, year: int = 2026) -> float:
    flows = document.scenario_result().flows
    row = flows[(flows.year == year) & (flows.stage == "MINE") & (flows.material == "NdPr")]
    return float(row.capacity.iloc[0])


def test_an_edit_on_a_large_plan_shows_at_once_and_its_figures_follow(qtbot):
    document = PlanDocument(big_plan())
    extra = BACKGROUND_RECOMPUTE_FACILITIES
    assert mine_capacity(document) == extra * 10 + 1000  # 300 mines of 10 t + MINE-1's 1,000 t = 4,000 t

    with qtbot.waitSignal(document.results_changed, timeout=20000):
        document.push(SetFieldCommand(document, "facilities", 0, "capacity", 510.0, "Set capacity of M0"))
        assert document.plan.facilities[0].capacity == 510.0  # the plan changed at once
        assert mine_capacity(document) == 4000  # the figures follow from the worker

    assert mine_capacity(document) == 4000 + 500  # M0 went from 10 t to 510 t
    document.finish_recompute()


def test_results_of_an_older_plan_are_dropped_when_edits_follow_quickly(qtbot):
    document = PlanDocument(big_plan())
    for value in (110.0, 210.0, 310.0):
        document.push(SetFieldCommand(document, "facilities", 0, "capacity", value, "Set capacity of M0"))
    qtbot.waitUntil(lambda: mine_capacity(document) == 4000 + 300, timeout=20000)
    document.finish_recompute()
    QCoreApplication.processEvents()  # deliver any late result
    assert mine_capacity(document) == 4000 + 300

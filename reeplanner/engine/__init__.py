"""(plan, scenario) -> figures: capacity, requirement, output, gaps, targets, funding, coordination.

Plain numpy/pandas, no Qt. The rules are those of ``engine.md``; the choices
where it is silent are in ``docs/engine-notes.md``.
"""

from reeplanner.engine.compute import compute, compute_all
from reeplanner.engine.explain import Explanation, explain
from reeplanner.engine.results import EngineOptions, PlanResult, ScenarioResult

__all__ = [
    "EngineOptions",
    "Explanation",
    "PlanResult",
    "ScenarioResult",
    "compute",
    "compute_all",
    "explain",
]

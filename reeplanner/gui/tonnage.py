"""Tonnages as the planner chose to read them (View > Units): ``8,026 t/yr`` or ``8.0 kt/yr``.

Qt-free. ``units`` is a ``UnitsDisplay`` value (``"t"`` or ``"kt"``); the plan
always stores tonnes, this only changes how a computed figure is written.
"""

from __future__ import annotations

import math

TONNES = "t"
KILOTONNES = "kt"


def tonnes(value: float, units: str = TONNES, suffix: str = "/yr") -> str:
    """``12,345 t/yr`` or ``12.3 kt/yr``; ``–`` for a missing value.

    Tonnes: whole tonnes, but under 10 t a fraction keeps one decimal so small
    recyclers do not read as 0. Kilotonnes: one decimal, two below 1 kt (three
    below 0.01 kt), so a 250 t plant reads 0.25 kt rather than 0.3.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if units == KILOTONNES:
        return f"{_kilotonnes(value)} kt{suffix}"
    if abs(value) < 10 and value != round(value):
        return f"{value:,.1f} t{suffix}"
    return f"{value:,.0f} t{suffix}"


def kilotonnes(value: float) -> str:
    """A tonnage as a number of kilotonnes, without the unit: ``8.0``, ``0.25``."""
    return _kilotonnes(value)


def unit_label(units: str = TONNES, suffix: str = "/yr") -> str:
    """The unit on its own, for a heading: ``t/yr`` or ``kt/yr``."""
    return f"{KILOTONNES if units == KILOTONNES else TONNES}{suffix}"


def _kilotonnes(value: float) -> str:
    kt = value / 1000
    if kt == 0:
        return "0"
    size = abs(kt)
    if size >= 0.995:
        return f"{kt:,.1f}"
    if size >= 0.00995:
        return f"{kt:,.2f}"
    return f"{kt:,.3f}"

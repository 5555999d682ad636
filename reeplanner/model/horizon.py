"""The years to lay out as columns or on a slider, for any plan, valid or not.

A plan whose horizon validation refuses still has to show as tables so the
user can fix it: an End year typed as 20300, or a Start year of -1e308 from a
damaged file, must not make the window lay out millions of year columns.
"""

from __future__ import annotations

from reeplanner.model.plan import Plan
from reeplanner.model.validation import MAX_HORIZON_YEARS

FIRST_YEAR, LAST_YEAR = 1990, 2100  # the Start years validation accepts


def laid_out_years(plan: Plan) -> range:
    """The plan's years, from a start year clamped to 1990-2100 and at most ``MAX_HORIZON_YEARS`` + 1
    years long (the horizon itself for every plan validation accepts)."""
    start, end = plan.start_year, plan.end_year
    if not isinstance(start, int) or not isinstance(end, int):
        return range(0)
    start = min(max(start, FIRST_YEAR), LAST_YEAR)
    return range(start, min(max(end, start - 1), start + MAX_HORIZON_YEARS) + 1)


__all__ = ["laid_out_years"]

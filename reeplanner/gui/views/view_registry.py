"""The larger docks by name, as ``ChartDocks`` makes and feeds them beside the charts.

Each is made the first time its dock comes on show, like a chart behind a tab, and follows the
scenario box and the year slider through ``show_results``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: View name -> dock title; the order of the View > Panels menu.
VIEW_TITLES = {
    "timeline": "Timeline",
    "comparison": "Scenario Comparison",
    "explain": "Explain",
    "agencies": "Agencies",
    "coordination": "Coordination",
}
#: Where each view's dock starts (the window then tabs them with the tables and the problems).
VIEW_AREA = Qt.DockWidgetArea.BottomDockWidgetArea


def make_view(name: str) -> QWidget:
    """A new view by its name (``timeline``, ``comparison``, ``explain``, ``agencies``,
    ``coordination``); ``ValueError`` for another name."""
    if name == "timeline":
        from reeplanner.gui.views.timeline_view import TimelineView

        return TimelineView()
    if name == "comparison":
        from reeplanner.gui.views.comparison_view import ComparisonView

        return ComparisonView()
    if name == "explain":
        from reeplanner.gui.views.explain_view import ExplainView

        return ExplainView()
    if name == "agencies":
        from reeplanner.gui.views.agency_view import AgencyView

        return AgencyView()
    if name == "coordination":
        from reeplanner.gui.views.coordination_view import CoordinationView

        return CoordinationView()
    raise ValueError(f"no chart or view called {name!r}")

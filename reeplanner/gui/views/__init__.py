"""Larger docks that are not single charts: the timeline, the scenario comparison, coordination
findings, explanations and the agency matrix (``view_registry``), and the Risk dock."""

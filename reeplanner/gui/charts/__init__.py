"""Live charts in docks: gap by stage, self-sufficiency over time, funding, and the mine-to-magnet flow.

Each chart is a ``ChartBase`` (export, copy data, palette, hover) fed the
document's results, scenario and year by ``ChartDocks``; charts never call
the engine's computation, they read its results.
"""

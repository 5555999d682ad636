"""The timeline's time axis: years, or months when a few years fill the width ("Apr 2028")."""

from __future__ import annotations

import math

import pyqtgraph as pg

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class TimeAxis(pg.AxisItem):
    """Ticks at whole years (every 1, 2 or 5 years as room allows); below four years in sight,
    at quarters or months, labelled with the month."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph's names)
        span = maxVal - minVal
        if span <= 0 or size <= 0:
            return []
        per_label = 70 / size * span  # years a label needs
        if span > 4:
            step = next((s for s in (1, 2, 5, 10) if s >= per_label), 10)
            years = range(math.ceil(minVal / step) * step, math.floor(maxVal) + 1, step)
            return [(step, [float(y) for y in years])]
        months = next((m for m in (1, 3, 6, 12) if m / 12 >= per_label), 12)
        first = math.ceil(minVal * 12 / months) * months
        ticks = [m / 12 for m in range(first, math.floor(maxVal * 12) + 1, months)]
        return [(months / 12, ticks)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        if spacing >= 1:
            return [f"{round(v):d}" for v in values]
        texts = []
        for value in values:
            month = round(value * 12)
            texts.append(f"{MONTHS[month % 12]} {month // 12}")
        return texts

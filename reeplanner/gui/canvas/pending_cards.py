"""The cards of a large plan still to be made, those in sight first: pure bookkeeping, no Qt.

Cards are named by their row in the Facilities table and kept in order of
``y``, so the ones in a band of the canvas are found at once. Plain lists of
numbers, not an object per card: 10,000 small objects would cost time to
make and to sweep (the garbage collector) while the window is opening.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from reeplanner.gui.canvas.canvas_layout import CARD_HEIGHT, CARD_WIDTH

Sight = tuple[float, float, float, float]  # left, top, right, bottom in scene coordinates


class PendingCards:
    """Rows whose cards are still to be made, with where those cards go (``xs``, ``ys`` by row)."""

    def __init__(self, xs: Sequence[float] = (), ys: Sequence[float] = ()) -> None:
        self.xs, self.ys = xs, ys
        self._rows = sorted(range(len(ys)), key=ys.__getitem__)
        self._row_ys = [ys[row] for row in self._rows]

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def _band(self, sight: Sight) -> tuple[int, int]:
        top, bottom = sight[1], sight[3]
        return bisect.bisect_left(self._row_ys, top - CARD_HEIGHT), bisect.bisect_right(self._row_ys, bottom)

    def _seen(self, row: int, sight: Sight) -> bool:
        x = self.xs[row]
        return x < sight[2] and x + CARD_WIDTH > sight[0]

    def any_in(self, sights: Iterable[Sight]) -> bool:
        """Is some card still to make in one of these rectangles?"""
        for sight in sights:
            start, stop = self._band(sight)
            if any(self._seen(row, sight) for row in self._rows[start:stop]):
                return True
        return False

    def take_in(self, sights: Iterable[Sight]) -> list[int]:
        """Remove and return the rows whose cards overlap any of these rectangles."""
        taken: list[int] = []
        for sight in sights:
            start, stop = self._band(sight)
            band = self._rows[start:stop]
            seen = [row for row in band if self._seen(row, sight)]
            if seen:
                kept = [row for row in band if not self._seen(row, sight)]
                self._rows[start:stop] = kept
                self._row_ys[start:stop] = [self.ys[row] for row in kept]
                taken += seen
        return taken

    def take(self, count: int) -> list[int]:
        """Remove and return the rows of the ``count`` topmost cards."""
        taken = self._rows[:count]
        del self._rows[:count], self._row_ys[:count]
        return taken

    def take_all(self) -> list[int]:
        taken, self._rows, self._row_ys = self._rows, [], []
        return taken

"""When a large plan's cards are made: a chunk per turn of the event loop, those in sight first.

Making 10,000 card items takes a few hundred milliseconds; done at once it
would freeze the window. The builder hands the scene chunks of cards to
make: first those the views show, at once, then the rest: slowly until the
plan's first results are computed and their figures shown (so as not to
hold them up), then at full speed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from reeplanner.gui.canvas.pending_cards import PendingCards, Sight

Places = tuple[list[float], list[float]]  # each row's card x and y

CHUNK = 1000  # cards made per turn of the event loop
AWAIT_RESULTS_MS = 1000  # between chunks out of sight until the plan's first figures show


class CardBuilder(QObject):
    def __init__(
        self,
        make: Callable[[list[int], PendingCards], None],
        done: Callable[[], None],
        sights: Callable[[], list[Sight]],
        parent: QObject | None = None,
    ) -> None:
        """``make(rows, places)`` makes the cards of those Facilities rows where ``places`` puts them,
        ``done`` follows the last chunk, ``sights`` says what the views show."""
        super().__init__(parent)
        self._make, self._done, self._sights = make, done, sights
        self._place: Callable[[], Places] | None = None  # the cards are not placed yet
        self._pending = PendingCards()
        self._awaiting_results = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    @property
    def building(self) -> bool:
        return self._place is not None or bool(self._pending)

    def in_sight(self) -> bool:
        """Are cards the views show still to be made?"""
        return self._place is not None or self._pending.any_in(self._sights())

    def start(self, count: int, place: Callable[[], Places], *, awaiting_results: bool) -> None:
        """Make ``count`` cards where ``place`` puts them: at once if they are few, else from the
        next turn of the event loop (placing them then too, so the lanes paint first)."""
        self.stop()
        if count <= CHUNK:
            places = PendingCards(*place())
            self._make(places.take_all(), places)
            self._done()
            return
        self._place = place
        self._awaiting_results = awaiting_results
        self._timer.start(0)

    def stop(self) -> None:
        """Forget the cards still to make (the scene starts over)."""
        self._timer.stop()
        self._place = None
        self._pending = PendingCards()

    def _placed(self) -> PendingCards:
        if self._place is not None:
            self._pending = PendingCards(*self._place())
            self._place = None
        return self._pending

    def soon(self) -> None:
        """The views scrolled or zoomed: make what they now show next."""
        if self.building and self.in_sight():
            self._timer.start(0)

    def results_arrived(self) -> None:
        """The figures of results are on show: the cards out of sight follow at full speed."""
        self._awaiting_results = False
        if self.building:
            self._timer.start(0)

    def finish(self) -> None:
        """Make every card still waiting, now."""
        if self.building:
            self._timer.stop()
            pending = self._placed()
            self._make(pending.take_all(), pending)
            self._done()

    def _step(self) -> None:
        sights = self._sights()
        pending = self._placed()
        self._make(pending.take_in(sights) or pending.take(CHUNK), pending)
        if not self._pending:
            self._done()
        elif self._awaiting_results and not self._pending.any_in(sights):
            self._timer.start(AWAIT_RESULTS_MS)
        else:
            self._timer.start(0)

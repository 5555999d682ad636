"""Long work (reading, writing, the brief) off the GUI thread, with a progress dialog and Cancel.

The work functions are plain Qt-free calls (``read_plan``, ``write_plan``,
``write_brief``) that cannot be interrupted halfway; Cancel therefore lets
the function finish in the background and throws its result away. A write
that was cancelled still completes atomically, so no file is left half
written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_PROGRESS_AFTER_MS = 400


class WorkThread(QThread):
    """Runs one function; reports its result or its exception in the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.progress: QProgressDialog | None = None  # shown while the work runs; Cancel discards the result

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the GUI thread, which decides what the user sees
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundWork(QObject):
    """Starts jobs and keeps them alive until they end; one progress dialog per job."""

    job_finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._threads: set[WorkThread] = set()

    def start(
        self,
        label: str,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> WorkThread:
        thread = WorkThread(work, self)
        progress = QProgressDialog(label, "Cancel", 0, 0, self._window)
        progress.setWindowTitle("REE Planner")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        progress.setAutoClose(False)
        thread.progress = progress

        def succeeded(result: Any) -> None:
            if not progress.wasCanceled():
                on_success(result)

        def failed(exc: Exception) -> None:
            if not progress.wasCanceled():
                on_failure(exc)

        def finished() -> None:
            progress.reset()
            progress.deleteLater()
            self._threads.discard(thread)
            thread.deleteLater()
            self.job_finished.emit()

        thread.succeeded.connect(succeeded)
        thread.failed.connect(failed)
        thread.finished.connect(finished)
        self._threads.add(thread)
        thread.start()
        return thread

    @property
    def busy(self) -> bool:
        return bool(self._threads)

    def wait_all(self) -> None:
        """Block until every job has ended (the window is closing)."""
        for thread in list(self._threads):
            thread.wait()

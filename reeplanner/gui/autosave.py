"""Autosave and crash recovery.

Every minute with unsaved changes the window writes a recovery copy of the
plan into the recovery folder (never over the user's file): ``<session>.reeplan``
with a ``<session>.json`` sidecar naming the file it belongs to and when it
was written. A ``<session>.lock`` (QLockFile) marks the session as alive; a
recovery copy whose lock is free or stale belongs to a session that ended
without saving or discarding — a crash — and is offered on the next start,
and whenever its file is opened while the copy is newer than the file
(``find_recoveries_for``). A save, or discarding the changes, removes the copy.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from reeplanner.formats import reeplan
from reeplanner.formats.atomic import SaveError, write_bytes_atomic
from reeplanner.gui.document import PlanDocument
from reeplanner.gui.work_thread import WorkThread
from reeplanner.model.plan import Plan

AUTOSAVE_INTERVAL_MS = 60_000


@dataclass(frozen=True)
class Recovery:
    """A recovery copy left by a session that did not end normally."""

    plan_path: Path
    sidecar_path: Path
    original: Path | None
    name: str
    saved_at: dt.datetime

    @property
    def what(self) -> str:
        """The plan the changes belong to, as the user knows it: its file's name, else its name."""
        return self.original.name if self.original else self.name

    @property
    def when(self) -> str:
        """When the changes were autosaved, in local time: ``12 Mar 2026 at 14:05``."""
        return self.saved_at.astimezone().strftime("%d %b %Y at %H:%M")

    def is_for(self, path: Path) -> bool:
        """The copy holds changes to the file at ``path``."""
        return self.original is not None and _same_file(self.original, path)

    def is_newer_than_its_file(self) -> bool:
        """Autosaved after its file was last written (a file saved since makes the copy stale)."""
        if self.original is None:
            return True
        try:
            written = dt.datetime.fromtimestamp(self.original.stat().st_mtime, dt.UTC)
        except OSError:
            return True  # the file is gone: the copy is all there is
        return self.saved_at > written

    def load(self) -> Plan:
        return reeplan.load(self.plan_path)

    def remove(self) -> None:
        for path in (self.plan_path, self.sidecar_path, self.plan_path.with_suffix(".lock")):
            path.unlink(missing_ok=True)


def find_recoveries(folder: Path) -> list[Recovery]:
    """Recovery copies in ``folder`` whose session is gone, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for sidecar in folder.glob("*.json"):
        plan_path = sidecar.with_suffix(".reeplan")
        lock = QLockFile(str(sidecar.with_suffix(".lock")))
        lock.setStaleLockTime(0)
        if not plan_path.is_file() or not lock.tryLock(0):
            continue  # a running session's copy, or half gone
        lock.unlock()
        try:
            info = json.loads(sidecar.read_text(encoding="utf-8"))
            saved_at = dt.datetime.fromisoformat(info["saved_at"])
            if saved_at.tzinfo is None:
                saved_at = saved_at.replace(tzinfo=dt.UTC)
        except (OSError, ValueError, KeyError, TypeError):
            continue
        original = Path(info["file"]) if info.get("file") else None
        found.append(Recovery(plan_path, sidecar, original, str(info.get("name", "Untitled")), saved_at))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def find_recoveries_for(folder: Path, path: Path) -> list[Recovery]:
    """Recovery copies of the file at ``path`` left by sessions that are gone and newer than the
    file, newest first."""
    return [r for r in find_recoveries(folder) if r.is_for(path) and r.is_newer_than_its_file()]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


class Autosave(QObject):
    """Writes the document's recovery copy while it has unsaved changes."""

    failed = Signal(str)

    def __init__(
        self, document: PlanDocument, folder: Path, interval_ms: int = AUTOSAVE_INTERVAL_MS, parent=None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.folder = folder
        session = uuid.uuid4().hex[:12]
        self.plan_path = folder / f"{session}.reeplan"
        self.sidecar_path = folder / f"{session}.json"
        self._lock: QLockFile | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        self._encoder: WorkThread | None = None
        self._discards = 0  # a copy encoded before a save or discard must not be written after it
        document.undo_stack.cleanChanged.connect(self._on_document_clean_changed)

    def save_now(self) -> bool:
        """Write the recovery copy if there are unsaved changes; True when written."""
        if not self.document.modified:
            return False
        return self._write(reeplan.dumps(self.document.plan))

    def _on_timer_timeout(self) -> None:
        """Every interval: encode a snapshot of the plan off the GUI thread (a 10,000-facility plan
        takes a good part of a second), then write it here, unless saved or discarded meanwhile."""
        if not self.document.modified or self._encoder is not None:
            return
        snapshot, discards = self.document.plan.copy(), self._discards
        encoder = WorkThread(lambda: reeplan.dumps(snapshot), self)
        encoder.succeeded.connect(lambda text: self._write(text) if discards == self._discards else None)
        encoder.failed.connect(lambda exc: self.failed.emit(f"Autosave failed: {exc}"))
        encoder.finished.connect(self._on_encoder_finished)
        self._encoder = encoder
        encoder.start()

    def _on_encoder_finished(self) -> None:
        if self._encoder is not None:
            self._encoder.deleteLater()
            self._encoder = None

    def _write(self, text: str) -> bool:
        if not self.document.modified:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                self._lock = QLockFile(str(self.plan_path.with_suffix(".lock")))
                self._lock.setStaleLockTime(0)
                self._lock.tryLock(0)
            write_bytes_atomic(self.plan_path, text.encode("utf-8"))
            info = {
                "file": str(self.document.path.absolute()) if self.document.path else None,
                "name": self.document.display_name,
                "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            }
            write_bytes_atomic(self.sidecar_path, json.dumps(info, indent=2).encode("utf-8"))
        except (OSError, SaveError) as exc:
            self.failed.emit(f"Autosave failed: {exc}")
            return False
        return True

    def discard(self) -> None:
        """Remove the recovery copy (the plan was saved, or its changes discarded)."""
        self._discards += 1
        self.plan_path.unlink(missing_ok=True)
        self.sidecar_path.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def stop(self) -> None:
        """Stop autosaving (the window is closing); waits for an encoding under way."""
        self._timer.stop()
        if self._encoder is not None:
            self._encoder.wait()

    def _on_document_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

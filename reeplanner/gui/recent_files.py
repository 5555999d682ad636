"""Recently opened plans: a QSettings array, newest first, filtered to files that still exist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 10
_GROUP = "files/recent"


class RecentFiles:
    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings

    def paths(self) -> list[Path]:
        """The recent plans that still exist, newest first."""
        size = self._q.beginReadArray(_GROUP)
        found = []
        for i in range(size):
            self._q.setArrayIndex(i)
            found.append(self._q.value("path", "", type=str))
        self._q.endArray()
        return [Path(p) for p in found if p and Path(p).is_file()]

    def add(self, path: str | Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.paths() if p.resolve() != path]
        self._write(paths[:MAX_RECENT])

    def clear(self) -> None:
        self._write([])

    def _write(self, paths: list[Path]) -> None:
        self._q.remove(_GROUP)
        self._q.beginWriteArray(_GROUP, len(paths))
        for i, path in enumerate(paths):
            self._q.setArrayIndex(i)
            self._q.setValue("path", str(path))
        self._q.endArray()

"""Test set-up: Qt runs offscreen, settings and recovery files stay in tmp_path, property tests
draw the same examples on every run.

Hypothesis profiles (``--hypothesis-profile NAME``):

- ``ci`` (the default): derandomised, each test's examples drawn from a seed fixed by the test
  itself, no example database; a run passes or fails the same way every time. A failing case
  found by a wider search is kept in its test as an explicit ``@example``.
- ``hunt``: random, for a wider search on demand, one seed per run:
  ``.venv/bin/python scripts/hunt.py`` runs the property tests over many seeds and prints the
  seeds that fail.
"""

from __future__ import annotations

import os

# Before anything imports Qt: with neither this nor DISPLAY set, Qt aborts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("hunt", derandomize=False, database=None, print_blob=True)
settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _user_files_in_tmp(request: pytest.FixtureRequest, tmp_path, monkeypatch: pytest.MonkeyPatch):
    """Settings and autosave recovery copies go under tmp_path, never to the user's.

    Environment variables cover the app started in a subprocess (XDG folders for
    QSettings and QStandardPaths on Linux, REEPLANNER_RECOVERY_DIR for the
    recovery folder); GUI tests in this process also get an INI QSettings file
    under tmp_path and a test organisation name.
    """
    monkeypatch.setenv("REEPLANNER_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    module = request.node.module.__name__.rsplit(".", 1)[-1] if request.node.module else ""
    if module.startswith("test_gui") or "qtbot" in request.fixturenames:
        from PySide6.QtCore import QCoreApplication, QSettings

        QCoreApplication.setOrganizationName("REE Planner tests")
        QCoreApplication.setApplicationName("REE Planner tests")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield

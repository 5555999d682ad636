"""Test set-up: Qt runs offscreen, settings and recovery files stay in tmp_path."""

from __future__ import annotations

import os

# Before anything imports Qt: with neither this nor DISPLAY set, Qt aborts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

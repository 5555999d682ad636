"""The installed app: the built folder's and the .deb's size, and its start to painted window beside source.

The installed app is the one scripts/smoke-check.sh leaves installed in its fresh
Debian 12 (``build/smoke/root``, run there with ``chroot``, as root); without that,
the built folder ``dist/reeplanner`` (the same files the .deb installs) on this
machine. Both commands open the US example with ``--benchmark-start`` and are run
in turn, installed then source, so that a machine growing busier slows both; the
ratio is the median of the pairs' ratios.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_gui import _env

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FOLDER = REPO / "dist" / "reeplanner"
CHROOT = REPO / "build" / "smoke" / "root"
EXAMPLE = "us-mine-to-magnet.reeplan"
PAIRS = 7
MB = 1024 * 1024


def folder_mb(folder: Path) -> float:
    """Disk use, as ``du`` counts it (blocks, not apparent sizes)."""
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*")) / MB


def installed_command() -> tuple[str, list[str], dict[str, str] | None]:
    """What to run as 'the installed app': a label, the command, and its environment (None: inherit)."""
    if (CHROOT / "opt" / "reeplanner" / "reeplanner").is_file() and os.geteuid() == 0:
        shipped = f"/opt/reeplanner/_internal/reeplanner/examples/{EXAMPLE}"
        clean = ["/usr/bin/env", "-i", "HOME=/tmp/bench-home", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
        return (
            "installed .deb",
            ["chroot", str(CHROOT), *clean, "reeplanner", "--benchmark-start", shipped],
            None,
        )
    shipped = FOLDER / "_internal" / "reeplanner" / "examples" / EXAMPLE
    return "built folder", [str(FOLDER / "reeplanner"), "--benchmark-start", str(shipped)], {}


def first_paint_s(command: list[str], env: dict[str, str] | None) -> float:
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    line = next((x for x in done.stdout.splitlines() if x.startswith("first-paint ")), None)
    if line is None:
        raise RuntimeError(f"{command[0]} did not paint:\n{done.stderr}")
    return float(line.split()[1]) - started


def run() -> list[tuple[str, float, float, str]]:
    if not (FOLDER / "reeplanner").is_file():
        print("  (no dist/reeplanner: build it first, or run scripts/smoke-check.sh)")
        return []
    figures = [("built folder dist/reeplanner on disk", folder_mb(FOLDER), 250, "MB")]
    debs = sorted((REPO / "dist").glob("reeplanner_*.deb"))
    if debs:
        figures.append((f"{debs[-1].name}", debs[-1].stat().st_size / MB, 250, "MB"))
    label, installed, installed_env = installed_command()
    source = [sys.executable, "-m", "reeplanner", "--benchmark-start", str(REPO / "examples" / EXAMPLE)]
    with tempfile.TemporaryDirectory() as folder:
        source_env = _env(folder)
        if installed_env is not None:  # the built folder on this machine: same settings folders as source
            installed_env = source_env
        first_paint_s(installed, installed_env)  # warm-up: the files into the page cache
        first_paint_s(source, source_env)
        pairs = [
            (first_paint_s(installed, installed_env), first_paint_s(source, source_env)) for _ in range(PAIRS)
        ]
    installed_ms = statistics.median(p[0] for p in pairs) * 1000
    source_ms = statistics.median(p[1] for p in pairs) * 1000
    ratio = statistics.median(p[0] / p[1] for p in pairs)
    figures += [
        (f"start to painted window, {label} (median of {PAIRS})", installed_ms, 1000, "ms"),
        (f"start to painted window, from source (median of {PAIRS})", source_ms, 1000, "ms"),
        ("installed as a share of source, median of the pairs' ratios", 100 * ratio, 120, "%"),
    ]
    return figures

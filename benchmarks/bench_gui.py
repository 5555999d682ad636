"""GUI speed and memory: start-up to first paint, an edit reaching canvas and tables, a 10,000-facility open.

Each figure is measured in a fresh process (``python benchmarks/bench_gui.py
--child NAME`` prints one JSON object) so that one figure's imports and
memory do not flatter or burden another. Settings and recovery copies of the
runs go to a temporary folder.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLE = REPO / "examples" / "us-mine-to-magnet.reeplan"
START_RUNS = 7


def _env(folder: str) -> dict[str, str]:
    """The children's environment: settings and recovery copies in ``folder``.

    Bytecode is written (to ``__pycache__``, as Python does by default), whatever
    PYTHONDONTWRITEBYTECODE says: a user's start-up reads compiled modules (the installed app
    carries them; a checkout writes them on its first run), as the bare window's pyqtgraph does
    from site-packages. Timing a compile of every module of ours on every launch would measure
    the machine's setting, not the app.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(XDG_CONFIG_HOME=f"{folder}/config", XDG_DATA_HOME=f"{folder}/data")
    env["REEPLANNER_RECOVERY_DIR"] = f"{folder}/recovery"
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), str(HERE), env.get("PYTHONPATH", "")]))
    return env


def start_to_first_paint_ms(folder: str) -> float:
    """Median wall time from launching ``python -m reeplanner --benchmark-start EXAMPLE`` to its first paint."""
    times = []
    for run in range(START_RUNS + 1):
        started = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "reeplanner", "--benchmark-start", str(EXAMPLE)],
            capture_output=True,
            text=True,
            env=_env(folder),
            timeout=60,
        )
        line = next(line for line in done.stdout.splitlines() if line.startswith("first-paint "))
        if run:  # the first run writes the bytecode
            times.append((float(line.split()[1]) - started) * 1000)
    return statistics.median(times)


def run_child(script: str, name: str, folder: str) -> dict[str, float]:
    """``python SCRIPT --child NAME`` in a fresh process: the JSON object it prints last."""
    done = subprocess.run(
        [sys.executable, str(Path(script).resolve()), "--child", name],
        capture_output=True,
        text=True,
        env=_env(folder),
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{Path(script).stem} child {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(name: str, folder: str) -> dict[str, float]:
    return run_child(__file__, name, folder)


def run() -> list[tuple[str, float, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        start = start_to_first_paint_ms(folder)
        edit = _child("edit", folder)
        big = _child("open", folder)
    return [
        ("start to first paint, us-mine-to-magnet (median of 7)", start, 1000, "ms"),
        ("1,000 facilities: edit shown in canvas and tables (median)", edit["edit_ms"], 50, "ms"),
        ("1,000 facilities: edit's recomputed figures shown (median)", edit["results_ms"], 300, "ms"),
        ("10,000 facilities: File > Open until shown with results", big["open_ms"], 2000, "ms"),
        ("10,000 facilities: longest GUI freeze during that open", big["longest_freeze_ms"], 250, "ms"),
        ("10,000 facilities open: memory (RSS)", big["rss_mb"], 400, "MB"),
    ]


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    from gui_children import CHILDREN

    print(json.dumps(CHILDREN[sys.argv[2]]()))
elif __name__ == "__main__":
    for row in run():
        print(row)

"""A picture of the Risk dock on the US example, once its 10,000-draw figures are in.

    .venv/bin/python scripts/screenshot_risk.py OUT.png [--dark] [--scenario ID] [--target ID]

Used by scripts/screenshots.sh (and to look at the dock in both palettes). Offscreen without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "us-mine-to-magnet.reeplan"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true", help="the dark palette (default light)")
    parser.add_argument("--scenario", default="BASE")
    parser.add_argument("--target", help="the target whose drivers and tornado are shown")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from reeplanner.formats.files import read_plan
    from reeplanner.gui.main_window import MainWindow
    from reeplanner.gui.palette import apply_palette
    from reeplanner.gui.settings import PaletteChoice

    app = QApplication.instance() or QApplication([])
    apply_palette(PaletteChoice.DARK if args.dark else PaletteChoice.LIGHT)
    window = MainWindow(restore_settings=False)
    window.document.load(read_plan(EXAMPLE)[0], EXAMPLE)
    window.resize(1600, 1000)
    window.show()
    window.show_plan_view()
    window.document.set_scenario(args.scenario)
    window.docks["risk"].raise_()
    window.resizeDocks([window.docks["risk"]], [420], Qt.Orientation.Vertical)
    dock = window.risk.ensure_built()
    if args.target:
        dock.select_target(args.target)
    deadline = time.monotonic() + 120
    while (dock.runner.running or dock.risk is None) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    saved = window.docks["risk"].grab().save(str(args.out))
    window.finish_risk()
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())

"""Start-up: the ``reeplanner`` launcher's arguments, the QApplication and the main window.

``reeplanner --version`` prints the version. ``reeplanner [FILE]`` opens the
window with FILE (offering changes a crash left to it, when newer than the
file), else offers to recover changes a crash left behind, else reopens the
last plan, else shows the welcome page.
``reeplanner --screenshot OUT.png [--size WxH] [--show NAME] FILE`` lays the
window out with FILE (with chart or view NAME's dock in front), saves a picture
of it and exits; ``reeplanner --export-chart NAME OUT [--scenario ID] [--year Y]
[--size WxH] FILE`` writes one chart or view as .png, .svg or .tsv and exits
(both offscreen when there is no display). Qt is imported only after the
arguments are checked, so ``--help``, ``--version`` and argument errors are
instant; and only after the display is known to answer, so a DISPLAY left over
from an ssh session gets a sentence naming it rather than Qt's abort.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reeplanner.about import VersionAction

DEFAULT_SIZE = (1400, 900)
CHART_SIZE = (800, 500)
CHARTS = ("gap", "sufficiency", "funding", "flow")
#: The larger docks ``--show`` and ``--export-chart`` also take (``gui.views.view_registry``).
VIEWS = ("timeline", "comparison", "explain", "agencies", "coordination")
SHOWABLE = CHARTS + VIEWS
CHART_SUFFIXES = (".png", ".svg", ".tsv")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1400x900") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"{text}: width and height must be between 200 and 10000 pixels")
    return width, height


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="reeplanner", description="REE Planner: scenario planning for the rare-earth supply chain."
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument("file", nargs="?", type=Path, help="a plan (.reeplan) or plan workbook (.xlsx, .ods)")
    parser.add_argument(
        "--screenshot", type=Path, metavar="OUT.png", help="save a picture of the window and exit"
    )
    parser.add_argument(
        "--size", type=_size, default=None, metavar="WxH", help="window size (1400x900; a chart 800x500)"
    )
    parser.add_argument(
        "--show",
        choices=SHOWABLE,
        metavar="NAME",
        help=f"with --screenshot: bring chart or view NAME ({', '.join(SHOWABLE)}) to the front (a view "
        "gets half the window's height)",
    )
    parser.add_argument(
        "--export-chart",
        nargs=2,
        metavar=("NAME", "OUT"),
        help=f"write chart or view NAME ({', '.join(SHOWABLE)}) to OUT (.png, .svg or .tsv) and exit",
    )
    parser.add_argument(
        "--scenario", metavar="ID", help="with --export-chart or --screenshot: the scenario (the base one)"
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="Y",
        help="with --export-chart or --screenshot: the year (2028 in the horizon)",
    )
    parser.add_argument(
        "--benchmark-start", action="store_true", help="exit as soon as the window has painted"
    )
    args = parser.parse_args(argv)
    if args.screenshot and args.file is None:
        parser.error("--screenshot needs a FILE to show")
    if args.export_chart:
        name, out = args.export_chart
        if name not in SHOWABLE:
            parser.error(f"--export-chart: '{name}' is not a chart; choose from {', '.join(SHOWABLE)}")
        if Path(out).suffix.lower() not in CHART_SUFFIXES:
            parser.error(f"--export-chart: {out} must end in .png, .svg or .tsv")
        if args.file is None:
            parser.error("--export-chart needs a FILE to draw")
    elif (args.scenario or args.year is not None) and not args.screenshot:
        parser.error("--scenario and --year go with --export-chart or --screenshot")
    if args.show and not args.screenshot:
        parser.error("--show goes with --screenshot")
    return args


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    )


def _x_display_problem() -> str | None:
    """Why the X display Qt would connect to cannot be reached; None when it can, or Qt will not use X."""
    display = os.environ.get("DISPLAY", "")
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    uses_x = platform.startswith("xcb") or not (platform or os.environ.get("WAYLAND_DISPLAY"))
    if not (sys.platform.startswith("linux") and display and uses_x):
        return None
    from reeplanner.display_check import unreachable_display

    return unreachable_display(display)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    headless = bool(args.screenshot or args.benchmark_start or args.export_chart)
    if not _has_display():
        if not headless:
            print(
                "reeplanner: no display found (DISPLAY and WAYLAND_DISPLAY are not set). Start REE Planner in a "
                "desktop session, or use 'reeplanner --screenshot OUT.png FILE' or reeplanner-cli without one.",
                file=sys.stderr,
            )
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif problem := _x_display_problem():
        if not headless:
            print(
                f"reeplanner: cannot reach the display '{os.environ['DISPLAY']}' that DISPLAY names ({problem}). "
                "Over ssh, connect with 'ssh -X' to forward the display; without one, use "
                "'reeplanner --screenshot OUT.png FILE' or reeplanner-cli.",
                file=sys.stderr,
            )
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no display

    from PySide6.QtWidgets import QApplication

    from reeplanner.gui.icons import app_icon
    from reeplanner.gui.settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName("reeplanner")  # the desktop entry's name: its icon shows in the taskbar
    app.setWindowIcon(app_icon())

    if args.export_chart:
        from reeplanner.gui.charts.chart_export import export_chart

        name, out = args.export_chart
        return export_chart(name, Path(out), args.file, args.scenario, args.year, args.size or CHART_SIZE)
    if args.screenshot:
        shown = (args.show, args.scenario, args.year)
        return _screenshot(args.file, args.screenshot, args.size or DEFAULT_SIZE, *shown)

    from reeplanner.gui.main_window import MainWindow

    if args.benchmark_start:
        return _benchmark_start(app, MainWindow(), args.file)
    window = start_window(args.file)  # referenced while the application runs
    code = app.exec()
    window.deleteLater()
    return code


def start_window(file: Path | None, prompts=None):
    """The window as the launcher shows it: FILE (with changes a crash left to it, if the user wants
    them back); else changes a crash left behind, if wanted; else the last plan; else the welcome
    page. ``prompts`` replaces the dialogs."""
    from reeplanner.gui.main_window import MainWindow

    window = MainWindow(prompts=prompts)
    window.show()
    if file is not None:
        # Absolute from here on: the recent files and the last plan must not depend on the folder started in.
        opened = window.files.load_synchronously(file.resolve(), compute=False)
    else:
        opened = window.files.offer_recovery()
        last = window.settings.last_plan()
        if not opened and last and Path(last).is_file():
            # Copies left for later were just offered: not again for the last plan.
            opened = window.files.load_synchronously(Path(last), compute=False, offer_recovery=False)
    if not opened:
        window.show_welcome()
    return window


def _screenshot(
    file: Path,
    out: Path,
    size: tuple[int, int],
    show: str | None = None,
    scenario: str | None = None,
    year: int | None = None,
) -> int:
    from PySide6.QtWidgets import QApplication

    from reeplanner.formats.files import read_plan
    from reeplanner.gui.main_window import MainWindow
    from reeplanner.model.ids import id_key
    from reeplanner.model.problems import PlanError

    try:
        plan, _warnings = read_plan(file)
    except PlanError as exc:
        print(
            f"reeplanner: cannot open {file}:", *(f"  {p}" for p in exc.problems), sep="\n", file=sys.stderr
        )
        return 1
    known = {id_key(s.id): s.id for s in plan.scenarios}
    if scenario is not None and id_key(scenario) not in known:
        print(
            f"reeplanner: there is no scenario '{scenario}' in {file.name}. Known: {', '.join(known.values())}.",
            file=sys.stderr,
        )
        return 1
    if year is not None and year not in plan.years:
        print(
            f"reeplanner: {year} is outside the plan's horizon ({plan.start_year}-{plan.end_year}).",
            file=sys.stderr,
        )
        return 1
    window = MainWindow(restore_settings=False)
    window.document.load(plan, file if file.suffix.lower() == ".reeplan" else None)
    if scenario is not None:
        window.document.set_scenario(known[id_key(scenario)])
    if year is not None:
        window.document.set_year(year)
    window.resize(*size)
    window.show()
    window.show_plan_view()
    window.charts.build()
    if show:
        window.charts.raise_chart(show)
    if show in VIEWS:  # a view under the canvas: half the window's height, as a user would drag it
        from PySide6.QtCore import Qt

        window.resizeDocks([window.docks[show]], [size[1] // 2], Qt.Orientation.Vertical)
    QApplication.processEvents()
    window.charts.build()  # the charts now on show
    QApplication.processEvents()
    window.document.finish_recompute()  # a large plan computes on a worker: wait for its figures
    QApplication.processEvents()
    window.coordination_count.recount()  # now, not a moment later: the status bar is in the picture
    QApplication.processEvents()
    window.canvas.fit_to_view()
    window.canvas.chain_scene.finish_building()  # a large plan's cards arrive in chunks
    QApplication.processEvents()
    window.charts.redraw_now()
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(str(out))
    window.wait_for_workers()  # the Risk dock's work, the engine's import begun by the first paint
    if not saved:
        print(f"reeplanner: could not write {out}", file=sys.stderr)
        return 1
    return 0


def _benchmark_start(app, window, file: Path | None) -> int:
    """Show the window (with ``file``), print the wall-clock time and the process's CPU time at its
    first paint, then when the charts are painted with the plan's figures, and quit.

    The benchmark compares the wall-clock times with when it started the process.
    """
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.property("seen"):
                self.setProperty("seen", True)
                print(f"first-paint {time.time():.6f} {time.process_time():.6f}", flush=True)
                if file is None:
                    QTimer.singleShot(0, app.quit)
            return False

    def charts_drawn() -> None:
        for chart in window.charts.charts.values():
            if chart.isVisible():
                chart.graphics.viewport().repaint()  # painted now, with the figures
        print(f"charts-drawn {time.time():.6f} {time.process_time():.6f}", flush=True)
        QTimer.singleShot(0, app.quit)

    if file is not None:
        if not file.is_file():  # Open's error dialog would wait for a click that never comes
            print(f"reeplanner: there is no file {file}", file=sys.stderr)
            return 1
        window.files.load_synchronously(file, compute=False, offer_recovery=False)  # no dialog to wait on
        window.show_plan_view()
        window.charts.drawn.connect(charts_drawn)
    watcher = FirstPaint(window)
    window.canvas.viewport().installEventFilter(watcher)
    window.welcome.installEventFilter(watcher)
    window.show()
    app.exec()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

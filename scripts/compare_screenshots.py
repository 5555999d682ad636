"""Compare two screenshots of the window pixel by pixel: how many pixels differ, as a share of all.

Usage: ``.venv/bin/python scripts/compare_screenshots.py EXPECTED.png ACTUAL.png [--max-percent 1]
[--diff DIFF.png]``

Prints ``N of M pixels differ (P%)``; exits 1 when P is over the bound or the
sizes differ. ``--diff`` writes ACTUAL with the differing pixels in magenta.
The smoke check compares the installed app's window with the one from source.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402


def pixels(path: str) -> np.ndarray:
    image = QImage(path)
    if image.isNull():
        raise SystemExit(f"{path} is not an image")
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(
        image.height(), image.bytesPerLine() // 4
    )
    return rows[:, : image.width()].copy()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--max-percent", type=float, default=1.0)
    parser.add_argument("--diff", help="write the actual image with differing pixels in magenta")
    args = parser.parse_args(argv)
    expected, actual = pixels(args.expected), pixels(args.actual)
    if expected.shape != actual.shape:
        print(
            f"the sizes differ: {expected.shape[1]}x{expected.shape[0]} and {actual.shape[1]}x{actual.shape[0]}"
        )
        return 1
    differ = expected != actual
    share = 100.0 * differ.sum() / differ.size
    print(f"{differ.sum():,} of {differ.size:,} pixels differ ({share:.3f}%, bound {args.max_percent:g}%)")
    if args.diff:
        marked = np.where(differ, np.uint32(0xFFFF00FF), actual)
        height, width = marked.shape
        QImage(marked.tobytes(), width, height, 4 * width, QImage.Format.Format_RGB32).save(args.diff)
    return 0 if share <= args.max_percent else 1


if __name__ == "__main__":
    sys.exit(main())

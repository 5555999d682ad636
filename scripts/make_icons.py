"""Render the app icon from resources/icons/reeplanner.svg in the sizes each platform needs.

Usage: ``.venv/bin/python scripts/make_icons.py [OUTPUT_DIR]`` (default ``resources/icons/``).

Writes ``reeplanner-<N>.png`` for N in 16 ... 512 (the window, the About box,
the Linux desktop's hicolor theme), ``reeplanner.ico`` (Windows: 16 to 256,
PNG-compressed entries as Windows Vista and later read them) and
``reeplanner.icns`` (macOS: 16 to 1024, PNG entries). Qt renders the SVG, so
no other library is needed; the ICO and ICNS containers are a few headers
around those PNGs. The output is deterministic: tests/test_icons.py renders
again and checks that the committed files are this script's output. Edit the
SVG, not the PNGs, then run this script.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "reeplanner.svg"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS entry types (PNG payloads) and their pixel sizes; the @2x types hold the Retina renderings.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16@2x
    (b"icp6", 64),
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),  # 128@2x
    (b"ic09", 512),
    (b"ic14", 512),  # 256@2x
    (b"ic10", 1024),  # 512@2x
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon holding the PNGs (ICONDIR, one ICONDIRENTRY each, then the images)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        edge = size % 256  # 0 means 256
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset + len(images))
        images += data
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon family holding the PNGs: 'icns', its length, then (type, length, PNG) entries."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out: Path) -> list[Path]:
    """Write every rendering into ``out``; return the files written."""
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not an SVG Qt can draw")
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(renderer, size) for size in sizes}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        written.append(out / f"reeplanner-{size}.png")
        written[-1].write_bytes(pngs[size])
    written.append(out / "reeplanner.ico")
    written[-1].write_bytes(ico_bytes(pngs))
    written.append(out / "reeplanner.icns")
    written[-1].write_bytes(icns_bytes(pngs))
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else SOURCE.parent
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QImage text and SVG need one
    for path in make_icons(out):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

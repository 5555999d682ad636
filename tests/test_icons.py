"""The app icon's renderings: scripts/make_icons.py makes them from the SVG, in every size each platform needs."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_icons.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_the_committed_icons_are_the_scripts_rendering_of_the_svg(rendered: Path):
    made = sorted(p.name for p in rendered.iterdir())
    assert made == sorted([f"reeplanner-{n}.png" for n in PNG_SIZES] + ["reeplanner.ico", "reeplanner.icns"])
    stale = [name for name in made if (ICONS / name).read_bytes() != (rendered / name).read_bytes()]
    assert stale == [], "run .venv/bin/python scripts/make_icons.py after editing reeplanner.svg"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_png_is_its_size(size: int):
    image = QImage(str(ICONS / f"reeplanner-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def png_size(data: bytes) -> tuple[int, int]:
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    return image.width(), image.height()


def test_the_windows_icon_holds_16_to_256():
    data = (ICONS / "reeplanner.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert png_size(data[offset : offset + length]) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_macos_icon_holds_16_to_1024():
    data = (ICONS / "reeplanner.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    entries, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset : offset + 4].decode(), struct.unpack_from(">I", data, offset + 4)[0]
        entries[kind] = png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert entries == {
        "icp4": 16, "icp5": 32, "ic11": 32, "icp6": 64, "ic12": 64, "ic07": 128,
        "ic08": 256, "ic13": 256, "ic09": 512, "ic14": 512, "ic10": 1024,
    }  # fmt: skip

"""A brief as LibreOffice prints it: convert to PDF, then per page the sheet it belongs to (read from
its page header) and how full it is (the lowest ink between the page's header and footer).

Needs ``soffice`` and poppler's ``pdftoppm`` and ``pdftotext``; tests skip without them.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Dots per inch of the grey pages read for ink.
DPI = 30
#: Where a landscape Letter page's content may be, in inches from the top (inside the header and
#: footer the brief sets).
CONTENT_TOP = 0.6
CONTENT_BOTTOM = 7.9
#: Lighter than this (0-255) is paper.
PAPER = 200


def tools_missing() -> bool:
    return any(shutil.which(tool) is None for tool in ("soffice", "pdftoppm", "pdftotext"))


@dataclass(frozen=True)
class PrintedPage:
    number: int  # 1-based
    sheet: str  # the sheet named in the page header ("" when none matched)
    fill: float  # 0-1: how far down the content area the lowest ink reaches


def to_pdf(workbook: Path, out_dir: Path) -> Path:
    """``workbook`` printed to PDF by LibreOffice (its own profile in ``out_dir``)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out_dir}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out_dir / (workbook.stem + ".pdf")


def printed_pages(pdf: Path, sheets: list[str]) -> list[PrintedPage]:
    """Every page of ``pdf``: which of ``sheets`` its header names, and its fill."""
    prefix = pdf.with_suffix("")
    for old in pdf.parent.glob(f"{prefix.name}-*.pgm"):
        old.unlink()  # pages of an earlier printing
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(prefix)], check=True, timeout=240)
    images = sorted(pdf.parent.glob(f"{prefix.name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    pages = []
    for number, image in enumerate(images, start=1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        header = text.strip().splitlines()[0] if text.strip() else ""
        named = [s for s in sheets if header.rstrip().endswith(s)]
        pages.append(PrintedPage(number, max(named, key=len) if named else "", _fill(_grey(image))))
    return pages


def _grey(path: Path) -> np.ndarray:
    """A binary PGM (P5) as a (rows, columns) array."""
    data = path.read_bytes()
    magic, size, _maximum, pixels = data.split(b"\n", 3)
    assert magic == b"P5", path
    width, height = map(int, size.split())
    return np.frombuffer(pixels, dtype=np.uint8)[: width * height].reshape(height, width)


def _fill(page: np.ndarray) -> float:
    top, bottom = int(CONTENT_TOP * DPI), int(CONTENT_BOTTOM * DPI)
    ink = np.flatnonzero((page[top:bottom] < PAPER).any(axis=1))
    return 0.0 if not len(ink) else float(ink[-1] + 1) / (bottom - top)

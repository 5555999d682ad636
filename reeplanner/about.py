"""What REE Planner says about itself: its version (from the package metadata), licence and the examples' sources.

Qt-free, so that ``reeplanner --version`` and ``reeplanner-cli --version``
answer without loading Qt or the engine, and the About box and both
commands say the same thing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

DISTRIBUTION = "reeplanner"
LICENCE = "MIT"

#: The publications the example plans draw on most; every row names its own source in the plan.
EXAMPLE_SOURCES = (
    "USGS Mineral Commodity Summaries 2025, Rare earths",
    "US Department of Defense releases (IBAS, MCEIP, Office of Strategic Capital), "
    "GAO and the DFARS magnet rule",
    "US Department of Commerce: the Section 232 report on NdFeB magnets, CHIPS Program letters of intent",
    "China's Ministry of Commerce export-control announcements (2025)",
    "Company releases and filings: MP Materials, Energy Fuels, Lynas, USA Rare Earth, Vulcan Elements, "
    "e-VAC, Noveon, Ucore, Phoenix Tailings and others",
    "Market reports: Fastmarkets, Argus, Adamas Intelligence; Chinese customs data as reported",
)

#: The libraries inside the built app and their licences.
THIRD_PARTY = (
    ("Qt and PySide6", "LGPL v3"),
    ("pyqtgraph", "MIT"),
    ("NumPy", "BSD"),
    ("pandas", "BSD"),
    ("openpyxl", "MIT"),
    ("python-calamine", "MIT"),
    ("defusedxml", "PSF"),
    ("pycountry", "LGPL v2.1"),
)


def version() -> str:
    """The installed version, as the package metadata (pyproject.toml when built) gives it."""
    from importlib import metadata  # ~50 ms to import: only when asked, off the start-up path

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def licence_text() -> str:
    """The full licence, as the package metadata carries it; its name alone when the metadata has no copy."""
    from importlib import metadata

    # Run from the source folder, setuptools' egg-info there is found first and holds no copy: look on.
    for dist in metadata.distributions(name=DISTRIBUTION):
        for name in ("licenses/LICENSE", "LICENSE"):
            text = dist.read_text(name)
            if text:
                return text
    return f"{LICENCE} License"


class VersionAction(argparse.Action):
    """``--version``: print ``PROG VERSION`` and exit 0, before any required argument is asked for.

    Unlike argparse's own ``version`` action it reads the metadata only when asked, which keeps it off
    the start-up path.
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        kwargs.setdefault("help", "print the version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace, values, option_string=None) -> None:
        print(f"{parser.prog} {version()}", file=sys.stdout, flush=True)
        parser.exit()

"""The installed package holds every module: a subpackage missing from pyproject's list would be left out of a wheel."""

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "reeplanner").rglob("__init__.py")
    }
    assert found - listed == set()


def desktop_entry() -> dict[str, str]:
    lines = (REPO / "resources" / "desktop" / "reeplanner.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_the_desktop_entry_starts_the_launcher_with_the_file_and_shows_the_app_icon():
    entry = desktop_entry()
    launchers = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert entry["Exec"] == "reeplanner %f" and "reeplanner" in launchers
    assert entry["Icon"] == "reeplanner"  # the .deb installs resources/icons/reeplanner-N.png under that name
    assert (REPO / "resources" / "icons" / "reeplanner-256.png").is_file()


def test_the_mime_type_the_desktop_entry_opens_is_the_one_given_to_reeplan_files():
    import xml.etree.ElementTree as ET

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(REPO / "resources" / "desktop" / "reeplanner-mime.xml").getroot()
    (mime,) = root.findall("m:mime-type", ns)
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.reeplan"]
    assert desktop_entry()["MimeType"] == f"{mime.get('type')};"

"""The launchers before any window: --version, and a DISPLAY that names a display nobody can reach."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reeplanner.display_check import X_TCP_PORT, XAddress, unreachable_display, x_address

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "starter.reeplan"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def run(module: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.parametrize(
    ("module", "prog"), [("reeplanner", "reeplanner"), ("reeplanner.cli", "reeplanner-cli")]
)
def test_version_is_the_packages(module: str, prog: str):
    done = run(module, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{prog} {VERSION}\n"


def test_the_start_benchmark_names_a_file_that_is_not_there_and_exits(tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = run("reeplanner", "--benchmark-start", str(tmp_path / "gone.reeplan"), env=env)
    assert done.returncode == 1
    assert "there is no file" in done.stderr and "gone.reeplan" in done.stderr


def free_display_number() -> int:
    """A display no X server holds: neither its lock file nor its socket exists (X's own convention)."""
    return next(
        n
        for n in range(99, 1000)
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists()
    )


def env_with_display(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = display
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X displays are a Linux matter here")
def test_a_display_nobody_answers_is_named_instead_of_qt_aborting():
    display = f":{free_display_number()}"
    done = run("reeplanner", str(EXAMPLE), env=env_with_display(display))
    assert done.returncode == 2
    assert f"cannot reach the display '{display}' that DISPLAY names" in done.stderr
    assert "ssh -X" in done.stderr
    assert "xcb-cursor0" not in done.stderr  # Qt's misleading abort never came


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X displays are a Linux matter here")
def test_a_screenshot_needs_no_display_even_when_display_names_one_that_is_gone(tmp_path: Path):
    out = tmp_path / "window.png"
    done = run(
        "reeplanner",
        "--screenshot",
        str(out),
        "--size",
        "800x600",
        str(EXAMPLE),
        env=env_with_display(f":{free_display_number()}"),
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("display", "address"),
    [
        (":0", XAddress(path=Path("/tmp/.X11-unix/X0"))),
        (":1.0", XAddress(path=Path("/tmp/.X11-unix/X1"))),
        ("unix:2", XAddress(path=Path("/tmp/.X11-unix/X2"))),
        ("localhost:10.0", XAddress(host="localhost", port=6010)),  # ssh -X
        ("[::1]:3", XAddress(host="::1", port=6003)),
        ("/private/tmp/org.xquartz:0", XAddress(path=Path("/private/tmp/org.xquartz:0"))),
    ],
)
def test_display_names_read_as_xlib_reads_them(display: str, address: XAddress):
    assert x_address(display) == address


def test_a_display_name_that_cannot_be_read_is_left_to_qt():
    assert x_address("not a display") is None
    assert unreachable_display("not a display") is None


def test_a_unix_socket_display_is_reachable_while_a_server_listens(tmp_path: Path):
    assert unreachable_display(":5", socket_dir=tmp_path) == f"no X server answers at {tmp_path / 'X5'}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "X5"))
        server.listen()
        assert unreachable_display(":5", socket_dir=tmp_path) is None


def test_a_tcp_display_is_reachable_while_a_server_listens():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        number = next(n for n in range(150, 400) if _binds(server, X_TCP_PORT + n))
        server.listen()
        assert unreachable_display(f"127.0.0.1:{number}.0") is None
    assert unreachable_display(f"127.0.0.1:{number}.0") == (
        f"no X server answers at 127.0.0.1, TCP port {X_TCP_PORT + number}"
    )


def _binds(server: socket.socket, port: int) -> bool:
    try:
        server.bind(("127.0.0.1", port))
    except OSError:
        return False
    return True

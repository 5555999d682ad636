"""Is the X display that ``DISPLAY`` names there? Asked before Qt starts, which cannot say it clearly.

Over ssh without X forwarding, ``DISPLAY`` is often left set to a display that no
longer exists. Qt's xcb plugin then fails to connect and aborts with "xcb-cursor0
is needed", which sends people installing libraries they already have. One
connect() on the X server's socket, as Xlib and libxcb would make it, answers in
microseconds when the display is local and tells the launcher what to say.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from pathlib import Path

X_SOCKET_DIR = Path("/tmp/.X11-unix")
X_TCP_PORT = 6000
TCP_TIMEOUT_S = 1.0

_DISPLAY = re.compile(r"^(?P<host>.*):(?P<number>\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class XAddress:
    """Where the X server of a display listens: a Unix socket path, or a TCP host and port."""

    path: Path | None = None
    host: str = ""
    port: int = 0

    def __str__(self) -> str:
        return str(self.path) if self.path else f"{self.host}, TCP port {self.port}"


def x_address(display: str, socket_dir: Path = X_SOCKET_DIR) -> XAddress | None:
    """The address a ``DISPLAY`` value names (``:0``, ``unix:1.0``, ``localhost:10.0``); None if unreadable."""
    match = _DISPLAY.match(display.strip())
    if not match:
        return None
    host, number = match["host"], int(match["number"])
    if host.startswith("/"):  # a socket given by its path (XQuartz, some launchers)
        return XAddress(path=Path(f"{host}:{number}"))
    if host in ("", "unix"):
        return XAddress(path=socket_dir / f"X{number}")
    return XAddress(host=host.strip("[]"), port=X_TCP_PORT + number)


def can_connect(address: XAddress) -> bool:
    if address.path is None:
        try:
            socket.create_connection((address.host, address.port), timeout=TCP_TIMEOUT_S).close()
        except OSError:
            return False
        return True
    # Linux X servers also listen on the abstract socket of the same name, which libxcb tries first.
    for name in ("\0" + str(address.path), str(address.path)):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            try:
                sock.connect(name)
            except OSError:
                continue
            return True
    return False


def unreachable_display(display: str, socket_dir: Path = X_SOCKET_DIR) -> str | None:
    """Why the display cannot be reached (a sentence naming where nothing answers), or None when it can.

    A ``DISPLAY`` this check cannot read is left for Qt to try (None).
    """
    address = x_address(display, socket_dir)
    if address is None or can_connect(address):
        return None
    return f"no X server answers at {address}"

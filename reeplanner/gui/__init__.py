"""The desktop app's Qt views over the open plan (the only package, with app.py, that imports Qt)."""

import sys


def _keep_none_alive() -> None:
    """Work around a binding bug of PySide6 6.12 on Python 3.11.

    Every call of a Qt method that returns nothing (``setToolTip``, ``update``,
    ``setPos``...) hands back a reference to ``None`` it never took. From
    Python 3.12 ``None`` is immortal and this is harmless; on 3.11 its count
    falls by one per call and, a few thousand calls after start-up, Python
    aborts with "deallocating None". Giving ``None`` a reference count no
    session can use up is what 3.12 does itself.
    """
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48


_keep_none_alive()

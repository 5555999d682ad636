"""Atomic file replacement: the target is either the old file or the whole new one.

Saving through a symbolic link writes the file the link points to (the link
stays a link), as editors do. A save killed half way leaves a hidden
``.NAME.XXXXXXXX.tmp`` beside the file; the next successful save of the same
file removes such leftovers. Each save holds a lock on its own temporary file
while it writes, so a save under way in another window or process is never
taken for a leftover.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: leftovers are told by their age instead
    fcntl = None  # type: ignore[assignment]

#: Without file locks, a temporary file this old (seconds) is taken for a leftover.
LEFTOVER_AGE_S = 3600


class SaveError(OSError):
    """Writing a file failed; the message says where and why, the old file is intact."""

    @classmethod
    def of(cls, target: str | os.PathLike[str], exc: OSError) -> SaveError:
        """The error for ``target`` that ``exc`` stopped (a full disk, a read-only folder...)."""
        reason = exc.strerror or str(exc)
        return cls(f"Could not save {Path(target).name}: {reason}. The file on disk was not changed.")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    The temporary file sits in the same folder as the file written (the one a
    symbolic link ``target`` points to), so ``os.replace`` is atomic; it is
    flushed to disk before the replace, and is removed on any error, which is
    re-raised as ``SaveError`` naming the file (a full disk, a read-only
    folder...).
    """
    shown = Path(target).name  # messages name the file as the user named it
    target = _written_file(Path(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        tmp, lock = _create_temp_beside(target, folder)
    except OSError as exc:
        raise SaveError(
            f"Could not save {shown}: cannot write in the folder {folder} ({exc.strerror or exc})."
        ) from exc
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
        _sync_folder(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError.of(shown, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if lock is not None:
            os.close(lock)
    remove_leftovers(target)


def _written_file(target: Path) -> Path:
    """The file a save of ``target`` replaces: the end of a chain of symbolic links, else ``target``."""
    if not target.is_symlink():
        return target
    return Path(os.path.realpath(target))


def _temp_name(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.tmp")


def _create_temp_beside(target: Path, folder: Path) -> tuple[Path, int | None]:
    """A new empty file in ``folder`` whose mode the umask sets, as for a plain ``open``, and a
    descriptor holding a lock on it until the save ends.

    (``mkstemp`` would make it 0600, and reading the umask means changing it,
    which races with other threads saving at the same time.)
    """
    for _ in range(100):
        tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        if fcntl is None:  # and Windows cannot replace a file that is open
            os.close(fd)
            return tmp, None
        fcntl.flock(fd, fcntl.LOCK_EX)
        # Another save's clean-up may have taken the new file for a leftover before it was locked.
        with contextlib.suppress(FileNotFoundError):
            if os.stat(tmp).st_ino == os.fstat(fd).st_ino:
                return tmp, fd
        os.close(fd)
    raise FileExistsError(f"no free temporary name beside {target.name}")


def remove_leftovers(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that killed saves of ``target`` left beside it; return them.

    A temporary file is a leftover when no save holds its lock (or, where the
    platform has no file locks, when it is over an hour old). Files that
    cannot be removed are left as they are.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = _temp_name(target)
    removed = []
    try:
        names = [name for name in os.listdir(folder) if pattern.fullmatch(name)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        with contextlib.suppress(OSError):
            if _remove_if_leftover(path):
                removed.append(path)
    return removed


def _remove_if_leftover(path: Path) -> bool:
    if fcntl is None:
        if time.time() - path.stat().st_mtime <= LEFTOVER_AGE_S:
            return False
        path.unlink()
        return True
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a save is writing it
    else:
        path.unlink()  # under the lock: a save that has just made it finds it gone and picks another
        return True
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the replaced file, where the platform allows it (not Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``target`` with ``data``, atomically; raises ``SaveError`` naming the file."""
    with atomic_path(target) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()

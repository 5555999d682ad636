"""Atomic file replacement: the target is either the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


class SaveError(OSError):
    """Writing a file failed; the message says where and why, the old file is intact."""


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    The temporary file sits in the same folder (so ``os.replace`` is atomic),
    is flushed to disk before the replace, and is removed on any error, which
    is re-raised as ``SaveError`` naming the file (a full disk, a read-only
    folder...).
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        tmp = _create_temp_beside(target, folder)
    except OSError as exc:
        raise SaveError(
            f"Could not save {target.name}: cannot write in the folder {folder} ({exc.strerror or exc})."
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
        reason = exc.strerror or str(exc)
        raise SaveError(f"Could not save {target.name}: {reason}. The file on disk was not changed.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _create_temp_beside(target: Path, folder: Path) -> Path:
    """A new empty file in ``folder`` whose mode the umask sets, as for a plain ``open``.

    (``mkstemp`` would make it 0600, and reading the umask means changing it,
    which races with other threads saving at the same time.)
    """
    for _ in range(100):
        tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {target.name}")


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

"""Quiet Rust panics: the workbook reader (calamine, in Rust) may give up on a damaged file.

pyo3 turns the panic into a ``PanicException``, which ``files.read_plan``
turns into the one sentence naming the file; but Rust's panic hook first
writes ``thread '<unnamed>' panicked at ...`` (and a backtrace when
``RUST_BACKTRACE`` is set) straight to the process's standard error. While
the reader runs, standard error goes to a temporary file: after a panic its
text is dropped, otherwise it is written out as it came.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def rust_panics_silenced() -> Iterator[None]:
    """Hold back what is written to standard error (file descriptor 2) while the block runs."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no standard error to hold back
        yield
        return
    panicked = False
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        except BaseException as exc:
            panicked = type(exc).__name__ == "PanicException"
            raise
        finally:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            if not panicked:
                held.seek(0)
                text = held.read()
                if text:
                    os.write(2, text)


__all__ = ["rust_panics_silenced"]

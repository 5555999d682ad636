"""IDs are text compared ignoring case and surrounding spaces."""

from __future__ import annotations


def id_key(value: str | None) -> str:
    """The form under which two IDs count as the same ID."""
    return (value or "").strip().casefold()


def split_ids(text: str | None) -> tuple[str, ...]:
    """Comma- or semicolon-separated IDs, stripped, empties dropped."""
    if not text:
        return ()
    parts = text.replace(";", ",").split(",")
    return tuple(p.strip() for p in parts if p.strip())

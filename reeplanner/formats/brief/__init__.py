"""The leadership brief: an .xlsx made for reading, one module per sheet or concern."""

from reeplanner.formats.brief.writer import write_brief

__all__ = ["write_brief"]

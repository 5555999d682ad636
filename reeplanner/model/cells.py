"""Turning what a user typed into a column's typed value, leniently.

The workbook reader, the GUI's cell editors and paste all go through
``parse_cell`` so a value is accepted or refused with the same sentence
everywhere. Accepted: numbers written as text (``1,200``, `` 45 ``),
percentages (``20%`` reads as 0.2), dates as dates, ``YYYY-MM-DD`` or
``YYYY-MM`` text or a bare year (January), yes/no for flags, enum words in
any case.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from reeplanner.model.countries import country_code, unknown_country_message
from reeplanner.model.enums import OverrideKind, Status, parse_choice
from reeplanner.model.ids import split_ids
from reeplanner.model.records import OverrideValue
from reeplanner.model.schema import Column, Kind

_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
_DATE_RE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A value that does not fit its column; the message is for the user."""


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_number(raw: object, header: str = "Value") -> float:
    """A float from a number or text like ``1,200``, `` 45 ``, ``20%`` (0.2)."""
    if isinstance(raw, bool):
        raise CellError(f"{header} must be a number; it is '{raw}'.")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an int too large for a float
            raise CellError(f"{header} must be a finite number; it is too large.") from None
    else:
        text = str(raw).strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
        percent = text.endswith("%")
        try:
            value = float(text.rstrip("%"))
        except ValueError:
            raise CellError(f"{header} must be a number; '{str(raw).strip()}' is not one.") from None
        if percent:
            value /= 100
    if not math.isfinite(value):
        raise CellError(f"{header} must be a finite number; it is '{raw}'.")
    return value


def parse_int(raw: object, header: str = "Value") -> int:
    value = parse_number(raw, header)
    if value != int(value):
        raise CellError(f"{header} must be a whole number; it is {value:g}.")
    return int(value)


def parse_date(raw: object, header: str = "Date") -> dt.date:
    """A date from a date, ``YYYY-MM-DD``/``YYYY-MM`` text, a bare year or an Excel serial.

    Text may end in a midnight time (``2027-03-01 00:00:00``), as some tools
    write dates; any other time of day is refused rather than dropped.
    """
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1900 <= raw <= 2200 and raw == int(raw):
            return dt.date(int(raw), 1, 1)
        if 20000 <= raw <= 120000:
            return EXCEL_EPOCH + dt.timedelta(days=int(raw))
        raise CellError(f"{header} must be a date (YYYY-MM-DD, YYYY-MM or a year); it is {raw:g}.")
    text = str(raw).strip()
    match = _DATE_RE.match(text)
    if match:
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise CellError(f"{header} must be a date (YYYY-MM-DD, YYYY-MM or a year); '{text}' is not one.")


def parse_bool(raw: object, header: str = "Value") -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if isinstance(raw, (int, float)):
        text = "1" if raw == 1 else "0" if raw == 0 else text
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{header} must be yes or no; it is '{str(raw).strip()}'.")


def parse_cell(column: Column, raw: object) -> object:
    """The typed value of ``raw`` for ``column``; blank gives ``None`` or ``""``.

    Raises ``CellError`` with a sentence naming the column. Bounds and
    references are checked by validation, not here, so a half-typed plan can
    still be held and shown.
    """
    header, kind = column.header, column.kind
    # The common cells first: files and editors mostly hand over clean text and numbers.
    if (
        raw.__class__ is str
        and (kind is Kind.TEXT or kind is Kind.REF or kind is Kind.ID)
        and (text := raw.strip())
    ):
        return text
    if raw.__class__ is float and (kind is Kind.NUMBER or kind is Kind.SHARE) and math.isfinite(raw):  # type: ignore[arg-type]
        return raw
    if is_blank(raw):
        if kind in (Kind.TEXT, Kind.ID, Kind.REF, Kind.COUNTRY):
            return ""
        if kind is Kind.REFS:
            return ()
        return None
    if kind in (Kind.TEXT, Kind.ID, Kind.REF):
        if isinstance(raw, float) and raw == int(raw):
            raw = int(raw)  # an ID typed as 12 reads back as 12.0 from some files
        return str(raw).strip()
    if kind is Kind.REFS:
        return split_ids(str(raw))
    if kind is Kind.NUMBER or kind is Kind.SHARE:
        return parse_number(raw, header)
    if kind is Kind.INT or kind is Kind.YEAR:
        return parse_int(raw, header)
    if kind is Kind.DATE:
        return parse_date(raw, header)
    if kind is Kind.BOOL:
        return parse_bool(raw, header)
    if kind is Kind.CHOICE:
        assert column.choices is not None
        member = parse_choice(column.choices, str(raw))
        if member is None:
            allowed = ", ".join(m.value for m in column.choices)
            raise CellError(f"{header} must be one of: {allowed}; it is '{str(raw).strip()}'.")
        return member
    if kind is Kind.OVERRIDE_VALUE:
        return raw  # needs the row's Kind: see parse_override_value
    if kind is Kind.COUNTRY:
        return parse_country(raw, header)
    if kind is Kind.COUNTRIES:
        return parse_countries(raw, header)
    raise AssertionError(kind)


def parse_country(raw: object, header: str = "Country") -> str:
    """An ISO 3166 alpha-2 code from a code, an alpha-3 code, an English name or an alias."""
    code = country_code(str(raw))
    if code is None:
        raise CellError(unknown_country_message(header, str(raw)))
    return code


def parse_countries(raw: object, header: str = "Countries") -> tuple[str, ...]:
    """Comma- or semicolon-separated countries as codes, in the order given; ``none`` is no country."""
    text = str(raw).strip()
    if text.casefold() in ("none", "-"):
        return ()
    codes: list[str] = []
    for part in split_ids(text):
        code = parse_country(part, header)
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def parse_override_value(kind: OverrideKind | None, raw: object) -> OverrideValue:
    """An override's Value by its Kind: months, a factor, yes, or a status."""
    if is_blank(raw):
        return None
    if kind is OverrideKind.CANCEL:
        if not parse_bool(raw, "Value"):
            raise CellError("A cancel override's Value is 'yes'; to keep the facility, delete the override.")
        return True
    if kind is OverrideKind.STATUS:
        member = parse_choice(Status, str(raw))
        if member is None:
            raise CellError(f"A status override's Value is a status ({', '.join(Status)}); it is '{raw}'.")
        return member  # type: ignore[return-value]
    return parse_number(raw, "Value")


def format_cell(column: Column, value: object) -> str:
    """A value as text for editing and copy, the exact inverse of ``parse_cell``."""
    if value is None:
        return ""
    if column.kind is Kind.COUNTRIES and value == ():
        return "none"  # blank would read back as the default list
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # Shortest text that reads back as the same float: an edit or a copy loses nothing.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)

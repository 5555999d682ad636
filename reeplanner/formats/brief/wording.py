"""How the brief writes figures in sentences: tonnes, money, shares, lists, names of targets."""

from __future__ import annotations

import math
import re

from reeplanner.model import Metric


def tonnes(value: float) -> str:
    return f"{value:,.0f} t"


def percent(fraction: float) -> str:
    """``35%``; a dash-free word for an undefined share (no demand)."""
    return "undefined (no demand)" if math.isnan(fraction) else f"{fraction:.0%}"


def money(amount: float, currency: str) -> str:
    """``USD 3,996.8 million`` in the default currency, else ``3,996.8 EUR million``."""
    if currency.strip().upper() == "USD MILLION":
        return f"USD {amount:,.1f} million"
    return f"{amount:,.1f} {currency}"


def amount(value: float) -> str:
    """A sum in a list after the first, where the currency is already said: ``1,627.0``."""
    return f"{value:,.1f}"


def join(items: list[str], word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 scenario``, ``12 scenarios``."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def short_description(text: str) -> str:
    """A target's description without its bracketed sources and estimates:
    ``Domestic magnets cover defence demand by 2027 (Source: ...)`` -> ``Domestic magnets cover
    defence demand by 2027``."""
    short = re.sub(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)", "", text).strip()
    return short or text.strip()


def threshold_phrase(metric: Metric, threshold: float) -> str:
    """``1,160 t/yr`` or ``25%``."""
    return f"{threshold:,.0f}%" if metric is Metric.SELF_SUFFICIENCY else f"{threshold:,.0f} t/yr"


def shortfall_phrase(metric: Metric, shortfall: float) -> str:
    if metric is Metric.SELF_SUFFICIENCY:
        return f"{shortfall:,.1f} percentage points"
    return f"{shortfall:,.0f} t/yr"


def years_text(first: int, last: int) -> str:
    """``2027`` or ``2026-2027``."""
    return str(first) if first == last else f"{first}–{last}"

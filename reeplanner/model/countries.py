"""Countries as ISO 3166-1 alpha-2 codes, from the codes, names and aliases planners type.

``country_code("U.S.")`` is ``"US"``, ``country_code("China")`` is ``"CN"``:
every country cell is normalised when it is read, so a covered-country list
and a facility's Country compare as codes. The ISO table comes from
pycountry (a well-kept copy of the ISO 3166 database, with alpha-3 codes,
official and common names); the aliases below are the usual short forms it
does not know. A text that names no country is ``None``, and the caller
reports it: a typo must never make covered capacity count as allied.
"""

from __future__ import annotations

import functools
import re

#: Short forms in common use that the ISO names do not cover (compared as ``_normal``).
ALIASES: dict[str, str] = {
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "burma": "MM",
    "russia": "RU",
    "south korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "iran": "IR",
    "turkey": "TR",
    "vietnam": "VN",
    "laos": "LA",
    "taiwan": "TW",
    "czechia": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "congo-kinshasa": "CD",
    "uae": "AE",
    "prc": "CN",
    "people's republic of china": "CN",
    "mainland china": "CN",
}

_DOTS_AND_SPACES = re.compile(r"[.\s]+")


def _normal(text: str) -> str:
    """Case, dots and runs of spaces ignored: ``U.S.A.`` and `` usa `` are alike."""
    return _DOTS_AND_SPACES.sub(" ", text.replace(".", "")).strip().casefold()


@functools.lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The alpha-2 code of ``text`` (a code, an alpha-3 code, an English name or an alias), or None."""
    key = _normal(text)
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    import pycountry  # its database loads on first use: not at start-up

    try:
        return pycountry.countries.lookup(key).alpha_2
    except LookupError:
        pass
    if key.startswith("the "):
        return country_code(key[4:])
    return None


def country_name(code: str) -> str:
    """The English name of a code, for messages and pickers (the code itself when unknown)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.strip().upper()) if code.strip() else None
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


@functools.cache
def all_countries() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166 country as (code, English name), by name: what a country picker lists."""
    import pycountry

    found = [(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    return tuple(sorted(found, key=lambda pair: pair[1].casefold()))


def unknown_country_message(header: str, text: str) -> str:
    return (
        f"{header} '{text.strip()}' is not a country REE Planner recognises; "
        "write an ISO 3166 code (CN, US, JP) or an English name (China, United States, Japan)."
    )

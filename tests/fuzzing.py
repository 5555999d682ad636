"""Damaged and hostile plan files, made by mutating good ones, and the check every one must pass.

A mutation is a list of operations, each a plain tuple (so a failing case can
be written down as an ``@example``): byte flips, truncation, zip entries
dropped, duplicated, renamed or with a corrupt stream, XML damaged inside a
part, huge and odd numbers, odd cell references and repeats, deep nesting and
odd Unicode. ``operations(kind)`` draws them with hypothesis (the suite's fuzz
test); ``random_operations(rng, kind)`` draws the same vocabulary from a
``random.Random`` (the on-demand campaign, ``scripts/fuzz_campaign.py``).

``check_file(path)`` reads the file with every reader the app has (by its
extension), computes what the window shows for it, and runs ``summary --json``
on it in-process. It passes when the file is refused with ``PlanError`` (for
a reason that is about the file, not a bug behind the message), or read as a
plan that, when invalid, gets no figures in the window and exit 1 with no
output from ``summary``, and when valid, figures in the window and exit 0
with only finite figures.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import random
import re
import shutil
import struct
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from reeplanner.cli import main as cli_main
from reeplanner.cli import problems_of
from reeplanner.formats.files import read_plan, write_plan
from reeplanner.gui.document import compute_figures
from reeplanner.model import Link, PlanError
from reeplanner.model.records import PriceFloor, PriceRow

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("xlsx", "xlsm", "ods", "reeplan")

#: Exceptions behind a refusal that mean a reader has a bug, not that the file is bad.
BUG_TYPES = (TypeError, AttributeError, KeyError, IndexError, NameError, AssertionError, UnboundLocalError)

# --- what the mutations put into files ---------------------------------------------------------------

#: Stands for 100,000 characters in a mutation (so a failing case prints short): see ``_expand``.
LONG_TEXT = "<100,000 x>"
NUMBERS = ("1e308", "-1e308", "1e400", "NaN", "inf", "-inf", "99999999999999999999999999", "-0", "0x10",
           "1,0e5", "", " ", "1e-320", "-5000", "5", "1E+15", "١٢٣", "12%", "1 200,5")  # fmt: skip
REFS = ("A99999999", "a1", "AAAA1", "XFD1048576", "A0", "ZZZ1", "A1048577", "1A", "&#65;1", "B", "XFE1",
        "A01", "IV65536", "A4294967297")  # fmt: skip
TEXT = ("\u202e", "\ufeff", "\x00", "\ud800", "𝔐agnet", "e\u0301", LONG_TEXT, "稀土", "\u0085", "\x1b[31m",
        "=cmd|' /C calc'!A0", "&amp;", "<b>")  # fmt: skip
XML = ("<!DOCTYPE x [<!ENTITY a 'b'>]>", "<", "</row>", '<c r="A1">', "]]>", "&undefined;", "<?xml?>",
       '<c r="A99999999"><v>1</v></c>', '<row r="0">', "<c/>" * 2000, '<table:table-cell table:number-columns-repeated="16384" office:value-type="float"/>',
       '<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>',
       '<text:s text:c="100000000"/>', 'office:value-type="float" ', "<table:table>",
       '<c r="A2" t="s"><v>999999</v></c>', '<c r="B2" t="e"><v>#N/A</v></c>', "<f>1+1</f>")  # fmt: skip
NAMES = ("xl/worksheets/sheet1.xml", "mimetype", "content.xml", "[Content_Types].xml", "稀土.xml",
         "../../evil.xml", "xl/sharedStrings.xml", "RAW:\xff\xfe.xml", "xl/workbook.xml", "")  # fmt: skip
JSON_VALUES = (1e308, -1e308, float("inf"), float("nan"), -5000, 5, 0, -0.0, 10**30, "", LONG_TEXT,
               "\u202e\ufeff", None, True, [], {}, [1, [2]], {"a": {"b": 1}}, "2027-13", "BASE", "1e400")  # fmt: skip

#: name -> what each parameter is: a fraction of the file or of a list, or a pick from values.
VOCABULARY: dict[str, dict[str, tuple]] = {
    "zip": {
        "flip": ("fraction", ("pick", (1, 2, 0x80, 0xFF))),
        "truncate": ("fraction",),
        "drop_entry": ("fraction",),
        "duplicate_entry": ("fraction",),
        "rename_entry": ("fraction", ("pick", NAMES)),
        "corrupt_stream": ("fraction", "fraction"),
        "stored_size": ("fraction", ("pick", (0, 1, 0xFFFFFFFF))),
        "xml_insert": ("fraction", "fraction", ("pick", XML + TEXT)),
        "xml_number": ("fraction", "fraction", ("pick", NUMBERS)),
        "xml_ref": ("fraction", "fraction", ("pick", REFS)),
        "xml_repeat": ("fraction", "fraction", ("pick", ("0", "2", "1000", "1048576", "99999999999"))),
        "xml_cut": ("fraction", "fraction"),
    },
    "reeplan": {
        "flip": ("fraction", ("pick", (1, 2, 0x80, 0xFF))),
        "truncate": ("fraction",),
        "raw_insert": (
            "fraction",
            ("pick", ("\ufeff", "\xff\xfe", "[" * 5000, "1e400", "NaN", ",", '"', "\\u0000")),
        ),
        "json_value": ("fraction", ("pick", JSON_VALUES)),
        "json_drop_key": ("fraction",),
        "json_duplicate_row": ("fraction",),
        "json_deep": ("fraction", ("pick", (50, 900, 5000))),
        "json_unknown_key": ("fraction", ("pick", ("x", "\u202e", "capacity ", "ID"))),
    },
}


def family(kind: str) -> str:
    return "reeplan" if kind == "reeplan" else "zip"


def operations(kind: str, max_size: int = 4) -> st.SearchStrategy[list[tuple]]:
    """Hypothesis: a list of 1 to ``max_size`` operations for a file of ``kind``."""
    ops = []
    for name, params in VOCABULARY[family(kind)].items():
        parts = [st.just(name)] + [_param_strategy(p) for p in params]
        ops.append(st.tuples(*parts))
    return st.lists(st.one_of(ops), min_size=1, max_size=max_size)


def _param_strategy(param) -> st.SearchStrategy:
    if param == "fraction":
        return st.floats(0, 1, exclude_max=True)
    return st.sampled_from(param[1])


def random_operations(rng: random.Random, kind: str, max_size: int = 4) -> list[tuple]:
    """The same vocabulary drawn from ``rng``."""
    vocabulary = VOCABULARY[family(kind)]
    ops = []
    for _ in range(rng.randint(1, max_size)):
        name = rng.choice(list(vocabulary))
        ops.append((name, *(rng.random() if p == "fraction" else rng.choice(p[1]) for p in vocabulary[name])))
    return ops


# --- the seed files -------------------------------------------------------------------------------------


def seed_plan():
    """The US plan of the brief's tests, with a link, prices and a price floor: every table has rows."""
    from tests.brief_plans import us_plan

    plan = us_plan()
    plan.links = [Link(plan.facilities[0].id, plan.facilities[1].id, "NdPr", 100.0, 2026)]
    plan.prices = [
        PriceRow("NdPr", values={y: 60.0 + y - plan.start_year for y in plan.years}),
        PriceRow("Dy", "SURGE", values={2026: 400.0}),
    ]
    plan.price_floors = [PriceFloor("PF-1", plan.facilities[1].id, "NdPr", 110.0, 2026, 2030, "DOD-IBP")]
    return plan


def make_seeds(folder: Path) -> dict[str, Path]:
    """One good file per kind in ``folder``: the plan workbook as REE Planner writes it, the same
    saved by openpyxl (shared strings, styles) as ``.xlsm``, LibreOffice's ``.ods`` (kept in
    ``tests/data``, made from the same plan), and the ``.reeplan``."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = seed_plan()
    seeds = {"xlsx": folder / "seed.xlsx", "reeplan": folder / "seed.reeplan", "xlsm": folder / "seed.xlsm"}
    write_plan(plan, seeds["xlsx"])
    write_plan(plan, seeds["reeplan"])
    import openpyxl

    book = openpyxl.load_workbook(seeds["xlsx"])
    book.save(seeds["xlsm"])  # openpyxl writes shared strings where REE Planner writes inline text
    seeds["ods"] = folder / "seed.ods"
    shutil.copyfile(DATA / "fuzz-seed.ods", seeds["ods"])
    return seeds


# --- applying a mutation ----------------------------------------------------------------------------------


def mutate(data: bytes, kind: str, ops: list[tuple]) -> bytes:
    """``data`` after each operation; one that cannot apply to what earlier ones left (a zip
    operation on bytes no longer a zip) leaves the data as it was."""
    for op in ops:
        name, *params = op
        try:
            data = _APPLY[name](data, *params)
        except (struct.error, ValueError, IndexError, KeyError, zipfile.BadZipFile, OSError, EOFError):
            continue
    return data


def _at(fraction: float, size: int) -> int:
    return min(int(fraction * size), max(size - 1, 0))


def _flip(data: bytes, where: float, mask: int) -> bytes:
    if not data:
        return data
    i = _at(where, len(data))
    return data[:i] + bytes([data[i] ^ mask]) + data[i + 1 :]


def _truncate(data: bytes, where: float) -> bytes:
    return data[: _at(where, len(data))]


def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info, archive.read(info)) for info in archive.infolist()]
    except Exception:  # already damaged by an earlier operation: later zip operations do nothing
        return None


def _zip(entries: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated entry is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, content in entries:
                archive.writestr(info, content)
    return out.getvalue()


def _on_entries(change: Callable[[list], list]) -> Callable[..., bytes]:
    def apply(data: bytes, *params) -> bytes:
        entries = _entries(data)
        if not entries:
            return data
        return _zip(change(entries, *params))

    return apply


def _drop(entries, where):
    del entries[_at(where, len(entries))]
    return entries


def _duplicate(entries, where):
    return [*entries, entries[_at(where, len(entries))]]


def _rename(entries, where, name):
    info, content = entries[_at(where, len(entries))]
    renamed = zipfile.ZipInfo(name.removeprefix("RAW:") or "x", info.date_time)
    entries[_at(where, len(entries))] = (renamed, content)
    return entries


def _rename_entry(data: bytes, where: float, name: str) -> bytes:
    data = _on_entries(_rename)(data, where, name)
    if name.startswith("RAW:"):  # an entry name that is not UTF-8, though flagged as UTF-8
        latin = name.removeprefix("RAW:").encode("utf-8")
        raw = name.removeprefix("RAW:").encode("latin-1")
        data = _raw_names(data.replace(latin, raw.ljust(len(latin), b"_")))
    return data


def _raw_names(data: bytes) -> bytes:
    """Set the UTF-8 flag on every central directory entry."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while 0 <= at <= len(out) - 10:
        flags = struct.unpack_from("<H", out, at + 8)[0] | 0x800
        struct.pack_into("<H", out, at + 8, flags)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def _corrupt_stream(data: bytes, which: float, where: float) -> bytes:
    """Flip bytes inside the stored (compressed) data of one entry, its headers left as they are."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception:
        return data
    if not infos:
        return data
    info = infos[_at(which, len(infos))]
    head = info.header_offset
    if not 0 <= head <= len(data) - 30 or not info.compress_size:
        return data
    name_len, extra_len = struct.unpack_from("<HH", data, head + 26)
    start = head + 30 + name_len + extra_len
    i = start + _at(where, info.compress_size)
    return data[:i] + bytes(b ^ 0x5A for b in data[i : i + 8]) + data[i + 8 :]


def _stored_size(data: bytes, which: float, size: int) -> bytes:
    """Write a false uncompressed size into one central directory entry."""
    out = bytearray(data)
    starts = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    if not starts:
        return data
    at = starts[_at(which, len(starts))]
    if at + 28 <= len(out):
        struct.pack_into("<I", out, at + 24, size)
    return bytes(out)


def _xml_part(entries, which: float) -> int | None:
    parts = [i for i, (info, _) in enumerate(entries) if info.filename.endswith((".xml", ".rels"))]
    return parts[_at(which, len(parts))] if parts else None


def _on_xml(edit: Callable[[bytes, float, str], bytes]) -> Callable[..., bytes]:
    def change(entries, which, where, payload="") -> list:
        i = _xml_part(entries, which)
        if i is not None:
            info, content = entries[i]
            entries[i] = (info, edit(content, where, payload))
        return entries

    return _on_entries(change)


def _expand(payload):
    return "x" * 100_000 if payload == LONG_TEXT else payload


def _insert(content: bytes, where: float, payload: str) -> bytes:
    at = content.find(b"<", _at(where, len(content)))
    at = len(content) if at < 0 else at
    return content[:at] + _expand(payload).encode("utf-8", "surrogatepass") + content[at:]


def _replace_match(pattern: bytes) -> Callable[[bytes, float, str], bytes]:
    def edit(content: bytes, where: float, payload: str) -> bytes:
        found = list(re.finditer(pattern, content))
        if not found:
            return content
        match = found[_at(where, len(found))]
        return content[: match.start(1)] + payload.encode("utf-8", "surrogatepass") + content[match.end(1) :]

    return edit


def _cut(content: bytes, where: float, length: str) -> bytes:
    start = _at(where, len(content))
    return content[:start] + content[start + max(len(content) // 10, 1) :]


def _json(edit: Callable[[object, float, object], object]) -> Callable[..., bytes]:
    def apply(data: bytes, where: float, payload=None) -> bytes:
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except Exception:
            return data
        doc = edit(doc, where, payload)
        return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")

    return apply


def _containers(doc) -> list:
    """Every dict and list of ``doc``, outermost first."""
    found, todo = [], [doc]
    while todo:
        node = todo.pop()
        if isinstance(node, (dict, list)):
            found.append(node)
            todo.extend(node.values() if isinstance(node, dict) else node)
    return found


def _set_value(doc, where, payload):
    slots = [(c, k) for c in _containers(doc) for k in (c.keys() if isinstance(c, dict) else range(len(c)))]
    if slots:
        container, key = slots[_at(where, len(slots))]
        container[key] = _expand(payload)
    return doc


def _drop_key(doc, where, _payload):
    dicts = [c for c in _containers(doc) if isinstance(c, dict) and c]
    if dicts:
        d = dicts[_at(where, len(dicts))]
        del d[sorted(d)[_at(where * 7 % 1, len(d))]]
    return doc


def _duplicate_row(doc, where, _payload):
    tables = [v for v in doc.values() if isinstance(v, list) and v] if isinstance(doc, dict) else []
    if tables:
        rows = tables[_at(where, len(tables))]
        rows.append(rows[_at(where * 13 % 1, len(rows))])
    return doc


_DEEP = "\x00deep\x00"


def _deep(data: bytes, where: float, depth: int) -> bytes:
    """A value nested ``depth`` lists deep (written as text: ``json`` itself could not write it)."""
    marked = _json(_set_value)(data, where, _DEEP)
    nested = "[" * depth + "1" + "]" * depth
    return marked.replace(json.dumps(_DEEP).encode(), nested.encode())


def _unknown_key(doc, where, key):
    dicts = [c for c in _containers(doc) if isinstance(c, dict)]
    if dicts:
        dicts[_at(where, len(dicts))][key] = 1
    return doc


def _raw_insert(data: bytes, where: float, text: str) -> bytes:
    at = _at(where, len(data))
    payload = text.encode("latin-1") if text == "\xff\xfe" else text.encode("utf-8")
    return data[:at] + payload + data[at:]


_APPLY: dict[str, Callable[..., bytes]] = {
    "flip": _flip,
    "truncate": _truncate,
    "drop_entry": _on_entries(_drop),
    "duplicate_entry": _on_entries(_duplicate),
    "rename_entry": _rename_entry,
    "corrupt_stream": _corrupt_stream,
    "stored_size": _stored_size,
    "xml_insert": _on_xml(_insert),
    "xml_number": _on_xml(_replace_match(rb"(?:<v>|office:value=\")([^<\"]*)")),
    "xml_ref": _on_xml(_replace_match(rb"\br=\"([^\"]*)\"")),
    "xml_repeat": _on_xml(_replace_match(rb"number-(?:columns|rows)-repeated=\"([0-9]*)\"")),
    "xml_cut": _on_xml(_cut),
    "raw_insert": _raw_insert,
    "json_value": _json(_set_value),
    "json_drop_key": _json(_drop_key),
    "json_duplicate_row": _json(_duplicate_row),
    "json_deep": _deep,
    "json_unknown_key": _json(_unknown_key),
}


# --- the check -----------------------------------------------------------------------------------------------


class FuzzFailure(AssertionError):
    """A file broke a promise: what happened, in a sentence."""


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(list(argv))
    return code, out.getvalue(), err.getvalue()


def check_file(path: Path) -> str:
    """``"refused"`` or ``"plan"``; ``FuzzFailure`` (or the exception itself) when a promise breaks.

    Nothing may reach the process's standard error on the way (a Rust panic's
    report, a C library's complaint): the CLI's own lines go through
    ``sys.stderr``, which ``run_cli`` captures.
    """
    with tempfile.TemporaryFile() as noise:
        saved = os.dup(2)
        os.dup2(noise.fileno(), 2)
        try:
            outcome = _check(path)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        noise.seek(0)
        written = noise.read()
    if written:
        raise FuzzFailure(f"standard error got {written[:300]!r}")
    return outcome


def _check(path: Path) -> str:
    try:
        plan, warnings = read_plan(path)
    except PlanError as exc:
        cause = exc.__cause__
        if isinstance(cause, BUG_TYPES):
            raise FuzzFailure(f"refused, but a reader bug is behind the message: {cause!r}") from cause
        if not exc.errors:
            raise FuzzFailure("refused without an error") from exc
        if all(p.row is None and p.table == path.name for p in exc.errors) and path.name not in str(exc):
            raise FuzzFailure(f"the message does not name the file: {exc}") from exc
        return "refused"
    has_errors = any(p.is_error for p in problems_of(str(path), plan, warnings))
    figures = compute_figures(plan)  # what the window shows once it has opened the file
    if (figures.results is not None) == has_errors:
        raise FuzzFailure(
            f"the window {'made' if has_errors else 'has no'} figures for a plan with"
            f"{'' if has_errors else 'out'} errors"
        )
    code, out, err = run_cli("summary", str(path), "--json")
    if has_errors:
        if (code, out) != (1, ""):
            raise FuzzFailure(f"an invalid plan gave exit {code} and output {out[:200]!r}")
        return "plan"
    if code != 0:
        raise FuzzFailure(f"a valid plan gave exit {code}: {err[:300]}")
    _check_figures(json.loads(out))
    return "plan"


def _check_figures(doc: dict) -> None:
    """Every figure that exists is a finite number."""
    for scenario in doc["scenarios"]:
        numbers = [scenario["funding_total"]]
        for year in scenario["years"]:
            numbers += [
                year["magnet_demand"],
                year["domestic_magnet_output"],
                year["magnet_output_with_imports"],
            ]
            if year["magnet_demand"]:
                numbers.append(year["self_sufficiency"])
        bad = [n for n in numbers if not isinstance(n, (int, float)) or not math.isfinite(n)]
        if bad:
            raise FuzzFailure(f"scenario {scenario['id']} shows {bad[:3]} for figures that exist")


__all__ = ["KINDS", "FuzzFailure", "check_file", "make_seeds", "mutate", "operations", "random_operations"]

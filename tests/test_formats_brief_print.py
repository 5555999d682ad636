"""The US example's brief as LibreOffice prints it: four pages before the annex, no page left nearly
empty (but a section's last), the chart data never printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reeplanner.formats.brief import write_brief
from reeplanner.formats.brief.writer import ANNEX, CHART_DATA, PAGES, SHEETS
from reeplanner.formats.files import read_plan
from tests.pdf_pages import printed_pages, to_pdf, tools_missing

pytestmark = pytest.mark.skipif(tools_missing(), reason="LibreOffice or poppler is not installed")

EXAMPLE = Path(__file__).parent.parent / "examples" / "us-mine-to-magnet.reeplan"
#: A page less full than this is nearly empty (unless it ends its section).
NEARLY_EMPTY = 0.25


@pytest.fixture(scope="module")
def us_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    plan, _ = read_plan(EXAMPLE)
    brief = folder / "us.xlsx"
    write_brief(plan, brief, today=dt.date(2026, 11, 24))
    return printed_pages(to_pdf(brief, folder), list(SHEETS))


def test_four_pages_come_before_the_annex(us_pages):
    sheets = [page.sheet for page in us_pages]
    assert sheets[:4] == list(PAGES)  # one printed page each
    assert all(sheet in ANNEX for sheet in sheets[4:])
    assert CHART_DATA not in sheets and "" not in sheets


def test_no_page_is_nearly_empty_but_the_last_of_its_section(us_pages):
    for page, following in zip(us_pages, [*us_pages[1:], None], strict=True):
        last_of_section = following is None or following.sheet != page.sheet
        if not last_of_section:
            assert page.fill >= NEARLY_EMPTY, f"page {page.number} ({page.sheet}) is {page.fill:.0%} full"
    assert all(page.fill >= NEARLY_EMPTY for page in us_pages[:4])


def test_the_summary_prints_four_pages(tmp_path):
    plan, _ = read_plan(EXAMPLE)
    brief = tmp_path / "summary.xlsx"
    write_brief(plan, brief, pages="summary")
    pages = printed_pages(to_pdf(brief, tmp_path), list(SHEETS))
    assert [page.sheet for page in pages] == list(PAGES)

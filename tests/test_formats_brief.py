"""The leadership brief: what a reader finds on each sheet of the workbook it writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from reeplanner.formats.atomic import SaveError
from reeplanner.formats.brief import styles, write_brief
from reeplanner.formats.brief.sheet_writer import display_width
from reeplanner.formats.brief.writer import SHEETS
from reeplanner.formats.files import read_plan
from reeplanner.model import PlanError
from tests.brief_plans import hand_plan, us_plan
from tests.builders import funding, scenario

TODAY = dt.date(2026, 11, 24)
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def hand_brief(tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "hand.xlsx"
    write_brief(hand_plan(), path, today=TODAY)
    return path


@pytest.fixture(scope="module")
def us_brief(tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "us.xlsx"
    write_brief(us_plan(), path, today=TODAY)
    return path


def texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def row_of(ws, label: str) -> list:
    for row in ws.iter_rows(values_only=True):
        if row[0] == label:
            return list(row)
    raise AssertionError(f"no row '{label}' on {ws.title}")


def test_the_brief_has_its_sheets_in_reading_order(hand_brief):
    assert openpyxl.load_workbook(hand_brief).sheetnames == list(SHEETS)


def test_findings_state_the_hand_computed_figures(hand_brief):
    summary = openpyxl.load_workbook(hand_brief)["Summary"]
    findings = [t for t in texts(summary) if t.startswith("•")]
    # Separation covers 300 / 418.7 of its requirement until SEP-2 adds 200 t in 2029;
    # the mine's 1,000 t less the 300 / 0.92 = 326.1 t separation takes leaves 673.9 t stranded.
    assert findings[0] == (
        "•  Separation is the bottleneck from 2025 to 2028; 674 t/yr of domestic Mining output (NdPr) "
        "is stranded in 2025, with no domestic stage to take it."
    )
    # Magnets: 0.85 x 0.97 x 252 / 0.29 = 716.5 t of 1,000 t.
    assert findings[1] == (
        "•  Domestic magnet output covers 72% of demand in 2027 (716 of 1,000 t/yr) "
        "and 72% of demand in 2028 (716 of 1,000 t/yr)."
    )
    # 80 % wanted in 2028, 71.6 % reached: 8 points short; 119 % from 2029.
    assert findings[2] == (
        "•  1 of 2 targets met on time: 'Self-sufficiency 80%' (2028) is missed by 8 percentage points "
        "(met only in 2029) and 'Magnets 700 t/yr' (2027) is met in 2025."
    )
    # Public: DoD IBP 100 + DOE 50; the 30 of private money is not public funding.
    assert findings[3] == (
        "•  Public funding totals USD 150.0 million from 2 agencies; the largest is "
        "Office of Industrial Base Policy with USD 100.0 million (67%)."
    )
    assert 3 <= len(findings) <= 5


def test_summary_headline_figures_per_scenario(hand_brief):
    summary = openpyxl.load_workbook(hand_brief)["Summary"]
    assert row_of(summary, "Magnet self-sufficiency, 2028")[1] == pytest.approx(716.46 / 1000, abs=1e-4)
    assert row_of(summary, "Domestic magnet output, 2027 (t/yr)")[1] == pytest.approx(716.46, abs=0.01)
    assert row_of(summary, "Bottleneck stage, 2028")[1] == "Separation"
    assert row_of(summary, "Targets met on time")[1] == "1 of 2"
    assert row_of(summary, "Public funding (USD million)")[1] == 150.0
    assert row_of(summary, "Self-sufficiency 80% (2028, ≥ 80%)")[1] == "missed (met 2029)"
    assert row_of(summary, "Magnets 700 t/yr (2027, ≥ 700 t/yr)")[1] == "met (2025)"
    assert row_of(summary, "Office of Industrial Base Policy (DOD-IBP)")[1] == 100.0


def test_the_first_scenario_asked_for_leads_and_others_follow_in_order(tmp_path):
    plan = hand_plan()
    plan.scenarios = [scenario("BASE", name="Base case"), scenario("LATE", "BASE", name="Late")]
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, scenario_ids=[" late", "BASE"], today=TODAY)
    summary = openpyxl.load_workbook(path)["Summary"]
    assert row_of(summary, "Figure") == ["Figure", "Late", "Base case", None, None, None, None]
    assert "Findings (Late)" in texts(summary)


def test_an_unknown_scenario_is_named_in_the_error(tmp_path):
    with pytest.raises(PlanError) as error:
        write_brief(hand_plan(), tmp_path / "brief.xlsx", scenario_ids=["NOPE"])
    assert "The plan has no scenario 'NOPE'. Its scenarios: BASE." in str(error.value)
    assert not (tmp_path / "brief.xlsx").exists()


def test_a_brief_into_a_missing_folder_says_where(tmp_path):
    with pytest.raises(SaveError, match="Could not save brief.xlsx: cannot write in the folder"):
        write_brief(hand_plan(), tmp_path / "missing" / "brief.xlsx")


def test_gaps_show_requirement_minus_output_with_a_red_green_scale(hand_brief):
    gaps = openpyxl.load_workbook(hand_brief)["Gaps"]
    header = row_of(gaps, "Stage")
    separation = row_of(gaps, "Separation")
    # 2025: requirement 1,000 / 0.85 x 0.29 / 0.97 / 0.84 = 418.7, output 300.
    assert separation[header.index(2025)] == pytest.approx(418.72 - 300, abs=0.01)
    # 2029: SEP-2 brings output to 500, a surplus.
    assert separation[header.index(2029)] == pytest.approx(418.72 - 500, abs=0.01)
    rules = [rule for cf in gaps.conditional_formatting for rule in cf.rules]
    colours = [c.rgb for c in rules[0].colorScale.color]
    assert colours == ["0063BE7B", "00FFFFFF", "00F8696B"]


def test_timeline_shades_each_phase_in_its_years(tmp_path):
    from tests.builders import facility

    plan = hand_plan()
    plan.facilities.append(
        facility(
            "NEW",
            "MAGNET",
            500,
            status="planned",
            permitting_start=dt.date(2025, 1, 1),
            permitting_months=12,
            construction_months=12,
            ramp_up_years=1,
        )
    )
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    timeline = openpyxl.load_workbook(path)["Timeline"]
    header = row_of(timeline, "Facility")
    new = row_of(timeline, "NEW")
    assert [new[header.index(y)] for y in range(2025, 2031)] == ["P", "C", "R", "O", "O", "O"]
    sep2 = row_of(timeline, "SEP-2")
    assert [sep2[header.index(y)] for y in range(2027, 2031)] == [None, None, "O", "O"]
    target = row_of(timeline, "T-SS")
    assert target[header.index(2028)] == "T" and target[header.index(2029)] == "met"
    legend = [entry for entry in row_of(timeline, "Legend")[1:] if entry]
    assert legend == ["P  Permitting", "C  Construction", "R  Ramp-up", "O  Operating", "T  Target"]


def test_timeline_of_later_scenarios_lists_only_the_facilities_that_change(us_brief):
    timeline = openpyxl.load_workbook(us_brief)["Timeline"]
    first_column = [row[0] for row in timeline.iter_rows(values_only=True)]
    assert "10X delayed two years (DELAY): changes from Base case" in first_column
    # The operating mine is the same in every scenario: shown once, in Base case.
    assert first_column.count("MP-MINE") == 1
    # The 10X plant's delay shows it again under DELAY.
    assert first_column.count("MP-10X") >= 2
    # Every scenario still marks its targets.
    assert first_column.count("T-MAG-2028") == 3


def test_funding_pivots_by_instrument_and_agency_and_by_year(hand_brief):
    funding = openpyxl.load_workbook(hand_brief)["Funding"]
    header = row_of(funding, "By instrument and agency")
    assert header[1:5] == ["DOD-IBP", "DOE", "PRIVATE", "Total"]
    # DPA3 money came from DoD IBP only: the DOE and private cells stay empty, not 0.0.
    assert row_of(funding, "Defense Production Act Title III award (DPA3)")[1:5] == [100.0, None, None, 100.0]
    totals = [row for row in funding.iter_rows(values_only=True) if row[0] == "Total"]
    assert totals[0][1:5] == (100.0, 50.0, 30.0, 180.0)
    assert totals[1][1:4] == (100.0, 80.0, 180.0)  # 2026 and 2027
    assert row_of(funding, "Office of Industrial Base Policy (DOD-IBP)")[1:4] == [100.0, None, 100.0]


def pivot_bodies(ws) -> list[list]:
    """The body rows of every pivot on the Funding sheet (between its header row and its Total row)."""
    bodies, body = [], None
    for row in ws.iter_rows():
        first = row[0]
        if first.style == styles.HEADER and str(first.value).startswith("By "):
            body = []
        elif body is not None and first.value == "Total":
            bodies.append(body)
            body = None
        elif body is not None:
            body.append(row)
    return bodies


@pytest.mark.parametrize("brief", ["hand_brief", "us_brief"])
def test_funding_pivots_leave_no_zero_in_their_body(brief, request):
    funding = openpyxl.load_workbook(request.getfixturevalue(brief))["Funding"]
    bodies = pivot_bodies(funding)
    assert len(bodies) == 2  # by instrument and agency, by agency and year
    for body in bodies:
        figures = [c.value for row in body for c in row[1:] if isinstance(c.value, int | float)]
        assert figures and 0 not in figures
    # A total that comes to nothing stays a number, shown as a dash.
    totals = [row for row in funding.iter_rows() if row[0].value == "Total"]
    assert all(
        c.number_format == styles.MONEY_OR_DASH for row in totals for c in row[1:] if c.value is not None
    )


def test_funding_of_another_scenario_lists_only_the_lines_that_differ(tmp_path):
    plan = us_plan()
    plan.funding.append(funding("F-SURGE", 250, "MP-SEP", "DOE", "LPO", 2027, scenarios=("SURGE",)))
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    sheet = openpyxl.load_workbook(path)["Funding"]
    lines = texts(sheet)
    assert "The same funding lines in: 10X delayed two years (DELAY)." in lines
    assert "Funding surge (SURGE): lines that differ from Base case" in lines
    header = row_of(sheet, "Funding line")
    assert header[:7] == [
        "Funding line",
        "Agency",
        "Instrument",
        "Facility",
        "Year",
        "Base case",
        "Funding surge",
    ]
    assert row_of(sheet, "F-SURGE")[:7] == ["F-SURGE", "DOE", "LPO", "MP-SEP", 2027, None, 250.0]
    totals = row_of(sheet, "All funding lines")
    assert totals[6] - totals[5] == pytest.approx(250.0)


def test_sources_list_every_source_once_with_what_it_supports(hand_brief):
    sources = openpyxl.load_workbook(hand_brief)["Sources"]
    assert row_of(sources, "#")[:3] == ["#", "Source", "Supports"]
    rows = {row[1]: row for row in sources.iter_rows(min_row=4, values_only=True) if row[1]}
    assert set(rows) == {
        "USGS MCS 2025",
        "Company 10-K",
        "DoD News, 2024",
        "DOE LPO press release",
        "Industry estimate",
    }
    # The same source written in another case is one source, supporting both facilities.
    assert rows["USGS MCS 2025"][2] == "Facilities: MINE-1, MET-1"
    assert rows["DoD News, 2024"][2] == "Funding: F1"
    assert rows["Industry estimate"][2] == "Demand: EV"


def test_a_source_cell_splits_into_its_linked_citations_each_listed_once(tmp_path):
    plan = hand_plan()
    usgs = "USGS MCS 2025 (https://pubs.usgs.gov/mcs2025.pdf; data release doi:10.5066/X)"
    press = "Press, 2024: 1,000 t/yr; start 2025 (https://a.example/1)"
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], source=f"{press}; {usgs}")
    plan.facilities[1] = dataclasses.replace(plan.facilities[1], source=f"{usgs}; company estimate")
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    sources = openpyxl.load_workbook(path)["Sources"]
    rows = [row for row in sources.iter_rows(min_row=4, values_only=True) if row[1]]
    listed = [row[1] for row in rows]
    assert listed.count(usgs) == 1
    assert press in listed  # a claim before a link stays with that link's citation
    assert "company estimate" in listed
    assert rows[listed.index(usgs)][2] == "Facilities: MINE-1, SEP-1"


def test_every_source_of_the_example_is_listed_exactly_once(tmp_path):
    plan, _ = read_plan(EXAMPLES / "us-mine-to-magnet.reeplan")
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    sources = openpyxl.load_workbook(path)["Sources"]
    listed = [row[1] for row in sources.iter_rows(min_row=4, values_only=True) if row[1]]
    assert len(listed) == len({" ".join(text.split()).casefold() for text in listed})
    cells = [
        r.source for r in [*plan.facilities, *plan.funding, *plan.supply, *plan.demand] if r.source.strip()
    ]
    assert len(cells) > len(listed) > 20
    for cell in cells:  # every citation of every Source cell is on the sheet, whole
        text = " ".join(cell.split())
        found = [citation for citation in listed if citation in text]
        found = [c for c in found if not any(c != other and c in other for other in found)]
        assert found, cell
        assert "; ".join(sorted(found, key=text.index)) == text, cell


def test_coordination_lists_the_engines_findings(hand_brief):
    coordination = openpyxl.load_workbook(hand_brief)["Coordination"]
    header = row_of(coordination, "Finding")
    found = [row for row in coordination.iter_rows(values_only=True) if row[0] and "no owner" in row[0]]
    assert header[-1] == "Scenarios"
    assert {row[1] for row in found} >= {"T-MAG", "T-SS"}


def chart_references(path) -> list[tuple[str, str]]:
    """(kind, reference) of every series in every chart: ``val``/``cat``, ``'Chart data'!$B$5:$B$9``."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/charts/chart"):
                xml = archive.read(name).decode()
                for kind in ("val", "cat"):
                    for block in re.findall(rf"<(?:c:)?{kind}>(.*?)</(?:c:)?{kind}>", xml, re.S):
                        found += [(kind, ref) for ref in re.findall(r"<(?:c:)?f>(.*?)</(?:c:)?f>", block)]
    return found


@pytest.mark.parametrize("brief", ["hand_brief", "us_brief"])
def test_every_chart_draws_non_empty_numbers(brief, request):
    path = request.getfixturevalue(brief)
    workbook = openpyxl.load_workbook(path)
    references = chart_references(path)
    assert sum(kind == "val" for kind, _ in references) >= 3 + 2  # gap (2 series), self-sufficiency, funding
    for kind, reference in references:
        sheet, cells = reference.rsplit("!", 1)
        ws = workbook[sheet.strip("'")]
        min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
        values = [c.value for row in ws.iter_rows(min_row, max_row, min_col, max_col) for c in row]
        assert values and all(v is not None for v in values), reference
        if kind == "val":
            assert all(isinstance(v, int | float) for v in values), reference


def test_no_formula_is_written_from_user_text(tmp_path):
    plan = hand_plan()
    plan.name = '=HYPERLINK("http://evil","x") & Co'
    plan.facilities[0] = plan.facilities[0].__class__(
        **{**{f: getattr(plan.facilities[0], f) for f in plan.facilities[0].__slots__}, "name": "=1+1"}
    )
    plan.funding[0] = plan.funding[0].__class__(
        **{
            **{f: getattr(plan.funding[0], f) for f in plan.funding[0].__slots__},
            "source": "=cmd|' /C calc'!A0",
        }
    )
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)
    workbook = openpyxl.load_workbook(path)
    assert "=cmd|' /C calc'!A0" in texts(workbook["Sources"])
    assert workbook["Summary"]["A1"].value == f"Leadership brief: {plan.name}"
    # In a page header '&' starts a code; the plan's own '&' is doubled to print as itself.
    assert workbook["Summary"].oddHeader.left.text.endswith("&& Co")


@pytest.mark.parametrize("brief", ["hand_brief", "us_brief"])
def test_every_sheet_prints_landscape_one_page_wide_with_no_hash_columns(brief, request):
    workbook = openpyxl.load_workbook(request.getfixturevalue(brief))
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$1:$2" or ws.print_title_rows == "$1:$3"
        assert ws.oddHeader.left.text and ws.oddFooter.right.text == "Page &P of &N"
        assert ws.sheet_view.showGridLines is False
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and cell.coordinate not in ws.merged_cells:
                    width = ws.column_dimensions[get_column_letter(cell.column)].width
                    assert display_width(cell) <= width, f"{ws.title}!{cell.coordinate} shows ####"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_brief_opens_in_libreoffice_and_prints(us_brief, tmp_path):
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(us_brief),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "us.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= len(SHEETS)


def test_schedule_risk_gives_each_target_its_odds_and_p80_year(hand_brief):
    sheet = openpyxl.load_workbook(hand_brief)["Schedule risk"]
    header = row_of(sheet, "Target")
    t_mag, t_ss = row_of(sheet, "T-MAG"), row_of(sheet, "T-SS")

    assert header == ["Target", "Goal", "P(met)", "P80 year", "Driver", "Project", "Stage", "Gain in P(met)"]
    # Every facility operating: no draw differs. 716.5 t/yr of magnets meets 700 in 2027 (and from 2025);
    # 71.6% self-sufficiency misses 80% in 2028, met from 2029 with SEP-2.
    assert t_mag[1:6] == ["domestic output Magnet >= 700 t/yr by 2027", 1, 2025, "none", "met in every draw"]
    assert t_ss[2:6] == [0, 2029, "none", "no single project on time changes it"]
    assert row_of(sheet, 2028)[:3] == [2028, pytest.approx(716.5, abs=0.1), pytest.approx(716.5, abs=0.1)]
    assert row_of(sheet, "planned")[1:5] == [0.25, 0, 12, 36]  # engine.md's defaults, stated
    assert "10,000 draws of project schedules (seed 0)" in texts(sheet)[1]


def test_schedule_risk_lists_the_drivers_of_each_target(tmp_path):
    from reeplanner.engine.risk import schedule_risk

    plan = read_plan(EXAMPLES / "us-mine-to-magnet.reeplan")[0]
    risk = schedule_risk(plan, ["PERMIT"], draws=2_000)
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, ["PERMIT"], today=TODAY, risk=risk)
    sheet = openpyxl.load_workbook(path)["Schedule risk"]
    rows = list(sheet.iter_rows(values_only=True))
    first = rows.index(tuple(row_of(sheet, "T-HRE-2028")))
    listed = [rows[first]] + [row for row in rows[first + 1 :] if row[0] in ("", None) and row[4]]
    expected = risk.scenarios["PERMIT"].target("T-HRE-2028").top_drivers(5)

    names = {f.id: f.name for f in plan.facilities}
    assert [(row[4], row[5]) for row in listed[: len(expected)]] == [(f, names[f]) for f, _ in expected]
    assert [row[7] for row in listed[: len(expected)]] == [
        pytest.approx(100 * g, abs=0.01) for _, g in expected
    ]
    assert listed[0][2] == pytest.approx(risk.scenarios["PERMIT"].target("T-HRE-2028").p_met)
    assert listed[0][6] == "Separation"


def test_the_brief_shows_the_schedule_risk_it_is_given(tmp_path):
    from reeplanner.engine.risk import schedule_risk

    plan = hand_plan()
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY, risk=schedule_risk(plan, draws=123, seed=9))
    sheet = openpyxl.load_workbook(path)["Schedule risk"]
    assert "123 draws of project schedules (seed 9)" in texts(sheet)[1]


def test_public_funding_leaves_out_a_public_agencys_private_instrument(tmp_path):
    """engine.md: a line is private when its agency *or* its instrument is PRIVATE."""
    plan = hand_plan()
    plan.funding.append(funding("F4", 40, "MAG-1", agency="DOE", instrument="PRIVATE", year=2027))
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    summary = openpyxl.load_workbook(path)["Summary"]
    assert row_of(summary, "Public funding (USD million)")[1] == 150.0
    assert row_of(summary, "Department of Energy (DOE)")[1] == 50.0

"""The leadership brief: what a reader finds on each page of the workbook it writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reeplanner.engine import compute_all
from reeplanner.engine.money import money_breakdown
from reeplanner.formats.atomic import SaveError
from reeplanner.formats.brief import write_brief
from reeplanner.formats.brief.writer import ANNEX, CHART_DATA, PAGES, SHEETS
from reeplanner.model import PlanError
from tests.brief_plans import ban_plan, hand_plan
from tests.builders import facility, funding, scenario

TODAY = dt.date(2026, 11, 24)
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def ban_brief(tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "ban.xlsx"
    write_brief(ban_plan(), path, today=TODAY)
    return path


def texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def row_of(ws, label: str) -> list:
    for row in ws.iter_rows(values_only=True):
        if row[0] == label:
            return list(row)
    raise AssertionError(f"no row '{label}' on {ws.title}")


def bullets(ws) -> list[str]:
    return [t for t in texts(ws) if t.startswith("•")]


def decisions(ws) -> list[str]:
    return [t for t in texts(ws) if t.startswith("▸")]


def test_the_brief_has_four_pages_then_its_annex_and_hides_the_chart_data(ban_brief):
    workbook = openpyxl.load_workbook(ban_brief)
    assert workbook.sheetnames == list(SHEETS)
    assert workbook[CHART_DATA].sheet_state == "hidden"
    assert all(workbook[name].sheet_state == "visible" for name in (*PAGES, *ANNEX))
    assert workbook.active.title == PAGES[0]


def test_page_one_bullets_follow_from_the_hand_computed_figures(ban_brief):
    """ban_plan: magnets 716.5 t of 1,000 (Separation 300 of 418.7 t NdPr); 400 t of Chinese magnets
    cover the rest until BAN cuts them; from 2029 SEP-2 brings 1,194 t. Public money 170, DoD's two
    offices 120."""
    page = openpyxl.load_workbook(ban_brief)[PAGES[0]]
    assert bullets(page) == [
        # 2026 is the As of year: 1,000 - 716.5 = 283.5 t unmet in BAN until SEP-2 arrives in 2029.
        "•  What users here can get. Users here can get every magnet they need from 2026 in 1 of 2 "
        "scenarios: Ban leaves 284 t of 1,000 t demand unmet in 2026, none from 2029.",
        # 2028, the last target year: 300 / 418.7 = 72%; 716.5 / 1,000 = 72%; Metal's 600 t covers its 351.7.
        "•  Where the chain breaks. Separation (NdPr) is the binding constraint from 2025 to 2028: in 2028 "
        "domestic capacity there covers 72% of the NdPr it needs (300 t of 419 t) and domestic plants make "
        "716 t of magnets, 72% of demand; every other stage's capacity covers its requirement in 2028.",
        # Only T-MAG is official: 716.5 >= 700 from 2025, every facility operating (P(met) 100%).
        "•  Targets. 'Magnets 700 t/yr' (700 t/yr by 2027) is met in Base case from 2025 and in both "
        "scenarios, P(met) 100% under schedule risk. 1 illustrative target (not policy) is on page 2.",
        # DoD IBP 100 + DLA 20; DOE 50; committed 100 + 50; DLA's 20 announced; 30 private.
        "•  Money. Public money totals USD 170.0 million in Base case: Department of Defense (2 offices) "
        "120.0 and Department of Energy 50.0; 150.0 of it is committed and 20.0 announced (conditional "
        "loans, letters of intent). Private money (USD 30.0 million) is not counted as public.",
    ]


def test_page_one_decisions_come_from_coordination_findings_and_gaps(ban_brief):
    """2028 gaps: Separation 418.7 - 300 = 119 t, Metal 351.7 - 252 = 100 t, Alloy 1,176.5 - 842.9 = 334 t,
    Magnet 1,000 - 716.5 = 284 t; no stage has an owner; SEP-1 has DoD IBP and DLA money and no lead; Metal
    runs at 252 / 600 = 42% for lack of feed."""
    page = openpyxl.load_workbook(ban_brief)[PAGES[0]]
    assert decisions(page) == [
        "▸  Close the Separation shortfall (119 t of NdPr in 2028): it binds domestic magnet output from 2025 "
        "to 2028; no agency owns the stage.",
        "▸  Name an owner for Metal, Alloy and Magnet: no agency owns them, and in 2028 Metal falls short by "
        "100 t of NdPr, Alloy by 334 t and Magnet by 284 t.",
        "▸  Secure domestic feed for 1 publicly funded plant that runs below half its capacity from 2025 "
        "(USD 50.0 million of public money): 1 metal plant waiting on Separation (Met-1).",
        "▸  Name a lead agency for Hand separation (DOD-IBP, DLA): several agencies fund it, none leads.",
        "▸  Give an owner agency to T-MAG and 1 illustrative target: no agency answers for them.",
    ]


def test_page_one_carries_the_plan_fields_and_the_classification_on_every_page(ban_brief):
    workbook = openpyxl.load_workbook(ban_brief)
    page = workbook[PAGES[0]]
    assert (
        "As of 31 January 2026  ·  Prepared by Office of Strategic Planning  ·  Point of contact: J. Analyst, "
        "555-0100  ·  Classification: UNCLASSIFIED//FOUO"
    ) in texts(page)
    for ws in workbook.worksheets:
        assert ws.oddHeader.center.text == ws.oddFooter.center.text == "UNCLASSIFIED//FOUO"


def test_illustrative_targets_are_marked_and_kept_off_page_one(ban_brief):
    workbook = openpyxl.load_workbook(ban_brief)
    page_one = " ".join(texts(workbook[PAGES[0]]))
    assert "T-SS" not in page_one and "Self-sufficiency 80%" not in page_one
    numbers = workbook[PAGES[1]]
    t_ss = row_of(numbers, "T-SS: Self-sufficiency 80%")
    # 80% wanted in 2028, 71.6% reached: 8.4 points short, met from 2029.
    assert t_ss[1:8] == [
        "illustrative",
        2028,
        "80%",
        pytest.approx(0.71646, abs=1e-4),
        "missed",
        2029,
        pytest.approx(8.354, abs=1e-3),
    ]
    assert row_of(numbers, "T-MAG: Magnets 700 t/yr")[1] == "policy"


def test_the_scenario_table_shows_changes_from_the_base_and_names_identical_scenarios(tmp_path):
    plan = ban_plan()
    plan.scenarios.append(scenario("SAME", "BASE", name="Same"))
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    numbers = openpyxl.load_workbook(path)[PAGES[1]]
    header = row_of(numbers, "Figure")
    assert header[:3] == ["Figure", "Base case = Same", "Ban"]
    unmet = [row for row in numbers.iter_rows(values_only=True) if row[0] == "Unmet demand (t/yr)"]
    # Years that matter: 2027, 2028 (the targets) and 2030 (the last year); BAN's change from the base.
    assert [row[1:3] for row in unmet] == [(0, 284.0), (0, 284.0), (0, 0)]
    output = [row for row in numbers.iter_rows(values_only=True) if row[0] == "Domestic magnet output (t/yr)"]
    assert output[0][1] == pytest.approx(716.46, abs=0.01) and output[0][2] == 0
    assert numbers.cell(header_row(numbers), 3).value == "Ban"
    assert any(
        "Identical in every figure of this page, every year: Base case = Same." in t for t in texts(numbers)
    )


def header_row(ws) -> int:
    return next(c.row for c in ws["A"] if c.value == "Figure")


def test_every_scenario_is_counted(tmp_path):
    """Seven scenarios, one of them cutting imports: page 1 counts all seven, page 2 shows all seven."""
    plan = ban_plan()
    for i in range(5):
        plan.scenarios.append(scenario(f"S{i}", "BASE", name=f"Variant {i}"))
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    workbook = openpyxl.load_workbook(path)
    assert "in 6 of 7 scenarios" in bullets(workbook[PAGES[0]])[0]
    header = row_of(workbook[PAGES[1]], "Figure")
    assert header[1] == "Base case = Variant 0 = Variant 1 = Variant 2 = Variant 3 = Variant 4"
    assert header[2] == "Ban"


def test_the_money_page_rolls_departments_up_and_keeps_private_money_apart(ban_brief):
    money = openpyxl.load_workbook(ban_brief)[PAGES[2]]
    # Committed, announced, proposed, total.
    assert row_of(money, "Department of Defense")[1:5] == [100.0, 20.0, 0.0, 120.0]
    assert row_of(money, "    Office of Industrial Base Policy (DOD-IBP)")[1:5] == [100.0, 0.0, 0.0, 100.0]
    assert row_of(money, "    Defense Logistics Agency (DLA)")[1:5] == [0.0, 20.0, 0.0, 20.0]
    assert row_of(money, "Public money")[1:5] == [150.0, 20.0, 0.0, 170.0]
    assert row_of(money, "Grants")[4] == 100.0
    assert row_of(money, "Loan guarantees (face value)")[4] == 50.0
    assert row_of(money, "Stockpile purchases")[4] == 20.0
    private = next(
        row for row in money.iter_rows(values_only=True) if row[6] == "Banks, companies, investors"
    )
    assert private[7] == 30.0
    chart_data = openpyxl.load_workbook(ban_brief)[CHART_DATA]
    assert "Private sector" not in texts(chart_data)


def test_the_example_brief_agrees_with_the_engine(us_example):
    """Page 1 of the US example: every figure is the engine's."""
    plan, path = us_example
    workbook = openpyxl.load_workbook(path)
    result = compute_all(plan)
    base, ban_mag, ban_dytb = (result.scenarios[s] for s in ("BASE", "BAN-MAG", "BAN-DYTB"))
    page_one = bullets(workbook[PAGES[0]])
    # The magnet cut leaves users short (unmet demand, from the As of year on) ...
    assert (
        f"{ban_mag.magnet.unmet_demand.loc[2026:].max():,.0f} t of {ban_mag.magnet.at[2026, 'magnet_demand']:,.0f} t"
        in page_one[0]
    )
    # ... the Dy/Tb cut does not, but cuts what imports bring.
    cut = base.magnet.magnet_output_with_imports - ban_dytb.magnet.magnet_output_with_imports
    year = int(cut.loc[2026:].idxmax())
    assert (
        f"China Dy/Tb export cut leaves no one short but cuts the magnets available with imports in {year} from "
        f"{base.magnet.at[year, 'magnet_output_with_imports']:,.0f} t to "
        f"{ban_dytb.magnet.at[year, 'magnet_output_with_imports']:,.0f} t"
    ) in page_one[0]
    assert page_one[1].startswith(
        f"•  Where the chain breaks. Mining ({base.magnet.at[2030, 'bottleneck_material']})"
    )
    m = money_breakdown(base)
    dod = m.by_department.set_index("department").loc["Department of Defense"]
    assert dod.total == pytest.approx(
        sum(
            line.amount
            for line in plan.funding
            if line.agency in ("DOD", "DOD-IBP", "DOD-OSC", "DLA") and not line.scenarios
        )
    )
    assert (
        f"USD {base.funding_public_total:,.1f} million in Base case: Department of Defense (3 offices) {dod.total:,.1f}"
        in page_one[3]
    )
    at_plan, _, half = base.arrays.floor_exposure.stress_totals()
    assert f"USD {at_plan:,.1f} million over 2025–2035 ({half:,.1f} if prices fall by half)" in page_one[3]
    assert f"Private money (USD {base.funding_total - base.funding_public_total:,.1f} million)" in page_one[3]


def test_no_figure_on_page_one_of_the_example_is_made_up(us_example):
    """Every number on page 1 is a year of the horizon, a count, or a figure the engine gives."""
    plan, path = us_example
    page = openpyxl.load_workbook(path)[PAGES[0]]
    words = " ".join(t for t in texts(page) if t.startswith(("•", "▸")))
    known = engine_numbers(plan)
    for number in re.findall(r"\d[\d,]*(?:\.\d+)?", words):
        assert number.replace(",", "") in known, number


def engine_numbers(plan) -> set[str]:
    """Every figure the engine gives for the example, written as the brief writes numbers."""
    from reeplanner.engine.constraints import ranked_constraints
    from reeplanner.engine.risk import schedule_risk

    found: set[str] = {str(n) for n in range(0, 100)} | {
        str(y) for y in range(plan.start_year, plan.end_year + 1)
    }
    result = compute_all(plan)
    for sr in result.scenarios.values():
        for value in sr.magnet.select_dtypes("number").to_numpy().ravel():
            found |= {f"{value:.0f}", f"{100 * value:.0f}"}
        for value in sr.flows[["capacity", "requirement", "gap", "output"]].to_numpy().ravel():
            found.add(f"{value:.0f}")
        for year in sr.years:
            for value in ranked_constraints(sr, year)[["capacity_share"]].to_numpy().ravel():
                found.add(f"{100 * value:.0f}")
        for t in sr.targets.itertuples():
            found |= {f"{t.threshold:.0f}", f"{t.shortfall:.0f}"}
        m = money_breakdown(sr)
        for table in (m.by_department, m.by_agency, m.by_facility):
            found |= {
                f"{v:.1f}" for v in table[["committed", "announced", "proposed", "total"]].to_numpy().ravel()
            }
        found |= {
            f"{v:.1f}" for v in (*m.status_totals().values(), *m.at_risk_totals().values(), m.private_total)
        }
        found |= {f"{v:.1f}" for v in m.floor_stress_totals()}
        starved = sr.coordination[sr.coordination["kind"] == "starved-of-feed"]["subject"]
        found.add(f"{m.public_on(starved):.1f}")
    risk = schedule_risk(plan, ["BASE"], draws=10_000)
    found |= {f"{100 * t.p_met:.0f}" for t in risk.scenarios["BASE"].targets}
    return found


@pytest.fixture(scope="module")
def us_example(tmp_path_factory):
    from reeplanner.formats.files import read_plan

    plan, _ = read_plan(EXAMPLES / "us-mine-to-magnet.reeplan")
    path = tmp_path_factory.mktemp("brief") / "us.xlsx"
    write_brief(plan, path, today=TODAY)
    return plan, path


def test_page_four_lists_the_risk_register_and_the_sensitivity_from_the_engine(us_example):
    from reeplanner.engine.risk import schedule_risk
    from reeplanner.engine.risk_register import risk_register
    from reeplanner.engine.sensitivity import sensitivity

    plan, path = us_example
    page = openpyxl.load_workbook(path)[PAGES[3]]
    base = compute_all(plan).scenarios["BASE"]
    register = risk_register(base, schedule_risk(plan, ["BASE"]).scenarios["BASE"])
    listed = [row for row in page.iter_rows(values_only=True) if row[0] in set(register.name)]
    assert [row[0] for row in listed] == list(register.name[: len(listed)]) and len(listed) >= 5
    first = register.iloc[0]
    assert listed[0][7] == pytest.approx(first.p_met[0])
    assert listed[0][8] == pytest.approx(first.public_money)
    tornado = sensitivity(plan, "BASE", "self_sufficiency:2030")
    top = tornado.rows.iloc[0]
    row = next(r for r in page.iter_rows(values_only=True) if r[6] and str(r[6]).startswith(top.assumption))
    assert row[7:10] == pytest.approx((top.figure_down, top.figure_up, 100 * top.swing))
    box = next(t for t in texts(page) if t.startswith("▪ Data as of"))
    assert "Magnet content, t per t of magnet: NdPr 0.29, Dy 0.01 (estimate) and Tb 0.003 (estimate)." in box
    assert "plants abroad outside CN, RU, KP, IR (the covered countries)" in box


def test_summary_pages_only(tmp_path):
    path = tmp_path / "brief.xlsx"
    write_brief(ban_plan(), path, today=TODAY, pages="summary")
    assert openpyxl.load_workbook(path).sheetnames == [*PAGES, CHART_DATA]


def test_an_unknown_scenario_is_named_in_the_error(tmp_path):
    with pytest.raises(PlanError) as error:
        write_brief(hand_plan(), tmp_path / "brief.xlsx", scenario_ids=["NOPE"])
    assert "The plan has no scenario 'NOPE'. Its scenarios: BASE." in str(error.value)
    assert not (tmp_path / "brief.xlsx").exists()


def test_a_brief_into_a_missing_folder_says_where(tmp_path):
    with pytest.raises(SaveError, match="Could not save brief.xlsx: cannot write in the folder"):
        write_brief(hand_plan(), tmp_path / "missing" / "brief.xlsx")


def test_gaps_show_requirement_minus_output_per_material_with_a_red_green_scale(ban_brief):
    gaps = openpyxl.load_workbook(ban_brief)[ANNEX[0]]
    header = row_of(gaps, "Stage")
    separation = row_of(gaps, "Separation")
    assert separation[1] == "NdPr"
    assert separation[header.index(2025)] == pytest.approx(418.72 - 300, abs=0.01)
    assert separation[header.index(2029)] == pytest.approx(418.72 - 500, abs=0.01)
    rules = [rule for cf in gaps.conditional_formatting for rule in cf.rules]
    assert [c.rgb for c in rules[0].colorScale.color] == ["0063BE7B", "00FFFFFF", "00F8696B"]
    # BAN cuts only imports: the same gaps, said once.
    assert "The same gaps, to the tonne, in: Ban (BAN)." in texts(gaps)


def test_timeline_shades_each_phase_and_draws_today(tmp_path):
    plan = hand_plan()
    plan.facilities.append(
        facility(
            "NEW",
            "MAGNET",
            500,
            status="planned",
            name="New magnets",
            permitting_start=dt.date(2025, 1, 1),
            permitting_months=12,
            construction_months=12,
            ramp_up_years=1,
        )
    )
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    timeline = openpyxl.load_workbook(path)[ANNEX[1]]
    header_row_ = next(c.row for c in timeline["A"] if c.value == "Facility")
    header = [c.value for c in timeline[header_row_]]
    new = row_of(timeline, "New magnets (NEW)")
    assert [new[header.index(y)] for y in range(2025, 2031)] == ["P", "C", "R", "O", "O", "O"]
    target = row_of(timeline, "Target T-SS")
    assert target[header.index(2028)] == "T" and target[header.index(2029)] == "met"
    # Today (24 Nov 2026) is late in 2026: the line is the right edge of 2026's column, down the table.
    column = header.index(2026) + 1
    assert timeline.cell(header_row_ + 1, column).border.right.style == "medium"
    assert timeline.cell(header_row_ + 1, column).border.right.color.rgb == "00D62728"


def test_the_timeline_prints_at_full_size(us_example):
    """No shrinking: the sheet is no wider than a landscape page (with LibreOffice's wider columns), and its
    text is 9 points or more."""
    from reeplanner.formats.brief.sheet_writer import points_wide
    from reeplanner.formats.brief.timeline import PRINTED_WIDTH

    _, path = us_example
    timeline = openpyxl.load_workbook(path)[ANNEX[1]]
    width = sum(
        points_wide(timeline.column_dimensions[openpyxl.utils.get_column_letter(c)].width)
        for c in range(1, timeline.max_column + 1)
    )
    assert width <= PRINTED_WIDTH
    sizes = {c.font.sz for row in timeline.iter_rows(min_row=4) for c in row if c.value is not None}
    assert min(sizes) >= 9


def test_sources_list_every_source_once_with_what_it_supports(ban_brief):
    sheet = openpyxl.load_workbook(ban_brief)[ANNEX[4]]
    rows = {
        row[0].split(". ", 1)[1]: row[6]
        for row in sheet.iter_rows(values_only=True)
        if row[0] and re.match(r"\d+\. ", str(row[0]))
    }
    assert rows == {
        "USGS MCS 2025": "Facilities: MINE-1, MET-1",
        "Company 10-K": "Facilities: SEP-1",
        "DoD News, 2024": "Funding: F1",
        "DOE LPO press release": "Funding: F2",
        "Industry estimate": "Demand: EV",
    }


def test_every_source_of_the_example_is_listed_exactly_once(us_example):
    plan, path = us_example
    sheet = openpyxl.load_workbook(path)[ANNEX[4]]
    listed = [
        str(row[0]).split(". ", 1)[1]
        for row in sheet.iter_rows(values_only=True)
        if row[0] and re.match(r"\d+\. ", str(row[0]))
    ]
    assert len(listed) == len({" ".join(text.split()).casefold() for text in listed})
    cells = [
        r.source for r in [*plan.facilities, *plan.funding, *plan.supply, *plan.demand] if r.source.strip()
    ]
    assert len(cells) > len(listed) > 20
    for cell in cells:
        text = " ".join(cell.split())
        found = [citation for citation in listed if citation in text]
        found = [c for c in found if not any(c != other and c in other for other in found)]
        assert "; ".join(sorted(found, key=text.index)) == text, cell


def test_coordination_lists_the_engines_findings(ban_brief):
    sheet = openpyxl.load_workbook(ban_brief)[ANNEX[4]]
    header = row_of(sheet, "Finding")
    assert header[6] == "Scenarios"
    found = {
        row[1]: row for row in sheet.iter_rows(values_only=True) if row[0] == "Target with no owner agency"
    }
    assert set(found) == {"T-MAG", "T-SS"} and found["T-MAG"][6] == "all"


def test_funding_lines_mark_public_and_private(ban_brief):
    sheet = openpyxl.load_workbook(ban_brief)[ANNEX[3]]
    assert row_of(sheet, "F4")[1:10] == [
        "SEP-1",
        "Department of Defense",
        "DLA",
        "NDS",
        "stockpile",
        "announced",
        2027,
        20.0,
        "public",
    ]
    assert row_of(sheet, "F3")[9] == "private"


def chart_parts(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]


@pytest.mark.parametrize("brief", ["ban_brief"])
def test_every_chart_carries_its_numbers_for_viewers_that_do_not_recalculate(brief, request):
    path = request.getfixturevalue(brief)
    workbook = openpyxl.load_workbook(path)
    charts = chart_parts(path)
    assert len(charts) == 3  # self-sufficiency, coverage, money
    for xml in charts:
        for series in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S):
            reference = re.search(r"<c:val><c:numRef><c:f>(.*?)</c:f>", series).group(1)
            sheet, cells = reference.rsplit("!", 1)
            ws = workbook[sheet.strip("'")]
            values = [c.value for row in ws[cells.replace("$", "")] for c in row]
            cache = re.search(r"<c:val><c:numRef>.*?<c:numCache>(.*?)</c:numCache>", series, re.S).group(1)
            cached = [float(v) for v in re.findall(r"<c:v>(.*?)</c:v>", cache)]
            assert cached == pytest.approx([v for v in values if isinstance(v, int | float)]), reference
            assert f'<c:ptCount val="{len(values)}"/>' in cache


def test_no_formula_is_written_from_user_text(tmp_path):
    plan = hand_plan()
    plan.name = '=HYPERLINK("http://evil","x") & Co'
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], name="=1+1")
    plan.funding[0] = dataclasses.replace(plan.funding[0], source="=cmd|' /C calc'!A0")
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)
    workbook = openpyxl.load_workbook(path)
    assert any("=cmd|' /C calc'!A0" in t for t in texts(workbook[ANNEX[4]]))
    assert workbook[PAGES[0]]["A1"].value == f"Bottom line: {plan.name}"
    # In a page header '&' starts a code; the plan's own '&' is doubled to print as itself.
    assert workbook[PAGES[0]].oddHeader.left.text.endswith("&& Co")


def test_every_sheet_prints_landscape_one_page_wide_and_pages_one_to_four_on_one_page(ban_brief):
    from reeplanner.formats.brief.sheet_writer import display_width

    workbook = openpyxl.load_workbook(ban_brief)
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.oddHeader.left.text and ws.oddFooter.right.text == "Page &P of &N"
        assert ws.sheet_view.showGridLines is False
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and cell.coordinate not in ws.merged_cells:
                    width = ws.column_dimensions[openpyxl.utils.get_column_letter(cell.column)].width
                    assert display_width(cell) <= width, f"{ws.title}!{cell.coordinate} shows ####"
    for name in PAGES:
        assert workbook[name].page_setup.fitToHeight == 1


def test_schedule_risk_gives_each_target_its_odds_and_p80_year(ban_brief):
    sheet = openpyxl.load_workbook(ban_brief)[ANNEX[2]]
    header = row_of(sheet, "Target")
    assert header == ["Target", "Goal", "P(met)", "P80 year", "Driver", "Project", "Stage", "Gain in P(met)"]
    t_mag, t_ss = row_of(sheet, "T-MAG"), row_of(sheet, "T-SS")
    # Every facility operating: no draw differs. 716.5 t/yr of magnets meets 700 in 2027 (and from 2025);
    # 71.6% self-sufficiency misses 80% in 2028, met from 2029 with SEP-2.
    assert t_mag[1:6] == ["domestic output Magnet >= 700 t/yr by 2027", 1, 2025, "none", "met in every draw"]
    assert t_ss[2:6] == [0, 2029, "none", "no single project on time changes it"]
    assert row_of(sheet, 2028)[:3] == [2028, pytest.approx(716.5, abs=0.1), pytest.approx(716.5, abs=0.1)]
    assert row_of(sheet, "planned")[1:5] == [0.25, 0, 12, 36]  # engine.md's defaults, stated
    assert "10,000 draws of project schedules (seed 0)" in texts(sheet)[1]
    # BAN cuts only imports, which a draw ignores: its odds are said once, with the base's.
    assert any("The same odds in: Ban (BAN)" in t for t in texts(sheet))


def test_schedule_risk_lists_the_drivers_of_each_target(tmp_path):
    from reeplanner.engine.risk import schedule_risk
    from reeplanner.formats.files import read_plan

    plan = read_plan(EXAMPLES / "us-mine-to-magnet.reeplan")[0]
    risk = schedule_risk(plan, ["PERMIT"], draws=2_000)
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, ["PERMIT"], today=TODAY, risk=risk)
    sheet = openpyxl.load_workbook(path)[ANNEX[2]]
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
    sheet = openpyxl.load_workbook(path)[ANNEX[2]]
    assert "123 draws of project schedules (seed 9)" in texts(sheet)[1]
    assert any(
        "123 draws of project schedules (seed 9)" in t for t in texts(openpyxl.load_workbook(path)[PAGES[3]])
    )


def test_public_funding_leaves_out_a_public_agencys_private_instrument(tmp_path):
    """engine.md: a line is private when its agency *or* its instrument is PRIVATE."""
    plan = hand_plan()
    plan.funding.append(funding("F4", 40, "MAG-1", agency="DOE", instrument="PRIVATE", year=2027))
    path = tmp_path / "brief.xlsx"
    write_brief(plan, path, today=TODAY)
    money = openpyxl.load_workbook(path)[PAGES[2]]
    assert row_of(money, "Public money")[4] == 150.0
    assert row_of(money, "Department of Energy")[4] == 50.0
    private = next(
        row for row in money.iter_rows(values_only=True) if row[6] == "Banks, companies, investors"
    )
    assert private[7] == 70.0

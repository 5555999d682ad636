"""parse_cell: what a planner types into a cell, read leniently, or refused with a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from reeplanner.model import CapacityBasis, InstrumentKind, OverrideKind, RiskView, Status
from reeplanner.model.cells import CellError, format_cell, parse_cell, parse_override_value
from reeplanner.model.schema import FACILITIES, FUNDING, INSTRUMENTS, MATERIALS, SCENARIOS, STAGES, SUPPLY

CAPACITY = FACILITIES.column("capacity")
MAGNET_CONTENT = MATERIALS.column("magnet_content")
ONLINE = FACILITIES.column("online")
ALLIED = SUPPLY.column("allied")
STATUS = FACILITIES.column("status")
ORDER = STAGES.column("order")
YEAR = FUNDING.column("year")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,200", 1200.0),
        (" 45 ", 45.0),
        ("1 200.5", 1200.5),
        ("\u00a0300", 300.0),
        (2500, 2500.0),
        (0.1, 0.1),
        ("1e-7", 1e-7),
        ("-3", -3.0),  # bounds are validation's job, so a half-typed plan can be held
    ],
)
def test_numbers_may_be_written_as_text(typed, value):
    assert parse_cell(CAPACITY, typed) == value


@pytest.mark.parametrize(("typed", "value"), [("20%", 0.2), ("29 %", 0.29), ("0.2", 0.2), (0.006, 0.006)])
def test_shares_may_be_percentages_or_fractions(typed, value):
    assert parse_cell(MAGNET_CONTENT, typed) == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        (dt.date(2027, 3, 15), dt.date(2027, 3, 15)),
        (dt.datetime(2027, 3, 15, 0, 0), dt.date(2027, 3, 15)),
        ("2027-03-15", dt.date(2027, 3, 15)),
        (" 2027-3-5 ", dt.date(2027, 3, 5)),
        ("2027/03/15", dt.date(2027, 3, 15)),
        ("2027-03", dt.date(2027, 3, 1)),
        ("2027", dt.date(2027, 1, 1)),
        (2027, dt.date(2027, 1, 1)),
        (2027.0, dt.date(2027, 1, 1)),
        (46461, dt.date(2027, 3, 15)),  # Excel's serial day number of 15 March 2027
        ("2027-03-15 00:00:00", dt.date(2027, 3, 15)),
        ("2027-03-15T00:00", dt.date(2027, 3, 15)),
    ],
)
def test_dates_may_be_dates_iso_text_a_month_a_bare_year_or_an_excel_serial(typed, value):
    assert parse_cell(ONLINE, typed) == value


@pytest.mark.parametrize(
    ("typed", "value"),
    [("yes", True), ("Y", True), (" TRUE ", True), ("x", True), (1, True), (True, True)]
    + [("no", False), ("N", False), ("false", False), (0, False), (0.0, False), (False, False)],
)
def test_flags_are_yes_or_no_in_any_spelling(typed, value):
    assert parse_cell(ALLIED, typed) is value


@pytest.mark.parametrize(
    ("column", "typed", "value"),
    [
        (STATUS, "Operating", Status.OPERATING),
        (STATUS, " CONSTRUCTION ", Status.CONSTRUCTION),
        (STAGES.column("basis"), "Product", CapacityBasis.PRODUCT),
        (INSTRUMENTS.column("kind"), "Loan Guarantee", InstrumentKind.LOAN_GUARANTEE),
        (INSTRUMENTS.column("kind"), "loan_guarantee", InstrumentKind.LOAN_GUARANTEE),
        (SCENARIOS.column("risk_view"), "Risk Adjusted", RiskView.RISK_ADJUSTED),
        (SCENARIOS.column("risk_view"), "NAMEPLATE", RiskView.NAMEPLATE),
    ],
)
def test_choices_are_enum_words_in_any_case(column, typed, value):
    assert parse_cell(column, typed) is value


def test_whole_numbers_and_years_read_from_numbers_or_text():
    assert parse_cell(ORDER, "3") == 3
    assert parse_cell(YEAR, 2028.0) == 2028
    assert parse_cell(YEAR, " 2,028 ") == 2028
    assert isinstance(parse_cell(YEAR, 2028.0), int)


def test_text_and_ids_are_stripped_and_an_id_typed_as_a_number_keeps_no_decimal_point():
    assert parse_cell(FACILITIES.column("name"), "  Mountain Pass ") == "Mountain Pass"
    assert parse_cell(FACILITIES.column("id"), 12.0) == "12"
    assert parse_cell(FACILITIES.column("notes"), "=SUM(A1)") == "=SUM(A1)"


def test_a_list_of_ids_splits_on_commas_and_semicolons():
    assert parse_cell(FACILITIES.column("scenarios"), " BAN, late;FAST ,, ") == ("BAN", "late", "FAST")


@pytest.mark.parametrize(
    ("column", "empty"),
    [(FACILITIES.column("name"), ""), (FACILITIES.column("stage"), ""), (FACILITIES.column("scenarios"), ())]
    + [(CAPACITY, None), (ONLINE, None), (ALLIED, None), (STATUS, None)],
)
def test_a_blank_cell_is_empty(column, empty):
    assert parse_cell(column, "   ") == empty
    assert parse_cell(column, None) == empty


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        (CAPACITY, "about 500", "Capacity must be a number; 'about 500' is not one."),
        (CAPACITY, "1.2.3", "Capacity must be a number; '1.2.3' is not one."),
        (CAPACITY, True, "Capacity must be a number; it is 'True'."),
        (CAPACITY, "nan", "Capacity must be a finite number; it is 'nan'."),
        (CAPACITY, float("inf"), "Capacity must be a finite number; it is 'inf'."),
        (CAPACITY, 10**400, "Capacity must be a finite number; it is too large."),
        (ORDER, "2.5", "Order must be a whole number; it is 2.5."),
        (YEAR, "FY28", "Year must be a number; 'FY28' is not one."),
        (
            ONLINE,
            "next spring",
            "Online must be a date (YYYY-MM-DD, YYYY-MM or a year); 'next spring' is not one.",
        ),
        (
            ONLINE,
            "2027-13-01",
            "Online must be a date (YYYY-MM-DD, YYYY-MM or a year); '2027-13-01' is not one.",
        ),
        (
            ONLINE,
            "2027-03-15 14:30",
            "Online must be a date (YYYY-MM-DD, YYYY-MM or a year); '2027-03-15 14:30' is not one.",
        ),
        (ONLINE, 5000, "Online must be a date (YYYY-MM-DD, YYYY-MM or a year); it is 5000."),
        (ALLIED, "maybe", "Allied must be yes or no; it is 'maybe'."),
        (ALLIED, 2, "Allied must be yes or no; it is '2'."),
        (
            STATUS,
            "shelved",
            "Status must be one of: operating, construction, financed, planned, proposed, cancelled; "
            "it is 'shelved'.",
        ),
    ],
)
def test_values_that_do_not_fit_are_refused_with_a_sentence_naming_the_column(column, typed, message):
    with pytest.raises(CellError) as caught:
        parse_cell(column, typed)
    assert str(caught.value) == message


def test_an_override_value_is_read_by_its_kind():
    assert parse_override_value(OverrideKind.DELAY, "-6") == -6.0
    assert parse_override_value(OverrideKind.SUPPLY_FACTOR, "0%") == 0.0
    assert parse_override_value(OverrideKind.CANCEL, "Yes") is True
    assert parse_override_value(OverrideKind.STATUS, "Proposed") is Status.PROPOSED
    assert parse_override_value(OverrideKind.RISK_FACTOR, "60%") == pytest.approx(0.6)
    assert parse_override_value(OverrideKind.DELAY, "") is None


def test_an_override_value_that_does_not_fit_its_kind_is_refused():
    with pytest.raises(CellError, match=r"^A cancel override's Value is 'yes'; to keep the facility, delete"):
        parse_override_value(OverrideKind.CANCEL, "no")
    with pytest.raises(
        CellError, match=r"^A status override's Value is a status \(operating, .*it is 'idle'\.$"
    ):
        parse_override_value(OverrideKind.STATUS, "idle")
    with pytest.raises(CellError, match=r"^Value must be a number; 'two years' is not one\.$"):
        parse_override_value(OverrideKind.DELAY, "two years")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        (CAPACITY, 1200.0),
        (CAPACITY, 0.1),
        (CAPACITY, 1e-7),
        (CAPACITY, 1234.5678),
        (CAPACITY, 1 / 3),
        (ONLINE, dt.date(2027, 3, 15)),
        (ALLIED, True),
        (ALLIED, False),
        (STATUS, Status.FINANCED),
        (FACILITIES.column("scenarios"), ("BAN", "LATE")),
        (FACILITIES.column("name"), "Mountain Pass — 稀土"),
    ],
)
def test_format_cell_writes_what_parse_cell_reads_back(column, value):
    assert parse_cell(column, format_cell(column, value)) == value


def test_format_cell_writes_numbers_plainly():
    assert [format_cell(CAPACITY, v) for v in (1200.0, 1234.5678, 0.1, 1e-7, None)] == [
        "1200",
        "1234.5678",
        "0.1",
        "1e-07",
        "",
    ]

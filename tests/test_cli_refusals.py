"""No figure from an invalid plan, and exit codes that mean what the README says.

``summary``, ``explain``, ``convert`` and ``brief`` refuse a plan that
``validate`` refuses, with the same lines and exit 1, whatever the file's
format; a file that cannot be written exits 2 with one line.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from reeplanner.cli import main
from reeplanner.formats import reeplan
from reeplanner.formats.files import write_plan
from tests.builders import chain_plan, funding, scenario

COMMANDS = {
    "summary": lambda plan, out: ["summary", plan],
    "summary --json": lambda plan, out: ["summary", plan, "--json"],
    "explain": lambda plan, out: ["explain", plan, "--scenario", "BASE", "--year", "2026", "--stage", "SEP"],
    "convert": lambda plan, out: ["convert", plan, out / "copy.xlsx"],
    "brief": lambda plan, out: ["brief", plan, out / "brief.xlsx"],
}


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def negative_capacity():
    plan = chain_plan()
    plan.facilities[1] = replace(plan.facilities[1], capacity=-5000.0)
    return plan


def negative_funding():
    plan = chain_plan()
    plan.funding = [funding("F1", 100, "MAG-1"), funding("F2", -1000, "MAG-1")]
    return plan


def yield_of_five():
    plan = chain_plan()
    plan.stages[1] = replace(plan.stages[1], process_yield=5.0)
    return plan


def duplicate_scenario_row():
    plan = chain_plan()
    plan.scenarios += [scenario("BAN"), scenario("BAN")]
    return plan


def duplicate_facility_id():
    plan = chain_plan()
    plan.facilities.append(replace(plan.facilities[0], name="Another mine"))
    return plan


INVALID = {
    "negative capacity": (negative_capacity, "Capacity must be at least 0"),
    "negative funding": (negative_funding, "Amount must be at least 0"),
    "yield of 5": (yield_of_five, "Yield"),
    "duplicate scenario row": (duplicate_scenario_row, "Scenario ID 'BAN' is already used by row"),
    "duplicate facility ID": (duplicate_facility_id, "Facility ID 'MINE-1' is already used by row 1"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("mistake", INVALID)
def test_an_invalid_reeplan_gives_validates_lines_and_exit_1_never_a_figure(
    tmp_path, capsys, command, mistake
):
    make, expected = INVALID[mistake]
    path = tmp_path / "bad.reeplan"
    reeplan.save(make(), path)
    code, validate_out, _ = _run(capsys, "validate", path)
    assert code == 1
    assert expected in validate_out

    code, out, err = _run(capsys, *COMMANDS[command](path, tmp_path))

    assert (code, out) == (1, "")
    assert err == validate_out  # the same lines validate prints, on stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.reeplan"]  # nothing written


@pytest.mark.parametrize("command", COMMANDS)
def test_an_invalid_workbook_is_refused_on_its_excel_rows(tmp_path, capsys, command):
    good = tmp_path / "plan.xlsx"
    write_plan(chain_plan(), good)
    import openpyxl

    book = openpyxl.load_workbook(good)
    sheet = book["Facilities"]
    capacity = next(cell.column for cell in sheet[1] if cell.value == "Capacity")
    sheet.cell(3, capacity).value = -5000  # SEP-1's
    book.save(good)

    code, out, err = _run(capsys, *COMMANDS[command](good, tmp_path))

    assert (code, out) == (1, "")
    assert err.startswith("Facilities row 3 (SEP-1), Capacity: Capacity must be at least 0")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_summary_of_a_duplicate_scenario_row_never_reaches_the_engine(tmp_path, capsys):
    """The engine itself refuses it too (it used to index out of bounds)."""
    from reeplanner.engine import compute_all
    from reeplanner.model import PlanError

    with pytest.raises(PlanError) as refused:
        compute_all(duplicate_scenario_row())
    assert "Scenario ID 'BAN' is already used by row 2" in str(refused.value.errors[0])


def test_figures_near_the_largest_plausible_quantities_are_finite(tmp_path, capsys):
    """Capacities and demand just under 10 million t/yr and funding under 10 million: every figure
    that exists is a number, in text and JSON (no inf, nan or null)."""
    import json

    plan = chain_plan()
    plan.facilities = [replace(f, capacity=9_999_999.0) for f in plan.facilities]
    plan.demand[0].values.update({y: 9_999_999.0 for y in plan.years})
    plan.funding = [funding(f"F{i}", 9_999_999, "MAG-1") for i in range(3)]
    path = tmp_path / "big.reeplan"
    reeplan.save(plan, path)

    code, out, _ = _run(capsys, "summary", path)
    assert code == 0
    assert not {"inf", "nan", "null"} & set(out.lower().replace(",", " ").split())
    code, out, _ = _run(capsys, "summary", path, "--json")
    assert code == 0
    doc = json.loads(out)
    for sc in doc["scenarios"]:
        assert sc["funding_total"] == pytest.approx(29_999_997)
        for year in sc["years"]:
            assert None not in (
                year["magnet_demand"],
                year["domestic_magnet_output"],
                year["self_sufficiency"],
            )


# --- files that cannot be written: exit 2, one line -------------------------------------------------


@pytest.mark.parametrize("command", ["convert", "brief"])
def test_a_target_in_a_missing_folder_exits_2_with_one_line(tmp_path, capsys, command):
    path = tmp_path / "plan.reeplan"
    reeplan.save(chain_plan(), path)
    target = tmp_path / "missing" / "out.xlsx"

    code, out, err = _run(capsys, command, path, target)

    assert (code, out) == (2, "")
    assert err.startswith("Could not save out.xlsx: cannot write in the folder")
    assert len(err.splitlines()) == 1


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from reeplanner.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "command, name", [("convert", "out.xlsx"), ("convert", "out.reeplan"), ("brief", "b.xlsx")]
)
def test_a_write_that_fails_half_way_exits_2_with_its_message_and_nothing_after_it(tmp_path, command, name):
    """Files are limited to 4 KB, as a full disk would stop them: the message is the only output."""
    from tests.brief_plans import us_plan

    path = tmp_path / "us.reeplan"
    reeplan.save(us_plan(), path)
    target = tmp_path / name
    target.write_bytes(b"the old file")

    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, command, str(path), str(target)], capture_output=True, text=True
    )

    assert done.returncode == 2
    assert done.stdout == ""
    # The plan's warnings, then the message, and nothing after it (no "Exception ignored ..." traceback).
    assert done.stderr.endswith(
        f"\nCould not save {name}: File too large. The file on disk was not changed.\n"
    )
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["us.reeplan", name])

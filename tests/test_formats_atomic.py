"""Saving through a symbolic link, and the leftovers of a killed save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from reeplanner.formats import reeplan
from reeplanner.formats.atomic import atomic_path, remove_leftovers
from reeplanner.formats.files import read_plan, write_plan
from reeplanner.formats.workbook_reader import read_workbook
from tests.builders import chain_plan


@pytest.mark.parametrize("name", ["plan.reeplan", "plan.xlsx"])
def test_saving_through_a_symlink_writes_the_file_it_points_to(tmp_path, name):
    real_folder = tmp_path / "shared"
    real_folder.mkdir()
    real = real_folder / f"real-{name}"
    real.write_bytes(b"old")
    link = tmp_path / name
    link.symlink_to(os.path.relpath(real, tmp_path))

    write_plan(chain_plan(), link)

    assert link.is_symlink()
    assert os.readlink(link) == os.path.relpath(real, tmp_path)
    assert read_plan(real)[0] == chain_plan()
    assert sorted(os.listdir(tmp_path)) == [name, "shared"]
    assert os.listdir(real_folder) == [real.name]  # the temporary file was beside the real file


def test_saving_through_a_chain_of_links_and_a_dangling_link(tmp_path):
    real = tmp_path / "real.reeplan"
    (tmp_path / "middle.reeplan").symlink_to("real.reeplan")
    (tmp_path / "first.reeplan").symlink_to("middle.reeplan")

    reeplan.save(chain_plan(), tmp_path / "first.reeplan")  # real.reeplan does not exist yet

    assert reeplan.load(real) == chain_plan()
    assert (tmp_path / "first.reeplan").is_symlink() and (tmp_path / "middle.reeplan").is_symlink()


def test_the_next_save_removes_the_temporary_files_killed_saves_left(tmp_path):
    target = tmp_path / "plan.reeplan"
    leftovers = [tmp_path / ".plan.reeplan.0a1b2c3d.tmp", tmp_path / ".plan.reeplan.ffffffff.tmp"]
    for path in leftovers:
        path.write_bytes(b'{"format": "reeplanner-pl')
    others = [tmp_path / ".other.reeplan.0a1b2c3d.tmp", tmp_path / ".plan.reeplan.notmine.tmp"]
    for path in others:
        path.write_bytes(b"not this save's")

    reeplan.save(chain_plan(), target)

    assert sorted(os.listdir(tmp_path)) == sorted(["plan.reeplan", *(p.name for p in others)])


def test_a_save_under_way_is_not_taken_for_a_leftover(tmp_path):
    target = tmp_path / "plan.reeplan"
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"half written")
        assert remove_leftovers(target) == []  # another save finishing now leaves it alone
        assert tmp.exists()
    assert target.read_bytes() == b"half written"


KILLED_SAVE = """
import sys, time
from reeplanner.formats.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_bytes(b"half a plan")
    print("writing", flush=True)
    time.sleep(60)
"""


def test_the_temporary_file_of_a_save_killed_with_sigkill_goes_with_the_next_save(tmp_path):
    target = tmp_path / "plan.xlsx"
    write_plan(chain_plan(), target)
    saving = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVE, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert saving.stdout.readline() == "writing\n"
        assert len(os.listdir(tmp_path)) == 2
        assert remove_leftovers(target) == []  # still saving: its lock holds
    finally:
        saving.send_signal(signal.SIGKILL)
        saving.wait()
        saving.stdout.close()
    assert len(os.listdir(tmp_path)) == 2  # killed: the temporary file stays behind

    write_plan(chain_plan(), target)

    assert os.listdir(tmp_path) == ["plan.xlsx"]
    assert read_workbook(target)[0] == chain_plan()

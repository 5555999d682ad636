"""Damaged and hostile files: every reader ends in a plan or in one clear message, never another
exception, and no figure ever comes from an invalid plan.

Each file kind gets ``MUTATIONS`` seeded mutations of a good file (see
``tests/fuzzing.py``); the ``ci`` profile draws the same ones on every run.
A wider search runs on demand: ``.venv/bin/python scripts/fuzz_campaign.py``
(10 minutes, out of process, watching memory and time). Every file a search
found a problem with stays in ``tests/data/fuzz-found`` and is read here on
every run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import DATA, KINDS, check_file, make_seeds, mutate, operations

MUTATIONS = 200


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    return {kind: path.read_bytes() for kind, path in make_seeds(folder).items()}


def test_every_seed_is_a_good_plan(seeds, tmp_path):
    for kind, data in seeds.items():
        path = tmp_path / f"seed.{kind}"
        path.write_bytes(data)
        assert check_file(path) == "plan", kind


def _fuzz(kind: str):
    @settings(
        max_examples=MUTATIONS,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(ops=operations(kind))
    def test(seeds, tmp_path, ops):
        path = tmp_path / f"mutated.{kind}"
        path.write_bytes(mutate(seeds[kind], kind, ops))
        check_file(path)

    return test


test_mutated_xlsx = _fuzz("xlsx")
test_mutated_xlsm = _fuzz("xlsm")
test_mutated_ods = _fuzz("ods")
test_mutated_reeplan = _fuzz("reeplan")

FOUND = sorted((DATA / "fuzz-found").iterdir())


@pytest.mark.parametrize("path", FOUND, ids=[p.name for p in FOUND])
def test_files_searches_found(path, tmp_path):
    """Files a search broke the app with, as they were (each name says what it holds)."""
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    check_file(copy)


def test_kinds_cover_every_reader():
    from reeplanner.formats.files import READ_SUFFIXES

    assert {f".{kind}" for kind in KINDS} == set(READ_SUFFIXES)

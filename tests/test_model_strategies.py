"""The random plans other tests rely on are valid, varied and made of values a user could type."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reeplanner.model import TABLE_ATTRS, OverrideKind, validate
from reeplanner.model.cells import parse_cell, parse_override_value
from reeplanner.model.schema import TABLES, Kind
from tests.strategies import plans


@settings(max_examples=20, deadline=None)
@given(plans())
def test_every_value_of_a_random_plan_reads_back_as_itself(plan):
    """So a codec that loses nothing returns an equal plan, whatever parse_cell strips."""
    for table in TABLES:
        for rec in getattr(plan, table.attr):
            for col in table.columns:
                value = getattr(rec, col.attr)
                if col.kind is Kind.OVERRIDE_VALUE:
                    assert parse_override_value(rec.kind, value) == value
                elif col.kind in (Kind.TEXT, Kind.ID, Kind.REF):
                    assert parse_cell(col, value) == value


def test_random_plans_are_valid_and_reach_every_table_and_every_override_kind():
    seen_tables: set[str] = set()
    seen_kinds: set[OverrideKind] = set()

    @settings(max_examples=60, deadline=None, database=None)
    @given(plans())
    def check(plan):
        assert [str(p) for p in validate(plan) if p.is_error] == []
        seen_tables.update(attr for attr in TABLE_ATTRS if getattr(plan, attr))
        seen_kinds.update(o.kind for o in plan.overrides)

    check()
    assert seen_tables == set(TABLE_ATTRS)
    assert seen_kinds == set(OverrideKind)


@settings(max_examples=20, deadline=None)
@given(plans(max_facilities=3))
def test_max_facilities_bounds_the_plan_size(plan):
    assert len(plan.facilities) <= 3


@given(st.data())
@settings(max_examples=10, deadline=None)
def test_plans_can_be_drawn_inside_other_tests(data):
    plan = data.draw(plans(max_facilities=5))
    assert plan.years == range(plan.start_year, plan.end_year + 1)

"""Random edits through every path of the window keep the plan trustworthy.

Values are typed into table cells (F2, keys, Enter), pasted, typed into the
inspector's fields (keys, Tab) and cards are dragged on the canvas, as a
planner does. After each edit:
- the rows it touched have no error validation did not report before (a
  value the plan cannot take is refused, not stored);
- no other record changed, but for references following a renamed ID;
and undoing every edit gives back the plan the window opened with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from reeplanner.gui.main_window import MainWindow
from reeplanner.gui.tables.field_editors import ChoiceCombo
from reeplanner.gui.tables.plan_tables import TAB_ORDER
from reeplanner.model.ids import id_key
from reeplanner.model.plan import TABLE_ATTRS, Plan
from reeplanner.model.schema import PLAN_FIELDS, TABLES_BY_ATTR, Kind
from reeplanner.model.validation import validate
from tests.scripted_prompts import ScriptedPrompts
from tests.strategies import plans

#: What a planner might type: numbers good and bad, dates, words, IDs of default rows, blanks, junk.
#: ``@ID`` stands for the ID of another row of the same table (a duplicate).
TYPED = (
    "0",
    "1,200",
    "45%",
    "-5",
    "2027-03",
    "2030",
    "20280101",
    "yes",
    "planned",
    "committed",
    "capacity factor",
    "MINE",
    "MAGNET",
    "RECYCLE",
    "NdPr",
    "DOE",
    "LPO",
    "BASE",
    "China",
    "Atlantis",
    "",
    "abc",
    "New name",
    "@ID",
)

_fraction = st.floats(0, 1, exclude_max=True)
_typed = st.tuples(st.just("type"), st.sampled_from(TAB_ORDER), _fraction, _fraction, st.sampled_from(TYPED))
_pasted = st.tuples(
    st.just("paste"),
    st.sampled_from(TAB_ORDER),
    _fraction,
    _fraction,
    st.lists(st.lists(st.sampled_from(TYPED), min_size=1, max_size=2), min_size=1, max_size=2),
)
_inspector = st.tuples(
    st.just("inspect"), st.sampled_from(TAB_ORDER), _fraction, _fraction, st.sampled_from(TYPED)
)
_dragged = st.tuples(
    st.just("drag"),
    st.just("facilities"),
    _fraction,
    st.sampled_from([-300.0, -150.0, 0.0, 150.0, 300.0]),
    st.sampled_from([-90.0, 0.0, 120.0]),
)
operations = st.lists(st.one_of(_typed, _pasted, _inspector, _dragged), min_size=4, max_size=14)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    """One window for every example: each opens its plan in it (File > Open does the same)."""
    win = MainWindow(prompts=ScriptedPrompts(), recovery_dir=tmp_path / "recovery", restore_settings=False)
    qtbot.addWidget(win)
    win.show()
    win.show_plan_view()
    qtbot.waitExposed(win)
    return win


def _text(plan: Plan, table: str, row: int, typed: str) -> str:
    """``@ID``: the ID (or Segment) of another row of ``table``; else what was drawn."""
    if typed != "@ID":
        return typed
    rows = getattr(plan, table)
    attr = TABLES_BY_ATTR[table].id_attr or ("segment" if table == "demand" else "")
    others = [str(getattr(r, attr)) for i, r in enumerate(rows) if i != row] if attr else []
    return others[0] if others else "MINE"


def _type(line: QLineEdit, text: str) -> None:
    """Keys for what a keyboard types; text QTest has no keys for (an ID in Chinese) goes in as an input
    method would put it."""
    if text.isascii():
        QTest.keyClicks(line, text)
    else:
        line.insert(text)


def _activate(window: MainWindow) -> None:
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        QApplication.processEvents()


def type_in_cell(window: MainWindow, table: str, row: int, col: int, text: str) -> None:
    page = window.tables.pages[table]
    window.tables.setCurrentWidget(page)
    view = page.view
    view.setCurrentIndex(view.model().index(view.proxy.view_row(row), col))
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    line = editor.lineEdit() if isinstance(editor, ChoiceCombo) and editor.isEditable() else editor
    if isinstance(line, QLineEdit):
        line.selectAll()
        _type(line, text)
        QTest.keyClick(line, Qt.Key.Key_Return)
    elif isinstance(editor, ChoiceCombo):  # a list to pick from: the next entry
        QTest.keyClick(editor, Qt.Key.Key_Down)
        QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    if view.state() == view.State.EditingState:
        QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Escape)


def type_in_inspector(window: MainWindow, table: str, row: int, col: int, text: str) -> None:
    window.document.set_selection(table, [row])
    inspector = window.inspector
    column = TABLES_BY_ATTR[table].columns[col]
    editor = inspector.editors[column.header]
    if isinstance(editor, ChoiceCombo) and not editor.isEditable():
        editor.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_Down)
        return
    line = editor.lineEdit() if isinstance(editor, ChoiceCombo) else editor
    line.setFocus()
    line.selectAll()
    _type(line, text)
    QTest.keyClick(line, Qt.Key.Key_Tab)
    QApplication.processEvents()


def drag_card(window: MainWindow, row: int, dx: float, dy: float) -> int:
    """Drag the card of facility ``row`` by (dx, dy); returns the row of the card the press took
    (the topmost where cards overlap)."""
    view = window.canvas
    scene = view.chain_scene
    scene.finish_building()
    window.document.set_selection("", [])
    card = scene.cards[id_key(window.document.plan.facilities[row].id)]
    grip = card.scenePos() + QPointF(40, 12)
    pressed = scene.card_at(grip)
    viewport = view.viewport()
    start = view.mapFromScene(grip)
    end = view.mapFromScene(grip + QPointF(dx, dy))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 4):
        QTest.mouseMove(viewport, start + (end - start) * step / 3)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    return pressed.index if pressed is not None else row


def apply(window: MainWindow, op: tuple) -> tuple[str, set[int]]:
    """Do ``op`` through the widgets; returns the table and the rows it may change."""
    kind, table, a, b, payload = op
    plan = window.document.plan
    rows = len(getattr(plan, table))
    columns = len(window.tables.pages[table].model.table.columns) if table != "demand" else 0
    _activate(window)
    if kind == "drag":
        if not rows:
            return table, set()
        return table, {drag_card(window, int(a * rows), b, payload)}
    if not rows and kind != "paste":
        return table, set()
    model = window.tables.pages[table].model
    col = int(b * model.columnCount())
    row = int(a * rows) if rows else 0
    if kind == "type":
        type_in_cell(window, table, row, col, _text(plan, table, row, payload))
        return table, {row}
    if kind == "inspect":
        if col >= columns:  # a demand year: the form shows the schema's columns only
            return table, set()
        type_in_inspector(window, table, row, col, _text(plan, table, row, payload))
        return table, {row}
    view = window.tables.pages[table].view
    window.tables.setCurrentWidget(window.tables.pages[table])
    top = min(row, max(rows - 1, 0))
    if rows:
        view.setCurrentIndex(view.model().index(view.proxy.view_row(top), col))
    text = "".join(
        "\t".join(_text(plan, table, top + r, v) for v in line) + "\n" for r, line in enumerate(payload)
    )
    view.paste(text)
    return table, set(range(top, top + len(payload)))


def _renames(before: Plan, after: Plan, table: str, rows: set[int]) -> dict[str, str]:
    """Old ID key -> new ID of the edited rows whose ID (or Segment) changed."""
    attr = TABLES_BY_ATTR[table].id_attr or ("segment" if table == "demand" else "")
    if not attr:
        return {}
    old, new = getattr(before, table), getattr(after, table)
    return {
        id_key(getattr(old[i], attr)): str(getattr(new[i], attr))
        for i in rows
        if i < len(old) and getattr(old[i], attr) != getattr(new[i], attr)
    }


def _follows_rename(old: object, new: object, renames: dict[str, str]) -> bool:
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(
            _follows_rename(o, n, renames) for o, n in zip(old, new, strict=True)
        )
    if isinstance(old, str) and isinstance(new, str):
        # An empty demand Stage meant MAGNET: a renamed MAGNET is written out.
        return old == new or renames.get(id_key(old)) == new or (not old.strip() and new in renames.values())
    return False


def check_edit(before: Plan, after: Plan, table: str, rows: set[int]) -> None:
    renames = _renames(before, after, table, rows)
    # 1. Only the edited rows changed (and rows a paste added); elsewhere only renamed references.
    for attr in TABLE_ATTRS:
        old_rows, new_rows = getattr(before, attr), getattr(after, attr)
        if attr == table:
            assert new_rows[: len(old_rows)] is not None
            assert len(new_rows) >= len(old_rows)
        else:
            assert len(new_rows) == len(old_rows), attr
        for index, (old, new) in enumerate(zip(old_rows, new_rows, strict=False)):
            if old == new or (attr == table and index in rows):
                continue
            schema = TABLES_BY_ATTR[attr]
            for column in schema.columns:
                o, n = getattr(old, column.attr), getattr(new, column.attr)
                assert o == n or (renames and _follows_rename(o, n, renames)), (
                    attr,
                    index,
                    column.header,
                    o,
                    n,
                )
    for column in PLAN_FIELDS:
        o, n = getattr(before, column.attr), getattr(after, column.attr)
        assert o == n or (renames and column.kind is Kind.REF and _follows_rename(o, n, renames))
    # 2. No error on the edited table that validation did not report before.
    sheet = TABLES_BY_ATTR[table].sheet
    was = {(p.index, p.field, p.message) for p in validate(before) if p.is_error and p.table == sheet}
    new_errors = [
        p
        for p in validate(after)
        if p.is_error and p.table == sheet and (p.index, p.field, p.message) not in was
    ]
    assert new_errors == [], new_errors


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans(max_facilities=6), ops=operations)
def test_random_edits_through_every_path_store_no_error_change_nothing_else_and_undo_whole(window, plan, ops):
    original = plan.copy()
    document = window.document
    document.load(plan)
    for op in ops:
        before = document.plan.copy()
        table, rows = apply(window, op)
        check_edit(before, document.plan, table, rows)
    event(f"undo steps: {min(document.undo_stack.count(), 6)}")
    stack = document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert document.plan == original
    for attr, page in window.tables.pages.items():  # every table shows the plan again
        model = page.model
        assert [model.record(r) for r in range(model.rowCount())] == getattr(original, attr)

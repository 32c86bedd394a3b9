"""The key bar: whole keys only, dimmed when idle, kept current, and clickable."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.lab.screen import LabScreen
from tui.widgets.key_bar import GAP, KeyBar, KeyItem, layout

items = st.lists(st.builds(KeyItem, key=st.just("k"), key_display=st.text("ab^", min_size=1,
                                                                          max_size=6),
                           description=st.text("xyz", max_size=12), enabled=st.booleans(),
                           pinned=st.sampled_from([False] * 5 + [True])),
                 max_size=12)


def total(keys: list[KeyItem]) -> int:
    """Cells that ``keys`` take side by side."""
    return sum(k.width for k in keys) + GAP * max(len(keys) - 1, 0)


@given(items, st.one_of(st.none(), st.just(KeyItem("ctrl+p", "^p", "palette", True))),
       st.integers(0, 120))
def test_layout_places_whole_keys_in_order_keeping_pinned_ones(keys, palette, width):
    placed = layout(keys, palette, width)
    shown = [p.item for p in sorted(placed, key=lambda p: p.x) if p.item is not palette]
    ids = {id(k) for k in shown}
    assert [id(k) for k in shown] == [id(k) for k in keys if id(k) in ids]  # in their order
    spans = sorted((p.x, p.x + p.item.width) for p in placed)
    assert all(0 <= a and b <= width for a, b in spans)
    assert all(b1 + GAP <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    room = width
    if palette is not None and palette.width <= width:
        assert placed[0].item is palette and placed[0].x == width - palette.width
        room -= palette.width + GAP + 1
    pinned = [k for k in keys if k.pinned]
    plain, plain_shown = [k for k in keys if not k.pinned], [k for k in shown if not k.pinned]
    assert plain_shown == plain[:len(plain_shown)]  # unpinned keys: a prefix
    if total(pinned) <= room:
        assert all(id(k) in ids for k in pinned)
        if len(plain_shown) < len(plain):  # the first one left out would not have fitted
            assert total(plain_shown + [plain[len(plain_shown)]] + pinned) > room


def bar_row(app) -> str:
    return screen_text(app).splitlines()[-1]


def assert_only_whole_keys(app) -> None:
    """The bar's row is whole "key description" items, blanks, a separator and the palette."""
    bar = app.screen.query_one(KeyBar)
    row = bar_row(app)
    for item in bar.items + [bar.palette]:
        row = row.replace(f"{item.key_display} {item.description}", "", 1)
    assert set(row) <= {" ", "▏"}, row


@pytest.mark.parametrize("width", [80, 120])
async def test_lab_bar_shows_whole_keys_and_the_palette(app, width):
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        row = bar_row(app)
        assert row.startswith("s Step r Run/pause u Undo") and row.endswith("^p palette")
        assert ("q Quit" in row) == (width == 120)  # left out whole at 80 columns
        assert_only_whole_keys(app)


@pytest.mark.parametrize("chapter", [c.number for c in CHAPTERS])
async def test_every_chapter_bar_shows_whole_keys_at_80_columns(chapter):
    app = NeuronApp(start="book", chapter=chapter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "? Help" in bar_row(app)
        assert_only_whole_keys(app)


def style_of(app, text: str):
    """The style the bar's row draws ``text`` in."""
    strip = app.screen._compositor.render_strips()[-1]
    return next(seg.style for seg in strip if seg.text == text)


async def test_undo_is_dimmed_until_there_is_something_to_undo(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert style_of(app, "u") != style_of(app, "s")
        await pilot.press("s")
        await pilot.pause()
        assert style_of(app, "u") == style_of(app, "s")
        assert "u Undo" in bar_row(app)


async def test_clicking_a_key_presses_it_and_a_dimmed_key_does_nothing(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lab = app.screen
        assert isinstance(lab, LabScreen)
        undo_x = bar_row(app).index("u Undo")
        await pilot.click(KeyBar, offset=(undo_x, 0))
        assert lab.view.state.steps == 0 and not lab.history.can_undo
        await pilot.click(KeyBar, offset=(bar_row(app).index("Step"), 0))
        await pilot.pause()
        assert lab.view.state.steps == 1
        await pilot.click(KeyBar, offset=(undo_x, 0))
        await pilot.pause()
        assert lab.view.state.steps == 0


async def test_bar_follows_the_screen_it_is_on(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "B Book" in bar_row(app)
        await pilot.press("B")
        await pilot.pause()
        assert "] Next ch." in bar_row(app) and "s Step" not in bar_row(app)
        assert_only_whole_keys(app)


async def test_a_key_lit_by_a_step_reaches_the_screen_with_the_step(app, monkeypatch):
    # The first step lights up Undo. Drawn a screen update later, it cost the first key press
    # a second frame (about 30 ms over a pseudo-terminal) instead of one.
    updates = []
    original = type(app)._display

    def record(self, screen, renderable):
        updates.append(renderable)
        original(self, screen, renderable)

    monkeypatch.setattr(type(app), "_display", record)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        updates.clear()
        await pilot.press("s")
        await pilot.pause(0.2)
        rows = [{y for y, _, _ in u.spans} for u in updates if hasattr(u, "spans")]
        assert rows, "the step reached the screen"
        bar_row = app.screen.query_one(KeyBar).region.y
        assert bar_row in rows[0] and len(rows[0]) > 1, rows  # the bar with the step's rows

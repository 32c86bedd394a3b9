"""Kept lines never show something stale, the lab's panes still lay out where they should, and
a row is drawn as Textual would draw it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.values.bounds import VALUE_BOUNDS
from tui.lab.screen import LabScreen
from tui.widgets import kept_lines
from tui.widgets.kept_lines import KeptLines, rows_can_be_restyled
from tui.widgets.key_bar import KeyBar
from tui.widgets.lines import styled_strip
from tui.widgets.number_field import NumberField


def drawn(app) -> list[list[tuple[str, object]]]:
    """Every cell run on screen with its style, as the compositor would send it now."""
    strips = app.screen._compositor.render_strips()
    return [[(seg.text, seg.style) for seg in strip] for strip in strips]


def drawn_from_scratch(app) -> list[list[tuple[str, object]]]:
    """The same, after every widget has forgotten whatever it kept."""
    for widget in app.screen.walk_children(with_self=True):
        if isinstance(widget, KeptLines):
            widget._kept = None
        widget._styles_cache.clear()
    return drawn(app)


async def check(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    assert drawn(app) == drawn_from_scratch(app), f"stale lines after {keys}"


async def test_what_is_kept_matches_a_fresh_drawing_through_a_session(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await check(app, pilot, "s")
        await check(app, pilot, "s", "s")
        await check(app, pilot, "tab")  # focus moves: two fields change style
        await check(app, pilot, "plus")
        await check(app, pilot, "enter", "9")  # the inline editor opens inside a field
        await check(app, pilot, "escape")
        await check(app, pilot, "a")  # a new activation: the curve is redrawn
        await check(app, pilot, "u")
        app.theme = "ansi-dark"  # colour filters and every style change
        await check(app, pilot, "s")
        await pilot.resize_terminal(120, 40)
        await check(app, pilot, "s")



async def test_a_step_styles_only_the_rows_it_changed(app, monkeypatch):
    """Textual styles a whole widget again to repaint any of its rows: its backgrounds looked
    up through every ancestor, every row in view filtered again. A step's seven changed
    widgets draw only their changed rows, styled as they were last styled."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        styled = []
        whole = StylesCache.render_widget
        monkeypatch.setattr(StylesCache, "render_widget",
                            lambda cache, widget, crop: styled.append(widget) or whole(
                                cache, widget, crop))
        before = drawn(app)
        await pilot.press("s")
        await pilot.pause()
        assert drawn(app) != before  # the step changed what shows
        assert styled == []
        assert drawn(app) == drawn_from_scratch(app)


class Rows(KeptLines):
    """Rows of text narrower than the widget, drawn by the widget itself."""

    def __init__(self, classes: str) -> None:
        super().__init__(classes=classes)
        self.texts = ["alpha", "beta", "gamma"]

    def render_line(self, y: int) -> Strip:
        text = self.texts[y] if y < len(self.texts) else ""
        return Strip([Segment(text, Style(color="yellow"))], len(text))

    def change(self, y: int, text: str) -> None:
        self.texts[y] = text
        self.repaint(Region(0, y, self.size.width, 1))


class RowsApp(App[None]):
    CSS = """
    Rows { height: 5; background: darkblue 60%; }
    Rows.framed { border: round red; padding: 0 1; border-title-color: green; }
    Rows.faded { tint: red 30%; text-opacity: 80%; }
    """

    def __init__(self, classes: str) -> None:
        super().__init__()
        self.classes_of_rows = classes

    def compose(self) -> ComposeResult:
        yield Rows(self.classes_of_rows)


class NewRenderLine(StylesCache):
    """A Textual whose render_line needs something its render is not given."""

    def render_line(self, styles, y, size, content_size, padding, base_background,
                    background, render_content_line, border_title, border_subtitle, opacity,
                    ansi_theme, native_ansi, scrollbar_gutter):
        raise AssertionError("never called")


class NoLineCache(StylesCache):
    """A Textual that keeps its styled lines elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        del self._cache


def test_single_rows_are_restyled_only_where_textuals_insides_allow_it():
    """Row styling reads Textual's private StylesCache: this Textual allows it, and one whose
    render_line wants an argument render is not given, or whose cache is elsewhere, does not."""
    assert rows_can_be_restyled(StylesCache) and kept_lines.ROWS_RESTYLED
    assert not rows_can_be_restyled(NewRenderLine)
    assert not rows_can_be_restyled(NoLineCache)


async def test_a_textual_that_changed_its_insides_still_draws_every_step_right(
        app, monkeypatch):
    """Where rows cannot be restyled, a changed widget is drawn whole by Textual, as before
    RowStyler: the lab steps and nothing shown is stale."""
    monkeypatch.setattr(kept_lines, "ROWS_RESTYLED", False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = drawn(app)
        await check(app, pilot, "s")
        assert drawn(app) != before
        await check(app, pilot, "tab", "plus", "s")
        assert all(widget._styles_cache.styled_with is None
                   for widget in app.screen.walk_children() if isinstance(widget, KeptLines))


@pytest.mark.parametrize("classes", ["", "framed", "faded"])
async def test_a_row_drawn_again_is_styled_as_textual_styles_it(classes):
    """Whatever a widget's styles (plain, or a border, padding and title, or a tint), a row
    drawn again on its own is what Textual draws for it, padded, styled and filtered."""
    app = RowsApp(classes)
    async with app.run_test(size=(30, 7)) as pilot:
        rows = app.query_one(Rows)
        rows.border_title = "rows"
        await pilot.pause()
        for y, text in ((0, "a much longer row"), (1, ""), (2, "γ"), (0, "a")):
            rows.change(y, text)
            await pilot.pause()
            assert drawn(app) == drawn_from_scratch(app), (classes, y, text)
        app.theme = "ansi-dark"  # every style changes, and a colour filter comes in
        await pilot.pause()
        rows.change(1, "after the theme")
        await pilot.pause()
        assert drawn(app) == drawn_from_scratch(app)


@pytest.mark.parametrize("chapter", [c.number for c in CHAPTERS])
async def test_every_chapter_lab_keeps_nothing_stale(chapter):
    app = NeuronApp(start="book", chapter=chapter)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for keys in (("s",), ("s", "a"), ("tab",), ("plus",), ("v", "n"), ("u",)):
            await check(app, pilot, *keys)  # keys a chapter does not use do nothing there


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_lab_panes_tile_the_screen(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LabScreen)
        screen = app.screen.region
        panes = {name: app.screen.query_one(f"#{name}").region
                 for name in ("editor", "act-pane", "arith-pane", "train-pane", "cost-pane")}
        for name, region in panes.items():
            assert region.area and screen.contains_region(region), (name, region)
        for a in panes:
            for b in panes:
                assert a == b or not panes[a].overlaps(panes[b]), (a, b)
        assert panes["editor"].right <= panes["act-pane"].x  # side by side on top
        assert panes["train-pane"].right <= panes["cost-pane"].x  # and at the bottom
        for plot in ("#act-plot", "#cost-plot"):
            region = app.screen.query_one(plot).region
            assert region.area and screen.contains_region(region), (plot, region)



class FieldAndBar(App[None]):
    """A number field over a key bar, and nothing else."""

    def compose(self) -> ComposeResult:
        yield NumberField("w", 0.5, VALUE_BOUNDS, id="w")
        yield KeyBar()


async def test_a_field_and_the_key_bar_can_be_drawn_on_their_way_out():
    """Textual may draw a widget once more after removing it, when its part styles are gone."""
    app = FieldAndBar()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        field, bar = app.query_one(NumberField), app.query_one(KeyBar)
        await field.remove()
        await bar.remove()
        app.theme = "nord"  # so no part style the field kept fits any more
        for widget in (field, bar):
            assert not widget._component_styles  # what Textual leaves a removed widget
            widget._rich_style_cache.clear()  # as a refresh before the removal would have
            widget._kept = None
            assert len(widget.render_lines(Region(0, 0, 20, 1))) == 1


_STYLES = st.sampled_from([Style(), Style(bold=True), Style(color="red"),
                           Style(color="blue", bgcolor="yellow", italic=True)])


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.tuples(st.text("ab −σ∂←·∇ᶻ字😀", max_size=12), _STYLES), max_size=6),
       width=st.integers(1, 40), style=_STYLES)
def test_a_row_is_drawn_as_textual_would_pad_and_style_it(pieces, width, style):
    line = Text(end="")
    for text, piece_style in pieces:
        line.append(text, piece_style)
    console = Console(width=200)
    textual_way = Strip(line.render(console)).adjust_cell_length(width).apply_style(style)
    ours = styled_strip(line, console, width, style)
    assert ours.cell_length == width
    assert list(ours) == list(textual_way)


def test_fitting_lines_to_a_width_keeps_no_copy_of_them():
    """Lines that change on every step are measured without Rich's string cache, which kept
    each one (4096 of them: half a megabyte in a lab), and measured as Rich would."""
    from rich.cells import cached_cell_len, cell_len

    from tui.widgets.lines import fits, wrap_lines

    lines = [Text(f"z = {k / 7:.6f} · σ(wᵢ) ＋ b") for k in range(50)]
    before = cached_cell_len.cache_info().currsize
    wrap_lines(lines, 30)
    assert cached_cell_len.cache_info().currsize == before
    for line in lines:
        width = len(line.plain)
        assert all(fits(line.plain, w) == (w >= cell_len(line.plain)) for w in range(width + 3))


async def test_steps_leave_nothing_in_richs_cache_of_measured_strings(app):
    """Rich keeps every string it measures (up to 4,096, each with its key); the numbers a step
    changes are new strings every time: about 15 a step went into that cache."""
    from rich.cells import cached_cell_len

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        before = cached_cell_len.cache_info().currsize
        for _ in range(10):
            await pilot.press("s")
        await pilot.pause()
        assert cached_cell_len.cache_info().currsize == before


@settings(max_examples=300, deadline=None)
@given(text=st.text("ab −σ∂←·∇ᶻ字😀\u200d\ufe0f\x1b\t", max_size=20))
def test_cells_are_counted_as_rich_counts_them(text):
    from rich.cells import cell_len

    from tui.widgets.lines import cells

    assert cells(text) == cell_len(text)

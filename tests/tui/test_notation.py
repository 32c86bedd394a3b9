"""The notation page: N opens it anywhere, the palette has it, it is whole at 80×24, and it
lists every symbol the book uses, each where the book first uses it; σ means only the sigmoid."""

from __future__ import annotations

import re

import pytest

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.screens.notation import SECTIONS, NotationScreen, notation_plain

ENTRIES = [e for _, entries in SECTIONS for e in entries]
MATH = re.compile(r"[α-ωΑ-Ω∂∇Σ√≈←∞]")
SIGMOID_ONLY = re.compile(r"σ(?![(′])")
"""σ not followed by "(" or "′": a σ that is not the sigmoid applied to something."""


def _prose(number: int) -> str:
    return CHAPTERS[number - 1].prose()


async def test_n_opens_the_notation_page_in_the_book_and_the_lab(private_config_dir):
    """N is the app's own key: from a chapter, from one whose lab has focused fields, and from
    the lab (every chapter would take a minute)."""
    app = NeuronApp(chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for number in (1, 6):
            if number != app.screen.number:
                await app.screen.show_chapter(number)
            await pilot.press("N")
            await pilot.pause()
            assert isinstance(app.screen, NotationScreen), number
            assert "Notation" in screen_text(app)
            await pilot.press("N")
            await pilot.pause()
            assert app.screen.number == number  # back on the same chapter
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotationScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "lab" and not isinstance(app.screen, NotationScreen)


async def test_the_palette_opens_the_notation_page(private_config_dir):
    app = NeuronApp(chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        command = next(c for c in app.get_system_commands(app.screen) if "Notation" in c.title)
        assert "N" in command.help
        await command.callback()  # palette commands run as coroutines (they close what is over)
        await pilot.pause()
        assert isinstance(app.screen, NotationScreen)


def _box_rows(text: str) -> list[str]:
    """The text inside the page's rounded box, row by row."""
    rows = []
    for line in text.splitlines():
        if line.count("│") >= 2:
            rows.append(line[line.index("│") + 1:line.rindex("│")].rstrip(" ▁▂▃▄▅▆▇█"))
    return rows


async def test_every_entry_can_be_read_whole_at_80x24(private_config_dir):
    """Page by page from top to bottom, each entry's full line is on screen: nothing is cut."""
    app = NeuronApp(chapter=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N")
        await pilot.pause()
        scroll = app.screen.query_one("VerticalScroll")
        assert scroll.max_scroll_y > 0  # it does not fit one screen, so scrolling is tested
        seen: list[str] = []
        covered = 0  # rows of the page read so far
        while True:
            rows = _box_rows(screen_text(app))
            top = round(scroll.scroll_y)
            seen += rows[covered - top:]
            covered = top + len(rows)
            if top >= scroll.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        flowing = " ".join(" ".join(seen).split())
        for e in ENTRIES:
            whole = " ".join(f"• {e.symbol}: {e.meaning} (ch. {e.chapter})".split())
            assert whole in flowing, whole


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.symbol)
def test_each_symbol_is_used_in_the_chapter_the_page_names(entry):
    assert entry.found_by in _prose(entry.chapter), (
        f"{entry.found_by!r} is not in chapter {entry.chapter}: correct its entry in "
        "tui/screens/notation.py")


FIRST_USE_EXCUSED = {"←": "chapter 2's ← is the arrow key, not 'becomes'"}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.symbol)
def test_no_earlier_chapter_uses_the_symbol_before_the_chapter_the_page_names(entry):
    """The page gives "the chapter that introduces it": no earlier chapter may use it already
    (× meant "times" in chapter 2, while the page said chapter 3)."""
    if entry.symbol in FIRST_USE_EXCUSED:
        return
    earlier = [n for n in range(1, entry.chapter) if entry.found_by in _prose(n)]
    assert not earlier, f"{entry.found_by!r} is already in chapter(s) {earlier}: {entry}"


def test_an_l_number_that_is_not_a_layer_is_on_the_page():
    """L1 … L5 are chapter 7's layers; chapters 10 and 12 write L2 for a penalty on weights.
    Any other meaning of an L-number must have its own entry, so a learner can tell them apart."""
    other = {m.group(0) for n in range(1, len(CHAPTERS) + 1) if n != 7
             for m in re.finditer(r"\bL\d\b", _prose(n))}
    assert other, "no chapter but 7 writes an L-number any more: drop this test"
    for use in other:
        assert any(e.symbol == f"{use} penalty" for e in ENTRIES), f"{use} has no entry"


def test_every_matrix_entry_the_book_writes_is_on_the_page():
    """W[i, k], N[i, j], P[i, j]: each matrix the prose indexes has its own entry."""
    page = notation_plain()
    for ch in CHAPTERS:
        for name in set(re.findall(r"\b([A-Z])\[i, [jk]\]", ch.prose())):
            assert re.search(rf"^{name}\[i, [jk]\]:", page, flags=re.M), (ch.number, name)


def test_every_greek_letter_and_operator_in_the_book_is_on_the_page():
    page = notation_plain()
    for ch in CHAPTERS:
        missing = set(MATH.findall(ch.prose())) - set(page)
        assert not missing, (f"chapter {ch.number} uses {sorted(missing)}: add them to the "
                             "notation page, tui/screens/notation.py")


@pytest.mark.parametrize("chapter", range(1, len(CHAPTERS) + 1))
def test_sigma_means_only_the_sigmoid_in_the_prose(chapter):
    prose = _prose(chapter)
    stray = [prose[max(m.start() - 30, 0):m.end() + 10] for m in SIGMOID_ONLY.finditer(prose)]
    assert not [s for s in stray if "sigmoid σ" not in s], stray


async def test_sigma_means_only_the_sigmoid_in_every_lab(private_config_dir):
    """What each chapter's lab shows as it opens: σ( and σ′ only, never a σ for a spread."""
    app = NeuronApp(chapter=1)
    async with app.run_test(size=(120, 40)) as pilot:
        for number in range(1, len(CHAPTERS) + 1):
            await app.screen.show_chapter(number)
            await pilot.pause()
            lab = app.screen.query_one("#lab-holder").region
            shown = "\n".join(line[lab.x:lab.right] for line in screen_text(app).splitlines())
            assert not SIGMOID_ONLY.findall(shown), (number, shown)

"""Every character on every screen reads at 4.5:1 or more, however the terminal draws colour.

The default theme at 256 and 16 colours (xterm's palette), the ANSI themes in the terminal's
own palette, and NO_COLOR's greys: the free lab in its states, every chapter with a verdict
under its lab, the playground, help, the contents and a file dialog. tests/tui/contrast.py reads the cells.
"""

from __future__ import annotations

import pyte
import pytest
from rich.style import Style

from tests.tui.contrast import is_text, low_contrast
from tests.tui.pty_run import PtyApp
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.drawing.contrast import SYSTEMS, ReadableColours, ratio, seen, xterm_rgb

LOOKS = [("textual-dark", "256"), ("textual-dark", "standard"), ("ansi-dark", "256"),
         ("ansi-light", "256")]
"""(theme, colours): the default theme over ssh and at 16 colours, and both ANSI themes."""


class Looks:
    """Shows the screen on show in each look and collects the colours that do not read."""

    def __init__(self, app: NeuronApp, pilot, looks: list[tuple[str, str]]) -> None:
        self.app, self.pilot, self.looks = app, pilot, looks
        self.found: set[str] = set()
        self.filter = next(f for f in app._filters if isinstance(f, ReadableColours))

    async def check(self, where: str) -> None:
        """Every look of the screen as it is now."""
        for theme, system in self.looks:
            self.app.theme = theme
            self.filter.system = SYSTEMS[system]
            for widget in self.app.screen.walk_children(with_self=True):
                widget.refresh()  # draw again for the terminal's colours
            await self.pilot.pause()
            dark = self.app.current_theme.dark
            self.found |= {f"{theme} at {system} colours, {where}: {line}"
                           for line in low_contrast(self.app.screen, system, dark)}


async def look_everywhere(looks: Looks, pilot) -> None:
    for keys, where in (((), "lab"), (("s", "s", "space", "space"), "lab in phase 2"),
                        (("question_mark",), "help"), (("escape", "W"), "save dialog"),
                        (("escape", "B"), "book")):
        await pilot.press(*keys)
        await looks.check(where)
    for chapter in CHAPTERS:
        await looks.app.screen.show_chapter(chapter.number)
        await pilot.press("e", "1", "enter")  # a choice answered, or 1 typed as a number
        await looks.check(f"chapter {chapter.number} with a verdict")
    await pilot.press("t")
    await looks.check("contents")
    await pilot.press("escape")
    await looks.app.open_playground()
    await pilot.press("s")
    await looks.check("playground")


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_every_character_reads_at_4_5_to_1(no_color, monkeypatch, tmp_path):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = NeuronApp(start="lab", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        looks = Looks(app, pilot, [("textual-dark", "256")] if no_color else LOOKS)
        await look_everywhere(looks, pilot)
    assert not looks.found, "\n".join(sorted(looks.found))


PYTE_16 = ["black", "red", "green", "brown", "blue", "magenta", "cyan", "white"]


def pyte_rgb(name: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
    """The xterm colour of a pyte colour name ("default", "red", "brightred", …)."""
    if name == "default":
        return default
    bright = name.startswith("bright")
    return xterm_rgb(PYTE_16.index(name.removeprefix("bright")) + 8 * bright)


def test_a_16_colour_terminal_over_a_real_pty_gets_readable_text(tmp_path):
    """The filter takes the colour system from the real terminal, not from a test's setting:
    the key bar's bright red keys on bright black (1:1) are read through a terminal emulator."""
    app = PtyApp(["--lab"], (100, 30), {"NEURON_TUI_CONFIG_DIR": str(tmp_path),
                                        "TEXTUAL_COLOR_SYSTEM": "standard"})
    screen = pyte.Screen(100, 30)
    try:
        pyte.ByteStream(screen).feed(app.read_until_quiet(until=b"Cost over steps"))
    finally:
        app.stop()
    low = []
    for y in range(30):
        for x in range(100):
            cell = screen.buffer[y][x]
            if not is_text(cell.data):
                continue
            fg = pyte_rgb(cell.fg, (229, 229, 229))
            bg = pyte_rgb(cell.bg, (0, 0, 0))
            if cell.reverse:
                fg, bg = bg, fg
            if ratio(fg, bg) < 4.5:
                low.append((y, x, cell.data, cell.fg, cell.bg))
    assert screen.display[-1].startswith("s Step") and not low, low[:10]


def picture_cells(app: NeuronApp) -> dict[tuple[int, int], tuple]:
    """Every half-block pixel pair on screen, with the colours that go out for it."""
    cells = {}
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            if segment.style and segment.text.strip() and set(segment.text) <= {"▀", "▄"}:
                for k in range(len(segment.text)):
                    cells[x + k, y] = (segment.style.color, segment.style.bgcolor)
            x += len(segment.text)
    return cells


async def test_pictures_are_drawn_in_their_own_colours(tmp_path):
    """The contrast filter leaves a picture's pixels alone: two neighbouring pixels of nearly
    one colour (a digit's soft edge, a weight near zero, a map's boundary) are the picture, and
    'raising' one would draw a pixel that is not there. Chapters 10 and 11's images and the
    playground's map, in each look, match what they are with the filter off."""
    app = NeuronApp(start="lab", progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(100, 30)) as pilot:
        looks = Looks(app, pilot, [])
        await pilot.press("B")
        close_pairs = 0
        for where in (10, 11, "playground"):
            if where == "playground":
                await app.open_playground()
            else:
                await app.screen.show_chapter(where)
            await pilot.pause()
            for theme, system in LOOKS:
                drawn = []
                for enabled in (True, False):
                    looks.filter.enabled = enabled
                    looks.looks = [(theme, system)]
                    await looks.check(str(where))
                    drawn.append(picture_cells(app))
                looks.filter.enabled = True
                assert drawn[0], f"no picture in {where} ({theme}, {system})"
                assert drawn[0] == drawn[1], f"{where} ({theme}, {system}) drawn in other colours"
                dark = app.current_theme.dark
                close_pairs += sum(
                    ratio(*seen(Style(color=fg, bgcolor=bg), SYSTEMS[system], dark)) < 4.5
                    for fg, bg in drawn[1].values())
        assert close_pairs, "no pixel pair the filter would have taken for unreadable text"


@pytest.mark.parametrize("system", ["256", "standard"])
@pytest.mark.parametrize("dark", [True, False])
def test_reversed_text_is_made_readable_in_the_colour_it_is_drawn_in(system, dark):
    """Chapter 9's misclassified point is black reversed on red: the terminal fills the cell
    red and draws the mark black (3.6:1 in ANSI red). The colour replaced is the background,
    which a reversed cell draws the text in; the red fill stays."""
    from rich.color import Color as RichColor

    from tui.drawing.contrast import MINIMUM, readable
    colours = SYSTEMS[system]
    for fill in (1, 5, 4, 8):  # red, magenta, blue, bright black
        # on black, on the terminal's default background (an ANSI theme's), on none given
        for ink in (RichColor.from_ansi(0), RichColor.default(), None):
            style = Style(color=RichColor.from_ansi(fill), bgcolor=ink, reverse=True)
            fixed = readable(style, colours, dark)
            assert fixed.reverse and fixed.color == style.color
            assert ratio(*seen(fixed, colours, dark)) >= MINIMUM, (fill, ink)

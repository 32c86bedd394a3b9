"""Nothing is cut at a pane's edge: every screen, at 80×24, 100×30 and 120×40.

At 80×24, where room is shortest, the app is walked through every screen in every state worth
seeing: every chapter (prose, the lab after each of its keys and in the states the issue found
cut, each exercise with its verdict), the notation page, the free lab, the playground after
its keys, help, the contents and every dialog. At 100×30 and 120×40 each of those screens is
seen again in fewer states (a chapter as it opens, in its STATES and with a verdict; the labs
and the playground in one state each): a wider pane rarely cuts what a narrower one showed
whole, and the full tour at three sizes took three minutes. The audit (tests/tui/readable.py)
names every line that does not fit the room it has.
"""

from __future__ import annotations

from tests.tui.readable import find_cuts
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS

SIZES = ((80, 24), (100, 30), (120, 40))

STATES = {
    1: ["tab", "tab", "tab", "tab", "enter", "minus", "5", "enter"],  # b = −5
    5: ["enter", "9", "enter", "s", "s", "s", "s"],  # η = 9: the descent diverges
}
"""Keys that bring a chapter's lab to a state worth seeing, after its own keys."""
LEAVES = {"run", "playground"}
"""Lab keys the tour leaves alone: a run would go on under every look; G opens the playground,
which has a look of its own."""


class Audit:
    """Presses keys in the app and records whatever is cut on screen after each."""

    def __init__(self, app: NeuronApp, pilot) -> None:
        self.app, self.pilot = app, pilot
        self.cuts: set[str] = set()
        self.where = ""

    async def look(self, *keys: str) -> None:
        """Press ``keys`` (if any), let the screen settle, and note every cut."""
        for key in keys:
            await self.pilot.press(key)
        await self.pilot.pause()
        size = self.app.size
        for cut in find_cuts(self.app.screen):
            self.cuts.add(f"{size.width}×{size.height} {self.where}: {cut}")


async def tour_chapter(audit: Audit, number: int, every_key: bool = True) -> None:
    """The chapter as it opens, after each of its lab's keys (with ``every_key``), in its
    STATES, and each exercise with a verdict (the first only, without ``every_key``)."""
    audit.where = f"chapter {number}"
    await audit.app.screen.show_chapter(number)
    await audit.look()
    for binding in CHAPTERS[number - 1].lab_class.BINDINGS if every_key else ():
        if binding.action not in LEAVES:
            await audit.look(binding.key.split(",")[0])
    if number in STATES:
        await audit.look(*STATES[number])
    await audit.look("e")
    for _ in CHAPTERS[number - 1].exercises if every_key else [None]:
        await audit.look("1", "enter")  # a choice's first option, or 1 typed as a number
        await audit.look("n")


async def look_at_notation(audit: Audit) -> None:
    """The notation page (N), at its top and paged to its end."""
    audit.where = "notation"
    await audit.look("N")
    assert type(audit.app.screen).__name__ == "NotationScreen"
    await audit.look("end")
    await audit.look("escape")


async def look_at_book_pages(audit: Audit) -> None:
    """The book's help, contents and notation page."""
    audit.where = "book help"
    await audit.look("question_mark")
    await audit.look("escape")
    audit.where = "contents"
    await audit.look("t")
    await audit.look("escape")
    await look_at_notation(audit)


FREE_LAB_KEYS = ("space", "space", "space", "space", "d", "d", "d", "d", "d", "s", "y")
"""The free lab's phases, datasets, a step and its state string."""
PLAYGROUND_KEYS = ("s", "d", "a", "plus", "greater_than_sign", "o", "l", "e", "v", "x", "t")
"""The playground's epoch, data, activation, a neuron and a layer more, output, loss,
regularisation, curves, discretised map and points shown."""


async def tour_lab(audit: Audit, every_key: bool = True) -> None:
    """The free lab after each of FREE_LAB_KEYS, its help and dialogs, the command palette,
    and the playground after each of PLAYGROUND_KEYS, its help and dialogs (without
    ``every_key``: each screen in one state)."""
    audit.where = "free lab"
    await audit.look("L")
    for key in FREE_LAB_KEYS if every_key else ("s",):
        await audit.look(key)
    audit.where = "free lab help"
    await audit.look("question_mark")
    await audit.look("escape")
    for key, name in (("W", "save"), ("O", "open")) if every_key else ():
        audit.where = f"{name} dialog"
        await audit.look(key)
        await audit.look("escape")
    if every_key:
        audit.where = "command palette"
        await audit.look("ctrl+p")
        await audit.look("escape")
    audit.where = "playground"
    await audit.app.open_playground()
    for key in PLAYGROUND_KEYS if every_key else ("s",):
        await audit.look(key)
    for key, name in (("question_mark", "help"), ("W", "save dialog"), ("c", "CSV dialog")):
        if every_key or key == "question_mark":
            audit.where = f"playground {name}"
            await audit.look(key)
            await audit.look("escape")
    await audit.look("B")


async def test_no_text_is_cut_on_any_screen_in_any_state_at_80x24(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SIZES[0]) as pilot:
        audit = Audit(app, pilot)
        for chapter in CHAPTERS:
            await tour_chapter(audit, chapter.number)
        await look_at_book_pages(audit)
        await tour_lab(audit)
    assert not audit.cuts, "cut:\n" + "\n".join(sorted(audit.cuts))


async def test_no_text_is_cut_on_any_screen_at_the_larger_standard_sizes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SIZES[1]) as pilot:
        audit = Audit(app, pilot)
        for size in SIZES[1:]:
            await pilot.resize_terminal(*size)
            for chapter in CHAPTERS:
                await tour_chapter(audit, chapter.number, every_key=False)
            await look_at_book_pages(audit)
            await tour_lab(audit, every_key=False)
    assert not audit.cuts, "cut:\n" + "\n".join(sorted(audit.cuts))

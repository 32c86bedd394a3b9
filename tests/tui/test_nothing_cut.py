"""Nothing is cut at a pane's edge: every screen, at 80×24, 100×30 and 120×40.

One app is resized in place and walked through every chapter (prose, lab and each exercise
with its verdict), the free lab, the playground, help, the contents and every dialog. Each lab is shown after
each of its keys, and in the states the issue found cut (a negative bias, a diverged descent),
and the audit (tests/tui/readable.py) names every line that does not fit the room it has.
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


async def tour_chapter(audit: Audit, number: int) -> None:
    """The chapter as it opens, after each of its lab's keys, in its STATES, and each exercise."""
    audit.where = f"chapter {number}"
    await audit.app.screen.show_chapter(number)
    await audit.look()
    for binding in CHAPTERS[number - 1].lab_class.BINDINGS:
        if binding.action not in LEAVES:
            await audit.look(binding.key.split(",")[0])
    if number in STATES:
        await audit.look(*STATES[number])
    await audit.look("e")
    for _ in CHAPTERS[number - 1].exercises:
        await audit.look("1")
        await audit.look("n")


async def look_at_notation(audit: Audit) -> None:
    """The notation page (N), at its top and paged to its end."""
    audit.where = "notation"
    await audit.look("N")
    assert type(audit.app.screen).__name__ == "NotationScreen"
    await audit.look("end")
    await audit.look("escape")


async def tour_lab(audit: Audit) -> None:
    """The free lab, its help, its dialogs and the state string it shows."""
    audit.where = "free lab"
    await audit.look("L")
    for key in ("space", "space", "space", "space", "d", "d", "d", "d", "d", "s", "y"):
        await audit.look(key)
    audit.where = "free lab help"
    await audit.look("question_mark")
    await audit.look("escape")
    for key, name in (("W", "save"), ("O", "open")):
        audit.where = f"{name} dialog"
        await audit.look(key)
        await audit.look("escape")
    audit.where = "command palette"
    await audit.look("ctrl+p")
    await audit.look("escape")
    audit.where = "playground"
    await audit.app.open_playground()
    for key in ("", "s", "d", "a", "plus", "greater_than_sign"):
        await audit.look(*filter(None, [key]))
    await audit.look("B")


async def test_no_text_is_cut_on_any_screen_at_any_standard_size(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=SIZES[0]) as pilot:
        audit = Audit(app, pilot)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            for chapter in CHAPTERS:
                await tour_chapter(audit, chapter.number)
            audit.where = "book help"
            await audit.look("question_mark")
            await audit.look("escape")
            audit.where = "contents"
            await audit.look("t")
            await audit.look("escape")
            await look_at_notation(audit)
            await tour_lab(audit)
    assert not audit.cuts, "cut:\n" + "\n".join(sorted(audit.cuts))

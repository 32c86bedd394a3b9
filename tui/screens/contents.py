"""The table of contents: every chapter with the reader's progress, and the free lab."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.book.chapter import CHAPTERS
from tui.book.exercise import Challenge
from tui.storage.progress import Progress
from tui.widgets.option_lists import NarrowSafe

LAB = 0
"""The option that opens the free-form lab."""
PLAYGROUND = -1
"""The option that opens the playground."""
KEY = "▸ open now   · visited   ✓ every exercise and challenge solved"
"""What the marks on a chapter's row mean, shown under the list."""


def chapter_line(number: int, progress: Progress) -> str:
    """"▸ 3  Logits and softmax     · 2/5 exercises, 0/1 challenge": ▸ marks the chapter open
    now, ✓ one with everything solved, · one visited (KEY says so on the page, and "·" is
    nothing else on the row)."""
    ch = CHAPTERS[number - 1]
    challenges = {e.id for e in ch.exercises if isinstance(e, Challenge)}
    exercises = {e.id for e in ch.exercises} - challenges
    ex = len(progress.solved.get(number, set()) & exercises)
    chs = len(progress.challenges.get(number, set()) & challenges)
    done = ex == len(exercises) and chs == len(challenges)
    seen = "✓" if done else ("·" if number in progress.visited else " ")
    here = "▸" if number == progress.chapter else " "
    line = f"{here}{number:>2}  {ch.title:26} {seen} {ex}/{len(exercises)} exercises"
    if challenges:
        line += f", {chs}/{len(challenges)} challenge{'s' if len(challenges) > 1 else ''}"
    return line


class ContentsScreen(ModalScreen[int | None]):
    """Pick a chapter (enter, or its digit), the lab (0) or the playground (G); escape goes back."""

    BINDINGS = [Binding("escape,t", "close", "Close"),
                Binding("G", f"pick({PLAYGROUND})", "Playground", show=False)] + [
        Binding(str(n), f"pick({n})", f"Chapter {n}", show=False) for n in range(0, 10)
    ]

    DEFAULT_CSS = """
    /* An opaque page, not the book dimmed behind a box: dimming changed the colour of every
       cell of the book, so opening the contents sent more than a whole screen (19.4 KB where
       the book's screen is 18.4 KB); a plain page is a third of that. */
    ContentsScreen { align: center middle; background: $background; }
    ContentsScreen > Vertical { width: 74; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1; }
    /* The heading wraps to the dialog's width and stays on top; the list takes the rows left
       under it, and scrolls where they are too few (a phone's 15 rows leave it 9). */
    ContentsScreen Label { dock: top; width: 100%; }
    ContentsScreen #key { dock: bottom; }
    ContentsScreen OptionList, ContentsScreen OptionList:focus {
        height: auto; max-height: 100%; border: none; }
    """

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress
        self._dismissing = False

    def compose(self) -> ComposeResult:
        """The chapters, then the lab and the playground; under them, what the marks mean."""
        with Vertical():
            yield Label("Contents · enter, a digit or G opens · escape closes")
            options = [Option(chapter_line(ch.number, self.progress), id=str(ch.number))
                       for ch in CHAPTERS]
            options.append(Option("  0  The lab: one neuron, every setting", id=str(LAB)))
            options.append(Option("  G  The playground: a small network on points in the plane",
                                  id=str(PLAYGROUND)))
            yield NarrowSafe(*options)
            yield Label(KEY, id="key")

    def on_mount(self) -> None:
        """Highlight the chapter open now."""
        options = self.query_one(OptionList)
        options.highlighted = self.progress.chapter - 1
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open what was chosen."""
        self._close(int(event.option.id or 0))

    def action_pick(self, number: int) -> None:
        """A digit: open that chapter (0 is the lab); a digit with no chapter rings the bell."""
        if number in (LAB, PLAYGROUND) or 1 <= number <= len(CHAPTERS):
            self._close(number)
        else:
            self.app.bell()

    def action_close(self) -> None:
        """Escape: back to the book, nothing chosen."""
        self._close(None)

    def _close(self, choice: int | None) -> None:
        # Keys can arrive faster than the screen closes (enter and a digit in one burst), and
        # the screen stays current until the close is done: only the first choice counts, so
        # a closing screen is never dismissed twice (which would pop the book as well).
        if self.is_current and not self._dismissing:
            self._dismissing = True
            self.dismiss(choice)

"""The book: a chapter's prose, with its exercises under it, beside its live lab.

The exercises sit under the prose rather than under the lab: the lab keeps the whole height
its maps and tables need, and a long verdict shortens the prose, which scrolls, instead of
cutting off the lab's last lines (a verdict under chapter 9's lab left its map 5 rows).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.cells import cell_len
from textual import events, on
from textual._styles_cache import StylesCache
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget

from tui import collector
from tui.book.chapter import CHAPTERS, Chapter
from tui.book.exercise import Challenge
from tui.book.exercise_panel import ExercisePanel
from tui.book.lab_base import ChapterLab
from tui.screens.contents import LAB, PLAYGROUND, ContentsScreen
from tui.screens.panes import Panes
from tui.screens.too_small import COMPACT_BELOW
from tui.widgets.key_bar import KeyBar
from tui.widgets.book_text import BookText
from tui.widgets.prose_blocks import parse


PRELOAD_AFTER = 0.4
"""Seconds a chapter is on show before the book loads what its neighbours will need."""


class BookScreen(Panes):
    """Reads chapter by chapter; the lab's own keys work while the focus is in the lab.

    Below 80×24 it shows the prose, the lab or the exercises, one at a time (P: the next).
    """

    PANES = ("#prose", "#lab-holder", "#exercise")

    AUTO_FOCUS = ""
    """No focus before the chapter gives it to its lab: Textual's first guess (the prose) made
    it re-style the prose and every paragraph in it again, a quarter of the book's start."""

    BINDINGS = [
        Binding("right_square_bracket", "chapter(1)", "Next ch.", key_display="]"),
        Binding("left_square_bracket", "chapter(-1)", "Prev ch.", key_display="["),
        Binding("t", "contents", "Contents", priority=True),  # a digit in the same read picks
        Binding("e", "exercise", "Exercise", priority=True),  # see tui/widgets/key_order.py
        Binding("pagedown", "scroll_prose(1)", "Scroll text down", key_display="pgdn", show=False,
                tooltip="the prose, or the exercises while they have the focus; on a small "
                "terminal, the pane on show"),
        Binding("pageup", "scroll_prose(-1)", "Scroll text up", key_display="pgup", show=False,
                tooltip="the prose, or the exercises while they have the focus; on a small "
                "terminal, the pane on show"),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]

    def __init__(self, chapter: int) -> None:
        super().__init__()
        self.number = chapter
        self._switching = asyncio.Lock()
        self._preloads: list[Callable[[], object]] = []
        self._preload_timer: Timer | None = None

    @property
    def chapter(self) -> Chapter:
        """The chapter open now."""
        return CHAPTERS[self.number - 1]

    def compose(self) -> ComposeResult:
        """Prose and its exercises on the left; the lab on the right."""
        with Horizontal():
            with Vertical(id="text-col"):
                with VerticalScroll(id="prose"):
                    yield BookText(id="prose-text")
                yield ExercisePanel(id="exercise")
            yield Vertical(id="lab-holder")
        yield KeyBar()

    async def on_mount(self) -> None:
        """Open the chapter given at start."""
        await self.show_chapter(self.number)

    def on_resize(self) -> None:
        """Compact borders on short terminals, as in the lab; one pane at a time on small ones."""
        self.set_class(self.size.height < COMPACT_BELOW or self.one_pane, "-compact")
        self.arrange_panes()
        self._show_titles()

    def focus_pane(self) -> None:
        """The prose takes the focus itself (arrows and pages scroll it); the lab its first
        field; the exercises theirs."""
        pane = self.shown_pane
        if pane.id == "prose":
            pane.focus()
        elif pane.id == "lab-holder":
            self.lab.focus_first()
        else:
            self.query_one(ExercisePanel).enter()

    @property
    def lab(self) -> ChapterLab:
        """The chapter's lab."""
        return self.query_one("#lab-holder").query_one(ChapterLab)

    async def show_chapter(self, number: int) -> None:
        """Replace prose, lab and exercises with chapter ``number``'s, and remember the place.

        Switches run one at a time, however fast the keys that ask for them arrive.
        """
        async with self._switching:
            # One repaint for the whole switch, not one per removed or mounted part, nor more
            # while the new lab and prose lay themselves out afterwards.
            with self.app.holding():
                await self._show_chapter(number)
            # Textual caches a colour pair per StylesCache with lru_cache on a method, so the
            # cache keeps up to 1,024 removed widgets' rendered lines alive (5 MB more each
            # time the book is read through): let them go with the widgets.
            StylesCache.get_inner_outer.cache_clear()

    async def _show_chapter(self, number: int) -> None:
        self.number = number
        ch = self.chapter
        holder = self.query_one("#lab-holder")
        # Let go of the focus first: removing the focused field made Textual hand it to the
        # prose, and re-style the prose and every paragraph in it twice (60-100 ms a switch).
        self.set_focus(None)
        await holder.remove_children()
        _forget_queries(holder)
        lab = ch.lab_class()
        await holder.mount(lab)
        self.query_one("#prose-text", BookText).update(ch.prose())
        self.query_one("#prose", VerticalScroll).scroll_home(animate=False)
        self._show_titles()
        progress = self.app.progress
        solved = progress.solved.get(number, set()) | progress.challenges.get(number, set())
        self.query_one(ExercisePanel).load(list(ch.exercises), lab, solved)
        if self.one_pane:
            self.focus_pane()
        else:
            lab.focus_first()
        self.app.record_place("book", number)
        self._plan_preloads(number)

    def _plan_preloads(self, number: int) -> None:
        """While the reader reads, load the next chapter's lab, exercises and text (and then
        the previous one's) a piece at a time, so that ``]`` and ``[`` find them ready: the
        first visit to a chapter otherwise spent about 350 ms of CPU in its switch importing
        its lab, its exercises and plotext and parsing its text. Last, a whole pass of the
        collector, which the loading would otherwise leave due in the reader's next key."""
        near = [CHAPTERS[n - 1] for n in (number + 1, number - 1) if 1 <= n <= len(CHAPTERS)]
        self._preloads = [step for ch in near for step in
                          (lambda ch=ch: ch.lab_class, lambda ch=ch: ch.exercises,
                           lambda ch=ch: parse(ch.prose()))]
        self._preloads.insert(3 if near else 0, _import_plotext)
        self._preloads.append(collector.collect)
        if self._preload_timer is not None:
            self._preload_timer.stop()
        self._preload_timer = self.set_timer(PRELOAD_AFTER, self._preload_one)

    def _preload_one(self) -> None:
        """One piece of the loading planned above; the rest later, unless keys are waiting."""
        if not self._preloads or not self.is_attached:
            return
        if self.app.keys.settled() and not self._switching.locked():
            self._preloads.pop(0)()
        self._preload_timer = self.set_timer(0.05, self._preload_one)

    def _show_titles(self) -> None:
        """The chapter in the prose's title, where to find it in the book and how to page it
        under it; with no room under it (compact), as much of that as fits in the title."""
        ch = self.chapter
        prose = self.query_one("#prose")
        title, keys = f"{ch.number} · {ch.title}", "pgup/pgdn"
        width = prose.outer_size.width
        if self.has_class("-compact"):  # a rule with a title, no corners and no foot
            prose.border_title = _fitted((title, keys), width - 2)
            prose.border_subtitle = ""
        else:
            prose.border_title = title
            prose.border_subtitle = _fitted((f"chapter {ch.number} of {len(CHAPTERS)}", keys),
                                            width - 4, keep_first=False)
        self.query_one("#lab-holder").border_title = f"Lab · {ch.title}"
        # alone on the screen, the exercises need a name as the other panes have
        self.query_one("#exercise").border_title = "Exercises" if self.one_pane else ""

    async def action_chapter(self, by: int) -> None:
        """Next or previous chapter (the bell at either end)."""
        target = self.number + by
        if 1 <= target <= len(CHAPTERS):
            await self.show_chapter(target)
        else:
            self.app.bell()

    def action_contents(self) -> None:
        """The table of contents."""
        self.app.push_screen(ContentsScreen(self.app.progress), self._picked)

    def _picked(self, choice: int | None) -> None:
        # Runs while the contents screen is still closing: act once this screen is back.
        if choice == LAB:
            self.call_later(self.app.action_open_lab)
        elif choice == PLAYGROUND:
            self.call_later(self.app.open_playground)
        elif choice is not None:
            self.call_later(self.show_chapter, choice)

    def action_exercise(self) -> None:
        """Focus the exercise on show: its answer field, or the panel for a choice (on a small
        terminal, show the exercises first)."""
        if self.one_pane:
            self.show_pane("#exercise")
        else:
            self.query_one(ExercisePanel).enter()

    def on_key(self, event: events.Key) -> None:
        """``e`` that waited behind earlier keys (see check_action) acts when it gets here."""
        if event.key == "e":
            event.stop()
            self.action_exercise()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``e`` acts on arrival only when no earlier key is still on its way."""
        if action == "exercise":
            return self.app.keys.settled() or None
        return True

    def action_scroll_prose(self, direction: int) -> None:
        """Page the prose without moving the focus out of the lab, or the exercises while
        they have the focus (a long verdict scrolls); on a small terminal, whichever pane is
        on show."""
        if self.one_pane:
            self.scroll_pane(direction)
            return
        exercise = self.query_one("#exercise")
        focused = self.focused is not None and exercise in self.focused.ancestors_with_self
        pane = exercise if focused else self.query_one("#prose", VerticalScroll)
        (pane.scroll_page_down if direction > 0 else pane.scroll_page_up)(animate=False)

    @on(ChapterLab.Changed)
    def _lab_changed(self) -> None:
        self.query_one(ExercisePanel).lab_changed()

    @on(ExercisePanel.Solved)
    def _solved(self, event: ExercisePanel.Solved) -> None:
        self.app.record_solved(self.number, event.item.id,
                               challenge=isinstance(event.item, Challenge))


def _forget_queries(node: Widget) -> None:
    """Drop what ``query_one`` remembered on ``node`` and its ancestors. Textual keys each
    answer by the number of changes to the children so far, so an old answer is never given
    again, but it stays in the cache (up to 1,024 of them): the lab holder's kept every lab
    the reader had left, with its widgets, drawn lines and arrays."""
    for each in node.ancestors_with_self:
        each._query_one_cache.clear()


def _import_plotext() -> None:
    """Load plotext, which the first plot a chapter draws needs."""
    from tui.drawing.plotext_module import plotext

    plotext()


def _fitted(parts: tuple[str, str], room: int, keep_first: bool = True) -> str:
    """Both parts joined by " · " if that fits in ``room`` cells; else the first (or with
    ``keep_first`` False, the second)."""
    both = f"{parts[0]} · {parts[1]}"
    return both if cell_len(both) <= room else parts[0 if keep_first else 1]

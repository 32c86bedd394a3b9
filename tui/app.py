"""The neuron-tui application: modes, keys, the palette, and the reader's place."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand
from textual.geometry import Size
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen

from tui import collector
from tui.drawing.contrast import ReadableColours
from tui.drawing.css_once import reparse_on_change
from tui.drawing.held_updates import HeldUpdates
from tui.drawing.lean_strips import make_caches_when_used
from tui.screens.panes import Panes
from tui.widgets.key_order import KeyTracker

if TYPE_CHECKING:  # the lab's modules load with the lab, not with the app
    from core.neuron.train import TrainState
    from tui.lab.screen import LabScreen

START_QUIET = 0.5
"""Seconds after the first screen at which the collector, held through the start, is released."""

N_CHAPTERS = 12
"""Chapters in the book (checked against the book itself by a test)."""


class NeuronApp(HeldUpdates):
    """Opens where the reader left off: a chapter of the book, or the lab."""

    TITLE = "neuron-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("L", "open_lab", "Lab", tooltip="The free-form lab: one neuron, every setting"),
        Binding("B", "open_book", "Book", tooltip="Back to the chapter you were reading"),
        Binding("N", "notation", "Notation", tooltip="Every symbol the book uses and what it means"),
        Binding("q", "quit", "Quit",
                tooltip="a lab you changed is kept: neuron-tui --resume reopens it"),
        Binding("P", "next_pane", "Next pane",
                tooltip="Below 80×24 one pane shows at a time: the next one"),
        Binding("S", "screenshot_svg", "Screenshot", show=False,
                tooltip="Save the screen as an SVG file in the current folder"),
    ]

    def __init__(self, seed: int = 0, start: str | None = None, chapter: int | None = None,
                 progress_file: Path | None = None, lab_start: list | None = None,
                 theme: str | None = None, playground_start: list | None = None) -> None:
        super().__init__()
        ReadableColours.install(self)  # every character at least 4.5:1, however it is drawn
        reparse_on_change(self.stylesheet)  # a mode's first screen parsed the CSS twice
        make_caches_when_used()  # a strip's seven caches, about 1 KB, made only if it is used
        self.seed = seed
        self.start = start
        self.start_chapter = chapter
        self.progress_file = progress_file
        self.progress = None
        self._save_warned = False
        self._saved: str | None = None
        """The progress this app last wrote to the progress file."""
        self._last_size: Size | None = None
        self.lab_start = lab_start
        """States the lab opens with (from --load, --state, --dataset, …), or None for OR."""
        self.lab_screen: LabScreen | None = None
        """The free-form lab, once it has been opened."""
        self.playground_start = playground_start
        """States the playground opens with (from --state pg1.…), or None for its default."""
        self.keys = KeyTracker()
        """Keys handed to widgets and still on their way (see tui/widgets/key_order.py)."""
        if theme:
            self.theme = theme

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux, one that never waits on a terminal
        that has gone (see tui/drawing/driver.py)."""
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":
            from tui.drawing.driver import SteadyLinuxDriver

            return SteadyLinuxDriver
        return driver

    async def on_mount(self) -> None:
        """Read the reader's place, then open the book or the lab.

        The switch is awaited, so keys typed during start-up wait until a screen is there.
        """
        from tui.storage import progress as saved

        # First: the switch below takes most of a second, and a hang-up during it killed the app.
        self._exit_on_hangup()
        self.progress_file = self.progress_file or saved.progress_path()
        self.progress, notice = saved.load(self.progress_file, N_CHAPTERS)
        chapter = self.start_chapter or self.progress.chapter
        self.add_mode("lab", self._make_lab)
        self.add_mode("book", lambda: self._make_book(chapter))
        self.add_mode("playground", self._make_playground)
        place = self.start or ("book" if self.start_chapter else self.progress.place)
        await self.switch_mode(place)
        if place != "playground":  # the progress file remembers the book or the lab
            self.record_place(place, chapter if place == "book" else None)
        if notice:
            # After the switch, so the notice shows on the screen the reader is looking at.
            self.call_after_refresh(self.notify, notice, severity="warning", timeout=10,
                                    markup=False)
        self.call_after_refresh(self._check_size)
        # The collector was held from the command's start (tui/collector.py): it runs once the
        # first screen is out, while the reader reads it.
        self.call_after_refresh(self.set_timer, START_QUIET, collector.release)

    def _exit_on_hangup(self) -> None:
        """A dropped ssh connection (SIGHUP) or a kill (SIGTERM) closes the app as q does, so
        the command can still keep the lab. (Left as it is where signals cannot be caught.)"""
        import asyncio
        import signal
        from contextlib import suppress

        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            # No such signal (Windows), or no way to catch it there: the default stays.
            with suppress(AttributeError, NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(getattr(signal, name), self.exit)

    async def on_event(self, event: events.Event) -> None:
        """Keys still on their way as the app closes (q, then more keys in one burst) find no
        screen left to act on: they are dropped, not a crash on the way out."""
        if isinstance(event, events.InputEvent) and not self.screen_stack:
            return
        fresh = isinstance(event, events.Key) and not event.is_forwarded
        if isinstance(event, events.Key) and not fresh:
            self.keys.came_back(event)
        await super().on_event(event)
        if fresh and event.is_forwarded:
            self.keys.handed_over(event)

    def on_resize(self, event: events.Resize) -> None:
        """Cover the app with a message while the terminal is too small; uncover it after.

        Panes answer a resize in turn (layout, then plots redrawn at their new size, then the
        compact style above or below 32 rows); holding the screen for a moment sends that as
        one repaint instead of three.
        """
        if self._last_size is not None and event.size != self._last_size:
            self.hold_updates()  # never the first screen: there is nothing to merge there
        self._last_size = event.size
        # This runs before App's own handler has stored the new size, so use the event's.
        self._check_size(event.size)

    @property
    def too_small(self) -> bool:
        """Whether the terminal is below the smallest usable size."""
        from tui.screens.too_small import too_small

        return too_small(self.size.width, self.size.height)

    def _check_size(self, size: Size | None = None) -> None:
        from tui.screens.too_small import TooSmallScreen, too_small

        size = size or self.size
        small = too_small(size.width, size.height)
        covered = isinstance(self.screen, TooSmallScreen)
        if small and not covered:
            self.push_screen(TooSmallScreen())
        elif small:
            self.screen.describe(size.width, size.height)
        elif covered:
            self.pop_screen()

    @staticmethod
    def _make_book(chapter: int) -> Screen:
        # Imported here: the book (markdown-it, the exercises, a chapter's lab) costs imports that
        # a start in the lab does not need before its first screen.
        from tui.screens.book import BookScreen

        return BookScreen(chapter)

    def _make_lab(self) -> Screen:
        from tui.lab.start import default_lab_state
        from tui.lab.screen import LabScreen

        self.lab_screen = LabScreen(self.lab_start or [default_lab_state(seed=self.seed)])
        return self.lab_screen

    def _make_playground(self) -> Screen:
        from tui.playground.screen import PlaygroundScreen

        return PlaygroundScreen(self.playground_start)

    async def open_playground(self, state: object = None) -> None:
        """Switch to the playground; with ``state`` (chapter 9's network), open that there."""
        await self._switch_held("playground")
        if state is not None:
            self.screen.load(state)

    def lab_to_keep(self) -> list[TrainState] | None:
        """The lab's history, if the lab was opened and changed; else None (nothing to keep)."""
        lab = self.lab_screen
        return list(lab.history.states) if lab is not None and lab.changed else None

    def record_place(self, place: str, chapter: int | None = None) -> None:
        """Remember book or lab (and the chapter) in the progress file."""
        self.progress.place = place
        if chapter is not None:
            self.progress.chapter = chapter
            self.progress.visited.add(chapter)
        self._save()

    def record_solved(self, chapter: int, item: str, challenge: bool = False) -> None:
        """Remember a correctly answered exercise, or a challenge whose goal was met."""
        if challenge:
            self.progress.solve_challenge(chapter, item)
        else:
            self.progress.solve(chapter, item)
        self._save()

    def _save(self) -> None:
        from tui.storage import progress as saved

        text = self.progress.to_json()
        if text == self._saved:  # this app wrote just that last: no write, no fsync (about 4 ms)
            return
        error = saved.save(self.progress, self.progress_file)
        if not error:
            self._saved = text
        if error and not self._save_warned:
            self._save_warned = True
            self.notify(error + " Your place will not be remembered.", severity="warning",
                        markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the way to the other place: Lab from the book, Book from the lab.

        While the terminal is too small only quitting works, so nothing changes unseen.
        """
        if self.progress is not None and self.too_small:
            return action in ("quit", "help_quit")
        if action in ("open_lab", "open_book"):
            return self.current_mode != ("lab" if action == "open_lab" else "book")
        if action == "next_pane":
            return isinstance(self.screen, Panes) and self.screen.one_pane
        return True

    def action_next_pane(self) -> None:
        """On a small terminal, show the screen's next pane (one pane shows at a time)."""
        if isinstance(self.screen, Panes) and self.screen.one_pane:
            self.screen.next_pane()

    def action_screenshot_svg(self) -> None:
        """Save what is on screen as SVG, in a new file in the current folder."""
        from tui.storage.files import describe_error, fresh_path

        path = fresh_path(Path.cwd(), "neuron-tui", ".svg")
        try:
            self.save_screenshot(path.name, str(path.parent))
        except OSError as error:
            self.notify(f"Could not save the screenshot: {describe_error(path, error)}",
                        severity="error", markup=False)
            return
        self.notify(f"Screenshot saved to {path}", markup=False)

    async def action_open_lab(self) -> None:
        """Switch to the free-form lab (it keeps its state while you read)."""
        await self._switch_held("lab")
        self.record_place("lab")

    async def action_open_book(self) -> None:
        """Switch back to the chapter you were reading."""
        await self._switch_held("book")
        self.record_place("book", self.base_screen.number)

    async def _switch_held(self, mode: str) -> None:
        """Switch mode with updates held, so the new screen arrives as one repaint."""
        with self.holding():
            await self.switch_mode(mode)
            self._check_size()  # the other mode's screens may not know the terminal's size

    @property
    def base_screen(self) -> Screen:
        """The book or the lab: the current mode's own screen, beneath any help, contents,
        dialog or palette open over it."""
        return self.screen_stack[0]

    def action_help(self) -> None:
        """Show every key of the current screen (? or escape closes it)."""
        from tui.screens.app_commands import help_sections
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.action_close()
            return
        about = getattr(self.screen, "help_about", None)
        sections = help_sections(self.screen, list(NeuronApp.BINDINGS))
        self.push_screen(HelpScreen(sections, about() if about else ""))

    def action_notation(self) -> None:
        """Show the notation page: every symbol and its meaning (N or escape closes it)."""
        from tui.screens.notation import NotationScreen

        self.push_screen(NotationScreen())

    def action_command_palette(self) -> None:
        """Every command by name, in a palette that closes once however fast keys arrive."""
        from textual.command import CommandPalette
        from tui.screens.command_palette import SteadyPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SteadyPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's Theme command: the themes, in the same steady palette."""
        from textual.theme import ThemeProvider
        from tui.screens.command_palette import SteadyPalette

        self.push_screen(SteadyPalette(providers=[ThemeProvider],
                                       placeholder="Search for themes…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: those of the book or lab, even when the palette was opened
        over help, the contents or a dialog, which a command closes before it runs."""
        for command in self._commands(self.base_screen):
            yield command._replace(callback=partial(self._run_command, command.callback))

    async def _run_command(self, callback: Callable[[], object]) -> None:
        """Run a palette command on the book or lab. While the terminal is too small only
        quitting works (the command was picked before it shrank)."""
        if self.too_small and callback != self.action_quit:
            self.bell()
            return
        self._uncover()
        result = callback()
        if inspect.isawaitable(result):
            await result

    def _commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of ``screen``, every chapter, and the lab's activations and datasets."""
        from tui.screens.app_commands import screen_commands

        yield from super().get_system_commands(screen)
        yield from screen_commands(self, screen)

    async def open_chapter(self, number: int) -> None:
        """Open chapter ``number`` in the book, over whatever is on show."""
        await self._switch_held("book")
        if not self.too_small:
            self._uncover()  # help left open over the book when the lab was opened
        await self.base_screen.show_chapter(number)

    def _uncover(self) -> None:
        """Close whatever is open over the book or lab (help, contents, a dialog).

        The stack changes at once and the screens are taken down after; awaiting that here,
        inside the app's own message handling, would wait forever.
        """
        while len(self.screen_stack) > 1:
            self.pop_screen()

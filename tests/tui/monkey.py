"""Random key mashing against the app: shared by the test suite and benchmarks/monkey.py.

Keys come in bursts, as ssh delivers quick typing in one read. Now and then the monkey opens
the command palette, types part of a command's name and presses enter (so it runs commands,
the chapters and the dialogs they open), and it resizes the terminal anywhere from 30×10 to
220×70, now and then down to 1×1, dialogs and palette open or not. Help (?), the contents (t) and the dialogs (W, O)
are ordinary keys of the pool.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import SystemCommand
from textual.screen import Screen

import tui.app
from tui.app import N_CHAPTERS, NeuronApp

NAMED = ["up", "down", "left", "right", "tab", "shift+tab", "enter", "escape", "space",
         "backspace", "delete", "home", "end", "pageup", "pagedown", "insert"]
NAMED += [f"f{i}" for i in range(1, 13)]
NAMED += [f"ctrl+{c}" for c in string.ascii_lowercase if c not in "qcp"]
PRINTABLE = [c for c in string.ascii_letters + string.digits + string.punctuation if c != "q"]
"""Every key but the ways to quit (q, ctrl+q, ctrl+c) and ctrl+p, which the monkey presses
itself; a key from here is a letter, digit, punctuation or a named key."""

STARTS = [("lab", None), ("playground", None)] + [("book", n) for n in range(1, N_CHAPTERS + 1)]
SIZES = [(80, 24), (40, 12), (200, 60)]
SMALLEST, LARGEST = (30, 10), (220, 70)
"""The range the monkey resizes the terminal in; now and then it goes down to a few cells."""
TINY_EVERY = 6
"""About one resize in this many is to 1–3 columns by 1–3 rows."""
BURST = 25
PALETTE_EVERY = 40
"""About one burst in this many starts with the command palette."""
RESIZE_EVERY = 4
"""About one burst in this many is followed by a resize."""


class MonkeyApp(NeuronApp):
    """The app, with Quit left out of the palette: a random pick must not end the session."""

    CSS_PATH = str(Path(tui.app.__file__).with_name(NeuronApp.CSS_PATH))  # not beside this file

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands, but Quit."""
        return [c for c in super().get_system_commands(screen) if c.title != "Quit"]


def key_event(key: str) -> events.Key:
    """The event a terminal sends for ``key``."""
    if len(key) == 1:
        name = {" ": "space"}.get(key, key)
        return events.Key(name if key.isalnum() else _punctuation_name(key), key)
    return events.Key(key, {"space": " ", "enter": "\r", "tab": "\t"}.get(key))


def _punctuation_name(char: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(char)


def palette_keys(app: NeuronApp, rng: random.Random) -> list[str]:
    """Part of a command's name as typed, then enter, sometimes twice or after a page key:
    what someone picking a command in a hurry sends. (No q: should the palette not have
    opened, as in a terminal too small, the keys reach the screen, where q quits.)"""
    titles = [c.title for c in app.get_system_commands(app.screen)]
    title = rng.choice(titles) if titles else "chapter"
    typed = [c for c in title[: rng.randint(1, 12)] if c in PRINTABLE or c == " "]
    return typed + rng.choice([["enter"], ["enter", "enter"], ["pagedown", "enter"],
                               ["pageup", "enter"], ["down", "down", "enter"], ["escape"]])


def send(app: NeuronApp, keys: list[str]) -> None:
    """Keys that arrive in one read."""
    for key in keys:
        app._driver.send_message(key_event(key))


async def mash(app: NeuronApp, pilot, rng: random.Random, n: int,
               tally: Counter | None = None) -> int:
    """Send ``n`` random keys in bursts, with the palette and resizes mixed in; return how
    many were sent. ``tally`` counts the palettes opened and the resizes."""
    from textual.command import CommandPalette

    pool = PRINTABLE + NAMED
    tally = Counter() if tally is None else tally
    sent = 0
    while sent < n:
        if rng.randrange(PALETTE_EVERY) == 0:
            send(app, ["ctrl+p"])  # then, once it has opened, a command typed in a hurry
            await pilot.pause()
            tally["palettes"] += CommandPalette.is_open(app)
            burst = palette_keys(app, rng)[: n - sent - 1]
            sent += 1
        else:
            burst = [rng.choice(pool) for _ in range(min(BURST, n - sent))]
        send(app, burst)
        sent += len(burst)
        await pilot.pause()
        if rng.randrange(RESIZE_EVERY) == 0:
            low, high = ((1, 1), (3, 3)) if rng.randrange(TINY_EVERY) == 0 else (SMALLEST, LARGEST)
            await pilot.resize_terminal(rng.randint(low[0], high[0]), rng.randint(low[1], high[1]))
            tally["resizes"] += 1
        assert app.is_running, "the app stopped"
    return sent


async def still_responds(app: NeuronApp, pilot) -> bool:
    """Close whatever is open, then check a key still does what it should."""
    from tui.screens.help import HelpScreen
    from tui.screens.too_small import TooSmallScreen

    for _ in range(6):
        if isinstance(app.screen, TooSmallScreen):
            break
        await pilot.press("escape")
    if isinstance(app.screen, TooSmallScreen):
        return "Make the window larger" in str(app.screen.query_one("#too-small-message").render())
    app.screen.set_focus(None)
    await pilot.press("question_mark")
    opened = isinstance(app.screen, HelpScreen)
    await pilot.press("escape")
    return opened and not isinstance(app.screen, HelpScreen)

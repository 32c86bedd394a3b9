"""Random key mashing against the app: shared by the test suite and benchmarks/monkey.py."""

from __future__ import annotations

import random
import string

from textual import events

from tui.app import N_CHAPTERS, NeuronApp

NAMED = ["up", "down", "left", "right", "tab", "shift+tab", "enter", "escape", "space",
         "backspace", "delete", "home", "end", "pageup", "pagedown", "insert"]
NAMED += [f"f{i}" for i in range(1, 13)]
NAMED += [f"ctrl+{c}" for c in string.ascii_lowercase if c not in "qcp"]
PRINTABLE = [c for c in string.ascii_letters + string.digits + string.punctuation if c != "q"]
"""Every key but the ways to quit (q, ctrl+q, ctrl+c) and ctrl+p, whose palette can run Quit
or write a screenshot file; a key from here is a letter, digit, punctuation or a named key."""

STARTS = [("lab", None)] + [("book", n) for n in range(1, N_CHAPTERS + 1)]
SIZES = [(80, 24), (40, 12), (200, 60)]
BURST = 25


def key_event(key: str) -> events.Key:
    """The event a terminal sends for ``key``."""
    if len(key) == 1:
        name = {" ": "space"}.get(key, key)
        return events.Key(name if key.isalnum() else _punctuation_name(key), key)
    return events.Key(key, {"space": " ", "enter": "\r", "tab": "\t"}.get(key))


def _punctuation_name(char: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(char)


async def mash(app: NeuronApp, pilot, rng: random.Random, n: int) -> int:
    """Send ``n`` random keys in bursts, as fast as a person mashing; return how many were sent."""
    pool = PRINTABLE + NAMED
    sent = 0
    while sent < n:
        for _ in range(min(BURST, n - sent)):
            app._driver.send_message(key_event(rng.choice(pool)))
            sent += 1
        await pilot.pause()
        assert app.is_running, "the app stopped"
    return sent


async def still_responds(app: NeuronApp, pilot) -> bool:
    """Close whatever is open, then check a key still does what it should."""
    from tui.screens.help import HelpScreen
    from tui.screens.too_small import TooSmallScreen

    for _ in range(4):
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

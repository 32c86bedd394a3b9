"""The app's CSS parsed again only when something it depends on has changed.

Textual parses all of its CSS again (``Stylesheet.reparse``) whenever it refreshes the CSS,
and it refreshes it twice when a mode's screen opens for the first time: once as it creates
the screen, and again straight after as it switches to it, with nothing changed in between
(the screen is not mounted yet, so the first refresh does not mark it refreshed). The book's
and the lab's first screens each paid about 5 ms for the second parse. The rules a parse makes
depend only on the CSS sources and the variables (the theme's colours), so here a reparse
with the same sources and variables, over the rules the last one made, is skipped; Textual
still applies the rules to every widget as before.

Textual also styles a mode's first screen twice over, for the same reason: it tells the screen
it has resumed as it creates it and again as it switches to it, and each time the screen
applies the whole CSS to every widget it holds (``ScreenResume.refresh_styles``), about 3 ms
each for the book's 26 at its start. A :class:`StyledOnce` screen skips the second: its styles
are applied again on a resume only if it was suspended since the last.
"""

from __future__ import annotations

from textual import events
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen


def reparse_on_change(stylesheet: Stylesheet) -> None:
    """Make ``stylesheet.reparse`` skip a parse that would give the rules it holds already."""
    parse = stylesheet.reparse
    last: tuple[dict, dict, object] | None = None

    def reparse() -> None:
        """Textual's reparse, unless the sources, the variables and the rules are as the last
        one left them."""
        nonlocal last
        if last is not None and _unchanged(stylesheet, last):
            return
        parse()
        last = _state(stylesheet)

    stylesheet.reparse = reparse  # type: ignore[method-assign]


def _state(stylesheet: Stylesheet) -> tuple[dict, dict, object] | None:
    """What a parse depends on and what it made; None in a Textual that names them otherwise."""
    try:
        return dict(stylesheet._variables), dict(stylesheet.source), stylesheet._rules
    except AttributeError:
        return None


def _unchanged(stylesheet: Stylesheet, last: tuple[dict, dict, object]) -> bool:
    """Whether a parse now would give the rules the last one made (False when unsure)."""
    try:
        return (not stylesheet._require_parse and stylesheet._rules is last[2]
                and (stylesheet._variables, stylesheet.source) == last[:2])
    except AttributeError:  # a Textual whose Stylesheet keeps these under other names
        return False


class StyledOnce(Screen):
    """A screen whose widgets are styled again on a resume only when it was suspended since the
    last resume (a mixin base; Textual's own handlers still run after these)."""

    _styled_on_resume = False
    """Whether a resume has styled the screen, with no suspend since."""

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._styled_on_resume:
            event.refresh_styles = False  # what Textual's handler, which runs next, reads
        self._styled_on_resume = self._styled_on_resume or event.refresh_styles

    def _on_screen_suspend(self) -> None:
        self._styled_on_resume = False

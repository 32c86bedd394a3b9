"""One pane at a time on a small terminal: the book and the lab on a phone.

The book lays its prose beside its lab, and the lab lays its panes in a grid, from 80×24 up.
Below that, down to 40×15, a screen shows one of its panes at a time, filling the terminal,
and ``P`` (an app key, shown in the key bar only then) moves to the next. Below 40×15 the
too-small screen covers everything.

A screen joins in by deriving from :class:`Panes` (a ``Screen``), listing its panes in
``PANES`` (selectors, in reading order) and calling :meth:`Panes.arrange_panes` from its
``on_resize``. While one pane is shown the screen has the class ``-one-pane`` (its CSS lifts
the widths and heights the side-by-side layout needs), every other pane is hidden, and so is
any container that holds no pane on show. The shown pane takes the focus: its first focusable
widget, or :meth:`Panes.focus_pane` as the screen defines it. pgup/pgdn scroll it
(:meth:`Panes.scroll_pane`), so a pane taller than the terminal is read whole by keyboard.
"""

from __future__ import annotations

from textual.widget import Widget

from tui.drawing.css_once import StyledOnce
from tui.drawing.held_updates import DrawsWhenSettled

FULL_WIDTH, FULL_HEIGHT = 80, 24
"""The smallest terminal that shows a screen's panes side by side."""
MIN_WIDTH, MIN_HEIGHT = 40, 15
"""The smallest terminal that shows anything but a request for a larger one."""
NARROW_BELOW = 60
"""Below this width a screen has the class ``-narrow``: a lab's row of four fields would give
each fewer than ten columns, and a value would run into the next label ("0.0000seed 0"), so
they are laid two to a row (tui/app.tcss)."""


def one_pane(width: int, height: int) -> bool:
    """Whether a terminal of this size shows one pane at a time."""
    return width < FULL_WIDTH or height < FULL_HEIGHT


class Panes(StyledOnce, DrawsWhenSettled):
    """A screen that shows one pane at a time on a small terminal (see the module docstring)."""

    PANES: tuple[str, ...] = ()
    """Selectors of the screen's panes, in the order ``P`` shows them."""

    pane_index = 0
    """The pane shown while one pane is shown at a time."""

    @property
    def one_pane(self) -> bool:
        """Whether the screen shows one pane at a time now."""
        return one_pane(self.app.size.width, self.app.size.height)

    @property
    def shown_pane(self) -> Widget:
        """The pane shown (or first in line to be) when one pane is shown at a time."""
        return self.query_one(self.PANES[self.pane_index])

    def arrange_panes(self) -> None:
        """Show every pane, or only the current one, as the terminal's size asks."""
        one = self.one_pane
        changed = one != self.has_class("-one-pane")
        self.set_class(one, "-one-pane")
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        shown = self.shown_pane if one else None
        panes = [self.query_one(selector) for selector in self.PANES]
        for pane in panes:
            pane.display = shown is None or pane is shown
            for box in pane.ancestors:
                if box is self or not isinstance(box, Widget):
                    break
                box.display = shown is None or box in shown.ancestors
        if changed:
            self.refresh_bindings()  # P shows in the key bar only while it does something
            if one:
                self.focus_pane()

    def next_pane(self) -> None:
        """Show the next pane (the first after the last), and put the focus in it."""
        self.show_pane(self.PANES[(self.pane_index + 1) % len(self.PANES)])

    def show_pane(self, selector: str) -> None:
        """Make the pane ``selector`` the one shown when one pane is shown at a time, and
        show it now if so (as one repaint: the pane lays out, then its plots draw for it)."""
        self.pane_index = self.PANES.index(selector)
        if self.one_pane:
            with self.app.holding():
                self.arrange_panes()
                self.focus_pane()

    def focus_pane(self) -> None:
        """Put the focus on the shown pane's first focusable widget, or on none."""
        pane = self.shown_pane
        for widget in pane.query("*"):
            if isinstance(widget, Widget) and widget.focusable:
                widget.focus()
                return
        self.screen.set_focus(pane if pane.focusable else None)

    def scroll_pane(self, direction: int) -> None:
        """Page the shown pane up or down (or the first thing in it that scrolls)."""
        for widget in self.shown_pane.walk_children(with_self=True):
            if isinstance(widget, Widget) and widget.max_scroll_y > 0:
                (widget.scroll_page_down if direction > 0 else widget.scroll_page_up)(
                    animate=False)
                return

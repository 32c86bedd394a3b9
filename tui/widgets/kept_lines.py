"""Widgets that give the compositor their last lines again while nothing in them changed.

On every screen update Textual re-renders each widget that lies under the *union* of the
changed regions. A training step changes a few rows in the four corners of the lab, so that
union is the whole screen, and every pane, row and field was asked for its lines again: for one
that had not changed, that meant working out its background, border titles and, in our line
widgets, its style through every ancestor, only to hand back the lines it had before.

A :class:`KeptLines` widget keeps the lines it last returned and returns them again until it is
marked for repaint. Every repaint request (a refresh, a changed style, focus, a new theme or
size) reaches a widget through Textual's ``Widget._set_dirty``; that is where the kept lines
are let go (a new size too: Textual marks a resized widget dirty). The app's line filters
(colour conversions a theme switches on and off) are part of what the lines were kept for,
and so is the crop.

A content change (a new number, a moved marker) is handed to the screen by
:meth:`KeptLines.repaint` directly, rather than through ``refresh()``: that wakes the widget's
own message queue so that, once idle, it posts an update message to the screen. A step changes
seven widgets; their fourteen messages took about 0.2 ms of the 6 ms a step key takes.
"""

from __future__ import annotations

from typing import Sequence

from textual.containers import Grid, Horizontal, Vertical
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


class KeptLines(Widget):
    """A widget that keeps its rendered lines between repaints.

    To give an existing widget class this behaviour, derive from that class first and this one
    second (``class KeptVertical(Vertical, KeptLines)``): Textual takes a widget's CSS from its
    first base only, and Widget comes after both in the method order either way.

    Subclasses that must do work before Textual renders them (look up a style, rebuild rows)
    put it in :meth:`prepare_lines`, which runs only when the lines are drawn again.
    """

    _kept: tuple[Region, Sequence[LineFilter], list[Strip]] | None = None

    def _set_dirty(self, *regions: Region) -> None:
        self._kept = None
        super()._set_dirty(*regions)

    def repaint(self, *regions: Region) -> None:
        """Redraw ``regions`` of the widget (all of it if none) on the screen's next update.

        What ``refresh()`` does for a change of content only (same size, same styles), told to
        the screen at once. Anything else (layout, styles, an unmounted or hidden widget) takes
        the ordinary way.
        """
        if not (self.is_mounted and self.display and self.is_attached):
            self.refresh(*regions)
            return
        self._set_dirty(*regions)
        screen = self.screen
        screen._dirty_widgets.add(self)
        screen.check_idle()

    def prepare_lines(self) -> None:
        """Called before the widget's lines are drawn again; nothing by default."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines last returned for ``crop``, unless the widget was marked for repaint."""
        kept, filters = self._kept, self.get_line_filters()
        if kept is not None and kept[0] == crop and kept[1] == filters:
            return kept[2]
        self.prepare_lines()
        lines = super().render_lines(crop)
        self._kept = (crop, filters, lines)
        return lines


class KeptHorizontal(Horizontal, KeptLines):
    """A :class:`~textual.containers.Horizontal` that keeps its lines."""


class KeptVertical(Vertical, KeptLines):
    """A :class:`~textual.containers.Vertical` that keeps its lines."""


class KeptGrid(Grid, KeptLines):
    """A :class:`~textual.containers.Grid` that keeps its lines."""


class KeptStatic(Static, KeptLines):
    """A :class:`~textual.widgets.Static` that keeps its lines."""

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

Such a content change also keeps the widget's other lines: only the rows it names are drawn
again, with what Textual's styling used the last time it drew the widget (its backgrounds, its
border and padding, its titles' styles: :class:`RowStyler`). Textual looks all of that up again
through every ancestor whenever it draws any row of a widget, and runs the line filters over
every row in view: about 70 µs a widget, and a step changes seven. What a content change keeps
is let go with the kept lines, by anything else that marks the widget for repaint, which is
also when Textual lets go of its own copy of the styled lines.
"""

from __future__ import annotations

import inspect
from typing import Any, Sequence

from rich.style import Style
from textual._styles_cache import StylesCache
from textual.containers import Grid, Horizontal, Vertical
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


_RENDER = inspect.signature(StylesCache.render)
_LINE_ARGS = tuple(name for name in inspect.signature(StylesCache.render_line).parameters
                   if name not in ("self", "y"))


def rows_can_be_restyled(cache_class: type = StylesCache) -> bool:
    """Whether ``cache_class`` lets :class:`RowStyler` style single rows: its ``render`` takes,
    by name, every argument its ``render_line`` needs, and its instances keep the styled lines
    where RowStyler puts them. (These are Textual's insides; a Textual that changes them gets
    its own whole-widget drawing, as if RowStyler were not there.)"""
    try:
        render = inspect.signature(cache_class.render).parameters
        line = inspect.signature(cache_class.render_line).parameters
        cache = cache_class()
    except (AttributeError, TypeError, ValueError):
        return False
    needed = {name for name in line if name not in ("self", "y")}
    return ("y" in line and needed | {"filters", "styles", "size"} <= set(render)
            and isinstance(getattr(cache, "_cache", None), dict)
            and isinstance(getattr(cache, "_dirty_lines", None), set))


ROWS_RESTYLED = rows_can_be_restyled()
"""Whether this Textual's StylesCache lets single rows be styled again (see above)."""


class RowStyler(StylesCache):
    """Textual's cache of a widget's styled lines, which also remembers how it last styled
    them, so that single rows can be styled again the same way (:meth:`restyle`)."""

    def __init__(self) -> None:
        super().__init__()
        self.styled_with: dict[str, Any] | None = None
        """What Textual last styled every row with, by argument name (None: not known since
        the last change, or not knowable in this Textual)."""
        self.plain_style: Style | None = None
        """What Textual pads a row's content with when it adds nothing else to it (no border,
        outline, padding, tint, hatch or opacity), else None."""

    def _plain_style(self, styled_with: dict[str, Any]) -> Style | None:
        """The style a plain widget's rows are padded with (see :attr:`plain_style`)."""
        styles, padding = styled_with["styles"], styled_with["padding"]
        try:
            if (styled_with["content_size"] != styled_with["size"] or any(padding)
                    or styled_with.get("opacity", 1.0) != 1.0
                    or any(edge for edge, _ in styles.border)
                    or any(edge for edge, _ in styles.outline)
                    or styles.text_opacity != 1.0 or styles.tint.a
                    or styles.has_rule("hatch") and styles.hatch != "none"):
                return None
            inner = self.get_inner_outer(styled_with["base_background"],
                                         styled_with["background"])[0]
            return inner.rich_style
        except (AttributeError, KeyError, TypeError):
            return None  # rows then go through Textual's own render_line

    def render(self, *args: Any, **kwargs: Any) -> list[Strip]:
        """Textual's, remembering (by name) what it styles the lines with."""
        self.styled_with = self.plain_style = None
        if ROWS_RESTYLED:
            try:
                bound = _RENDER.bind(self, *args, **kwargs)
            except TypeError:
                bound = None
            if bound is not None:
                bound.apply_defaults()
                given = dict(bound.arguments)
                if given.get("content_size") is None:
                    given["content_size"] = given["size"]
                if given.get("padding") is None:
                    given["padding"] = given["styles"].padding
                self.styled_with = given
                self.plain_style = self._plain_style(given)
        return super().render(*args, **kwargs)

    def restyle(self, rows: list[int], crop: Region) -> list[Strip] | None:
        """Rows ``rows`` styled again as the last render styled every row, filtered and cut
        to ``crop`` as it cut them; None if how it styled them is not known."""
        given = self.styled_with
        if given is None:
            return None
        line_args = {name: given[name] for name in _LINE_ARGS}
        render_content_line, filters = given["render_content_line"], given["filters"]
        background = given["background"]
        self._simple_strip = None
        x1, x2 = crop.column_span
        plain, width = self.plain_style, given["size"].width
        strips = []
        for y in rows:
            if plain is not None:  # what render_line makes of it, without looking it all up
                strip = render_content_line(y).adjust_cell_length(width, plain)
            else:
                strip = self.render_line(y=y, **line_args)
            self._cache[y] = strip
            self._dirty_lines.discard(y)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip if (x1, x2) == (0, width) else strip.crop(x1, x2))
        return strips


class KeptLines(Widget):
    """A widget that keeps its rendered lines between repaints.

    To give an existing widget class this behaviour, derive from that class first and this one
    second (``class KeptVertical(Vertical, KeptLines)``): Textual takes a widget's CSS from its
    first base only, and Widget comes after both in the method order either way.

    Subclasses that must do work before Textual renders them (look up a style, rebuild rows)
    put it in :meth:`prepare_lines`, which runs only when the lines are drawn again.
    """

    _kept: tuple[Region, Sequence[LineFilter], list[Strip]] | None = None
    _line_style: Style | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._styles_cache = RowStyler()
        self._rows_due: set[int] = set()  # rows whose content changed since they were kept

    def _set_dirty(self, *regions: Region) -> None:
        self._kept = None
        self._line_style = None
        super()._set_dirty(*regions)

    @property
    def line_style(self) -> Style:
        """The widget's ``rich_style``, looked up once until anything but its content changes
        (each lookup walks every ancestor)."""
        if self._line_style is None:
            self._line_style = self.rich_style
        return self._line_style

    def repaint(self, *regions: Region) -> None:
        """Redraw ``regions`` of the widget (all of it if none) on the screen's next update.

        What ``refresh()`` does for a change of content only (same size, same styles), told to
        the screen at once. Anything else (layout, styles, an unmounted or hidden widget) takes
        the ordinary way.
        """
        if not (self.is_mounted and self.display and self.is_attached):
            self.refresh(*regions)
            return
        if regions and self._kept is not None:  # only these rows are drawn again
            super()._set_dirty(*regions)  # Textual's own records of what to repaint
            offset = self.content_offset.y
            for region in regions:
                self._rows_due.update(range(region.y + offset, region.bottom + offset))
        else:
            self._set_dirty(*regions)
        screen = self.screen
        screen._dirty_widgets.add(self)
        screen.check_idle()

    def prepare_lines(self) -> None:
        """Called before the widget's lines are drawn again; nothing by default."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines last returned for ``crop``, unless the widget was marked for repaint; those
        of its rows whose content changed are drawn again."""
        kept, filters = self._kept, self.get_line_filters()
        if kept is not None and kept[0] == crop and kept[1] == filters:
            if not self._rows_due:
                return kept[2]
            lines = self._redrawn_rows(crop, kept[2])
            if lines is not None:
                self._kept = (crop, filters, lines)
                return lines
        self._rows_due.clear()
        self.prepare_lines()
        self._styles_cache.styled_with = None  # what this render styles with, if it styles
        lines = super().render_lines(crop)
        self._kept = (crop, filters, lines)
        return lines

    def _redrawn_rows(self, crop: Region, kept: list[Strip]) -> list[Strip] | None:
        """``kept`` with the rows due drawn again, or None where only Textual can draw them
        (a link under the mouse restyles the lines it draws)."""
        rows = sorted(y for y in self._rows_due if crop.y <= y < crop.bottom)
        self._rows_due.clear()
        if not rows:
            return kept
        if self.BLANK or (self.auto_links and self.hover_style.link_id):
            return None
        self.prepare_lines()
        strips = self._styles_cache.restyle(rows, crop)
        if strips is None:
            return None
        lines = list(kept)
        for y, strip in zip(rows, strips):
            lines[y - crop.y] = strip
        return lines


class KeptHorizontal(Horizontal, KeptLines):
    """A :class:`~textual.containers.Horizontal` that keeps its lines."""


class KeptVertical(Vertical, KeptLines):
    """A :class:`~textual.containers.Vertical` that keeps its lines."""


class KeptGrid(Grid, KeptLines):
    """A :class:`~textual.containers.Grid` that keeps its lines."""


class KeptStatic(Static, KeptLines):
    """A :class:`~textual.widgets.Static` that keeps its lines."""

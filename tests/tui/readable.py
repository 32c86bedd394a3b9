"""Is any text cut at a pane's edge? An audit of every widget on a screen, as it is laid out now.

Textual draws each widget into its region and drops whatever lies beyond, with no sign that
anything was there. The audit asks each widget what it *wanted* to show and compares that with
the room it was given:

- a widget that draws its own rows (``shown_lines()``: LinesView and its plots, NumberField)
  must have every row within its content width; trailing blanks do not count (on a phone, a
  LinesView's rows as broken to fit may be audited instead); where the next widget starts
  right after it, a row must also leave a blank before it;
- a Static (paragraphs, the exercise panel, labels) must need no more rows than it has at its
  width, and a Static that does not wrap no more columns than it has;
- a container must hold its children within its width (a Markdown code block scrolls sideways
  when a line is too long, with no scrollbar), and within its height unless it scrolls
  vertically (``overflow-y: auto`` or ``scroll``: the prose pages with pgup/pgdn, a pane of
  fields scrolls to the focused one);
- a border title must show whole (Textual shortens it with "…").

Widgets scrolled out of view are audited as well, so a chapter's whole prose is checked on
one screen. A new kind of widget that draws its own rows joins the audit by offering
``shown_lines()``.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.markup import MarkupError
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static


def _name(widget: Widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


def _line_cuts(widget: Widget, wrapped: bool) -> list[str]:
    width = widget.content_size.width
    cuts = []
    rows = getattr(widget, "lines", None) if wrapped else None
    touches = _touches_a_neighbour(widget)
    for line in widget.shown_lines() if rows is None else rows:
        text = line.plain.rstrip()
        if cell_len(text) > width:
            cuts.append(f"{_name(widget)} ({width} cells) cuts {text!r}")
        elif touches and text and cell_len(text) == width:
            cuts.append(f"{_name(widget)} ({width} cells) runs into the widget after it: "
                        f"{text!r}")
    return cuts


def _touches_a_neighbour(widget: Widget) -> bool:
    """Whether a sibling starts in the column right after ``widget``'s text, on its rows (a
    field's value then reads as one word with the next field's label: "0.0000seed")."""
    region = widget.content_region
    parent = widget.parent
    if parent is None or not region.width:
        return False
    return any(other is not widget and other.display and other.region.x == region.right
               and other.region.y < region.bottom and region.y < other.region.bottom
               for other in parent.children)


def _static_cuts(widget: Static) -> list[str]:
    size = widget.content_size
    if size.width <= 0 or size.height <= 0:
        return []
    needed = widget.get_content_height(widget.parent.size, widget.screen.size, size.width)
    cuts = []
    if needed > size.height:  # a Static has no children to scroll: what is below is lost
        cuts.append(f"{_name(widget)} needs {needed} rows, has {size.height}: "
                    f"{str(widget.render())[:60]!r}…")
    if widget.styles.text_wrap == "nowrap":
        wanted = widget.get_content_width(widget.parent.size, widget.screen.size)
        if wanted > size.width:
            cuts.append(f"{_name(widget)} needs {wanted} columns, has {size.width}")
    return cuts


def _container_cuts(widget: Widget) -> list[str]:
    inner = widget.scrollable_content_region.size
    virtual = widget.virtual_size
    cuts = []
    if inner.width > 0 and virtual.width > inner.width:
        cuts.append(f"{_name(widget)} holds {virtual.width} columns in {inner.width}: "
                    f"{_text_of(widget)[:70]!r}")
    scrolls = widget.styles.overflow_y in ("auto", "scroll")
    if inner.height > 0 and virtual.height > inner.height and not scrolls:
        cuts.append(f"{_name(widget)} holds {virtual.height} rows in {inner.height}")
    return cuts


def _text_of(widget: Widget) -> str:
    """The first text inside ``widget``, to name what is cut."""
    for child in widget.walk_children(with_self=True):
        code = getattr(child, "code", None)
        if isinstance(code, str):
            return max(code.splitlines() or [""], key=cell_len)
        if isinstance(child, Static):
            return str(child.render())
    return ""


def _title_cuts(widget: Widget, rows: list[str]) -> list[str]:
    cuts = []
    region = widget.region
    for title, y in ((widget.border_title, region.y),
                     (widget.border_subtitle, region.bottom - 1)):
        if not title or not (0 <= y < len(rows)) or not region.width:
            continue
        edge = rows[y][region.x:region.right]
        text = _plain(title)
        if text not in edge:
            cuts.append(f"{_name(widget)}'s title {text!r} shows as {edge.strip()!r}")
    return cuts


def _plain(title: object) -> str:
    """A border title's text: Content as it is, a string read as Textual reads it (markup)."""
    if isinstance(title, Content):
        return title.plain
    try:
        return Content.from_markup(str(title)).plain
    except MarkupError:  # not markup after all: shown as written
        return str(title)


def screen_rows(screen: Screen) -> list[str]:
    """The characters on screen, row by row."""
    strips = screen._compositor.render_strips()
    return ["".join(seg.text for seg in strip) for strip in strips]


def find_cuts(screen: Screen, wrapped: bool = False) -> list[str]:
    """Every piece of text on ``screen`` that is cut at the edge of the room it was given.

    With ``wrapped``, a line that a LinesView breaks over rows (as it does on a phone) counts
    as whole; without it, every line must fit as it is meant to.
    """
    rows = screen_rows(screen)
    cuts: list[str] = []
    for widget in screen.walk_children(with_self=False):
        if not widget.display or not all(w.display for w in widget.ancestors if isinstance(w, Widget)):
            continue
        if hasattr(widget, "shown_lines"):
            cuts += _line_cuts(widget, wrapped)
        elif isinstance(widget, Static) and not widget.children:
            cuts += _static_cuts(widget)
        if widget.children:
            cuts += _container_cuts(widget)
        cuts += _title_cuts(widget, rows)
    return cuts

"""The contrast of every character a screen draws, as a terminal would show it.

The screen's cells are read from Textual's compositor with their styles, after every filter
the app runs (NO_COLOR's greys, and tui.drawing.contrast's), so these are the colours that
go out. Each is then turned into what a terminal shows, with the model tui.drawing.contrast
documents: the colour system's reduction, xterm's default palette, the terminal's own
default colours, reverse and dim. WCAG's contrast ratio compares the relative luminance of
the text and its background, (L₁ + 0.05) / (L₂ + 0.05); 4.5:1 is the least it asks of text.

Borders, rules and scrollbars are not text and are left out; so are a picture's pixels (half
blocks in two given colours: tui.drawing.contrast.is_picture), and the screen behind a dialog,
which Textual fades on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.screen import ModalScreen, Screen

from tui.drawing.contrast import MINIMUM, SYSTEMS, RGB, is_picture, ratio, seen


def is_text(char: str) -> bool:
    """A character that carries meaning: not a blank, a box-drawing line or a frame."""
    if not char.strip():
        return False
    return not ("\u2500" <= char <= "\u257f" or char in "▏▕")


@dataclass(frozen=True)
class Cell:
    """A character as drawn: where, what, and its colours as the terminal shows them."""

    x: int
    y: int
    char: str
    fg: RGB
    bg: RGB

    @property
    def contrast(self) -> float:
        """Its contrast ratio."""
        return ratio(self.fg, self.bg)


def drawn_cells(screen: Screen, system: str, dark: bool) -> list[Cell]:
    """Every meaningful character on ``screen`` as a terminal with ``system`` colours
    (truecolor, 256 or standard) shows it."""
    colours = SYSTEMS[system]
    skip = _scrollbar_cells(screen)
    inside = _dialog_cells(screen)
    cells = []
    for y, strip in enumerate(screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style or Style()
            fg, bg = seen(style, colours, dark)
            picture = bool(segment.text.strip()) and is_picture(segment.text, style)
            for char in segment.text:
                if (is_text(char) and not picture and (x, y) not in skip
                        and (inside is None or (x, y) in inside)):
                    cells.append(Cell(x, y, char, fg, bg))
                x += 1
    return cells


def _dialog_cells(screen: Screen) -> set[tuple[int, int]] | None:
    """The cells a dialog's own widgets cover (None if ``screen`` is no dialog)."""
    if not isinstance(screen, ModalScreen):
        return None
    cells = set()
    for child in screen.children:
        region = child.region
        cells |= {(x, y) for x in range(region.x, region.right)
                  for y in range(region.y, region.bottom)}
    return cells


def _scrollbar_cells(screen: Screen) -> set[tuple[int, int]]:
    cells = set()
    for widget in screen.walk_children(with_self=True):
        for bar, shown_now in ((widget.vertical_scrollbar, widget.show_vertical_scrollbar),
                               (widget.horizontal_scrollbar, widget.show_horizontal_scrollbar)):
            if shown_now and bar.is_mounted:
                region = bar.region
                cells |= {(x, y) for x in range(region.x, region.right)
                          for y in range(region.y, region.bottom)}
    return cells


def low_contrast(screen: Screen, system: str, dark: bool) -> list[str]:
    """Each colour pair on ``screen`` below 4.5:1, with the text it was found in."""
    rows: dict[int, str] = {}
    strips = screen._compositor.render_strips()
    found: dict[tuple[RGB, RGB], list[Cell]] = {}
    for cell in drawn_cells(screen, system, dark):
        if cell.contrast < MINIMUM:
            found.setdefault((cell.fg, cell.bg), []).append(cell)
    out = []
    for (fg, bg), cells in found.items():
        y = cells[0].y
        row = rows.setdefault(y, "".join(s.text for s in strips[y]))
        out.append(f"{ratio(fg, bg):.2f}:1 {fg} on {bg} ({len(cells)} cells), e.g. row {y}: "
                   f"{row.strip()[:70]!r}")
    return out

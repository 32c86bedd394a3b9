"""Every character readable: at least 4.5:1 against its background, however it is drawn.

The app's colours reach the terminal by very different roads. Over ssh a terminal usually
gets 256 colours, and 24-bit colours are reduced to the nearest of them; at 16 colours a dark
blue panel becomes xterm's mid grey, on which no hue is readable; an ANSI theme draws in the
terminal's own palette, where ANSI blue on black is 2.2:1; NO_COLOR turns every hue to a grey
of the same lightness, and a muted title became #3a3a3a on #121212 (1.65:1).

:class:`ReadableColours` is a line filter the app runs last on every line it draws, so every
screen, the ones to come included, gets this for free. For each run of text it works out the
colours the terminal will show (the colour system's reduction, xterm's default palette for the
palette colours, the terminal's own default colours for ``ansi_default``: light on black in a
dark theme, black on white in a light one; reverse swapped, dim half-way to the background)
and, where they fall below WCAG's 4.5:1, replaces the foreground:

- a 24-bit or 256-colour foreground, as seen (dimmed if dim), is made lighter (on a dark
  background) or darker, keeping its hue, until it just reads;
- a palette colour (16 colours, or an ANSI theme) becomes the palette colour nearest to it
  that reads (the terminal's default foreground counts, on the default background): ANSI
  blue on black becomes cyan, a muted grey xterm's grey; white or black always reads on
  some background.

Reversed text is drawn in its background colour on a cell filled with its foreground colour
(chapter 9 marks a misclassified point so, to show it without colour too): there the
background colour is the one replaced.

Bold, italic and the like are kept: where two colours that meant different things both
become black, as on a 16-colour grey bar, the weight still tells them apart (the key bar
draws the keys that do something bold, and the rest plain).

Colours that already read are left exactly as they are, so a theme that is readable as
designed looks as designed.

A picture is no text: a half block (``▀`` or ``▄``) whose foreground and background are both
given is two pixels of an image (chapters 10–12's digits and weights, the playground's maps),
and two pixels of nearly the same colour are the picture, so it is left as drawn. A half block
on the pane's own background is a shape against the pane, and is held to 4.5:1 like text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from rich.color import Color as RichColor
from rich.color import ColorSystem, ColorType
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter

MINIMUM = 4.5
"""WCAG's least contrast for normal text."""
XTERM_16 = (
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
    (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
)
"""xterm's default palette, entries 0–15."""
DARK_DEFAULTS = ((229, 229, 229), (0, 0, 0))
LIGHT_DEFAULTS = ((0, 0, 0), (255, 255, 255))
"""The terminal's default foreground and background assumed under a dark or a light theme."""
HALF_BLOCKS = frozenset("▀▄")
"""Glyphs that draw two pixels of a picture, one in each colour."""
SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT,
           "standard": ColorSystem.STANDARD, "windows": ColorSystem.STANDARD}

RGB = tuple[int, int, int]


def xterm_rgb(index: int) -> RGB:
    """The colour xterm shows for palette entry ``index`` (0–255)."""
    if index < 16:
        return XTERM_16[index]
    if index < 232:
        levels = (0, 95, 135, 175, 215, 255)
        i = index - 16
        return levels[i // 36], levels[i // 6 % 6], levels[i % 6]
    grey = 8 + 10 * (index - 232)
    return grey, grey, grey


def shown(color: RichColor | None, system: ColorSystem, default: RGB) -> RGB:
    """The colour a terminal with ``system`` colours shows for ``color``."""
    if color is None or color.type == ColorType.DEFAULT:
        return default
    if system != ColorSystem.TRUECOLOR and color.type != ColorType.STANDARD:
        color = color.downgrade(system)
    if color.type == ColorType.TRUECOLOR:
        return tuple(color.triplet)
    return xterm_rgb(color.number)


def luminance(rgb: RGB) -> float:
    """WCAG's relative luminance of an sRGB colour."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: RGB, b: RGB) -> float:
    """WCAG's contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_picture(text: str, style: Style) -> bool:
    """Whether ``text`` in ``style`` is pixels of a picture: half blocks with both colours given."""
    return (style.color is not None and style.bgcolor is not None and not style.reverse
            and HALF_BLOCKS.issuperset(text))


def seen(style: Style, system: ColorSystem, dark: bool) -> tuple[RGB, RGB]:
    """The foreground and background a terminal shows for ``style``."""
    default_fg, default_bg = DARK_DEFAULTS if dark else LIGHT_DEFAULTS
    fg = shown(style.color, system, default_fg)
    bg = shown(style.bgcolor, system, default_bg)
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
    return fg, bg


@lru_cache(maxsize=4096)
def readable(style: Style, system: ColorSystem, dark: bool) -> Style:
    """``style``, or a style like it whose text reads at MINIMUM against its background."""
    fg, bg = seen(style, system, dark)
    if ratio(fg, bg) >= MINIMUM:
        return style
    if style.reverse:
        return _readable_reversed(style, system, dark)
    color = style.color
    palette = system == ColorSystem.STANDARD or (color is not None and color.type in (
        ColorType.STANDARD, ColorType.DEFAULT))
    if not palette and color is not None:
        shade = _shaded(fg, bg, system)  # from the colour as seen: a dim one stays dimmer
        if shade is not None:
            return style + Style(color=shade, dim=False)
    return style + Style(color=_palette_colour(fg, style, system, dark, bg), dim=False)


def _readable_reversed(style: Style, system: ColorSystem, dark: bool) -> Style:
    """A reversed ``style`` whose text reads: its background colour, which the terminal draws
    the text in, is made readable on its foreground colour, which it fills the cell with."""
    default_fg, default_bg = DARK_DEFAULTS if dark else LIGHT_DEFAULTS

    def explicit(color: RichColor | None, default: RGB) -> RichColor:
        # swapped, the terminal's default colours would be read for the other position
        if color is None or color.type == ColorType.DEFAULT:
            return RichColor.from_rgb(*default)
        return color

    swapped = Style(color=explicit(style.bgcolor, default_bg),
                    bgcolor=explicit(style.color, default_fg), dim=style.dim)
    fixed = readable(swapped, system, dark)
    return style + Style(bgcolor=fixed.color, dim=fixed.dim)


def _shaded(fg: RGB, bg: RGB, system: ColorSystem) -> RichColor | None:
    """``fg`` lightened or darkened away from ``bg`` until it reads (just), or None if it
    never does before it reaches white or black."""
    base = Color(*fg)
    towards_light = luminance(bg) < 0.18
    for step in range(1, 21):
        amount = step / 20
        candidate = base.lighten(amount) if towards_light else base.darken(amount)
        rich = candidate.rich_color
        if ratio(shown(rich, system, (0, 0, 0)), bg) >= MINIMUM:
            return rich
    return None


def _palette_colour(wanted: RGB, style: Style, system: ColorSystem, dark: bool,
                    bg: RGB) -> RichColor:
    """The palette colour nearest ``wanted`` that reads on ``bg`` (the terminal's default
    foreground is one, on the default background). White or black always reads on some
    background, so one is found."""
    default_fg = (DARK_DEFAULTS if dark else LIGHT_DEFAULTS)[0]
    candidates = [RichColor.from_ansi(n) for n in range(16)]
    if style.bgcolor is None or style.bgcolor.type == ColorType.DEFAULT:
        candidates.append(RichColor.default())
    readable_ones = [c for c in candidates if ratio(shown(c, system, default_fg), bg) >= MINIMUM]
    return min(readable_ones or candidates[15:16] + candidates[:1],
               key=lambda c: _distance(shown(c, system, default_fg), wanted))


def _distance(a: RGB, b: RGB) -> int:
    return sum((x - y) ** 2 for x, y in zip(a, b))


class ReadableColours(LineFilter):
    """Raises any text below 4.5:1 to a colour that reads (see the module's docstring).

    ``system`` is the colour system the terminal gets, and ``dark`` says, when called,
    whether the theme is dark now.
    """

    def __init__(self, system: ColorSystem, dark: Callable[[], bool], enabled: bool = True) -> None:
        super().__init__(enabled=enabled)
        self.system = system
        self.dark = dark
        self._app: App | None = None  # whose terminal's colour system to take at first use

    @classmethod
    def install(cls, app: App) -> ReadableColours:
        """Run the filter on every line ``app`` draws, after its own filters (NO_COLOR's), for
        the colours its terminal gets: the console's, read when the first line is drawn
        (24-bit when there is no terminal, as for a screenshot in a test)."""
        def dark() -> bool:
            return app.current_theme.dark

        readable_colours = cls(ColorSystem.TRUECOLOR, dark)
        readable_colours._app = app
        app._filters.append(readable_colours)  # Textual's list of line filters
        return readable_colours

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The segments, each with a readable style."""
        if self._app is not None:
            if not self._app.is_headless:
                self.system = SYSTEMS.get(self._app.console.color_system or "", self.system)
            self._app = None
        system, dark = self.system, self.dark()
        out = []
        for segment in segments:
            style = segment.style
            if (style is not None and not segment.control and segment.text.strip()
                    and not is_picture(segment.text, style)):
                if style.bgcolor is None and background is not None and background.a:
                    style = style + Style(bgcolor=background.rich_color)
                new = readable(style, system, dark)
                if new is not style:
                    segment = Segment(segment.text, new, segment.control)
            out.append(segment)
        return out

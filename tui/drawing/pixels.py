"""8×8 images in the terminal: two pixels a cell with half blocks, or shade glyphs without colour.

With colour, a cell is ``▀`` whose foreground is the top pixel and whose background the bottom
one, so 8 columns × 4 rows hold 8×8 pixels. Under ``NO_COLOR`` every hue is gone, so each pixel
becomes two characters of a shade glyph instead (16 columns × 8 rows): ink as `` ░▒▓█``, and a
signed value as ``░▒▓`` above zero and ``·─━`` below it, so the sign reads without colour.
"""

from __future__ import annotations

import numpy as np
from rich.color import Color as RichColor
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color, ColorParseError

INK = " ░▒▓█"
POSITIVE = "░▒▓"
NEGATIVE = "·─━"
BLUE = Color(40, 110, 255)
RED = Color(230, 50, 50)
"""The signed scale's ends: positive weights blue, negative red."""


def glyph_mode(app: App) -> bool:
    """Whether images must be drawn with glyphs (NO_COLOR: no hue survives)."""
    return bool(getattr(app, "no_color", False))


def image_rows(app: App) -> int:
    """Terminal rows an 8×8 image takes in this app."""
    return 8 if glyph_mode(app) else 4


def image_width(app: App) -> int:
    """Terminal columns an 8×8 image takes in this app."""
    return 16 if glyph_mode(app) else 8


def _theme_color(app: App, name: str, fallback: str) -> Color:
    try:
        color = Color.parse(app.theme_variables.get(name) or fallback)
    except ColorParseError:
        color = Color.parse(fallback)
    return Color.parse(fallback) if color.ansi is not None else color


def _rich(color: Color) -> RichColor:
    return RichColor.from_rgb(color.r, color.g, color.b)


def _few_colours(app: App) -> bool:
    """Whether the terminal has only the 16 ANSI colours (a blend would come out grey)."""
    return getattr(app.console, "color_system", None) == "standard"


def _half_blocks(colors: list[list[Color]]) -> list[Text]:
    """Rows of ``▀`` cells, each showing two rows of ``colors`` (top as fg, bottom as bg)."""
    lines = []
    for r in range(0, len(colors), 2):
        line = Text()
        for top, bottom in zip(colors[r], colors[r + 1]):
            if top == bottom:  # a plain cell: no glyph a text filter could take for text
                line.append(" ", Style(bgcolor=_rich(bottom)))
            else:
                line.append("▀", Style(color=_rich(top), bgcolor=_rich(bottom)))
        lines.append(line)
    return lines


ANSI_SIGNED = {(1, 1): Color(85, 85, 255), (1, 0): Color(0, 0, 170),
               (-1, 1): Color(255, 85, 85), (-1, 0): Color(170, 0, 0)}
"""At 16 colours: a weight's sign and whether it passes half the scale pick bright blue, blue,
bright red or red, given as the 16-colour palette's own values so they map onto them exactly."""


def ink_image(values: np.ndarray, app: App) -> list[Text]:
    """An 8×8 image of ``values`` in [0, 1] (0 blank, 1 full ink)."""
    v = np.clip(np.asarray(values, float).reshape(8, 8), 0.0, 1.0)
    if glyph_mode(app):
        idx = np.rint(v * (len(INK) - 1)).astype(int)
        return [Text("".join(INK[i] * 2 for i in row)) for row in idx]
    paper = _theme_color(app, "background", "#000000")
    ink = _theme_color(app, "foreground", "#ffffff")
    return _half_blocks([[paper.blend(ink, float(x)) for x in row] for row in v])


def signed_image(values: np.ndarray, scale: float, app: App) -> list[Text]:
    """An 8×8 image of signed ``values``: blue above 0, red below, full colour at ±``scale``."""
    v = np.asarray(values, float).reshape(8, 8)
    t = np.clip(np.abs(v) / scale, 0.0, 1.0) if scale > 0 else np.zeros_like(v)
    if glyph_mode(app):
        rows = []
        for row, mags in zip(v, t):
            cells = []
            for x, m in zip(row, mags):
                level = min(int(m * 3.0), 2)  # thirds of the scale
                cells.append("  " if m < 1 / 6 else (POSITIVE if x > 0 else NEGATIVE)[level] * 2)
            rows.append(Text("".join(cells)))
        return rows
    paper = _theme_color(app, "background", "#000000")
    if _few_colours(app):  # a faint blend would round to grey and lose the sign
        def ansi(x: float, m: float) -> Color:
            if m < 1 / 6:
                return paper
            return ANSI_SIGNED[(1 if x > 0 else -1, int(m >= 0.5))]
        return _half_blocks([[ansi(x, m) for x, m in zip(row, mags)] for row, mags in zip(v, t)])
    return _half_blocks([[paper.blend(BLUE if x > 0 else RED, float(m)) for x, m in zip(row, mags)]
                         for row, mags in zip(v, t)])


def signed_legend(scale: float, app: App, fmt) -> Text:
    """What the signed image's marks mean, e.g. ``■ +0.50  ■ −0.50``."""
    if glyph_mode(app):
        return Text(f"▓ +{fmt(scale)} ━ −{fmt(scale)}")
    text = Text()
    text.append("■", Style(color=_rich(BLUE)))
    text.append(f" +{fmt(scale)} ")
    text.append("■", Style(color=_rich(RED)))
    text.append(f" −{fmt(scale)}")
    return text

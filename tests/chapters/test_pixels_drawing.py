"""8×8 images keep the weights' signs readable in every colour mode."""

from types import SimpleNamespace

import numpy as np
from rich.color import Color as RichColor, ColorSystem

from tui.drawing.pixels import ANSI_SIGNED, ink_image, signed_image


def fake_app(color_system: str, no_color: bool = False):
    return SimpleNamespace(console=SimpleNamespace(color_system=color_system),
                           theme_variables={"background": "#121212", "foreground": "#e0e0e0"},
                           no_color=no_color)


WEIGHTS = np.linspace(-1.0, 1.0, 64)


def cell_colours(lines):
    return [c for line in lines for span in line.spans for c in (span.style.color, span.style.bgcolor)]


def test_at_16_colours_every_clear_weight_is_blue_or_red():
    colours = cell_colours(signed_image(WEIGHTS, 1.0, fake_app("standard")))
    wanted = {RichColor.from_rgb(c.r, c.g, c.b) for c in ANSI_SIGNED.values()}
    signed = [c for c in colours if c is not None and c != RichColor.from_rgb(0x12, 0x12, 0x12)]
    assert signed and set(signed) <= wanted
    # each of the four maps onto a standard colour exactly: the sign survives downsampling
    assert {c.downgrade(ColorSystem.STANDARD).number for c in wanted} == {1, 4, 9, 12}


def test_without_colour_the_sign_is_a_glyph():
    rows = [line.plain for line in signed_image(WEIGHTS, 1.0, fake_app("truecolor", True))]
    assert len(rows) == 8 and all(len(r) == 16 for r in rows)
    assert "━" in rows[0] and "▓" in rows[-1]  # the most negative first, the most positive last
    ink = [line.plain for line in ink_image(np.linspace(0, 1, 64), fake_app("truecolor", True))]
    assert ink[0].startswith("  ") and ink[-1].endswith("██")

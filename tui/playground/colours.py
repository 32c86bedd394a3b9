"""The playground's colours: Playground's orange–grey–blue scale, in a few levels.

A value v in [−1, 1] (a neuron's output, clamped as Playground clamps it) becomes one of five
levels: strong orange for v ≤ −½, light orange for −½ < v < 0, grey for exactly 0 (a ReLU
that is off), light blue for 0 < v < ½, strong blue for v ≥ ½. So every cell shows which
side of 0 it is on, and how far; and an epoch repaints only the cells that crossed 0 or ½,
which keeps a running map within a slow link's means. A softmax output becomes its likeliest
class's colour, light or strong by how sure. Without colour (NO_COLOR) the levels become the
glyphs of MONO_RAMP, and points are drawn in reverse video.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rich.color import Color
from rich.style import Style

STEPS = 2
"""Shades on each side of 0 (light and strong); level STEPS is exactly 0."""
ORANGE, GREY, BLUE, GREEN = (245, 147, 34), (232, 234, 235), (8, 119, 189), (46, 160, 67)
"""Playground's three colours (src/playground.ts, colorScale), and a third class's."""
CLASS_COLOURS = (ORANGE, BLUE, GREEN)
"""Class 0 (Playground's −1), class 1 (its +1), class 2."""
SOFTMAX_BASE = 2 * STEPS + 1
"""Softmax levels start here: SOFTMAX_BASE + class·(STEPS + 1) + shade (1 light … STEPS strong)."""
MONO_RAMP = " ·░▒█"
"""Glyphs for levels 0 … 2·STEPS without colour: from −1 (blank) through 0 (░) to +1 (█)."""
MONO_CLASSES = "·▒█"


def levels(values: np.ndarray) -> np.ndarray:
    """Levels 0 … 2·STEPS for values in [−1, 1] (clamped; a value that is not finite is 0):
    STEPS for exactly 0, and on each side a shade per 1/STEPS of distance from it."""
    v = np.clip(np.nan_to_num(np.asarray(values, float), nan=0.0, posinf=1.0, neginf=-1.0), -1, 1)
    shade = np.minimum(np.floor(np.abs(v) * STEPS), STEPS - 1) + 1
    return (STEPS + np.sign(v) * shade * (v != 0)).astype(np.uint8)


def softmax_levels(probs: np.ndarray) -> np.ndarray:
    """A level per row of class probabilities (n, 3): its likeliest class, light below a
    probability of ⅔ and strong from there."""
    probs = np.nan_to_num(np.asarray(probs, float))
    best = np.argmax(probs, axis=1)
    sure = np.clip((probs.max(axis=1) - 1 / 3) * 1.5, 0, 1)
    shade = np.minimum(np.floor(sure * STEPS), STEPS - 1) + 1
    return (SOFTMAX_BASE + best * (STEPS + 1) + shade).astype(np.uint8)


def rgb(level: int) -> tuple[int, int, int]:
    """The colour of ``level``."""
    if level >= SOFTMAX_BASE:
        cls, step = divmod(level - SOFTMAX_BASE, STEPS + 1)
        return _mix(GREY, CLASS_COLOURS[cls], step / STEPS)
    v = (level - STEPS) / STEPS
    return _mix(GREY, BLUE if v > 0 else ORANGE, abs(v))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def _luminance(colour: tuple[int, int, int]) -> float:
    """Relative luminance (WCAG 2)."""
    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = colour
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ink(colour: tuple[int, int, int]) -> Color:
    """Black or white, whichever stands out more on ``colour``."""
    light = _luminance(colour)
    return Color.from_rgb(0, 0, 0) if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) \
        else Color.from_rgb(255, 255, 255)


ANSI_LEVELS = (3, 11, 7, 12, 4)
"""Levels 0 … 4 on a 16-colour terminal: yellow (dark: its nearest to orange), bright yellow,
white, bright blue, blue. Playground's own light orange and light blue would both round to
the same grey there, and the boundary between them would vanish."""
ANSI_CLASSES = ((11, 3), (12, 4), (10, 2))
"""Each class light and strong on a 16-colour terminal: yellows, blues, greens."""
ANSI_RGB = {2: (0, 170, 0), 3: (170, 85, 0), 4: (0, 0, 170), 7: (170, 170, 170),
            10: (85, 255, 85), 11: (255, 255, 85), 12: (85, 85, 255)}
"""Rich's values for those colours (rich/_palettes.py, STANDARD_PALETTE): given as these, a
colour is turned into exactly that ANSI colour on a 16-colour terminal, which then shows it in
its own shade; they also choose black or white ink on it."""


def _ansi(level: int) -> int:
    if level >= SOFTMAX_BASE:
        cls, shade = divmod(level - SOFTMAX_BASE, STEPS + 1)
        return ANSI_CLASSES[cls][min(shade, STEPS) - 1]
    return ANSI_LEVELS[level]


def colour(level: int, ansi: bool) -> Color:
    """The colour of ``level``: Playground's scale, or the 16-colour one."""
    return Color.from_rgb(*(ANSI_RGB[_ansi(level)] if ansi else rgb(level)))


def _mono_char(level: int) -> str:
    if level >= SOFTMAX_BASE:
        return MONO_CLASSES[(level - SOFTMAX_BASE) // (STEPS + 1)]
    return MONO_RAMP[level]


@lru_cache(maxsize=4096)
def _cell(mono: bool, ansi: bool, top: int, bottom: int) -> tuple[str, Style]:
    if mono:
        return _mono_char(max(top, bottom) if top >= SOFTMAX_BASE else (top + bottom) // 2), Style()
    if top == bottom:
        return " ", Style(bgcolor=colour(top, ansi))
    return "▀", Style(color=colour(top, ansi), bgcolor=colour(bottom, ansi))


@dataclass(frozen=True)
class MapScale:
    """How levels are drawn: in colour (half blocks), in 16 colours (``ansi``), or, with
    ``mono``, as glyphs."""

    mono: bool = False
    ansi: bool = False

    def cell(self, top: int, bottom: int, count: int = 1) -> tuple[str, Style]:
        """``count`` cells whose upper pixel has level ``top`` and lower ``bottom``."""
        char, style = _cell(self.mono, self.ansi, top, bottom)
        return char * count, style

    def mark(self, level: int, bold: bool = False, underline: bool = False) -> Style:
        """A glyph drawn on a cell of ``level``'s colour (black or white ink), or reversed."""
        return _mark(self.mono, self.ansi, level, bold, underline)


@lru_cache(maxsize=1024)
def _mark(mono: bool, ansi: bool, level: int, bold: bool, underline: bool) -> Style:
    if mono:
        return Style(reverse=True, bold=bold, underline=underline)
    seen = ANSI_RGB[_ansi(level)] if ansi else rgb(level)
    return Style(color=ink(seen), bgcolor=colour(level, ansi), bold=bold, underline=underline)

"""The 8×8 canvas the learner draws a digit on: a cursor, and ink levels a key cycles."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from rich.style import Style
from rich.text import Text

INK_LEVELS = (0, 16, 8)
"""What ``i`` sets the pixel under the cursor to, in turn (pixels run 0–16)."""
SHADES = " ░▒▓█"


@dataclass(frozen=True, eq=False)
class Canvas:
    """64 pixels (0–16, row by row) and the cursor's row and column."""

    pixels: np.ndarray
    row: int = 3
    col: int = 3

    @classmethod
    def from_image(cls, pixels: np.ndarray) -> Canvas:
        """A canvas holding a copy of ``pixels``."""
        return cls(np.array(pixels, float).reshape(64).copy())

    def moved(self, d_row: int, d_col: int) -> Canvas:
        """The cursor moved, wrapping at the edges."""
        return replace(self, row=(self.row + d_row) % 8, col=(self.col + d_col) % 8)

    def inked(self) -> Canvas:
        """The pixel under the cursor set to the next ink level."""
        pixels = self.pixels.copy()
        i = self.row * 8 + self.col
        levels = list(INK_LEVELS)
        now = int(pixels[i])
        pixels[i] = levels[(levels.index(now) + 1) % len(levels)] if now in levels else levels[1]
        return replace(self, pixels=pixels)

    def cleared(self) -> Canvas:
        """Every pixel blank."""
        return replace(self, pixels=np.zeros(64))

    @property
    def inputs(self) -> np.ndarray:
        """The pixels as the network reads them, in [0, 1]."""
        return self.pixels / 16.0

    def lines(self, cursor: Style) -> list[Text]:
        """Eight rows, two characters a pixel in shades; the cursor's pixel in ``cursor``,
        reversed, and as ``[]`` when blank, so it shows without colour."""
        out = []
        for r in range(8):
            line = Text()
            for c in range(8):
                v = self.pixels[r * 8 + c]
                glyph = SHADES[int(round(v / 16 * (len(SHADES) - 1)))]
                if (r, c) == (self.row, self.col):
                    line.append("[]" if glyph == " " else glyph * 2, cursor + Style(reverse=True))
                else:
                    line.append(glyph * 2)
            out.append(line)
        return out

"""The network pane's rows: a column per layer, a small map per neuron, its incoming weights.

Each neuron's row begins with its incoming weights as glyphs, one per neuron of the layer
before (top to bottom): filled for positive, hollow for negative, larger for larger |w|
(· below 0.1, •/∘ below 0.5, ●/○ below 2, ■/□ from 2), then its map over the plane. Columns
that do not fit are left out around the focused one, and an arrow says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style

from core.playground.features import FEATURES
from tui.drawing.palette import Palette
from tui.playground.colours import STEPS, MapScale
from tui.playground.grids import Maps, feature_levels
from tui.playground.rows import Pixels, Row, Run

LABEL_WIDTH = 6
"""Cells for an input's name ("sin x₁")."""
GAP = 2
SIZES = ((3, 1), (2, 1), (2, 0), (1, 1), (1, 0))
"""(map rows, blank rows between neurons), largest first: the first that fits is used."""


@dataclass(frozen=True)
class Focus:
    """The focused neuron: ``layer`` 0 is the inputs (``unit`` any of the seven features),
    1 … H the hidden layers, H + 1 the output layer."""

    layer: int
    unit: int


def weight_glyph(w: float) -> str:
    """A weight as a glyph: its sign by filled or hollow, its size by |w|."""
    size = abs(w)
    if size < 0.1:
        return "·"
    if size < 0.5:
        return "•" if w > 0 else "∘"
    if size < 2:
        return "●" if w > 0 else "○"
    return "■" if w > 0 else "□"


def weight_style(w: float, pal: Palette) -> Style:
    """Positive weights in the theme's primary colour, negative in its warning colour."""
    if abs(w) < 0.1:
        return pal.muted.style
    return pal.curve.style if w > 0 else pal.derivative.style


def map_width(map_rows: int) -> int:
    """Cells across a small map of ``map_rows`` rows."""
    return 2 * map_rows + 2


def layout(units: list[int], height: int) -> tuple[int, int]:
    """(map rows, gap) for columns of ``units`` neurons in ``height`` rows (one is the header)."""
    most = max(units)
    for rows, gap in SIZES:
        if 1 + most * rows + (most - 1) * gap <= height:
            return rows, gap
    return SIZES[-1]


class NetworkRows:
    """Builds the pane's rows for one state, focus and size."""

    def __init__(self, maps: Maps, focus: Focus, pal: Palette, scale: MapScale) -> None:
        self.maps, self.focus, self.pal, self.scale = maps, focus, pal, scale
        self.state = maps.state
        self.sizes = self.state.net.sizes

    @property
    def columns(self) -> int:
        """Layers shown as columns: inputs, hidden layers, output."""
        return len(self.sizes)

    def units(self, layer: int) -> int:
        """Neurons in column ``layer`` (all seven inputs in column 0)."""
        return len(FEATURES) if layer == 0 else self.sizes[layer]

    def width(self, layer: int, mw: int) -> int:
        """Cells column ``layer`` takes."""
        lead = LABEL_WIDTH if layer == 0 else self.sizes[layer - 1]
        return 1 + lead + 1 + mw

    def rows(self, width: int, height: int) -> list[Row]:
        """The pane's rows in ``width`` × ``height`` cells."""
        mh, gap = layout([self.units(c) for c in range(self.columns)], height)
        mw = map_width(mh)
        first, last = self._window([self.width(c, mw) for c in range(self.columns)], width)
        blocks = [self._column(c, mh, gap, mw, height, "‹" if c == first > 0 else " ")
                  for c in range(first, last + 1)]
        rows = []
        for y in range(height):
            pieces: list = []
            for i, block in enumerate(blocks):
                if i:
                    pieces.append(Run(" " * GAP))
                pieces.extend(block[y])
            rows.append(tuple(pieces))
        if last < self.columns - 1:
            rows[0] = rows[0] + (Run(" ›", self.pal.muted.style),)
        used = 1 + max(self.units(c) for c in range(first, last + 1)) * (mh + gap) - gap
        if height - used >= 2:
            rows[-1] = self._legend(width)
        return rows

    def _legend(self, width: int) -> Row:
        """What the glyphs and colours mean, in the shortest form that fits."""
        muted, pos, neg = self.pal.muted.style, self.pal.curve.style, self.pal.derivative.style
        bar = Pixels.of(range(2 * STEPS + 1), range(2 * STEPS + 1), self.scale)
        long = (Run("weights ", muted), Run("● +", pos), Run(" ", muted), Run("○ −", neg),
                Run(", bigger for larger |w| · maps −1 ", muted), bar, Run(" +1", muted))
        short = (Run("● + ○ − weights · −1 ", muted), bar, Run(" +1", muted))
        for form in (long, short):
            if sum(p.width for p in form) <= width:
                return form
        return (Run("● + ○ −", muted),)

    def _window(self, widths: list[int], room: int) -> tuple[int, int]:
        """The widest run of columns that holds the focused one and fits in ``room``."""
        first = last = min(self.focus.layer, len(widths) - 1)
        used = widths[first]
        while True:
            grown = False
            for side in (1, -1):
                c = last + 1 if side > 0 else first - 1
                if 0 <= c < len(widths) and used + GAP + widths[c] + 2 <= room:
                    used += GAP + widths[c]
                    first, last = min(first, c), max(last, c)
                    grown = True
            if not grown:
                return first, last

    def _header(self, layer: int, room: int) -> str:
        """The column's name, short where the column is narrow ("L3" for "layer 3")."""
        if layer == 0:
            return "inputs"
        if layer == self.columns - 1:
            return "output" if room >= 6 else "out"
        return f"layer {layer}" if room >= 7 else f"L{layer}"

    def _column(self, layer: int, mh: int, gap: int, mw: int, height: int,
                lead: str) -> list[list]:
        """Column ``layer``'s rows; ``lead`` begins its header (‹ when columns are left out)."""
        width = self.width(layer, mw)
        focused = self.focus.layer == layer
        style = self.pal.highlight.style if focused else Style(bold=True)
        rows: list[list] = [[Run(lead + self._header(layer, width - 1).ljust(width - 1), style)]]
        n = self.units(layer)
        shown = range(n)
        fits = (height - 1 + gap) // (mh + gap)
        if fits < n:  # too short for them all: the ones around the focused neuron
            start = min(max(self.focus.unit - fits // 2, 0), n - fits) if focused else 0
            shown = range(start, start + fits)
        for unit in shown:
            block = self._unit(layer, unit, mh, mw)
            rows.extend(block)
            rows.extend([[Run(" " * width)]] * gap)
        while len(rows) < height:
            rows.append([Run(" " * width)])
        return rows[:height]

    def _unit(self, layer: int, unit: int, mh: int, mw: int) -> list[list]:
        """A neuron's rows: marker, label or weights, then its map."""
        focused = self.focus == Focus(layer, unit)
        marker = Run("▸" if focused else " ", self.pal.highlight.style)
        if layer == 0:
            name = list(FEATURES)[unit]
            active = name in self.state.settings.features
            label = FEATURES[name].label.ljust(LABEL_WIDTH)
            lead = [Run(label, Style(bold=True) if active else self.pal.muted.style)]
            lv = feature_levels(self.maps.small, name)
        else:
            w = self.state.net.W[layer - 1][:, unit]
            lead = [Run(weight_glyph(v), weight_style(v, self.pal)) for v in w]
            lv = self.maps.small_levels(layer, unit)
        blank = " " * (1 + sum(p.width for p in lead))
        rows = []
        for r in range(mh):
            pixels = Pixels.of(lv[2 * r], lv[2 * r + 1], self.scale)
            start = [marker, *lead] if r == 0 else [Run(blank)]
            rows.append(start + [Run(" "), pixels])
        return rows


def small_size(sizes: tuple[int, ...], height: int) -> tuple[int, int]:
    """(cols, rows) of each small map for a network of ``sizes`` in a pane ``height`` tall."""
    mh = layout([len(FEATURES), *sizes[1:]], height)[0]
    return map_width(mh), mh

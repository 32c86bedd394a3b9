"""Where the maps sample the plane, and every neuron's map from one batched forward pass."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from core.playground.features import FEATURES, feature_matrix
from core.playground.state import PlayState
from tui.playground.colours import levels, softmax_levels

Domain = tuple[float, float, float, float]


@dataclass(frozen=True)
class Grid:
    """A map of ``cols`` × ``rows`` cells over ``domain``: two pixels per cell, one above the
    other, each sampled at its centre."""

    domain: Domain
    cols: int
    rows: int

    @cached_property
    def points(self) -> np.ndarray:
        """Pixel centres, shape (2·rows·cols, 2), row by row from the top left."""
        x_lo, x_hi, y_lo, y_hi = self.domain
        xs = x_lo + (np.arange(self.cols) + 0.5) * (x_hi - x_lo) / self.cols
        ys = y_hi - (np.arange(2 * self.rows) + 0.5) * (y_hi - y_lo) / (2 * self.rows)
        gx, gy = np.meshgrid(xs, ys)
        return np.column_stack([gx.ravel(), gy.ravel()])

    @property
    def size(self) -> int:
        """Pixels."""
        return 2 * self.rows * self.cols

    def pixel(self, x: float, y: float) -> tuple[int, int]:
        """The (column, pixel row) holding the point (x, y), clamped to the map."""
        x_lo, x_hi, y_lo, y_hi = self.domain
        col = int(np.floor((x - x_lo) / (x_hi - x_lo) * self.cols))
        row = int(np.floor((y_hi - y) / (y_hi - y_lo) * 2 * self.rows))
        return min(max(col, 0), self.cols - 1), min(max(row, 0), 2 * self.rows - 1)

    def centre(self, col: int, row: int) -> tuple[float, float]:
        """The point at the centre of pixel (col, row)."""
        x_lo, x_hi, y_lo, y_hi = self.domain
        return (x_lo + (col + 0.5) * (x_hi - x_lo) / self.cols,
                y_hi - (row + 0.5) * (y_hi - y_lo) / (2 * self.rows))


def node_levels(state: PlayState, layer_out: np.ndarray, output: bool, unit: int | None) -> np.ndarray:
    """Colour levels of one neuron's values (``unit``), or of the whole output of a
    three-class network (``unit`` None): hidden values clamped to [−1, 1] as Playground does,
    outputs on their head's scale (a sigmoid's 0.5 in the middle)."""
    head = state.rules.head
    if output and head.name == "softmax":
        if unit is None:
            return softmax_levels(layer_out)
        return levels(2 * layer_out[:, unit] - 1)
    if output:
        return levels(head.shade(layer_out[:, :1]))
    return levels(layer_out[:, unit])


@dataclass(frozen=True, eq=False)
class Maps:
    """Every neuron's output on a big grid and a small one, computed in one pass."""

    state: PlayState
    big: Grid
    small: Grid

    @cached_property
    def outputs(self) -> list[np.ndarray]:
        """Per layer after the inputs: (big.size + small.size, units)."""
        return self.state.outputs(np.concatenate([self.big.points, self.small.points]))

    def _levels(self, layer: int, unit: int | None, big: bool) -> np.ndarray:
        grid = self.big if big else self.small
        cut = slice(0, self.big.size) if big else slice(self.big.size, None)
        out = self.outputs[layer - 1][cut]
        last = layer == len(self.outputs)
        return node_levels(self.state, out, last, unit).reshape(2 * grid.rows, grid.cols)

    def big_levels(self, layer: int, unit: int | None) -> np.ndarray:
        """The big map of neuron ``unit`` of ``layer`` (1 = first hidden layer): (2·rows, cols)."""
        return self._levels(layer, unit, True)

    def small_levels(self, layer: int, unit: int) -> np.ndarray:
        """The small map of one neuron, (2·rows, cols)."""
        return self._levels(layer, unit, False)


def feature_levels(grid: Grid, name: str) -> np.ndarray:
    """An input's values over the plane, clamped to [−1, 1] as Playground draws them."""
    values = feature_matrix(grid.points, (name,))[:, 0]
    return levels(values).reshape(2 * grid.rows, grid.cols)


FEATURE_NAMES = tuple(FEATURES)

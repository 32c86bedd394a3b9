"""Weight initialisation schemes: how the first weights of a dense layer are drawn.

Each scheme fixes a spread from the layer's fan-in (inputs per neuron) and fan-out (neurons);
a gain multiplies that spread, so the reader can push any scheme towards saturation or collapse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

SpreadFn = Callable[[int, int], float]


@dataclass(frozen=True)
class InitScheme:
    """A way of drawing weights.

    Attributes:
        name: key, e.g. ``"he"``.
        title: human name, e.g. ``"He / Kaiming"``.
        formula: the distribution at gain 1, for display: N(0, v) with variance v, or U(−r, r).
        uniform: draw from U(−r, r) when true, else from N(0, r²).
        spread: r at gain 1, from (fan_in, fan_out).
    """

    name: str
    title: str
    formula: str
    uniform: bool
    spread: SpreadFn

    def std(self, fan_in: int, fan_out: int, gain: float = 1.0) -> float:
        """The standard deviation of a weight drawn with this scheme and gain."""
        r = gain * self.spread(fan_in, fan_out)
        return r / math.sqrt(3.0) if self.uniform else r

    def draw(self, fan_in: int, fan_out: int, gain: float, rng: np.random.Generator) -> np.ndarray:
        """Weights of shape (fan_in, fan_out): column j feeds neuron j."""
        r = gain * self.spread(fan_in, fan_out)
        if self.uniform:
            return rng.uniform(-r, r, size=(fan_in, fan_out))
        return rng.normal(0.0, r, size=(fan_in, fan_out))


UNIFORM_SMALL = InitScheme("small", "uniform small", "U(−0.01, 0.01)", True, lambda i, o: 0.01)
STANDARD_NORMAL = InitScheme("normal", "standard normal", "N(0, 1)", False, lambda i, o: 1.0)
XAVIER = InitScheme("xavier", "Xavier / Glorot", "N(0, 2/(fan_in + fan_out))", False,
                    lambda i, o: math.sqrt(2.0 / (i + o)))
HE = InitScheme("he", "He / Kaiming", "N(0, 2/fan_in)", False, lambda i, o: math.sqrt(2.0 / i))

INIT_SCHEMES: dict[str, InitScheme] = {s.name: s for s in (UNIFORM_SMALL, STANDARD_NORMAL, XAVIER, HE)}
"""Every scheme by name, in the order the app cycles through them."""

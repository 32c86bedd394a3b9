"""The ranges the number fields accept, in one place for every pane that edits a neuron."""

from tui.values.numbers import Bounds

VALUE_BOUNDS = Bounds(-1e6, 1e6)
"""Inputs, weights, bias and regression targets may be set anywhere in ±1e6."""
PROBABILITY_BOUNDS = Bounds(0.0, 1.0)
"""A cross-entropy target is a probability."""
NUDGE_BOUNDS = Bounds(1e-6, 1e3)
"""The nudge step of +/-."""
LR_BOUNDS = Bounds(1e-6, 1e3)
"""The learning rate η."""
SEED_BOUNDS = Bounds(0, 2**32 - 1, integer=True)
"""Seeds of numpy.random.default_rng."""
GAIN_BOUNDS = Bounds(0.01, 20.0)
"""The gain that multiplies an initialisation scheme's spread."""
SHIFT_BOUNDS = Bounds(-10.0, 10.0)
"""A starting bias for a whole stack, and batch normalisation's γ and β."""

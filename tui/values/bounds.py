"""The ranges the number fields accept, in one place for every pane that edits a neuron."""

from core.neuron.ranges import LEARNING_RATES, PROBABILITY, SEEDS, VALUE_LIMIT
from tui.values.numbers import Bounds

VALUE_BOUNDS = Bounds(-VALUE_LIMIT, VALUE_LIMIT)
"""Inputs, weights, bias and regression targets may be set anywhere in ±1e6."""
PROBABILITY_BOUNDS = Bounds(*PROBABILITY)
"""A cross-entropy target is a probability."""
NUDGE_BOUNDS = Bounds(1e-6, 1e3)
"""The nudge step of +/-."""
LR_BOUNDS = Bounds(*LEARNING_RATES)
"""The learning rate η."""
SEED_BOUNDS = Bounds(*SEEDS, integer=True)
"""Seeds of numpy.random.default_rng."""
GAIN_BOUNDS = Bounds(0.01, 20.0)
"""The gain that multiplies an initialisation scheme's spread."""
SHIFT_BOUNDS = Bounds(-10.0, 10.0)
"""A starting bias for a whole stack, and batch normalisation's γ and β."""

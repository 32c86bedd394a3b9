"""The ranges a neuron's numbers may take, wherever they come from: a field, a file, a string.

The lab's fields accept these, and a session, state string or CSV is held to the same ranges
when it is read, so a file cannot set up what the lab itself would refuse.
"""

VALUE_LIMIT = 1e6
"""Inputs, weights, bias and regression targets lie within ±this."""
PROBABILITY = (0.0, 1.0)
"""A cross-entropy target is a probability."""
LEARNING_RATES = (1e-6, 1e3)
"""The learning rate η."""
SEEDS = (0, 2**32 - 1)
"""Seeds of the reproducible initialisation."""
STEP_REACH = 1e24
"""No parameter passes this, even after a step that diverged.

Training stops once a weight or the bias passes ±VALUE_LIMIT, but the step that passed it can
carry it further: at most about 1.6·10²² (8 inputs and a target at ±10⁶, weights at ±10⁶, a
linear neuron with squared error and η = 1000; a test takes that step). A saved lab may hold
such a state, so it is read back; a number beyond this was never written by the lab.
"""

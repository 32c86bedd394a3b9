"""Pure NumPy core of neuron-tui: neurons, activations, losses, datasets and training.

Nothing in this package imports a user-interface library; the TUI depends on it, never the
other way round.
"""

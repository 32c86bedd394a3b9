"""The Textual interface of neuron-tui."""

__version__ = "0.1.0"

"""The floor: the bare app, but loading the libraries neuron-tui is built on first.

neuron-tui's first screen shows numbers the NumPy core computed and plots plotext drew, so no
start-up can be faster than this app's, which imports numpy and plotext and then shows the
bare app. The ssh benchmark reports it beside the bare app, to separate what the libraries
cost from what neuron-tui's own code costs.
"""

import numpy  # noqa: F401
import plotext  # noqa: F401

from bare_app import BareApp

if __name__ == "__main__":
    BareApp().run()

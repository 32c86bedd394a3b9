"""The floor: the bare app, but loading the libraries neuron-tui is built on first.

neuron-tui's first screen shows numbers the NumPy core computed and plots plotext drew, so no
start-up can be faster than this app's, which imports numpy and plotext as neuron-tui does
(NumPy with one BLAS thread, plotext without its help texts: tui/blas.py,
tui/drawing/plotext_module.py) and then shows the bare app. The pty benchmark reports it beside
the bare app, to separate what the libraries cost from what neuron-tui's own code costs.
"""

from tui.blas import one_blas_thread

one_blas_thread()

import numpy  # noqa: E402, F401

from tui.drawing.plotext_module import plotext  # noqa: E402

plotext()

from bare_app import BareApp  # noqa: E402

if __name__ == "__main__":
    BareApp().run()

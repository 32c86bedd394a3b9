"""plotext, imported without building its help texts.

On import plotext 5.x writes a coloured help text into each of its 150-odd functions
(``plotext._doc`` and ``plotext._doc_utils``): about 10 of the 15 ms its import takes, paid on
the first screen of every chapter with a plot, and of the lab. The app never reads those
texts, so the first import stands in two empty modules for the ones that write them. Should
that fail (another plotext), plotext is imported as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

HELP_MODULES = ("plotext._doc", "plotext._doc_utils")
"""The modules that build plotext's help texts, which the first import leaves out."""


def plotext() -> ModuleType:
    """The plotext package (imported on the first call), with its submodules loaded."""
    loaded = sys.modules.get("plotext")
    if loaded is not None:
        return loaded
    stand_ins = [ModuleType(name) for name in HELP_MODULES]
    stand_ins[1].documentation = None  # what plotext._core reads from it
    stand_ins[1].add = _no_help
    sys.modules.update((m.__name__, m) for m in stand_ins)
    try:
        import plotext as module
    except Exception:  # noqa: BLE001 - another plotext: it is imported whole below
        module = None
    finally:
        for stand_in in stand_ins:
            if sys.modules.get(stand_in.__name__) is stand_in:
                del sys.modules[stand_in.__name__]
    if module is None:
        for name in [n for n in sys.modules if n == "plotext" or n.startswith("plotext.")]:
            del sys.modules[name]
        import plotext as module
    return module


def _no_help(function: object) -> None:
    """Where plotext would write ``function``'s help text: nothing."""

"""plotext is imported without its help texts, and draws exactly as when imported whole."""

import subprocess
import sys

# A plot with every kind of series the app draws, built in a fresh interpreter by `load`.
PROBE = """
import sys
{load}
plt.clf(); plt.limit_size(False, False); plt.plotsize(60, 15); plt.theme("clear")
plt.plot([0, 1, 2, 3], [0.1, 0.9, 0.4, 0.7], marker="braille", color=(10, 120, 200))
plt.scatter([0.5, 2.5], [0.3, 0.6], marker="dot", color="red")
plt.xlim(0, 3); plt.ylim(0, 1); plt.xticks([0, 1.5, 3], ["0", "1.5", "3"])
print(plt.plot.__doc__ is None, "plotext._doc" in sys.modules)
print(plt.build())
"""


def _run(load: str) -> tuple[str, str]:
    out = subprocess.run([sys.executable, "-c", PROBE.format(load=load)], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    flags, plot = out.split("\n", 1)
    return flags, plot


def test_plotext_is_loaded_without_its_help_and_draws_the_same():
    flags, plot = _run("from tui.drawing.plotext_module import plotext; plt = plotext()")
    whole_flags, whole_plot = _run("import plotext as plt")
    assert flags == "True False"  # no help text written, the modules that write it not loaded
    assert whole_flags == "False True"
    assert plot == whole_plot  # cell for cell and colour for colour
    assert any("\u2801" <= ch <= "\u28ff" for ch in plot)  # the curve was drawn


def test_the_app_loads_plotext_only_through_the_module():
    # Any other import of plotext, run first, would build the help texts after all.
    from pathlib import Path

    import tui

    root = Path(tui.__file__).parent
    direct = [str(p.relative_to(root)) for p in root.rglob("*.py")
              if p.name != "plotext_module.py"
              and any(line.lstrip().startswith(("import plotext", "from plotext"))
                      for line in p.read_text("utf-8").splitlines())]
    assert direct == []

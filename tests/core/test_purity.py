"""core is pure NumPy: importing it must not load any user-interface library."""

import pkgutil
import subprocess
import sys

import core


def test_core_imports_no_ui_library():
    modules = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core."))
    assert {"core.neuron.graph", "core.networks.layers", "core.networks.batchnorm",
            "core.networks.probe"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in ('textual', 'rich', 'plotext') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

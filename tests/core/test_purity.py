"""core is pure NumPy: importing it must not load any user-interface library."""

import pkgutil
import subprocess
import sys

import core


def test_core_imports_no_ui_library():
    modules = sorted(m.name for m in pkgutil.iter_modules(core.__path__))
    assert {"graph", "layers", "batchnorm", "probe"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module('core.' + m)\n"
        "bad = [m for m in ('textual', 'rich', 'plotext') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

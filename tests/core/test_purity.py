"""core is pure NumPy: importing it must not load any user-interface library."""

import subprocess
import sys


def test_core_imports_no_ui_library():
    code = (
        "import sys, core.activations, core.losses, core.neuron, core.train, core.history, "
        "core.datasets, core.gradcheck, core.softmax, core.surface\n"
        "bad = [m for m in ('textual', 'rich', 'plotext') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

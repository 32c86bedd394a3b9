"""The apps the pseudo-terminal benchmarks compare, how each is started, and how runs are summed up.

Every app starts with a new, empty config folder (so neuron-tui opens as for a new reader) in a
scratch folder, in a local pseudo-terminal, or with ``ssh=True`` through a real ``ssh`` to a
private sshd on 127.0.0.1 (benchmarks/private_sshd.py).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from pty_probe import Terminal, bytecode_note

HERE = Path(__file__).resolve().parent
PY = sys.executable
APPS: dict[str, tuple[list[str], str]] = {
    "bare": ([PY, str(HERE / "bare_app.py")], "steps: 0"),
    "floor": ([PY, str(HERE / "floor_app.py")], "steps: 0"),
    "lab": ([PY, "-m", "tui", "--lab"], "Cost over steps"),
    "book": ([PY, "-m", "tui"], "The neuron"),
    "book9": ([PY, "-m", "tui", "--chapter", "9"], "Beyond one neuron"),
    "book10": ([PY, "-m", "tui", "--chapter", "10"], "A neuron that reads pixels"),
    "book12": ([PY, "-m", "tui", "--chapter", "12"], "The bigram model"),
}
"""name: (command, a pattern its first screen shows). ``book`` is what a new reader gets: the
book at chapter 1; chapters 9, 10 and 12 load more (10 and 12 bundled data)."""
COLOURS = {"256": ("xterm-256color", None), "truecolor": ("xterm-256color", "truecolor"),
           "16": ("xterm", None)}
"""Colour modes as a remote user's terminal announces them (ssh forwards TERM, not COLORTERM)."""


class Launcher:
    """Starts the apps, each with a new config folder, locally or through ssh."""

    def __init__(self, size: tuple[int, int], ssh: bool = False, colours: str = "256") -> None:
        self.size = size
        self.term, self.colorterm = COLOURS[colours]
        self.scratch = tempfile.mkdtemp(prefix="bench-")
        self._stack = ExitStack()
        self._wrap = None
        if ssh:
            from private_sshd import private_sshd

            self._wrap = self._stack.enter_context(private_sshd())

    def start(self, name: str) -> Terminal:
        """Start app ``name`` (a key of APPS) and return its terminal, before its first byte."""
        cmd, _ = APPS[name]
        env = {"NEURON_TUI_CONFIG_DIR": tempfile.mkdtemp(dir=self.scratch)}
        if self._wrap is None:
            os.chdir(self.scratch)
            return Terminal(cmd, self.size, self.term, self.colorterm, env)
        if self.colorterm:
            env["COLORTERM"] = self.colorterm
        return Terminal(self._wrap(cmd, self.scratch, env), self.size, self.term,
                        stats_pid=False)

    def warm(self, names: list[str]) -> None:
        """Run each app once untimed, so its bytecode is cached, as in an installed copy."""
        for name in names:
            with self.start(name) as t:
                t.first_screen(APPS[name][1], settle=0.5)

    def close(self) -> None:
        """Stop the private sshd, if one was started."""
        self._stack.close()

    def header(self, what: str) -> str:
        """The lines every benchmark prints first: the machine, the terminal, the bytecode."""
        load = os.getloadavg()
        how = "through ssh to a private sshd on 127.0.0.1" if self._wrap else "local pseudo-terminal"
        return (f"{what}\n{os.cpu_count()} cores · load average {load[0]:.1f} {load[1]:.1f} "
                f"{load[2]:.1f} · {self.size[0]}x{self.size[1]} · TERM={self.term}"
                f"{' COLORTERM=' + self.colorterm if self.colorterm else ', no COLORTERM'} · "
                f"{how}\n{bytecode_note()}; each app runs once untimed first")


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    """"median (min–max)" of ``values``."""
    if not values:
        return "—"
    return (f"{fmt.format(statistics.median(values))} "
            f"({fmt.format(min(values))}–{fmt.format(max(values))})")


def median(values: list[float]) -> float:
    """The median, or nan for no values."""
    return statistics.median(values) if values else float("nan")

"""The neuron-tui application and its command line."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui import __version__

DESCRIPTION = ("A terminal textbook that teaches how an artificial neuron works by letting you "
               "poke one. Keys: s step, r run, u undo, space phase, ? help, q quit.")


class NeuronApp(App[None]):
    """Opens on the lab, a neuron learning OR with a sigmoid and cross-entropy."""

    TITLE = "neuron-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, seed: int = 0) -> None:
        super().__init__()
        self.seed = seed

    def on_mount(self) -> None:
        """Build the starting state and open the lab."""
        from core.activations import SIGMOID
        from core.datasets import get_dataset
        from core.losses import BCE
        from core.train import new_state
        from tui.screens.lab import LabScreen

        start = new_state(get_dataset("or"), SIGMOID, BCE, lr=0.5, seed=self.seed)
        self.push_screen(LabScreen(start))

    def action_help(self) -> None:
        """Show every key (the help screen toggles off with ? or escape)."""
        from tui.screens.help import HelpScreen
        from tui.screens.lab import LabScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        lab = self.screen if isinstance(self.screen, LabScreen) else None
        self.push_screen(HelpScreen(list(lab.BINDINGS) if lab else []))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every lab action, and each activation and dataset by name."""
        yield from super().get_system_commands(screen)
        from core.activations import ACTIVATIONS
        from core.datasets import DATASETS
        from tui.screens.lab import LabScreen

        if not isinstance(screen, LabScreen):
            return
        for b in screen.BINDINGS:
            if b.action.startswith("app."):
                continue
            help_text = f"key {b.key_display or b.key}" + (f" · {b.tooltip}" if b.tooltip else "")
            yield SystemCommand(b.description, help_text,
                                partial(screen.run_action, b.action))
        for name, act in ACTIVATIONS.items():
            yield SystemCommand(f"Activation: {act.title}", act.formula,
                                partial(screen.set_activation, name))
        for name, data in DATASETS.items():
            yield SystemCommand(f"Dataset: {data.title}", data.description,
                                partial(screen.set_dataset, name))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (argparse exits with status 2 on a bad argument)."""
    parser = argparse.ArgumentParser(prog="neuron-tui", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"neuron-tui {__version__}")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="seed that initialises the weights (default 0)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``neuron-tui`` command."""
    args = parse_args(argv)
    if not 0 <= args.seed < 2**32:
        raise SystemExit("neuron-tui: error: --seed must be between 0 and 4294967295")
    NeuronApp(seed=args.seed).run()

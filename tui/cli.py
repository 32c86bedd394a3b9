"""The ``neuron-tui`` command line: every option is checked before any screen opens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__
from tui.values.numbers import whole_number

DESCRIPTION = ("A terminal textbook that teaches how an artificial neuron works by letting you "
               "poke one. In the book: ] next chapter, t contents, e exercise, L lab. "
               "In the lab: s step, r run, u undo, space phase, B book. Everywhere: ? help, q quit.")
EPILOG = ("Colours: set COLORTERM=truecolor for 24-bit colour (ssh does not pass it on by "
          "default), TEXTUAL_COLOR_SYSTEM=standard|256|truecolor to force a colour system, "
          "NO_COLOR=1 for none. The ansi-dark and ansi-light themes use your terminal's own "
          "16 colours.")
MAX_SEED = 2**32 - 1


def _build_parser(n_chapters: int, datasets: list[str], activations: list[str],
                  themes: list[str]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="neuron-tui", description=DESCRIPTION, epilog=EPILOG)
    p.add_argument("--version", action="version", version=f"neuron-tui {__version__}")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--chapter", type=whole_number, metavar="N",
                       help=f"open chapter N of the book (1 to {n_chapters})")
    where.add_argument("--lab", action="store_true", help="open the free-form lab")
    where.add_argument("--playground", action="store_true",
                       help="open the playground: a small network on points in the plane")
    data = p.add_mutually_exclusive_group()
    data.add_argument("--dataset", choices=datasets, metavar="NAME",
                      help=f"the lab's dataset: {', '.join(datasets)}")
    data.add_argument("--csv", type=Path, metavar="FILE",
                      help="train on your own numeric CSV (header row; the last column is the target)")
    p.add_argument("--standardise", action="store_true",
                   help="with --csv: scale each input column to mean 0 and standard deviation 1")
    p.add_argument("--activation", choices=activations, metavar="NAME",
                   help=f"the lab neuron's activation: {', '.join(activations)}")
    p.add_argument("--seed", type=whole_number, default=None, metavar="S",
                   help=f"seed that initialises the lab's weights (0 to {MAX_SEED}, default 0)")
    restore = p.add_mutually_exclusive_group()
    restore.add_argument("--load", type=Path, metavar="FILE", help="open a saved session in the lab")
    restore.add_argument("--state", metavar="STRING",
                         help="open the lab (nt1.…) or the playground (pg1.…) in a state "
                              "copied with y")
    restore.add_argument("--resume", action="store_true",
                         help="open the lab as you left it (it is kept whenever you leave a "
                              "lab you changed)")
    p.add_argument("--theme", choices=themes, metavar="NAME", help=f"colour theme: {', '.join(themes)}")
    p.add_argument("--no-mouse", action="store_true", help="ignore the mouse (keys only)")
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse and check the command line; a bad argument exits with status 2 and a reason.

    The result carries ``lab_start``: the states the lab opens with (None for the default).
    """
    from core.neuron.activations import ACTIVATIONS
    from core.data.datasets import DATASETS
    from textual.theme import BUILTIN_THEMES
    from tui.app import N_CHAPTERS  # textual and numpy: the app needs both straight after

    parser = _build_parser(N_CHAPTERS, list(DATASETS), list(ACTIVATIONS), list(BUILTIN_THEMES))
    args = parser.parse_args(argv)
    if args.chapter is not None and not 1 <= args.chapter <= N_CHAPTERS:
        parser.error(f"--chapter must be between 1 and {N_CHAPTERS}")
    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        parser.error(f"--seed must be between 0 and {MAX_SEED}")
    if args.standardise and args.csv is None:
        parser.error("--standardise only applies to --csv")
    shaping = [f"--{n}" for n in ("dataset", "csv", "activation", "seed")
               if getattr(args, n) is not None]
    if (args.load or args.state or args.resume) and shaping:
        parser.error(f"--load, --resume and --state restore a whole lab; "
                     f"leave out {', '.join(shaping)}")
    args.playground_start = _playground_start(args, parser, shaping)
    args.lab_start = _lab_start(args, parser)
    if args.lab_start is not None and args.chapter is not None:
        parser.error("these options set up the lab; leave out --chapter")
    return args


def _playground_start(args: argparse.Namespace, parser: argparse.ArgumentParser,
                      shaping: list[str]) -> list | None:
    """The playground's state from --state pg1.…, if given (then --state is used up here)."""
    from_string = args.state is not None and args.state.strip().startswith("pg1.")
    if args.playground or from_string:
        if shaping or args.load or args.resume or args.lab or args.chapter is not None:
            parser.error("--playground and a pg1. state string open the playground; leave out "
                         "the options for the lab and the book")
        args.playground = True
    if not from_string:
        return None
    from core.files.playground_session import read_state_string
    from core.files.session import SessionError

    try:
        state = read_state_string(args.state)
    except SessionError as error:
        parser.error(str(error))
    args.state = None
    return [state]


def _lab_start(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list | None:
    # Each reader is imported only when its option is given: a plain start pays for none.
    if args.resume:
        from tui.storage.kept_lab import kept_lab_path

        args.load = kept_lab_path()
        if not args.load.exists():
            parser.error(f"no lab kept yet ({args.load}): one is kept when you leave a lab "
                         "you have changed")
    if args.load is not None or args.state is not None:
        from core.files.session import SessionError, read_state_string
        from tui.lab.start import read_session_file

        try:
            return read_session_file(args.load) if args.load else [read_state_string(args.state)]
        except SessionError as error:
            parser.error(str(error))
    data = None
    if args.csv is not None:
        from core.data.csvdata import CSVError, load_csv

        try:
            data, _ = load_csv(args.csv, args.standardise)
        except CSVError as error:
            parser.error(str(error))
    if data is None and args.dataset is None and args.activation is None and args.seed is None:
        return None
    from tui.lab.start import default_lab_state

    return [default_lab_state(args.dataset, data, args.activation, args.seed or 0)]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``neuron-tui`` command."""
    from tui import collector
    from tui.blas import one_blas_thread

    one_blas_thread()  # before anything imports numpy
    collector.hold()
    args = parse_args(argv)
    from tui.app import NeuronApp

    collector.set_aside_imports()

    start = "lab" if args.lab or args.lab_start else ("book" if args.chapter else None)
    start = "playground" if args.playground else start
    app = NeuronApp(seed=args.seed or 0, start=start, chapter=args.chapter,
                    lab_start=args.lab_start, theme=args.theme,
                    playground_start=args.playground_start)
    try:
        app.run(mouse=not args.no_mouse)
    finally:
        kept = _keep_lab(app)
    sys.exit(app.return_code or (0 if kept else 1))


def _keep_lab(app) -> bool:
    """After the app has closed, however: keep a lab the learner changed, and say where.
    False if there was one to keep and it could not be kept."""
    states = app.lab_to_keep()
    if not states:
        return True
    from tui.storage.kept_lab import keep_lab

    kept, message = keep_lab(states)
    try:
        print(message, file=sys.stdout if kept else sys.stderr)
    except OSError:  # the terminal went with the connection
        pass
    return kept

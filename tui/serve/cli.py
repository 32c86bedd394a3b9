"""The ``neuron-tui-serve`` command: serve the book to a class over SSH, or show its status."""

from __future__ import annotations

import argparse
import asyncio
import logging
import logging.handlers
import sys
from pathlib import Path

from tui.serve.classroom import Settings
from tui.serve.limits import IDLE_MINUTES, INPUT_RATE, LOGIN_SECONDS, MAX_LEARNERS
from tui.serve.places import Places, default_data_dir, default_host_key, read_small
from tui.values.numbers import whole_number

DESCRIPTION = ("Serve neuron-tui to a class over SSH: each learner types ssh -p PORT HOST and "
               "gets the book in their own process, with their place, solved exercises and "
               "kept lab saved under the data folder for their next visit.")
EPILOG = ("Learners are known by their public key (any key, or only those in "
          "--authorized-keys), or with --open by the name they log in as. Passwords are "
          "never accepted. --status shows who is connected and how far each learner has got.")


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="neuron-tui-serve", description=DESCRIPTION, epilog=EPILOG)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 for every network)")
    p.add_argument("--port", type=whole_number, default=2222, help="port (default 2222)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--authorized-keys", type=Path, metavar="FILE",
                     help="admit only the public keys in FILE (OpenSSH authorized_keys format; "
                          "read again at every login)")
    who.add_argument("--open", action="store_true",
                     help="no keys: learners are known by the name they log in as "
                          "(ssh NAME@HOST), and anyone who can reach the port gets in")
    p.add_argument("--max-learners", type=whole_number, default=MAX_LEARNERS, metavar="N",
                   help=f"learners connected at once (default {MAX_LEARNERS}); the next one is "
                        "told the class is full")
    p.add_argument("--idle-timeout", type=float, default=IDLE_MINUTES, metavar="MINUTES",
                   help=f"close a session after this long without a key (default "
                        f"{IDLE_MINUTES:g}); the learner's place and lab are kept")
    p.add_argument("--input-rate", type=whole_number, default=INPUT_RATE, metavar="BYTES",
                   help=f"bytes a second a learner's input may average (default {INPUT_RATE}); "
                        "more is held back, not lost")
    p.add_argument("--login-timeout", type=float, default=LOGIN_SECONDS, metavar="SECONDS",
                   help=f"close a connection that has not logged in by then (default "
                        f"{LOGIN_SECONDS:g})")
    p.add_argument("--data", type=Path, default=None, metavar="DIR",
                   help=f"the learners' folders, the status file and the log "
                        f"(default {default_data_dir()})")
    p.add_argument("--host-key", type=Path, default=None, metavar="FILE",
                   help=f"the server's host key, made on first start (default "
                        f"{default_host_key()})")
    p.add_argument("--status", action="store_true",
                   help="show who is connected and every learner's chapter and solved "
                        "exercises, then exit")
    return p


def parse_args(argv: list[str] | None = None) -> tuple[Settings, bool]:
    """The settings, and whether ``--status`` was asked for; a bad option exits with status 2."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    checks = [(0 <= args.port <= 65535, "--port must be between 0 and 65535"),
              (1 <= args.max_learners <= 1000, "--max-learners must be between 1 and 1000"),
              (0 < args.idle_timeout <= 7 * 24 * 60, "--idle-timeout must be above 0 minutes"),
              (64 <= args.input_rate <= 1 << 30, "--input-rate must be at least 64 bytes"),
              (0 < args.login_timeout <= 600, "--login-timeout must be 0 to 600 seconds")]
    for ok, message in checks:
        if not ok:
            parser.error(message)
    if not args.status:
        try:
            import asyncssh  # noqa: F401
        except ImportError:
            sys.exit("neuron-tui-serve needs the serve extra: pip install 'neuron-tui[serve]' "
                     "(from a checkout: pip install '.[serve]')")
        if args.authorized_keys is not None:
            _check_authorized_keys(parser, args.authorized_keys)
    settings = Settings(data=args.data or default_data_dir(),
                        host_key=args.host_key or default_host_key(), host=args.host,
                        port=args.port, authorized_keys=args.authorized_keys, open=args.open,
                        max_learners=args.max_learners, idle_minutes=args.idle_timeout,
                        input_rate=args.input_rate, login_timeout=args.login_timeout)
    return settings, args.status


def _check_authorized_keys(parser: argparse.ArgumentParser, path: Path) -> None:
    import asyncssh

    try:
        keys = asyncssh.import_authorized_keys(read_small(path, 1 << 20).decode("utf-8", "replace"))
    except OSError as error:
        parser.error(f"--authorized-keys {path}: {error.strerror or error}")
    except (ValueError, asyncssh.KeyImportError) as error:
        parser.error(f"--authorized-keys {path}: {error}")
    if not keys:
        parser.error(f"--authorized-keys {path}: no keys in it")


def _logger(places: Places) -> logging.Logger:
    """The connection log: to stderr (a service's journal) and to connections.log."""
    log = logging.getLogger("neuron-tui-serve")
    log.setLevel(logging.INFO)
    form = logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    handlers.append(logging.handlers.RotatingFileHandler(
        places.log_file, maxBytes=1 << 20, backupCount=3, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(form)
        log.addHandler(handler)
    return log


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``neuron-tui-serve``."""
    settings, status = parse_args(argv)
    places = Places(settings.data)
    if status:
        from tui.serve.status import report

        print(report(places))
        return
    try:
        places.make()
    except OSError as error:
        sys.exit(f"neuron-tui-serve: cannot use the data folder {settings.data}: {error}")
    from tui.serve.classroom import Classroom
    from tui.serve.server import serve

    classroom = Classroom(settings, _logger(places))
    try:
        asyncio.run(serve(settings, classroom, ready=lambda line: print(line, flush=True)))
    except (OSError, ValueError) as error:  # the port is taken; the host key is unusable
        sys.exit(f"neuron-tui-serve: {error}")


if __name__ == "__main__":
    main()

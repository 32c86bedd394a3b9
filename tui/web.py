"""``neuron-tui-web``: serve neuron-tui to a browser on this machine, with textual-serve.

Needs the web extra (``pip install 'neuron-tui[web]'``). Each browser tab gets its own
neuron-tui process. The page is textual-serve's own, except that its web font comes from the
package's bundled copy instead of Google Fonts, so nothing is fetched from the internet.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from importlib import resources
from pathlib import Path

GOOGLE_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.S)
LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }
    </style>"""


def offline_templates() -> Path:
    """A folder holding textual-serve's page template, titled, with the web font served locally."""
    source = resources.files("textual_serve").joinpath("templates", "app_index.html").read_text("utf-8")
    folder = Path(tempfile.mkdtemp(prefix="neuron-tui-web-"))
    page = GOOGLE_FONT.sub(LOCAL_FONT, source).replace("<head>", "<head>\n    <title>neuron-tui</title>", 1)
    (folder / "app_index.html").write_text(page, "utf-8")
    return folder


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """``--host``, ``--port``, and any neuron-tui options after ``--``."""
    parser = argparse.ArgumentParser(
        prog="neuron-tui-web", description="Serve neuron-tui to a web browser (textual-serve).",
        epilog="Anything after -- is passed to neuron-tui, e.g. neuron-tui-web -- --lab --dataset xor")
    parser.add_argument("--host", default="localhost",
                        help="address to listen on (default localhost: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("app_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        parser.error("--port must be between 1 and 65535")
    args.app_args = [a for a in args.app_args if a != "--"]
    from tui.cli import parse_args as check_app_args

    check_app_args(args.app_args)  # a bad neuron-tui option fails here, not in every tab
    return args


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``neuron-tui-web``."""
    args = parse_args(argv)
    try:
        from textual_serve.server import Server
    except ImportError:
        sys.exit("neuron-tui-web needs the web extra: pip install 'neuron-tui[web]' "
                 "(from a checkout: pip install '.[web]')")
    command = shlex.join([sys.executable, "-m", "tui", *args.app_args])
    server = Server(command, host=args.host, port=args.port, title="neuron-tui",
                    templates_path=str(offline_templates()))
    print(f"neuron-tui is at http://{args.host}:{args.port}/ (ctrl+c stops it)", flush=True)
    server.serve()


if __name__ == "__main__":
    main()

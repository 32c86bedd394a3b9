"""Helpers for driving the app: read the screen as a person would see it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.app import NeuronApp


def screen_text(app: NeuronApp) -> str:
    """Every character on the terminal right now, row by row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


@pytest.fixture
def app() -> NeuronApp:
    """A fresh app with the default seed, opened on the lab."""
    return NeuronApp(seed=0, start="lab")


def modules_after_keys(keys: tuple[str, ...], modules: tuple[str, ...], **start) -> tuple[int, list[bool]]:
    """In a fresh Python (so nothing another test imported counts): the book opened with
    ``start`` at 120×40, ``keys`` pressed one at a time; the chapter it ends on, and whether
    each of ``modules`` was loaded by then."""
    probe = ("import asyncio, sys, tempfile, os\n"
             "os.environ['NEURON_TUI_CONFIG_DIR'] = tempfile.mkdtemp()\n"
             "from tui.app import NeuronApp\n"
             "async def main():\n"
             f"    app = NeuronApp(**{start!r})\n"
             "    async with app.run_test(size=(120, 40)) as pilot:\n"
             "        await pilot.pause()\n"
             f"        for key in {keys!r}:\n"
             "            await pilot.press(key)\n"
             "            await pilot.pause()\n"
             f"        print(app.screen.number, *(m in sys.modules for m in {modules!r}))\n"
             "asyncio.run(main())\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    return int(out[0]), [word == "True" for word in out[1:]]

"""Regenerate the README's screenshots from the real app: docs/book.svg and docs/lab.svg.

Run: python docs/make_screenshot.py
"""

import asyncio
import os
import tempfile
from pathlib import Path

from tui.app import NeuronApp

HERE = str(Path(__file__).parent)


async def main() -> None:
    """Chapter 4 after a few steps at 100×32; the lab after five steps, phased into the sixth."""
    os.environ["NEURON_TUI_CONFIG_DIR"] = tempfile.mkdtemp()
    book = NeuronApp(start="book", chapter=4)
    async with book.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"ssssss")
        await pilot.pause(0.3)
        book.save_screenshot(filename="book.svg", path=HERE)
    lab = NeuronApp(seed=0, start="lab")
    async with lab.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"sssss", "space", "space", "space")
        await pilot.pause(0.2)
        lab.save_screenshot(filename="lab.svg", path=HERE)


if __name__ == "__main__":
    asyncio.run(main())

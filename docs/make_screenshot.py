"""Regenerate docs/lab.svg, the README's screenshot, from the real app.

Run: python docs/make_screenshot.py
"""

import asyncio
from pathlib import Path

from tui.app import NeuronApp


async def main() -> None:
    """Open the lab at 100×32, take five steps, phase into the next one, and save the screen."""
    app = NeuronApp(seed=0)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"sssss", "space", "space", "space")
        await pilot.pause(0.2)
        app.save_screenshot(filename="lab.svg", path=str(Path(__file__).parent))


if __name__ == "__main__":
    asyncio.run(main())

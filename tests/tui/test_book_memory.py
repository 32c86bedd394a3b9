"""Reading the book through again and again does not make the app grow: the widgets a chapter
switch removes, and what they drew, are let go."""

import gc

from textual._styles_cache import StylesCache

from tui.app import NeuronApp


def styles_caches() -> int:
    gc.collect()
    return sum(isinstance(o, StylesCache) for o in gc.get_objects())


async def test_walking_the_chapters_twice_keeps_no_more_than_once():
    app = NeuronApp(start="book", chapter=1)
    walk = ["right_square_bracket"] * 2 + ["left_square_bracket"] * 2  # 1 → 3 → 1
    async with app.run_test(size=(120, 40)) as pilot:
        counts = []
        for _ in range(2):
            await pilot.press(*walk)
            await pilot.pause()
            assert app.screen.number == 1
            counts.append(styles_caches())
    # Textual's lru_cache on StylesCache.get_inner_outer kept every removed widget's cache,
    # with its rendered lines, alive: about 20 more per switch.
    assert counts[1] <= counts[0] + 10, counts

"""Reading the book through again and again does not make the app grow: the widgets a chapter
switch removes, and what they drew, are let go."""

import gc
import weakref

from textual._styles_cache import StylesCache

from tests.tui.conftest import modules_after_keys
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


def test_chapters_7_and_8_draw_every_view_without_loading_numpy_ma():
    # np.quantile loads numpy.ma (through np.unique): 1.2 MB more at the book's end
    walk = ("v", "v", "a", "right_square_bracket", "v", "v")
    assert modules_after_keys(walk, ("numpy.ma",), start="book", chapter=7) == (8, [False])


async def test_on_a_small_terminal_a_lab_the_reader_left_is_let_go():
    # one pane at a time, the book finds the lab to focus with query_one, and Textual's
    # cache of its answers on the lab's holder kept every lab the reader had left
    app = NeuronApp(start="book", chapter=1)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("P")  # the lab's pane
        await pilot.pause()
        left = weakref.ref(app.screen.query_one("#lab-holder").children[0])
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.screen.number == 3 and app.screen.shown_pane.id == "lab-holder"
        gc.collect()
        assert left() is None

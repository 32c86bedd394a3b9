"""Reading the book through again and again does not make the app grow: the widgets a chapter
switch removes, and what they drew, are let go."""

import gc
import subprocess
import sys
import weakref

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


def test_chapters_7_and_8_draw_every_view_without_loading_numpy_ma():
    # np.quantile loads numpy.ma (through np.unique): 1.2 MB more at the book's end
    probe = ("import asyncio, sys, tempfile, os\n"
             "os.environ['NEURON_TUI_CONFIG_DIR'] = tempfile.mkdtemp()\n"
             "from tui.app import NeuronApp\n"
             "async def main():\n"
             "    app = NeuronApp(start='book', chapter=7)\n"
             "    async with app.run_test(size=(120, 40)) as pilot:\n"
             "        await pilot.pause()\n"
             "        for key in ('v', 'v', 'a', 'right_square_bracket', 'v', 'v'):\n"
             "            await pilot.press(key)\n"
             "            await pilot.pause()\n"
             "        print(app.screen.number, 'numpy.ma' in sys.modules)\n"
             "asyncio.run(main())\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.split() == ["8", "False"]


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

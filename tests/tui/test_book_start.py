"""What the book loads to show its first screen: only what that screen needs.

Textual's Markdown guesses the language of a code block that names none by trying every
Pygments lexer (about 250 modules: 100 ms and 15 MB of the book's first screen), and the lab's
screen module brings the lab's plots and files with it.
"""

import subprocess
import sys

from markdown_it import MarkdownIt

from tests.tui.conftest import modules_after_keys
from tui.book.chapter import CHAPTERS


def test_every_code_block_in_the_prose_names_its_language():
    parser = MarkdownIt("commonmark")
    unnamed = [(ch.number, token.map[0] + 1) for ch in CHAPTERS
               for token in parser.parse(ch.prose())
               if token.type in ("fence", "code_block") and not token.info.strip()]
    assert not unnamed, f"(chapter, line) of code blocks with no language: {unnamed}"


def test_the_book_at_chapter_1_does_not_load_the_lab_screen():
    probe = ("import sys\n"
             "import tui.screens.book, tui.chapters.ch01_neuron.lab\n"
             "print('tui.lab.screen' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "False"


async def test_while_a_chapter_is_read_its_neighbours_are_loaded_and_keys_still_come_first(
        tmp_path, monkeypatch):
    import asyncio

    from tui import collector
    from tui.app import NeuronApp
    from tui.screens import book as book_screen
    from tui.screens.book import BookScreen
    from tui.widgets import prose_blocks

    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path))
    prose_blocks.parse.cache_clear()
    # the last piece is a whole pass of the collector, after the loading it would otherwise
    # leave to the reader's next key
    passes = []
    monkeypatch.setattr(collector, "collect",
                        lambda: passes.append(prose_blocks.parse.cache_info().currsize))
    # nothing is loaded before the test says so (a loaded machine took longer to start
    # than the book waits)
    monkeypatch.setattr(book_screen, "PRELOAD_AFTER", 60.0)
    app = NeuronApp(chapter=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        book = app.screen
        # 2 chapters' lab, exercises and text, plotext, a pass of the collector
        assert isinstance(book, BookScreen) and len(book._preloads) == 8
        await pilot.press("right_square_bracket")  # before the loading starts
        await pilot.pause()
        assert book.number == 6 and len(book._preloads) == 8  # planned again around chapter 6
        monkeypatch.setattr(book_screen, "PRELOAD_AFTER", 0.01)
        book._plan_preloads(6)  # as a reader who stays on the chapter
        for _ in range(200):
            if not book._preloads:
                break
            await asyncio.sleep(0.05)
        assert not book._preloads
        parsed = prose_blocks.parse.cache_info()
        assert parsed.currsize == 3  # chapter 6 shown; 7 and 5 parsed ahead
        assert passes == [3]  # once, after both neighbours were loaded
        assert "plotext" in sys.modules
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert book.number == 7 and prose_blocks.parse.cache_info().hits > parsed.hits


def test_the_book_reads_its_prose_without_loading_markdown_it():
    # markdown-it takes about 20 ms to import: a tenth of the book's start beyond the bare app's
    walk = ("right_square_bracket",) * 11
    assert modules_after_keys(walk, ("markdown_it",)) == (12, [False])

"""What the book loads to show its first screen: only what that screen needs.

Textual's Markdown guesses the language of a code block that names none by trying every
Pygments lexer (about 250 modules: 100 ms and 15 MB of the book's first screen), and the lab's
screen module brings the lab's plots and files with it.
"""

import subprocess
import sys

from markdown_it import MarkdownIt

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

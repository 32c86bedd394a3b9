"""The contents page: every chapter with the reader's progress, and what its marks mean."""

import re

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.book.chapter import CHAPTERS
from tui.book.exercise import Challenge

MARKS = "▸·✓"
"""The marks a chapter's row may carry: open now, visited, everything solved."""


async def test_the_contents_says_what_each_mark_means_whole_at_80x24():
    app = NeuronApp(start="book", chapter=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        done = CHAPTERS[1].exercises  # chapter 2: every exercise and challenge solved
        app.progress.visited |= {1, 2, 3}
        app.progress.solved[2] = {e.id for e in done if not isinstance(e, Challenge)}
        app.progress.challenges[2] = {e.id for e in done if isinstance(e, Challenge)}
        await pilot.press("t")
        await pilot.pause()
        rows = screen_text(app).splitlines()
    chapter_rows = [r for r in rows if re.search(r"\d+/\d+ exercises", r)]
    assert len(chapter_rows) == len(CHAPTERS)  # every chapter on show, none scrolled away
    assert any("The lab" in r for r in rows) and any("The playground" in r for r in rows)
    used = {m for r in chapter_rows for m in MARKS if m in r}
    assert used == set(MARKS)
    others = [r for r in rows if r not in chapter_rows]
    for mark in used:  # each mark the rows use is explained in words, off the chapter rows
        assert any(re.search(rf"{mark} [a-z]{{3,}}", r) for r in others), mark
    # On a chapter's row a mark means one thing: "·" is not also a separator there.
    assert all(r.count("·") <= 1 for r in chapter_rows)

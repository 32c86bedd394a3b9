"""The CSS is parsed again only when a theme or a new source changes what it gives."""

from textual.css.stylesheet import Stylesheet

from tui.app import NeuronApp
from tui.lab.screen import LabScreen


async def test_a_modes_first_screen_parses_the_css_once_and_a_theme_still_restyles(
        monkeypatch, tmp_path):
    parses = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: parses.append(1) or reparse(self))
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(parses) == 1  # Textual's two refreshes as the book opened, one parse
        before = app.screen.styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        themed = app.screen.styles.background
        assert len(parses) == 2 and themed != before
        await pilot.press("L")  # the lab's mode: the same sources and colours, nothing to parse
        await pilot.pause()
        assert isinstance(app.screen, LabScreen) and app.screen.styles.background == themed
        assert len(parses) == 2


def test_a_textual_without_the_private_fields_it_reads_still_parses_every_time(monkeypatch):
    # The skip reads Stylesheet's private fields; a Textual 8.x that renames them must still
    # get every parse it asks for, not an AttributeError at the app's start.
    from tui.drawing.css_once import reparse_on_change

    stylesheet = Stylesheet()
    parses = []
    monkeypatch.setattr(stylesheet, "reparse", lambda: parses.append(1))
    reparse_on_change(stylesheet)
    del stylesheet._require_parse
    stylesheet.reparse()
    stylesheet.reparse()
    assert len(parses) == 2


async def test_the_books_first_screen_is_styled_once_and_again_after_the_lab(monkeypatch, tmp_path):
    """Textual tells a mode's first screen twice that it has resumed, and each time applied
    the whole CSS to all its widgets; once it has been suspended (L), a resume styles it again."""
    from tui.screens.book import BookScreen

    restyled = []
    update_nodes = Stylesheet.update_nodes

    def counted(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.extend(node for node in nodes[:1] if isinstance(node, BookScreen))
        return update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    app = NeuronApp(start="book", chapter=1, progress_file=tmp_path / "progress.json")
    async with app.run_test(size=(120, 40)) as pilot:  # not compact: no class to restyle for
        await pilot.pause()
        assert len(restyled) == 1
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookScreen) and len(restyled) == 2

"""Where a file may be written, through the lab's file dialogs: never over anything but a
regular file, never outside a class server's learner's folder, and a refused path named so the
dialog still fits."""

import pytest

from tests.tui.conftest import screen_text
from tui.app import NeuronApp
from tui.lab.screen import LabScreen
from tui.screens.path_prompt import PathPrompt
from tui.storage.files import PATH_SHOWN

SIZE = (120, 40)


async def test_saving_refuses_missing_folders_and_anything_but_a_regular_file(tmp_path):
    import os
    import stat

    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "target.json").write_text("precious")
    (tmp_path / "link.json").symlink_to(tmp_path / "target.json")
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        for name, says in [("no/such/place/s.json", "there is no folder"),
                           ("folder", "a folder is there"),
                           ("fifo", "a FIFO (named pipe) is there"),
                           ("link.json", "a symbolic link is there")]:
            app.screen.query_one("Input").value = str(tmp_path / name)
            for _ in range(2):  # a second enter does not replace it either
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, PathPrompt), name
                assert says in str(app.screen.query_one("#pp-error").render()), name
    assert not (tmp_path / "no").exists() and (tmp_path / "folder").is_dir()
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "target.json").read_text() == "precious"


async def test_a_long_path_refused_is_named_short_and_the_dialog_keeps_its_keys(tmp_path):
    """The refusal repeated the path typed in full: a 2,000-character path filled the dialog
    with 30 lines at 80×24 and pushed its keys off the screen. It is named by its start and
    end, as long CSV names are."""
    long_path = str(tmp_path / "no" / ("a" * 2000) / "session.json")
    app = NeuronApp(start="lab")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("W")
        app.screen.query_one("Input").value = long_path
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        error = str(app.screen.query_one("#pp-error").render())
        assert "there is no folder" in error and "…" in error and "session.json" in error
        assert len(error) <= 2 * PATH_SHOWN + 60  # the path and its folder, each shortened
        assert "enter: go · escape: cancel" in screen_text(app)


def test_an_atomic_write_never_replaces_anything_but_a_regular_file(tmp_path):
    import os

    from tui.storage.files import NotWritten, write_atomic

    (tmp_path / "target").write_text("precious")
    (tmp_path / "link").symlink_to(tmp_path / "target")
    os.mkfifo(tmp_path / "fifo")
    for name in ("link", "fifo"):
        with pytest.raises(NotWritten):
            write_atomic(tmp_path / name, "new")
    with pytest.raises(NotWritten, match="there is no folder"):
        write_atomic(tmp_path / "missing" / "file", "new")
    assert (tmp_path / "target").read_text() == "precious" and not (tmp_path / "missing").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


async def test_on_a_class_server_the_file_dialogs_reach_only_the_learners_folder(
        tmp_path, monkeypatch):
    # neuron-tui-serve names each learner's folder in NEURON_TUI_FILES_IN: a dialog that
    # reached the server's other files let one learner overwrite another's progress
    from tui.storage.files import FILES_IN

    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    (elsewhere / "theirs.json").write_text("another learner's")
    (home / "away").symlink_to(elsewhere)
    monkeypatch.setenv(FILES_IN, str(home))
    monkeypatch.chdir(home)
    app = NeuronApp(start="lab")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for opener, name in [("ctrl+s", str(elsewhere / "theirs.json")), ("ctrl+s", "../new.json"),
                             ("ctrl+s", "away/theirs.json"), ("O", "away/theirs.json"),
                             ("O", "/etc/hostname")]:
            await pilot.press(opener)
            app.screen.query_one("Input").value = name
            await pilot.press("enter", "enter")  # a second enter would confirm a replacement
            await pilot.pause()
            assert isinstance(app.screen, PathPrompt), name
            # the reason, under the name (read from its widget: a long name wraps it)
            said = str(app.screen.query_one("#pp-error").render())
            assert said.startswith(f"{name}: on this server only files in your own folder"), said
            assert app.screen.title_text in screen_text(app)  # the dialog is what shows
            await pilot.press("escape")
        assert (elsewhere / "theirs.json").read_text() == "another learner's"
        assert not (tmp_path / "new.json").exists()
        await pilot.press("ctrl+s")  # a name in the folder is saved as anywhere else
        app.screen.query_one("Input").value = "mine.json"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LabScreen)
        assert (home / "mine.json").read_text().startswith('{"format":"neuron-tui session"')

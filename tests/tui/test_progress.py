"""The progress file: round trip, refusals with reasons, atomic writes, nothing lost."""

import json
import os
import stat

import pytest

from tui.storage.progress import MAX_BYTES, Progress, config_dir, load, parse, ProgressError, save


def test_round_trip(tmp_path):
    path = tmp_path / "neuron-tui" / "progress.json"
    p = Progress(chapter=3, place="lab", visited={1, 2, 3})
    p.solve(1, "raise-w1")
    p.solve_challenge(1, "two-points")
    assert save(p, path) is None
    back, notice = load(path, n_chapters=5)
    assert notice is None and back == p
    assert not list(path.parent.glob(".progress-*"))  # no temporary file left behind


def test_a_version_1_file_still_loads(tmp_path):
    """Version 1 had no challenges: its place and solved exercises are kept."""
    raw = b'{"version": 1, "chapter": 4, "place": "book", "visited": [1, 4],' \
          b' "solved": {"1": ["raise-w1"]}}'
    progress = parse(raw, n_chapters=9)
    assert progress == Progress(4, "book", {1, 4}, {1: {"raise-w1"}}, {})
    assert json.loads(progress.to_json())["version"] == 2


def test_missing_file_starts_at_chapter_one_quietly(tmp_path):
    assert load(tmp_path / "nope.json", 5) == (Progress(), None)


BROKEN = [
    (b"", "not valid JSON"), (b'{"version": 1, "chap', "not valid JSON"),
    (b"\xff\xfe\x00junk", "not UTF-8"), (b"[1, 2]", "not a version 1"),
    (b'{"version": 1, "chapter": "2"}', "out of range"),
    (b'{"version": 1, "chapter": 99}', "out of range"),
    (b'{"version": 1, "chapter": 1, "visited": "all"}', "malformed"),
    (b'{"version": 1, "chapter": 1, "solved": {"x": [1]}}', "malformed"),
    (b'{"version": 2, "chapter": 1, "challenges": {"1": "all"}}', "malformed"),
    (b'{"version": 3, "chapter": 1}', "not a version 1 or 2"),
    (b'{"version": true, "chapter": 1}', "not a version"),
    (b"[" * 100000 + b"]" * 100000, "larger than"),
    (b"[" * 5000 + b"]" * 5000, "nested too deeply|not a version"),
    ('{"version": 1, "chapter": 1, "solved": {"\u00b2": ["a"]}}'.encode(), "malformed"),
    (b'{"version": 1, "chapter": 1, "solved": {"' + b"9" * 5000 + b'": ["a"]}}', "malformed"),
    (b'{"version": 1, "chapter": ' + b"9" * 5000 + b"}", "5,000 digits"),
    (b'{"version": 1, "chapter": 1, "visited": [' + b"1" * 400 + b"]}", "400 digits"),
]
"""Malformed progress files, each with the reason its refusal gives."""


@pytest.mark.parametrize("raw,why", BROKEN)
def test_refuses_broken_files_with_a_reason(raw, why):
    with pytest.raises(ProgressError, match=why):
        parse(raw, n_chapters=5)


def test_corrupt_file_is_ignored_with_a_notice_then_kept_aside(tmp_path):
    path = tmp_path / "progress.json"
    path.write_bytes(b'{"version": 1, "chapter": ')
    progress, notice = load(path, 5)
    assert progress == Progress() and "not valid JSON" in notice and str(path) in notice
    assert save(Progress(chapter=2), path) is None
    assert (tmp_path / "progress.json.broken").read_bytes() == b'{"version": 1, "chapter": '
    assert json.loads(path.read_text())["chapter"] == 2


def test_huge_file_is_not_read_whole(tmp_path):
    path = tmp_path / "progress.json"
    path.write_bytes(b" " * (MAX_BYTES * 4))
    assert "larger than" in load(path, 5)[1]


def test_a_file_that_cannot_be_used_is_kept_aside_at_once_and_the_notice_says_where(tmp_path):
    path = tmp_path / "progress.json"
    (tmp_path / "progress.json.broken").write_text("kept from before")
    path.write_bytes(b'{"version": 1, "chapter": ' + b"7" * 5000 + b"}")
    progress, notice = load(path, 5)
    kept = tmp_path / "progress.json.broken-2"
    assert progress == Progress() and f"Kept as {kept.name};" in notice
    assert kept.read_bytes().startswith(b'{"version": 1, "chapter": 777')
    assert (tmp_path / "progress.json.broken").read_text() == "kept from before"
    assert not path.exists() and save(Progress(chapter=3), path) is None
    assert load(path, 5) == (Progress(chapter=3), None)


def test_a_fifo_or_a_2_gb_file_is_set_aside_without_being_read(tmp_path):
    fifo = tmp_path / "fifo" / "progress.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    big = tmp_path / "big" / "progress.json"
    big.parent.mkdir()
    with open(big, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: 2 GB long, nothing on disk
    for path, why in ((fifo, "FIFO"), (big, "2,147,483,648 bytes")):
        progress, notice = load(path, 5)
        assert progress == Progress() and why in notice and "Kept as" in notice
        assert not path.exists() and save(Progress(chapter=2), path) is None
    assert stat.S_ISFIFO(os.lstat(fifo.with_name("progress.json.broken")).st_mode)


def test_a_symbolic_link_is_written_through_not_replaced(tmp_path):
    target = tmp_path / "dotfiles" / "progress.json"
    target.parent.mkdir()
    save(Progress(chapter=2), target)
    link = tmp_path / "config" / "progress.json"
    link.parent.mkdir()
    link.symlink_to(target)
    assert save(Progress(chapter=4), link) is None
    assert link.is_symlink() and load(target, 5)[0].chapter == 4


async def test_the_app_starts_past_a_progress_file_that_crashed_it(private_config_dir):
    from tui.app import NeuronApp

    private_config_dir.mkdir()
    path = private_config_dir / "progress.json"
    path.write_text('{"version": 1, "chapter": 2, "solved": {"\u00b2": ["a"]}}')
    app = NeuronApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.number == 1
    assert (private_config_dir / "progress.json.broken").exists()
    assert load(path, 5)[0].chapter == 1


def test_unwritable_place_gives_a_message_not_an_exception(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert "Could not save progress" in save(Progress(), blocker / "sub" / "progress.json")


def test_config_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    monkeypatch.delenv("NEURON_TUI_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_dir() == tmp_path / "xdg" / "neuron-tui"


async def test_opening_the_book_writes_the_place_once(tmp_path, monkeypatch):
    """The book and the app each record the place at start, the same place: the file was
    written (and synced to disk, about 4 ms) twice before the first screen."""
    from tui import app as app_module
    from tui.storage import progress

    writes = []
    write_atomic = progress.write_atomic
    monkeypatch.setattr(progress, "write_atomic",
                        lambda path, text: writes.append(text) or write_atomic(path, text))
    path = tmp_path / "progress.json"
    app = app_module.NeuronApp(start="book", chapter=3, progress_file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert len(writes) == 1 and load(path, 12)[0].chapter == 3
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert len(writes) == 2 and load(path, 12)[0].chapter == 4

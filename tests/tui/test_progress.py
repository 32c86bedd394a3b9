"""The progress file: round trip, refusals with reasons, atomic writes, nothing lost."""

import json

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


@pytest.mark.parametrize("raw,why", [
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
])
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

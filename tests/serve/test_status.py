"""``neuron-tui-serve --status`` reads every learner's progress as untrusted: a damaged,
hostile or newer file is reported on its line, never a crash or a hang."""

import json
import os
import subprocess
import sys

from tui.serve.identity import Learner
from tui.serve.places import Places
from tui.serve.status import read_progress

GOOD = {"version": 1, "chapter": 3, "place": "lab", "visited": [1, 2, 3],
        "solved": {"1": ["raise-w1", "raise-b"], "2": ["slope"]}}


def _learner(places: Places, name: str, progress: bytes | None) -> Learner:
    learner = Learner.from_name(name)
    places.welcome(learner, "2026-11-01 10:00:00")
    if progress is not None:
        (places.config(learner) / "progress.json").write_bytes(progress)
    return learner


def test_progress_is_read_as_the_app_writes_it(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(GOOD))
    seen = read_progress(path)
    assert (seen.chapter, seen.place, seen.solved, seen.note) == (
        3, "lab", {1: ["raise-b", "raise-w1"], 2: ["slope"]}, "")


def test_a_newer_format_is_read_as_far_as_it_can_be(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({**GOOD, "version": 2, "schema": "exercises-2",
                                "solved": {"1": {"raise-w1": {"tries": 2}}, "x": ["?"]}}))
    seen = read_progress(path)
    assert (seen.chapter, seen.solved) == (3, {1: ["raise-w1"]})
    assert seen.note.startswith("read loosely")


def test_hostile_progress_files_are_reported_not_followed(tmp_path):
    cases = {
        "superscript": json.dumps({**GOOD, "solved": {"²": ["a"]}}).encode(),
        "huge-number": b'{"version": 1, "chapter": ' + b"9" * 5000 + b"}",
        "nested": b"[" * 100_000 + b"]" * 100_000,
        "not-utf8": b"\xff\xfe{",
        "large": b" " * (1 << 20) + b"{}",
        "a-list": b"[1, 2]",
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        seen = read_progress(tmp_path / name)
        assert seen.chapter is None or name == "superscript", name
        assert seen.note, name
    os.mkfifo(tmp_path / "fifo")  # would block a plain open() forever
    os.symlink("/dev/zero", tmp_path / "zero")  # endless
    os.symlink(tmp_path / "large", tmp_path / "link")
    for name in ("fifo", "zero", "link", "missing"):
        assert read_progress(tmp_path / name).note, name


def test_status_lists_every_learner_seen_and_who_is_connected(tmp_path):
    places = Places(tmp_path / "data")
    places.make()
    ada = _learner(places, "ada", json.dumps(GOOD).encode())
    _learner(places, "bob", b"\x00garbage")
    _learner(places, "cy", None)
    (places.config(Learner.from_name("cy"))).rmdir()
    os.mkfifo(places.config(Learner.from_name("cy")))  # a FIFO where the folder should be
    os.symlink("/", places.learners / "name-root")  # not a learner folder: not listed
    places.status_file.write_text(json.dumps({
        "pid": os.getpid(), "started": "2026-11-01 09:00:00", "listening": "127.0.0.1:2222",
        "max_learners": 30, "connected": [{"id": ada.id, "name": "ada", "since":
                                           "2026-11-01 10:05:00", "from": "10.0.0.5:4000"}]}))
    out = subprocess.run([sys.executable, "-m", "tui.serve.cli", "--status", "--data",
                          str(places.data)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "running on 127.0.0.1:2222" in lines[0] and "1 of 30 learners connected" in lines[0]
    rows = {line.split()[0]: line for line in lines[3:]}
    assert set(rows) == {"ada", "bob", "cy"}
    assert "connected since 10:05" in rows["ada"] and "3 (lab)" in rows["ada"]
    assert "3  (ch1: raise-b, raise-w1; ch2: slope)" in rows["ada"]
    assert "last seen 2026-11-01 10:00" in rows["bob"] and "unreadable" in rows["bob"]
    assert "no progress yet" in rows["cy"] or "not read" in rows["cy"]


def test_status_says_when_no_server_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tui.serve.cli", "--status", "--data",
                          str(tmp_path / "none")], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0
    assert out.stdout.splitlines()[0].startswith("neuron-tui-serve is not running")
    assert "No learner has connected yet." in out.stdout


def test_the_readme_names_every_option_and_its_unit_starts_the_server():
    import re
    import shlex
    from pathlib import Path

    from tui.serve.cli import _build_parser, parse_args

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## A class over SSH"):readme.index("## Your own data")]
    for action in _build_parser()._actions:
        for option in action.option_strings:
            assert option == "-h" or option == "--help" or f"`{option}" in section, option
    exec_start = re.search(r"^ExecStart=(.+)$", section, re.M).group(1)
    settings, status = parse_args(shlex.split(exec_start)[1:])
    assert (settings.host, settings.port, str(settings.data)) == (
        "0.0.0.0", 2222, "/var/lib/neuron-tui-serve") and not status


def test_a_spoilt_learner_card_is_written_afresh_not_a_refused_seat(tmp_path):
    """learner.json nested too deeply for Python's parser raised RecursionError out of
    welcome, so that learner could never be seated again."""
    places = Places(tmp_path)
    learner = _learner(places, "ada", None)
    card = places.home(learner) / "learner.json"
    card.write_bytes(b"[" * 4000)
    places.welcome(learner, "2026-11-30 10:00:00")
    assert json.loads(card.read_text())["first_seen"] == "2026-11-30 10:00:00"

"""The server's parts on their own: what a learner may ask for, who they are, the input cap,
the terminal an app starts on, and a package that never loads the app."""

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui.serve.app_process import AppProcess
from tui.serve.identity import Learner, printable
from tui.serve.learner_options import OptionsRefused, learner_options
from tui.serve.limits import INPUT_BURST, TokenBucket
from tui.serve.session import LearnerSession


def test_a_learner_asks_for_options_with_or_without_dashes_but_never_for_a_file():
    assert learner_options(None) == []
    assert learner_options("resume") == learner_options("-- --resume") == ["--resume"]
    assert learner_options("chapter 3 no-mouse") == ["--chapter", "3", "--no-mouse"]
    assert learner_options("neuron-tui --lab --dataset=xor") == ["--lab", "--dataset", "xor"]
    assert learner_options("playground") == ["--playground"]  # refused before: left out
    for command in ("load /etc/passwd", "csv data.csv", "chapter", "chapter ../x", "rm -rf /",
                    "theme 'a b'", "'unclosed", "x" * 5000):
        with pytest.raises(OptionsRefused):
            learner_options(command)


def test_a_learner_folder_is_named_from_the_key_or_a_plain_name_only():
    by_key = Learner.from_key("SHA256:v+TjV3B4d6UcIOSh+xffFkYi/+Fadsju4m/EpBmsORs", "a\x1b[2Jb")
    assert by_key.id == "key-v-TjV3B4d6UcIOSh-xffFkYi_-Fadsju4m_EpBmsORs"
    assert by_key.name == "a?[2Jb"  # shown, never used as a path, never a terminal command
    assert Learner.from_name("ada.l_1").id == "name-ada.l_1"
    for bad in ("../etc", ".hidden", "a/b", "", "x" * 33, "é"):
        assert Learner.from_name(bad) is None
    with pytest.raises(ValueError):
        Learner.from_key("SHA256:../../etc", "x")
    assert printable("x" * 40, 10) == "x" * 9 + "…"


def test_the_input_cap_allows_a_burst_then_the_rate():
    bucket = TokenBucket(rate=1000, burst=5000)
    assert bucket.take(5000, now=0.0) == 0.0
    assert bucket.take(2000, now=1.0) == pytest.approx(1.0)  # 1,000 came back; 1,000 over
    assert bucket.take(0, now=3.0) == 0.0


async def test_a_flooding_learner_is_held_back_until_the_rate_allows():
    paused = []
    chan = SimpleNamespace(pause_reading=lambda: paused.append(("pause", time.monotonic())),
                           resume_reading=lambda: paused.append(("resume", time.monotonic())))
    classroom = SimpleNamespace(settings=SimpleNamespace(input_rate=100_000))
    session = LearnerSession(classroom, None, "x", "here", ("h", 1))
    session._chan = chan
    typed = bytearray()
    session.app = SimpleNamespace(write=typed.extend, backlog=0)
    session.data_received(b"k" * 1000, None)
    assert paused == [] and typed == b"k" * 1000
    session.data_received(b"k" * (INPUT_BURST + 19_000), None)  # 20,000 bytes over: 0.2 s
    assert [kind for kind, _ in paused] == ["pause"]
    assert len(typed) == INPUT_BURST + 20_000  # held back, never dropped
    await asyncio.sleep(0.4)
    assert [kind for kind, _ in paused] == ["pause", "resume"]
    assert 0.15 < paused[1][1] - paused[0][1] < 0.35


async def test_the_app_starts_on_a_terminal_already_in_its_mode(tmp_path):
    # Keys typed while the app loads must not be echoed, buffered into lines or turned into
    # signals: the terminal is set before the app runs, not by the app once it has loaded.
    probe = ("import termios, os; a = termios.tcgetattr(0); "
             "print(a[3] & termios.ECHO, a[3] & termios.ICANON, a[3] & termios.ISIG, "
             "a[0] & termios.ICRNL, os.get_terminal_size(0), os.getsid(0) == os.getpid(), "
             "os.tcgetpgrp(0) == os.getpid())")
    out = bytearray()
    app = AppProcess([sys.executable, "-c", probe], {"PATH": os.environ["PATH"]}, str(tmp_path),
                     (77, 21), out.extend)
    assert await asyncio.wait_for(app.wait(), 10) == 0
    assert out.decode().split() == ["0", "0", "0", "0", "os.terminal_size(columns=77,",
                                    "lines=21)", "True", "True"]


async def test_a_hung_up_app_that_will_not_leave_is_killed_and_reaped(tmp_path):
    stubborn = "import signal, time; signal.signal(signal.SIGHUP, signal.SIG_IGN); time.sleep(60)"
    app = AppProcess([sys.executable, "-c", stubborn], {}, str(tmp_path), (80, 24), len)
    await asyncio.sleep(0.3)
    start = time.monotonic()
    assert await app.hang_up(kill_after=0.5) == -9
    assert time.monotonic() - start < 3
    with pytest.raises(ChildProcessError):
        os.waitpid(app.pid, os.WNOHANG)  # reaped already: no zombie left


def test_the_server_never_loads_the_app():
    import tui.serve

    modules = sorted(f"tui.serve.{p.stem}" for p in Path(tui.serve.__file__).parent.glob("*.py")
                     if p.stem != "__init__")
    assert {"tui.serve.server", "tui.serve.session", "tui.serve.status"} <= set(modules)
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
            "or m.startswith(('tui.app', 'tui.screens', 'tui.cli', 'tui.lab', 'tui.book'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


async def test_an_app_that_cannot_start_is_explained_to_the_learner(tmp_path):
    said, exits, errors = bytearray(), [], []

    async def take_seat(session):
        return None

    classroom = SimpleNamespace(
        settings=SimpleNamespace(input_rate=4096, idle_minutes=30,
                                 app_argv=[str(tmp_path / "no-such-program")]),
        take_seat=take_seat, leave=lambda session: None, kept_lab_time=lambda learner: None,
        app_env=lambda *args: {}, places=SimpleNamespace(home=lambda learner: tmp_path),
        log=SimpleNamespace(info=lambda *a: None, error=lambda *a: errors.append(a)))
    session = LearnerSession(classroom, Learner.from_name("ada"), "ada", "here", ("h", 1))
    session.connection_made(SimpleNamespace(write=said.extend, exit=exits.append,
                                            get_environment=dict))
    session.pty_requested("xterm", (80, 24, 0, 0), {})
    session.session_started()
    await asyncio.wait_for(session.finished, 5)
    assert "the book cannot be started just now" in said.decode() and exits == [1]
    assert errors and "no-such-program" in str(errors[0][-1])


def test_the_host_key_is_made_once_in_the_config_folder_and_kept(tmp_path, monkeypatch):
    from tui.serve.places import default_host_key, load_or_make_host_key

    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path / "config"))
    path = default_host_key()
    assert path == tmp_path / "config" / "ssh_host_ed25519_key" and not path.exists()
    first = load_or_make_host_key(path)
    assert path.stat().st_mode & 0o777 == 0o600  # readable by the server's user alone
    assert load_or_make_host_key(path).get_fingerprint() == first.get_fingerprint()


@pytest.mark.parametrize("name", ["/dev/zero", "a folder", "junk", "too big"])
def test_a_host_key_that_is_no_key_file_is_refused_in_bounded_time_and_named(tmp_path, name):
    # `asyncssh.read_private_key` reads the whole file: /dev/zero filled memory for ever.
    if name == "/dev/zero":
        path = Path(name)
    else:
        path = tmp_path / name
        if name == "a folder":
            path.mkdir()
        else:
            path.write_bytes(b"not a key\n" * (1 if name == "junk" else 20_000))
    env = {**os.environ, "NEURON_TUI_CONFIG_DIR": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "-m", "tui.serve.cli", "--port", "0", "--data",
                          str(tmp_path / "data"), "--host-key", str(path)],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode != 0
    said = out.stderr.strip().splitlines()[-1]
    assert said.startswith(f"neuron-tui-serve: the host key {path}: "), said
    assert "Traceback" not in out.stderr


def test_a_learners_app_is_told_its_folder_and_no_client_can_change_it(tmp_path):
    # the app's file dialogs reach only the folder NEURON_TUI_FILES_IN names (tui/storage/files)
    import logging

    from tui.serve.classroom import Classroom, Settings
    from tui.storage.files import FILES_IN

    room = Classroom(Settings(data=tmp_path, host_key=tmp_path / "key"), logging.getLogger("t"))
    learner = Learner("name-ada", "ada")
    env = room.app_env(learner, "xterm-256color", {FILES_IN: "/", "HOME": "/"})
    assert env[FILES_IN] == env["HOME"] == str(room.places.home(learner))

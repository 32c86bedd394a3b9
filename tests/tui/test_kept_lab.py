"""Leaving keeps a changed lab (q, a dropped connection, a kill), and --resume reopens it."""

import json
import os
import signal
import time

import numpy as np

from tests.tui.pty_run import PtyApp
from tui.app import NeuronApp
from tui.cli import parse_args
from tui.storage.kept_lab import keep_lab, kept_lab_path


async def test_only_a_lab_that_was_opened_and_changed_is_kept():
    app = NeuronApp(start="book", chapter=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.lab_to_keep() is None  # the book alone: no lab to keep
        await pilot.press("L")
        await pilot.pause()
        assert app.lab_to_keep() is None  # looked at, not changed
        await pilot.press("s", "u")
        assert app.lab_to_keep() is None  # changed and undone: as it opened
        await pilot.press("s", "s")
        states = app.lab_to_keep()
        assert states is not None and [s.steps for s in states] == [0, 1, 2]


async def test_a_kept_lab_reopens_with_resume_identical():
    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "s", "s", "s")
        states = app.lab_to_keep()
    kept, message = keep_lab(states)
    assert kept and str(kept_lab_path()) in message and "--resume" in message
    resumed = parse_args(["--resume"]).lab_start
    assert len(resumed) == len(states) == 5
    last, now = resumed[-1], states[-1]
    assert (last.data.name, last.steps) == (now.data.name, now.steps) == ("nand", 3)
    assert np.array_equal(last.neuron.w, now.neuron.w) and last.neuron.b == now.neuron.b


def test_a_lab_that_cannot_be_kept_says_why(tmp_path, monkeypatch):
    from tui.lab.start import default_lab_state

    (tmp_path / "blocker").write_text("a file where the config folder should be")
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path / "blocker"))

    kept, message = keep_lab([default_lab_state()])
    where = tmp_path / "blocker" / "last-lab.json"
    assert not kept and message.startswith(f"neuron-tui: could not keep your lab in {where}: ")


def test_a_lab_that_cannot_be_kept_makes_the_command_exit_non_zero(tmp_path, monkeypatch, capsys):
    import pytest

    import tui.app
    from tui.cli import main
    from tui.lab.start import default_lab_state

    class LeftWithALab:  # the app, run and left with a changed lab
        return_code = 0

        def __init__(self, **_options) -> None:
            pass

        def run(self, mouse: bool) -> None:
            pass

        def lab_to_keep(self):
            return [default_lab_state()]

    (tmp_path / "blocker").write_text("a file where the config folder should be")
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path / "blocker"))
    monkeypatch.setattr(tui.app, "NeuronApp", LeftWithALab)
    with pytest.raises(SystemExit) as info:
        main(["--lab"])
    assert info.value.code == 1
    assert str(tmp_path / "blocker" / "last-lab.json") in capsys.readouterr().err


def _run_and_leave(config, leave) -> bytes:
    """Start the real command in a pseudo-terminal, take two steps, leave by ``leave``."""
    app = PtyApp(["--lab"], (100, 30), {"NEURON_TUI_CONFIG_DIR": str(config)})
    try:
        app.read_until_quiet(quiet=0.5)
        app.type("ss")
        app.read_until_quiet(quiet=0.3)
        return leave(app)
    finally:
        app.stop()


def _wait_for_exit(pid: int, seconds: float = 20.0) -> int:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    raise AssertionError("the app did not exit")


def test_q_keeps_the_lab_says_where_and_resume_opens_it(private_config_dir):
    def quit_with_q(app: PtyApp) -> bytes:
        app.type("q")
        return app.read_until_quiet(quiet=0.5)

    out = _run_and_leave(private_config_dir, quit_with_q)
    path = private_config_dir / "last-lab.json"
    assert f"Your lab (3 states) is kept in {path}".encode() in out
    assert len(json.loads(path.read_text())["history"]) == 3
    resumed = PtyApp(["--resume"], (100, 30), {"NEURON_TUI_CONFIG_DIR": str(private_config_dir)})
    try:
        assert b"step 2" in resumed.read_until_quiet(quiet=0.5, until=b"step 2")
    finally:
        resumed.stop()


def test_a_dropped_connection_still_keeps_the_lab(private_config_dir):
    def hang_up(app: PtyApp) -> bytes:
        os.close(app.fd)  # the terminal goes with the connection, then the hangup signal
        os.kill(app.pid, signal.SIGHUP)
        assert _wait_for_exit(app.pid) == 0
        return b""

    _run_and_leave(private_config_dir, hang_up)
    assert len(json.loads((private_config_dir / "last-lab.json").read_text())["history"]) == 3


def test_a_connection_dropped_while_training_runs_still_ends_the_app_and_keeps_the_lab(
        private_config_dir):
    # Closing the terminal's other end hangs it up: the kernel sends SIGHUP, then SIGCONT,
    # which Textual took for a resume after ctrl+z; with the screen busy (training runs at 25
    # steps a second), 2 hang-ups in 5 left the app waiting forever, and the lab unkept.
    for _ in range(3):
        app = PtyApp(["--lab"], (100, 30), {"NEURON_TUI_CONFIG_DIR": str(private_config_dir)})
        try:
            app.read_until_quiet(quiet=0.5)
            app.type("r")
            # training draws 25 times a second, never quiet: read a second of it (this waited
            # 31 s for a quiet that never came, three times over)
            out = app.read_until_quiet(quiet=0.1, first_within=1.0, most=1.0)
            assert out.count(b"step") >= 2
            os.close(app.fd)
            assert _wait_for_exit(app.pid) == 0
        finally:
            app.stop()
        assert json.loads((private_config_dir / "last-lab.json").read_text())["history"]
        (private_config_dir / "last-lab.json").unlink()

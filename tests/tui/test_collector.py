"""The cycle collector is held from the command's start to its first screen, then runs as
usual (tui/collector.py): held for good, the app would never free its cyclic garbage."""

from __future__ import annotations

import gc

import pytest

from tests.tui.conftest import screen_text
from tui import cli, collector
from tui.app import START_QUIET, NeuronApp


def test_the_command_holds_the_collector_and_sets_its_imports_aside(
        monkeypatch, tmp_path):
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path))
    seen = {}

    def run(app, **_):
        seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())

    monkeypatch.setattr(NeuronApp, "run", run)
    with pytest.raises(SystemExit):
        cli.main(["--lab"])
    assert seen["enabled"] is False
    assert seen["frozen"] > 10_000  # the modules the command imported


async def test_the_app_releases_a_held_collector_once_its_first_screen_is_out(
        monkeypatch, tmp_path):
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(tmp_path))
    release, seen = collector.release, []

    def released() -> None:  # what the screen held when the collector was let go
        seen.append((gc.isenabled(), "Cost over steps" in screen_text(app)))
        release()

    monkeypatch.setattr(collector, "release", released)
    collector.hold()
    app = NeuronApp(start="lab")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(START_QUIET)
        for _ in range(100):  # however slow the machine
            if seen:
                break
            await pilot.pause(0.1)
        assert seen == [(False, True)]  # held until then; the first screen was up
        assert gc.isenabled()


def test_a_collector_turned_off_before_the_hold_stays_off():
    gc.disable()
    collector.hold()
    collector.set_aside_imports()
    collector.release()
    assert not gc.isenabled() and gc.get_freeze_count() == 0

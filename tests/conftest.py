"""Shared test set-up: a private config directory and working folder per test, and
reproducible property tests."""

import gc
import os

import pytest
from hypothesis import settings

# In CI, property tests use a fixed sequence of examples so a run is reproducible; locally they
# explore new examples on every run (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def private_config_dir(tmp_path, monkeypatch):
    """Point neuron-tui's config directory at a fresh temporary folder: nothing touches ~."""
    folder = tmp_path / "config"
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_working_dir(tmp_path, monkeypatch):
    """Run in a fresh folder, so keys that save sessions, exports or screenshots (random ones
    from the monkey included) never write into the repository."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture(autouse=True)
def collector_running():
    """A test that runs the command's main() with a stand-in for the app leaves Python's
    cycle collector held and the test process frozen (tui/collector.py), and one test turns
    the collector off: the next test finds it running again, with nothing frozen."""
    yield
    from tui import collector

    if collector._held or gc.get_freeze_count() or not gc.isenabled():
        collector._held = False
        gc.unfreeze()
        gc.enable()

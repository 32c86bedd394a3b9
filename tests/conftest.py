"""Every test gets its own config directory: nothing reads or writes the real one."""

import pytest


@pytest.fixture(autouse=True)
def private_config_dir(tmp_path, monkeypatch):
    """Point neuron-tui's config directory at a fresh temporary folder."""
    folder = tmp_path / "config"
    monkeypatch.setenv("NEURON_TUI_CONFIG_DIR", str(folder))
    return folder

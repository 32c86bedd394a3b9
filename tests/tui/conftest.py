"""Helpers for driving the app: read the screen as a person would see it."""

from __future__ import annotations

import pytest

from tui.app import NeuronApp


def screen_text(app: NeuronApp) -> str:
    """Every character on the terminal right now, row by row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


@pytest.fixture
def app() -> NeuronApp:
    """A fresh app with the default seed, opened on the lab."""
    return NeuronApp(seed=0, start="lab")

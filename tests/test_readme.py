"""The README stays true: its key table covers every lab key, its commands match CI."""

from pathlib import Path

from tui.app import NeuronApp
from tui.book.exercise_panel import ExercisePanel
from tui.screens.book import BookScreen
from tui.lab.screen import LabScreen

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARROWS = {"up": "↑", "down": "↓"}


def test_every_key_is_in_the_readme():
    bindings = LabScreen.BINDINGS + BookScreen.BINDINGS + NeuronApp.BINDINGS + ExercisePanel.BINDINGS
    for binding in bindings:
        if binding.key_display and "/" in binding.key_display:
            keys = binding.key.split(",")  # several keys for one action: each must be there
        else:
            keys = [ARROWS.get(binding.key, binding.key_display or binding.key)]
        for key in keys:
            shown = key if key in ARROWS.values() else f"`{key}`"
            assert shown in README, f"{binding.description}: {shown} is missing from the README"


def test_every_chapter_lab_key_is_in_the_readme():
    from tui.book.chapter import CHAPTERS

    arrows = {"left": "←", "right": "→"}
    for ch in CHAPTERS:
        for binding in ch.lab_class.BINDINGS:
            key = arrows.get(binding.key, binding.key_display or binding.key)
            assert f"`{key}`" in README, f"chapter {ch.number}, {binding.description}: {key}"


def test_ci_runs_the_readme_test_install():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in README
    assert "'.[test]'" in ci and "pytest" in ci

"""The command palette's commands and the help page's sections, for the book, the lab and the
playground: every key of the screen, every chapter, and the lab's activations and datasets."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.screens.panes import Panes

if TYPE_CHECKING:
    from tui.app import NeuronApp


def screen_commands(app: NeuronApp, screen: Screen) -> Iterable[SystemCommand]:
    """Every action of ``screen``, every chapter, and the lab's activations and datasets (the
    app's own system commands come first, from Textual)."""
    from core.neuron.activations import ACTIVATIONS
    from core.data.datasets import DATASETS
    from tui.book.chapter import CHAPTERS
    from tui.book.exercise_panel import ExercisePanel
    from tui.book.lab_base import ChapterLab
    from tui.lab.screen import LabScreen

    for b in screen.BINDINGS:
        if not b.action.startswith("app."):
            help_text = f"key {b.key_display or b.key}" + (f" · {b.tooltip}" if b.tooltip else "")
            yield SystemCommand(b.description, help_text, partial(screen.run_action, b.action))
    yield SystemCommand("Open the lab", "key L", app.action_open_lab)
    yield SystemCommand("Screenshot (SVG)", "key S · saved in the current folder",
                        app.action_screenshot_svg)
    yield SystemCommand("Open the book", "key B", app.action_open_book)
    yield SystemCommand("Open the playground", "a small network on points in the plane "
                        "(key G in the contents and in chapter 9's lab)", app.open_playground)
    yield from getattr(screen, "palette_commands", list)()
    yield SystemCommand("Notation: every symbol and its meaning", "key N",
                        app.action_notation)
    if isinstance(screen, Panes) and screen.one_pane:
        yield SystemCommand("Next pane", "key P · one pane shows at a time below 80×24",
                            app.action_next_pane)
    for ch in CHAPTERS:
        yield SystemCommand(f"Chapter {ch.number}: {ch.title}", "open this chapter",
                            partial(app.open_chapter, ch.number))
    for lab in screen.query(ChapterLab).results():
        for b in lab.BINDINGS:
            yield SystemCommand(f"Lab: {b.description}", f"key {b.key_display or b.key} · "
                                "in this chapter's lab", partial(lab.run_action, b.action))
    for panel in screen.query(ExercisePanel).results():
        for action, b in {b.action: b for b in reversed(panel.BINDINGS)}.items():
            yield SystemCommand(f"Exercise: {b.description}", f"key {b.key} · in the "
                                "exercises", partial(panel.run_action, action))
    if isinstance(screen, LabScreen):
        for name, act in ACTIVATIONS.items():
            yield SystemCommand(f"Activation: {act.title}", act.formula,
                                partial(screen.set_activation, name))
        for name, data in DATASETS.items():
            yield SystemCommand(f"Dataset: {data.title}", data.description,
                                partial(screen.set_dataset, name))
        yield SystemCommand("Dataset: open a CSV file…", "header row; the last column is "
                            "the target", screen.open_csv)
        yield SystemCommand("Dataset: open a CSV file, inputs standardised…",
                            "each input column scaled to mean 0, sd 1",
                            partial(screen.open_csv, standardise=True))


def help_sections(screen: Screen, anywhere: list[Binding]) -> list[tuple[str, list[Binding]]]:
    """The key sections for ``screen``: its own keys, and in the book the lab's and exercise's;
    then ``anywhere``, the app's own keys."""
    from tui.book.exercise_panel import ExercisePanel
    from tui.screens.book import BookScreen

    sections = [("On this screen", list(screen.BINDINGS))]
    if isinstance(screen, BookScreen):
        # From the chapter, not its lab widget: that is absent while a chapter switch runs.
        sections.append((f"In this chapter's lab ({screen.chapter.title})",
                         list(screen.chapter.lab_class.BINDINGS)))
        sections.append(("In the exercises (press e first)", list(ExercisePanel.BINDINGS)))
    sections.append(("Anywhere", anywhere))
    return sections

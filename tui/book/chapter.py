"""The table of contents: every chapter's number, title and package, each loaded only when opened.

A chapter is a package under ``tui/chapters/``: ``prose.md`` (its text), ``lab.py`` (its lab,
a :class:`~tui.book.lab_base.ChapterLab` named by ``LAB``) and ``exercises.py`` (``EXERCISES``).
Nothing here imports a lab, so the contents, the palette and the command line can list the
chapters without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module, resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.book.exercise import Item
    from tui.book.lab_base import ChapterLab


@dataclass(frozen=True)
class Chapter:
    """One chapter: its number, its title and the package that holds its parts."""

    number: int
    title: str
    package: str
    """The chapter's package name under tui.chapters, e.g. ``ch01_neuron``."""

    @property
    def _module(self) -> str:
        return f"tui.chapters.{self.package}"

    def prose(self) -> str:
        """The chapter's Markdown, read from the package."""
        return resources.files(self._module).joinpath("prose.md").read_text("utf-8")

    @property
    def lab_class(self) -> type[ChapterLab]:
        """The chapter's lab (imported on first use)."""
        return import_module(f"{self._module}.lab").LAB

    @property
    def exercises(self) -> tuple[Item, ...]:
        """The chapter's exercises, in order (imported on first use)."""
        return import_module(f"{self._module}.exercises").EXERCISES


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, "The neuron", "ch01_neuron"),
    Chapter(2, "Activation functions", "ch02_activations"),
    Chapter(3, "Logits and softmax", "ch03_softmax"),
    Chapter(4, "The cost", "ch04_cost"),
    Chapter(5, "Gradient descent", "ch05_descent"),
    Chapter(6, "Backpropagation", "ch06_backprop"),
    Chapter(7, "Weight initialisation", "ch07_init"),
    Chapter(8, "Anatomy of a layer", "ch08_layer"),
    Chapter(9, "Beyond one neuron: XOR", "ch09_xor"),
    Chapter(10, "A neuron that reads pixels", "ch10_pixels"),
    Chapter(11, "The softmax classifier", "ch11_classifier"),
    Chapter(12, "The bigram model", "ch12_bigram"),
)

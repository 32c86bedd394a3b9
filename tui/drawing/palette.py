"""Colours for text and plots, taken from the running app's theme.

Plots never use plotext's automatic colours (which draw black on black under the ANSI themes);
each role below is read from the theme, and ANSI colours stay ANSI so a 16-colour terminal gets
its own palette rather than an approximation.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.app import App
from textual.color import Color, ColorParseError

_ANSI_NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

PlotextColor = tuple[int, int, int] | str


@dataclass(frozen=True)
class Role:
    """One colour role: a Rich style for text and the same colour for plotext."""

    style: Style
    plot: PlotextColor


def _plotext_color(color: Color) -> PlotextColor:
    if color.ansi == -1:
        return "default"  # the terminal's own foreground: never black on black
    if color.ansi is not None and 0 <= color.ansi < 16:
        name = _ANSI_NAMES[color.ansi % 8]
        return name + "+" if color.ansi >= 8 else name
    return (color.r, color.g, color.b)


def _parse(value: str, fallback: str) -> Color:
    """The colour ``value`` names; ANSI themes write some with an alpha ("ansi_default 50%"),
    which Color.parse refuses, so the bare name is tried next, then the fallback."""
    for text in (value, value.split()[0] if value.split() else "", fallback):
        try:
            return Color.parse(text)
        except ColorParseError:
            continue
    return Color.parse(fallback)


def _role(app: App, variable: str, fallback: str, bold: bool = False) -> Role:
    value = app.theme_variables.get(variable) or fallback
    color = _parse(value, fallback)
    faded = color.ansi is not None and "%" in value  # an ANSI colour can only be dimmed
    return Role(Style(color=color.rich_color, bold=bold, dim=faded), _plotext_color(color))


@dataclass(frozen=True)
class Palette:
    """The roles the lab draws with."""

    curve: Role
    derivative: Role
    marker: Role
    good: Role
    bad: Role
    muted: Role
    highlight: Role

    @classmethod
    def from_app(cls, app: App) -> Palette:
        """Read the roles from ``app``'s current theme."""
        return cls(
            curve=_role(app, "primary", "ansi_blue"),
            derivative=_role(app, "warning", "ansi_yellow"),
            marker=_role(app, "accent", "ansi_bright_magenta", bold=True),
            good=_role(app, "success", "ansi_green"),
            bad=_role(app, "error", "ansi_red", bold=True),
            muted=_role(app, "foreground-muted", "ansi_white"),
            highlight=_role(app, "accent", "ansi_yellow", bold=True),
        )

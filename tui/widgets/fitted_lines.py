"""Lines that depend on the width they have: made again whenever that width changes."""

from __future__ import annotations

from typing import Callable

from rich.text import Text

from tui.widgets.lines import LinesView

MakeLines = Callable[[int | None], list[Text]]
"""Makes the lines for a width in cells (None when the width is not known yet)."""


class FittedLines(LinesView):
    """A LinesView whose lines are made for its width, so a line that would not fit can take
    a shorter form (or break) instead of being cut at the edge."""

    _make: MakeLines | None = None

    def show_fitted(self, make: MakeLines) -> None:
        """Show the lines ``make`` gives for the current width, and again after a resize."""
        self._make = make
        self.rebuild()

    def rebuild(self) -> None:
        """Make the lines again for the current width; only changed rows are repainted."""
        if self._make is not None:
            self.show(self._make(self.size.width or None))

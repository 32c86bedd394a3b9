"""The lab's pane titles: what each says, and setting them only when they change, as plain text."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen

from core.data.csvdata import short_name
from core.neuron.train import TrainState

Titles = dict[str, tuple[str, str]]
"""Title and subtitle for each pane, by selector."""


def lab_titles(st: TrainState, show_derivative: bool, running: bool,
               compact: bool = False, room: int | None = None) -> Titles:
    """The titles for the lab's panes in state ``st``; a compact pane (a title rule, no foot)
    has no subtitle. The dataset's name is shortened in the middle to fit the neuron pane's
    title (``room`` cells, if known), so a long file name keeps its end."""
    act = st.neuron.activation
    deriv = f"  and {act.symbol}′(z)" if show_derivative else ""
    run = " ▶ running" if running else ""
    fits = room is not None and room > 0  # a pane not laid out yet, or hidden, has no room
    name = short_name(st.data.title, max(room - len("Neuron · "), 8)) if fits else st.data.title
    return {
        "#editor": (f"Neuron · {name}",
                    "" if compact else "⏎ edit · +/- nudge · n/p example"),
        "#act-pane": (f"{act.formula}{deriv}", ""),
        # The phase is named in the training headline; a title change would repaint the pane.
        "#arith-pane": ("Arithmetic", ""),
        "#train-pane": (f"Training · {st.loss.title} · {st.mode}{run}", ""),
        "#cost-pane": ("Cost over steps", ""),
    }


class PaneTitles:
    """The titles last set on a screen's panes.

    Setting a title repaints the whole pane, so only one that changed is set. Each is set as
    plain content: a string would be read as markup, and a CSV file's name is not markup.
    """

    def __init__(self) -> None:
        self._shown: Titles = {}

    def show(self, screen: Screen, titles: Titles) -> None:
        """Set on ``screen``'s panes whichever of ``titles`` differ from what they show."""
        for selector, pair in titles.items():
            if self._shown.get(selector) != pair:
                self._shown[selector] = pair
                pane = screen.query_one(selector)
                pane.border_title, pane.border_subtitle = (Content(t) if t else None for t in pair)

"""The help screen: every key of the lab, generated from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from tui.widgets.prose import Prose

INTRO = """\
# neuron-tui keys

A neuron computes **z = w·x + b** and fires **a = f(z)**. Edit any weight, bias or setting,
then step gradient descent and watch every number move.
"""

FIELD_KEYS = """\
## On a number field

| key | what it does |
|---|---|
| enter, typing digits, or a paste | retype the value (enter first for a negative number); enter accepts, escape cancels |
| + / - | nudge by the step shown in *nudge* (η doubles or halves; the seed moves by 1) |
| tab / shift+tab, ↓ / ↑ | next / previous field |

A value that is not a number, or is out of the field's range, is refused with a message under
the field, and the old value stays.
"""

PALETTE = """\
**ctrl+p** opens the command palette: every action and chapter by name.
Keys shown greyed out in the footer do nothing right now (for example, undo with nothing to undo).
"""


def _label(binding: Binding) -> str:
    return binding.key_display or binding.key.replace("_", " ")


def bindings_table(bindings: list[Binding]) -> str:
    """A Markdown table of ``bindings``: key and description, tooltip where there is one."""
    rows = ["| key | what it does |", "|---|---|"]
    for b in bindings:
        text = b.description + (f": {b.tooltip}" if b.tooltip else "")
        rows.append(f"| {_label(b)} | {text} |")
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    """A scrollable key map built from the lab screen's own BINDINGS."""

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close help"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; }
    """

    def __init__(self, sections: list[tuple[str, list[Binding]]], about: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.about = about
        self._dismissing = False

    def compose(self) -> ComposeResult:
        """The intro, what the screen shows (if it says), each section's keys, the field keys
        and the palette."""
        parts = [INTRO, self.about] if self.about else [INTRO]
        parts += [f"## {title}\n\n{bindings_table(keys)}" for title, keys in self.sections if keys]
        parts += [FIELD_KEYS, PALETTE]
        text = "\n\n".join(parts)
        with VerticalScroll():
            yield Prose(text)

    def on_mount(self) -> None:
        """Focus the text so the arrow keys and page keys scroll it."""
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        """Close, once, however fast the keys come (the screen stays current until it has)."""
        if self.is_current and not self._dismissing:
            self._dismissing = True
            self.dismiss()

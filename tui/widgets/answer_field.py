"""Where a learner types the answer to an exercise: a number field that starts empty."""

from __future__ import annotations

from rich.text import Text

from tui.values.numbers import Bounds, parse_number
from tui.widgets.number_field import NumberField

ANSWER_BOUNDS = Bounds(-1e15, 1e15)
"""Any answer a chapter can ask for lies well inside this."""
PROMPT = "type it, then enter"


class AnswerField(NumberField):
    """A :class:`NumberField` for answers: the same editor and refusals as the lab's fields.

    It holds no value until the learner types one, shows what was typed exactly as typed, has
    no nudge (so ``-`` and ``+`` start a signed number instead), and posts
    :class:`NumberField.Changed` with the parsed number when enter accepts it. Junk is refused
    under the field with the reason, and the last answer stays.
    """

    STARTS_EDIT = NumberField.STARTS_EDIT | frozenset("-+")

    def __init__(self, id: str | None = None) -> None:
        super().__init__("answer", 0.0, ANSWER_BOUNDS, id=id)
        self.typed = ""
        """The last accepted answer as typed, or "" before one."""

    def _text(self) -> str:
        return self.typed or PROMPT

    def _edit_text(self) -> str:
        return self.typed

    def _rows(self, width: int) -> list[Text]:
        rows = super()._rows(width)
        if not self.typed:  # the prompt is not a value: draw it as a hint
            rows[0].stylize("dim", len(rows[0]) - len(PROMPT))
        return rows

    def refusal(self, why: str) -> str:
        """Just the reason: there is no previous value worth naming."""
        return why

    def submit_text(self, text: str) -> bool:
        """Accept a number (posting Changed) and show it as typed; refuse anything else."""
        accepted = super().submit_text(text)
        if accepted:
            self.typed = text.strip()
            self.value = parse_number(text, self.bounds)
            self.repaint()
        return accepted

    def clear(self) -> None:
        """Forget the answer, any refusal and any answer half typed (the question changed)."""
        if self.editing:
            self.key_escape()
        self.show_error("")
        if self.typed:
            self.typed, self.value = "", 0.0
            self.repaint()

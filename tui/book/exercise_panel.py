"""The exercise panel under a chapter's text: one exercise at a time, answered where it is asked.

``e`` in the book puts the focus here. Then:

- a number exercise takes the answer in an :class:`~tui.widgets.answer_field.AnswerField`:
  type it (a burst of keys lands whole) and press enter; junk is refused under the field;
- a choice or concept check takes a digit, 1 to 4;
- ``h`` shows the hint: the first step of the working, without the answer;
- ``n`` / ``p`` move to the next / previous exercise;
- ``tab`` / ``shift+tab`` go back to the lab's first field, where the lab's keys work.

Every verdict, right or wrong, prints the working with the live numbers. A challenge shows its
goal and its score, re-read whenever the lab changes, and counts as solved the moment the goal
is met. A right answer or a met goal posts :class:`ExercisePanel.Solved`; the book records it.
"""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from tui.book.exercise import Challenge, Item, NumberExercise, Working, kind
from tui.drawing.formula_breaks import break_formula
from tui.drawing.palette import Palette
from tui.widgets.answer_field import AnswerField
from tui.widgets.book_text import wrap
from tui.widgets.number_field import NumberField

OPTION_GAP = "   "


def option_lines(options: tuple[str, ...], width: int) -> list[str]:
    """The options numbered 1, 2, … and packed into lines of ``width`` cells, never split inside
    an option: one that would cross the edge starts a new line (and only an option wider than
    the whole line is ever wrapped, at its own spaces)."""
    lines: list[str] = []
    for k, option in enumerate(options, 1):
        item = f"{k} {option}"
        if lines and cell_len(lines[-1] + OPTION_GAP + item) <= width:
            lines[-1] += OPTION_GAP + item
        else:
            lines.append(item)
    return lines


class ExercisePanel(Vertical, can_focus=True):
    """The chapter's exercises, one at a time, with the verdict and the working under them."""

    DEFAULT_CSS = """
    ExercisePanel { height: auto; max-height: 70%; padding: 0 1; overflow-y: auto;
        border-top: solid $accent 50%; scrollbar-size-vertical: 1; }
    ExercisePanel:focus-within { border-top: solid $accent; background: $accent 10%; }
    ExercisePanel > Static { height: auto; }
    ExercisePanel > AnswerField { display: none; }
    ExercisePanel.-number > AnswerField { display: block; }
    """

    # The keys that move the focus or change the question act as they arrive, so that keys
    # typed right behind them reach the new place (tui/widgets/key_order.py).
    BINDINGS = [
        Binding("h", "hint", "Hint", priority=True),
        Binding("n", "next(1)", "Next exercise", priority=True),
        Binding("p", "next(-1)", "Previous exercise", show=False, priority=True),
        Binding("tab", "leave", "To the lab", priority=True),
        Binding("shift+tab", "leave", "To the lab", show=False, priority=True),
    ] + [Binding(str(k), f"answer({k - 1})", f"Answer {k}", show=False) for k in range(1, 5)]
    _IN_TURN = {"h": "hint", "n": "next(1)", "p": "next(-1)", "tab": "leave",
                "shift+tab": "leave"}
    """What those keys do when they waited their turn behind earlier keys."""

    class Solved(Message):
        """An exercise was answered right, or a challenge's goal was met."""

        def __init__(self, item: Item) -> None:
            super().__init__()
            self.item = item

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item] = []
        self.index = 0
        self.lab: Any = None
        self.solved: set[str] = set()
        """Ids solved so far (from the progress file, and here)."""
        self.result: Text | None = None
        """The verdict or hint on show, or None."""
        self.brief: Text | None = None
        """The verdict's first line, shown instead while the focus is in the lab (the working
        would take the text's room while the learner works there)."""
        self._verdict_parts: tuple[Text, Working] | None = None
        """The verdict's first line and its working, kept to break the working again for a new
        width."""
        self._result_for: tuple | None = None
        """The question and working the result was written for: a lab change that moves them
        makes it stale."""

    def compose(self) -> ComposeResult:
        """The question, the answer field (number exercises) and the result."""
        yield Static(id="ex-question", markup=False)
        yield AnswerField(id="ex-answer")
        yield Static(id="ex-result", markup=False)

    # ---------------------------------------------------------------- state

    def load(self, items: list[Item], lab: Any, solved: set[str] | None = None) -> None:
        """Show ``items`` about ``lab``, from the first; ``solved`` holds ids already solved."""
        self.items, self.lab, self.index = items, lab, 0
        self.solved = set(solved or ())
        self._show_item()

    @property
    def current(self) -> Item | None:
        """The exercise on show."""
        return self.items[self.index] if self.items else None

    @property
    def answer_field(self) -> AnswerField:
        """Where a number is typed."""
        return self.query_one("#ex-answer", AnswerField)

    @property
    def focus_target(self) -> Any:
        """What takes the focus for this exercise: the answer field, or the panel itself."""
        return self.answer_field if isinstance(self.current, NumberExercise) else self

    def enter(self) -> None:
        """Take the focus at once (keys typed right after ``e`` must land here, not in the lab)."""
        self.screen.set_focus(self.focus_target)

    def lab_changed(self) -> None:
        """The lab moved: re-read the question; drop a verdict whose numbers have changed."""
        item = self.current
        if item is None or self.lab is None:
            return
        if self.result is not None and self._signature(item) != self._result_for:
            self.result = self.brief = self._verdict_parts = None
            self.answer_field.clear()
        self.refresh_text()

    def _signature(self, item: Item) -> tuple:
        if isinstance(item, NumberExercise):
            return (item.prompt(self.lab), item.solve(self.lab).working)
        if isinstance(item, Challenge):
            return (item.prompt(self.lab),)
        return (item.prompt(self.lab), item.check(self.lab))

    def _show_item(self) -> None:
        """Lay the panel out for the current item and draw it."""
        had_focus = self.has_focus_within
        number = isinstance(self.current, NumberExercise)
        self.set_class(number, "-number")
        self.can_focus = not number
        self.result = self.brief = self._verdict_parts = None
        if self.is_mounted:
            self.answer_field.clear()
            self.answer_field.set_editable(number)
            if had_focus:
                self.screen.set_focus(self.focus_target)
        self.refresh_text()

    @property
    def has_focus_within(self) -> bool:
        """Whether the focus is on the panel or inside it."""
        focused = self.screen.focused if self.is_attached else None
        return focused is not None and (focused is self or self in focused.ancestors)

    # ---------------------------------------------------------------- drawing

    def refresh_text(self) -> None:
        """Redraw the question, the options, and the verdict, hint or score."""
        item = self.current
        if not self.is_mounted:
            return
        if item is None or self.lab is None:
            self._update("#ex-question", Text(""))
            self._update("#ex-result", Text(""))
            return
        self._update("#ex-question", self._question(item))
        if isinstance(item, Challenge):
            self._update("#ex-result", self._score(item))
        else:
            shown = self.result if self.has_focus_within or self.brief is None else self.brief
            self._update("#ex-result", shown or Text(""))

    def _update(self, selector: str, text: Text) -> None:
        # An update lays the whole screen out again (the panel's height may change), and most
        # lab changes leave the panel as it was: an unchanged text is not sent again.
        static = self.query_one(selector, Static)
        if getattr(static, "_shown", None) != text:
            static._shown = text  # type: ignore[attr-defined]
            static.update(text)

    def _question(self, item: Item) -> Text:
        text = Text()
        mark = " ✓" if item.id in self.solved else ""
        number, of = self.index + 1, len(self.items)
        head = f"Exercise {number} of {of} · {kind(item)}"
        if cell_len(head + mark) > self._width:  # at 80×24 the ✓ took a row of its own
            head = f"Exercise {number}/{of} · {kind(item)}"
        text.append(head, "bold")
        text.append(mark, Palette.from_app(self.app).good.style)
        prompt = item.prompt(self.lab)
        if isinstance(item, NumberExercise):
            prompt += f" ({item.tolerance.describe()})"
        text.append("\n" + prompt)
        if not isinstance(item, (NumberExercise, Challenge)):
            width = max(self.scrollable_content_region.width, 20)
            text.append("\n" + "\n".join(option_lines(item.options, width)))
        return text

    def _score(self, item: Challenge) -> Text:
        score = item.score(self.lab)
        pal = Palette.from_app(self.app)
        if score.met and item.id not in self.solved:
            self.solved.add(item.id)
            self.post_message(self.Solved(item))
        text = Text()
        if score.met:
            text.append("✓ Goal met: challenge solved.", pal.good.style)
        else:
            text.append("Not yet. Now:", "bold")
        _append_working(text, score.lines)  # a score and its mark: wrapped as they come
        if self.result is not None:  # a hint
            text.append("\n")
            text.append_text(self.result)
        return text

    def on_resize(self) -> None:
        """Options are packed to the width, and the working broken to it."""
        if self._verdict_parts is not None:
            self.result = self._verdict_text()
        self.refresh_text()

    @property
    def _width(self) -> int:
        """Cells a line of the panel has (before its first layout, as many as it likes)."""
        return self.scrollable_content_region.width or 1000

    def _verdict_text(self) -> Text:
        """The verdict's first line, then its working broken to the panel's width."""
        head, working = self._verdict_parts
        result = head.copy()
        _append_working(result, working, self._width)
        return result

    def on_focus(self) -> None:
        """The whole working shows while the focus is here."""
        self.refresh_text()

    def on_blur(self) -> None:
        """Only the verdict's first line shows while the focus is away."""
        self.refresh_text()

    def on_descendant_focus(self) -> None:
        """As on_focus, for the answer field."""
        self.refresh_text()

    def on_descendant_blur(self) -> None:
        """As on_blur, for the answer field."""
        self.refresh_text()

    # ---------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Digits answer choices only; the other keys act on arrival only when no earlier key is
        still on its way (else they wait their turn: on_key)."""
        item = self.current
        if item is None:
            return False
        if action == "answer":
            return not isinstance(item, (NumberExercise, Challenge))
        return self.app.keys.settled() or None

    async def on_key(self, event: events.Key) -> None:
        """A key of the panel that waited behind earlier keys (see check_action) acts here."""
        action = self._IN_TURN.get(event.key)
        if action is not None:
            event.stop()
            await self.run_action(action)

    def action_answer(self, choice: int) -> None:
        """Check option ``choice`` against what the core computes for the lab right now."""
        item = self.current
        if item is None or isinstance(item, (NumberExercise, Challenge)):
            return
        if choice >= len(item.options):
            self.app.bell()
            return
        verdict = item.check(self.lab)
        right = verdict.answer == choice
        pal = Palette.from_app(self.app)
        answer = f"{verdict.answer + 1}, “{item.options[verdict.answer]}”"
        head = f"✓ Right: {answer}." if right else f"✗ Not quite: the answer is {answer}."
        self._verdict(item, right, Text(head, (pal.good if right else pal.bad).style),
                      verdict.working)

    @on(NumberField.Changed, "#ex-answer")
    def _typed(self, event: NumberField.Changed) -> None:
        event.stop()
        item = self.current
        if not isinstance(item, NumberExercise):
            return
        right, solution = item.judge(self.lab, event.value)
        pal = Palette.from_app(self.app)
        exact = item.tolerance.rounded(solution.value)
        described = item.tolerance.describe()
        if right:
            head = Text(f"✓ Right: {exact} {described}.", pal.good.style)
        else:
            head = Text(f"✗ Not quite: {described} it is {exact}, not "
                        f"{self.answer_field.typed}.", pal.bad.style)
        self._verdict(item, right, head, solution.working)

    def _verdict(self, item: Item, right: bool, head: Text, working: Working) -> None:
        self.brief = head.copy()
        self.brief.append(" e: the working", "dim")
        self._verdict_parts = (head, working)
        self.result = self._verdict_text()
        self._result_for = self._signature(item)
        if right and item.id not in self.solved:
            self.solved.add(item.id)
            self.post_message(self.Solved(item))
        self.refresh_text()

    def action_hint(self) -> None:
        """The first step of the working, without the answer."""
        item = self.current
        if item is None or self.lab is None:
            return
        self.result, self.brief = Text("Hint: " + item.hint(self.lab), "italic"), None
        self._verdict_parts = None
        self._result_for = self._signature(item)
        self.refresh_text()

    def action_next(self, by: int) -> None:
        """The next (1) or previous (−1) exercise, wrapping round."""
        if self.items:
            self.index = (self.index + by) % len(self.items)
            self._show_item()

    def action_leave(self) -> None:
        """Back to the lab, onto its first field, where its keys work."""
        if self.lab is not None and self.lab.is_attached:
            self.lab.focus_first(at_once=True)


SENTENCE = re.compile(r"[=≈≤≥<>←][^=≈≤≥<>←]*[A-Za-z]{2,} [A-Za-z]{2,}[^=≈≤≥<>←]*$")
"""A step whose words go on after its last relation ("… at η = 1.000 and count the points")
is a sentence with a formula in it, not a formula: broken before its "=", the words after it
would hang under it as if they were the formula's next step."""


def _append_working(text: Text, working: Working, width: int | None = None) -> None:
    """Each step of ``working`` on its own line; with ``width``, one too wide broken as a
    textbook breaks a formula (before a relation or a sum, the rest hanging under the first
    "="), not wrapped back to the edge, where "+ 0.100" read as a line of its own (see
    :func:`_broken`)."""
    if width is None:
        for step in working:
            text.append("\n" + step)
        return
    for step in "\n".join(working).splitlines():
        indent = len(step) - len(step.lstrip(" "))  # a line that continues the one above
        for piece in _broken(step[indent:], max(width - indent, 8)):
            text.append("\n" + " " * indent + piece)


def _broken(line: str, width: int) -> list[str]:
    """A formula broken as a textbook breaks it; a formula followed by words (": the output
    neuron reads…"), or a sentence, filled as a sentence, its later lines set in by two cells
    (hung under the "=", the words read as a second formula; broken as a formula, "train the
    network 20 more steps at η = 1.000 and count…" went to a new line before its "=")."""
    if ": " not in line and not SENTENCE.search(line):
        return break_formula(line, width)
    first, *rest = wrap(line, width)
    lines = [line[slice(*first)]]
    if rest:
        tail = line[rest[0][0]:]
        lines += ["  " + line_ for line_ in (tail[a:b] for a, b in wrap(tail, width - 2))]
    return lines


"""A number you can read, nudge with +/-, or retype, refusing bad entries where they were typed."""

from __future__ import annotations

from typing import Callable

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, Label, Static

from tui.values.numbers import Bounds, fmt, parse_number
from tui.widgets.kept_lines import KeptLines
from tui.widgets.lines import styled_strip

Nudge = Callable[[float, int], float]
"""Given the value and a direction (+1 or −1), the nudged value."""

_UNSTYLED = Style()


class NumberField(KeptLines, can_focus=True):
    """A labelled number.

    Focus it and press ``enter`` (or start typing digits, or paste) to retype it; ``+``/``-``
    nudge it.
    A typed value is parsed and checked against the field's bounds: a bad one leaves the old
    value in place and shows why right under the field. A good one is posted as
    :class:`NumberField.Changed`; the owner decides what it means and calls :meth:`set_value`.

    While it only shows its number the field is a single widget that draws its own rows, since a
    lab holds a dozen of them and every widget costs time on each screen update. Editing mounts
    a label, an input and a line for errors inside it, and removes them when done.
    """

    DEFAULT_CSS = """
    NumberField { height: auto; width: 1fr; }
    NumberField > .number-field--label { color: $text-muted; }
    NumberField:focus > .number-field--label { color: $text; text-style: bold; }
    NumberField.-readonly > .number-field--value { color: $text-muted; }
    NumberField > .number-field--error { color: $error; }
    NumberField > Horizontal { height: 1; }
    NumberField .nf-label { width: auto; min-width: 3; padding-right: 1; color: $text-muted; }
    NumberField .nf-value { width: 1fr; }
    NumberField Input, NumberField Input:focus {
        height: 1; border: none; padding: 0; width: 1fr; background: $boost;
    }
    NumberField .nf-error { color: $error; height: auto; display: none; }
    NumberField.-invalid .nf-error { display: block; }
    NumberField:focus { background: $primary 30%; }
    NumberField:focus .nf-label { color: $text; text-style: bold; }
    """

    COMPONENT_CLASSES = {"number-field--label", "number-field--value", "number-field--error"}

    STARTS_EDIT = frozenset("0123456789.")
    """Keys that open the editor holding themselves (``-`` and ``+`` nudge instead)."""

    BINDINGS = [
        Binding("plus,equals_sign", "nudge(1)", "Nudge +", key_display="+", show=False),
        Binding("minus,underscore", "nudge(-1)", "Nudge −", key_display="-", show=False),
    ]

    class Changed(Message):
        """A valid new value was typed or nudged in."""

        def __init__(self, field: NumberField, value: float) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> NumberField:
            """The field that changed."""
            return self.field

    def __init__(self, label: str, value: float, bounds: Bounds, *, nudge: Nudge | None = None,
                 digits: int = 3, editable: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.value = value
        self.bounds = bounds
        self.nudge = nudge
        self.digits = digits
        self.editable = editable
        self.error = ""
        self.can_focus = editable
        self.set_class(not editable, "-readonly")
        self._strips: list[Strip] = []
        self._drawn_for: tuple | None = None
        self._styles_kept: dict[tuple, Style] = {}
        self._editor: Input | None = None
        self._error_line: Static | None = None

    def _rows(self, width: int) -> list[Text]:
        """Label and value on one row, then the error message wrapped to ``width``."""
        style = self._component_style
        rows = [Text.assemble((f"{self.label} ".ljust(3), style("number-field--label")),
                              (self._text(), style("number-field--value")))]
        if self.error:
            error = Text(self.error, style("number-field--error"))
            rows.extend(error.wrap(self.app.console, max(width, 1)))
        return rows

    def _component_style(self, name: str) -> Style:
        """A part's style, kept while the things it depends on (focus, editability, theme) hold.

        Textual forgets its own copy on every refresh, and looking it up walks every ancestor.
        """
        key = (name, self.has_focus, self.editable, self.app.theme)
        style = self._styles_kept.get(key)
        if style is None:
            style = self.get_component_rich_style(name, partial=True, default=_UNSTYLED)
            if style is _UNSTYLED:
                # A field taken off the screen loses its part styles, and Textual may draw
                # it once more on the way out: draw it plain, and keep nothing.
                return style
            self._styles_kept[key] = style
        return style

    def shown_lines(self) -> list[Text]:
        """The field's rows before they are cut to its width (none while the editor is open)."""
        return [] if self.children else self._rows(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row, and as many again as the error message needs (the editor's while editing)."""
        if self.children:
            return super().get_content_height(container, viewport, width)
        return len(self._rows(width))

    def prepare_lines(self) -> None:
        """Draw the rows again only when the text, the width or the styles have changed."""
        if not self.children:
            width, style = self.size.width, self.line_style
            key = (self._text(), self.error, width, style, self.has_focus, self.editable)
            if key != self._drawn_for:
                self._drawn_for = key
                console = self.app.console
                self._strips = [styled_strip(row, console, width, style)
                                for row in self._rows(width)]

    def render_line(self, y: int) -> Strip:
        """A row of the field; blank while the editor (its own widgets) is open."""
        if self.children or y >= len(self._strips):
            return Strip.blank(self.size.width, self.line_style)
        return self._strips[y]

    def _text(self) -> str:
        if self.bounds.integer:
            return str(int(self.value))
        return fmt(self.value, self.digits)

    @property
    def editing(self) -> bool:
        """Whether the inline editor is open (and not on its way out)."""
        return self._editor is not None

    def set_value(self, value: float) -> None:
        """Show ``value`` from the owner's state (a message about a refused entry stays)."""
        if value == self.value:
            return
        self.value = value
        self.repaint(Region(0, 0, self.size.width, 1))  # the value's row; an error stays below

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid editing (read-only fields cannot take focus)."""
        self.editable = editable
        self.can_focus = editable
        self.set_class(not editable, "-readonly")

    def show_error(self, message: str) -> None:
        """Show ``message`` under the field, or hide it when empty."""
        changed = message != self.error
        self.error = message
        self.set_class(bool(message), "-invalid")
        if self._error_line is not None:
            self._error_line.update(message)
        else:
            self.refresh(layout=changed)  # the message may take more or fewer rows

    def submit_text(self, text: str) -> bool:
        """Parse ``text``; post Changed and return True if valid, else show why and keep the value."""
        try:
            value = parse_number(text, self.bounds)
        except ValueError as why:
            self.show_error(self.refusal(str(why)))
            return False
        self.show_error("")
        self.post_message(self.Changed(self, value))
        return True

    def refusal(self, why: str) -> str:
        """The message shown under the field for a refused entry."""
        return f"{why}; kept {self._text()}"

    def _edit_text(self) -> str:
        """What the editor holds (selected) when opened by enter."""
        return self._text()

    async def action_edit(self, initial: str | None = None) -> None:
        """Open the inline editor, holding the current value or ``initial``."""
        if not self.editable or self.children:  # open, or an old editor still on its way out
            return
        text = self._edit_text() if initial is None else initial
        # The old value is selected here, not on focus: keys typed before the focus arrives
        # (see on_key) replace it, and the focus must not select what they typed.
        editor = Input(value=text, select_on_focus=False, max_length=64)
        # A blinking cursor repaints twice a second, which over SSH is a steady trickle of bytes.
        editor.cursor_blink = False
        self._editor = editor
        self._error_line = Static(self.error, classes="nf-error", markup=False)
        await self.mount_all([Horizontal(Label(self.label, classes="nf-label"), editor),
                              self._error_line])
        if initial is None:
            editor.select_all()
        # At once, not after the keys already waiting in the app's queue (as focus() would), so
        # an enter among them finds the editor's binding. (The field may have gone meanwhile.)
        if editor.is_attached:
            self.screen.set_focus(editor)

    def action_nudge(self, direction: int) -> None:
        """Move the value one nudge up or down, if it stays within bounds."""
        if not self.editable or self.nudge is None:
            return
        new = self.nudge(self.value, direction)
        if self.bounds.lo <= new <= self.bounds.hi:
            self.show_error("")
            # Shown at once: a nudge already waiting behind this one (keys typed in one read)
            # starts from here, not from the value the owner last drew. The owner's next
            # set_value corrects it, should it take another value.
            self.set_value(new)
            self.post_message(self.Changed(self, new))
        else:
            self.show_error(f"at the limit: must be {self.bounds.describe()}")

    async def on_key(self, event: events.Key) -> None:
        """Enter, or a digit or a point, on the focused field starts editing (with that digit).

        Keys typed quickly (over SSH, one read holds them all) all reach the field itself before
        the editor the first one opens has the focus. So the field opens it here, in turn with
        those keys, and types each character among them into it, so none is lost or taken as a
        nudge, and an enter behind them submits them all, there and then, so the keys after it
        are not typed into the editor but act as they would on the field. (The editor stops the
        characters it gets itself, so any that reach the field while it is open were sent to
        the field.)
        """
        if self._editor is not None:
            if event.is_printable:
                event.stop()
                self._editor.replace(event.character or "", *self._editor.selection)
            elif event.key == "enter":
                event.stop()
                if self.submit_text(self._editor.value):
                    await self._close_editor()
            return
        if self.children or not self.editable:  # an old editor on its way out, or read-only
            return
        if event.key == "enter":  # here, not by a binding, which would act after later keys
            event.stop()
            await self.action_edit()
        elif event.character in self.STARTS_EDIT:
            event.stop()
            await self.action_edit(initial=event.character)

    async def on_paste(self, event: events.Paste) -> None:
        """Text pasted on the field opens the editor holding it (its first line): enter sets it."""
        line = next(iter(event.text.splitlines()), "").strip()
        if not line or not self.editable:
            return
        event.stop()
        if self._editor is not None:  # pasted before the editor had the focus
            self._editor.replace(line, *self._editor.selection)
        elif not self.children:
            await self.action_edit(initial=line)

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input is not self._editor:
            return  # typed into an editor already cancelled (escape, then enter before it went)
        if self.submit_text(event.value):
            await self._close_editor()

    def _let_go_of_editor(self) -> None:
        """Stop treating the editor as open: whatever it still sends from here on is ignored.

        Its widgets leave one by one (the error line before the input), and while they go
        the field must neither write to them nor take a late enter from them as a value.
        """
        self._editor = self._error_line = None

    async def _close_editor(self, refocus: bool = True) -> None:
        """Remove the inline editor and show the value again (focus back here if asked)."""
        self._let_go_of_editor()
        await self.remove_children()
        self.refresh(layout=True)
        if refocus:
            self.focus()

    async def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving the editor without enter cancels the edit; the focus goes where it went."""
        if event.widget is self._editor and not event.widget.has_focus:
            await self._close_editor(refocus=False)

    def key_escape(self) -> None:
        """Escape while editing: close the editor and keep the old value."""
        if self.editing:
            self._let_go_of_editor()
            self.show_error("")
            self.call_after_refresh(self._close_editor)

"""A small dialog that asks for a file name and reports any problem right under it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.storage.files import shown_path, shown_paths, why_not_written, why_outside

Act = Callable[[Path], "str | None"]
"""Does the work with the chosen path; returns None on success or the reason it failed."""


class PathPrompt(ModalScreen[Path | None]):
    """Asks for a path and runs ``act`` on it; stays open, with the reason, until it succeeds.

    With ``confirm_overwrite`` the dialog is for writing: a name in a folder that does not
    exist, or of something other than a regular file (a folder, link, FIFO or device), is
    refused at once, and naming a file that exists asks for a second enter first, so nothing
    is replaced by accident.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", priority=True)]  # before keys behind it

    DEFAULT_CSS = """
    PathPrompt { align: center middle; }
    PathPrompt > Vertical { width: 70; max-width: 95%; height: auto; border: round $primary;
        background: $surface; padding: 0 1; }
    PathPrompt Input, PathPrompt Input:focus { border: none; height: 1; padding: 0;
        background: $boost; }
    PathPrompt #pp-error { color: $error; height: auto; }
    PathPrompt #pp-hint { color: $text-muted; }
    """

    def __init__(self, title: str, default: Path, act: Act, confirm_overwrite: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.act = act
        self.confirm_overwrite = confirm_overwrite
        self._confirmed: Path | None = None
        self._dismissing = False

    def compose(self) -> ComposeResult:
        """Title, the path, the reason for any refusal, and the keys."""
        with Vertical():
            yield Label(self.title_text)
            yield InOrderInput(str(self.default), id="pp-path")
            yield Static("", id="pp-error", markup=False)  # it may quote the name typed
            yield Label("enter: go · escape: cancel", id="pp-hint")

    def on_mount(self) -> None:
        """Focus the path, ready to edit."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check the path and run the action; show why not, right here, if it fails."""
        event.stop()
        text = event.value.strip()
        error = self.query_one("#pp-error", Static)
        if not text:
            error.update("type a file name")
            return
        path = _to_path(text)
        if isinstance(path, str):
            error.update(path)
            return
        outside = why_outside(path)  # on a class server, the learner's own folder only
        if outside:
            error.update(shown_paths(outside, path))
            return
        if self.confirm_overwrite:
            refusal = why_not_written(path)
            if refusal:
                error.update(shown_paths(f"{path}: {refusal}; choose another name", path))
                return
            if os.path.lexists(path) and self._confirmed != path:
                self._confirmed = path
                error.update(f"{shown_path(path.name)} exists: enter again to replace it, or "
                             "change the name")
                return
        if self._dismissing:
            return
        why = self.act(path)
        if why:  # the reading or writing code's own reason, which may name the path whole
            error.update(shown_paths(why, path))
            return
        self._close(path)

    def on_input_changed(self) -> None:
        """A new name needs a new confirmation."""
        self._confirmed = None

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self._close(None)

    def _close(self, result: Path | None) -> None:
        # Enter and escape in one burst: the dialog stays current until it has closed, so
        # only the first may close it (a second dismiss would pop the screen beneath).
        if not self._dismissing:
            self._dismissing = True
            self.dismiss(result)


class InOrderInput(Input):
    """An Input that applies its own editing keys (backspace, ctrl+u, home, enter, …) in turn
    with the characters typed around them.

    Textual applies a widget's key bindings once the key has gone up to the app, after the
    keys behind it in the same read have reached the widget: ctrl+u and a name sent in one
    read (as ssh and tmux send quick keys) typed the name, then cleared it.
    """

    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings.get(event.key)
        if bindings and not event.is_printable:
            event.stop()
            event.prevent_default()  # Input's own handler, next up the classes, is not needed
            await self.run_action(bindings[0].action)


def _to_path(text: str) -> Path | str:
    """The path ``text`` names (``~`` expanded), or why it cannot name one."""
    if "\0" in text:
        return "a file name cannot contain a NUL character"
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~name, for a user this machine does not know
        return f"{shown_path(text.split('/', 1)[0])}: no such user, so no home folder to look in"

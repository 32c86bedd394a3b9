"""Saving a screen's whole history to a JSON file and restoring it, each through a dialog.

The lab and the playground both mix this in. The dialog (tui/screens/path_prompt.py) asks for
a name, asks again before replacing a file, and shows any refusal right under the name; the
modules that read and write are imported on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen


class SessionFiles(Screen):
    """Save (``ctrl+s``/``W``) and open (``ctrl+o``/``O``) a session.

    The screen provides ``history`` (whose ``states`` are saved), ``restore(states)``, and
    :meth:`session_text` and :meth:`read_states`; the class constants name the file and the
    words its dialogs and notices use.
    """

    SESSION_FILE = "neuron-tui-session.json"
    """Where a session is saved unless you type another name (in the current folder)."""
    SAVE_TITLE, OPEN_TITLE, NOUN = "Save session as", "Open session", "Session"

    if TYPE_CHECKING:  # supplied by the screen that mixes this in (the lab, the playground)

        def session_text(self) -> str:
            """The history as a session document (SessionError if a value cannot be written)."""

        def read_states(self, path: Path) -> list:
            """The states saved in ``path``; SessionError with the reason if it is unusable."""

    def action_save_session(self) -> None:
        """Ask where, then write the session there."""
        from tui.screens.path_prompt import PathPrompt

        self.app.push_screen(PathPrompt(self.SAVE_TITLE, Path(self.SESSION_FILE),
                                        self._write_session, confirm_overwrite=True), self._saved)

    def _write_session(self, path: Path) -> str | None:
        from core.files.session import SessionError
        from tui.storage.files import describe_error, write_atomic

        try:
            write_atomic(path, self.session_text())
        except OSError as error:
            return describe_error(path, error)
        except SessionError as error:
            return str(error)
        return None

    def _saved(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"{self.NOUN} saved to {path} ({len(self.history)} states).",
                        markup=False)

    def action_open_session(self) -> None:
        """Ask which file, then restore it (a bad file is refused in the dialog)."""
        from tui.screens.path_prompt import PathPrompt

        self.app.push_screen(PathPrompt(self.OPEN_TITLE, Path(self.SESSION_FILE),
                                        self._read_session), self._opened)

    def _read_session(self, path: Path) -> str | None:
        from core.files.session import SessionError

        try:
            self.restore(self.read_states(path))
        except SessionError as error:
            return str(error)
        return None

    def _opened(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"{self.NOUN} restored from {path} ({len(self.history)} states).",
                        markup=False)

"""The lab's files and sharing: sessions, your own CSV data, the state string, the history export.

Their modules are imported on first use: the lab's first screen needs none of them.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from tui.screens.session_files import SessionFiles


class LabFiles(SessionFiles):
    """Actions the lab screen mixes in; it provides ``history``, ``restore`` and ``use_dataset``."""

    def session_text(self) -> str:
        """The lab's whole history as a session document."""
        from core.files.session import session_json

        return session_json(list(self.history.states))

    def read_states(self, path: Path) -> list:
        """The lab states saved in ``path``."""
        from tui.lab.start import read_session_file

        return read_session_file(path)

    def open_csv(self, standardise: bool = False) -> None:
        """Ask for a CSV file and train on it (its inputs standardised if asked)."""
        from tui.screens.path_prompt import PathPrompt

        title = "Open CSV data (header row; last column is the target)"
        self.app.push_screen(PathPrompt(title, Path("data.csv"),
                                        partial(self._read_csv, standardise=standardise)),
                             self._csv_opened)

    def _read_csv(self, path: Path, standardise: bool) -> str | None:
        from core.data.csvdata import CSVError, load_csv

        try:
            data, _ = load_csv(path, standardise)
        except CSVError as error:
            return str(error)
        self.use_dataset(data)
        return None

    def _csv_opened(self, path: Path | None) -> None:
        if path is not None:
            self.notify(self.history.current.data.description, timeout=15, markup=False)

    def action_copy_state(self) -> None:
        """Copy the state string to the clipboard (OSC 52) and show it."""
        from core.files.session import SessionError, state_string

        try:
            text = state_string(self.history.current)
        except SessionError as error:  # data too large to travel as a string
            self.notify(f"No state string: {error}.", severity="error", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied (if your terminal allows OSC 52). Start again here with:\n"
                    f"neuron-tui --state {text}", timeout=20, markup=False)

    def action_export_history(self) -> None:
        """Write the history as CSV to a new file in the current folder."""
        from core.files.export import history_csv
        from tui.storage.files import describe_error, fresh_path, write_atomic

        path = fresh_path(Path.cwd(), "neuron-tui-history", ".csv")
        try:
            write_atomic(path, history_csv(list(self.history.states)))
        except OSError as error:
            self.notify(f"Could not export: {describe_error(path, error)}", severity="error",
                        markup=False)
            return
        self.notify(f"History exported to {path} ({len(self.history)} rows).", markup=False)


"""The playground's files and sharing: sessions, the state string, and your own CSV of points.

As in the lab (tui/lab/files.py), the modules that read and write are imported on first use.
"""

from __future__ import annotations

from pathlib import Path

from tui.screens.session_files import SessionFiles


class PlaygroundFiles(SessionFiles):
    """Actions the playground mixes in; it provides ``history``, ``restore`` and ``use_data``."""

    SESSION_FILE = "neuron-tui-playground.json"
    SAVE_TITLE, OPEN_TITLE = "Save the playground as", "Open a playground session"
    NOUN = "Playground"

    def session_text(self) -> str:
        """The playground's whole history as a session document."""
        from core.files.playground_session import session_json

        return session_json(list(self.history.states))

    def read_states(self, path: Path) -> list:
        """The playground states saved in ``path``."""
        from core.files.playground_session import read_session
        from tui.lab.start import read_session_file

        return read_session_file(path, read_session)

    def action_open_csv(self) -> None:
        """Ask for a CSV of points (x₁, x₂, label) and train on them."""
        from tui.screens.path_prompt import PathPrompt

        self.app.push_screen(PathPrompt("Your points: a CSV with a header, then x₁, x₂, label",
                                        Path("points.csv"), self._read_csv), self._csv_opened)

    def _read_csv(self, path: Path) -> str | None:
        from core.data.csvdata import CSVError
        from core.data.planar_csv import read_points

        settings = self.history.current.settings
        try:
            data = read_points(path, settings.train_pct, settings.data_seed)
        except CSVError as error:
            return str(error)
        self.use_data(data)
        return None

    def _csv_opened(self, path: Path | None) -> None:
        if path is not None:
            data = self.history.current.data
            kind = f"{data.n_classes} classes" if data.n_classes else "a number to fit"
            self.notify(f"{len(data.labels)} points from {path}: {kind}; "
                        f"{len(data.train)} for training, {len(data.test)} for testing.",
                        timeout=15, markup=False)

    def action_copy_state(self) -> None:
        """Copy the state string to the clipboard (OSC 52) and show it."""
        from core.files.playground_session import state_string

        text = state_string(self.history.current)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied (if your terminal allows OSC 52). Start again here with:\n"
                    f"neuron-tui --state {text}", timeout=20, markup=False)

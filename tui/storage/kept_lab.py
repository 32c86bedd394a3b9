"""The lab kept on leaving: written to the config folder when neuron-tui exits, reopened by
``neuron-tui --resume``, so quitting (or a dropped connection) never throws a lab away."""

from __future__ import annotations

from pathlib import Path

from core.neuron.train import TrainState

KEPT_FILE = "last-lab.json"


def kept_lab_path() -> Path:
    """Where the last lab is kept: the config folder (see :func:`tui.storage.progress.config_dir`)."""
    from tui.storage.progress import config_dir

    return config_dir() / KEPT_FILE


def keep_lab(states: list[TrainState]) -> tuple[bool, str]:
    """Write the lab's history ``states`` as a session; whether it worked, and what to say."""
    from core.files.session import SessionError, session_json
    from tui.storage.files import describe_error, write_atomic

    path = kept_lab_path()
    lost = "; it is lost (ctrl+s or W saves a lab where you choose)"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, session_json(states))
    except OSError as error:
        return False, f"neuron-tui: could not keep your lab in {describe_error(path, error)}{lost}"
    except SessionError as error:
        return False, f"neuron-tui: could not keep your lab in {path}: {error}{lost}"
    return True, (f"Your lab ({len(states)} states) is kept in {path}; "
                  "neuron-tui --resume opens it again.")

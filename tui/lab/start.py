"""How the lab starts: the default neuron, and sessions read from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import DATASETS, Dataset
from core.neuron.losses import LOSSES
from core.neuron.train import TrainState, new_state
from tui.storage.files import describe_error

DEFAULT_LR = 0.5
MAX_SESSION_BYTES = 50_000_000


def default_lab_state(dataset: str | None = None, data: Dataset | None = None,
                      activation: str | None = None, seed: int = 0) -> TrainState:
    """A fresh lab: OR and a sigmoid unless told otherwise, the cost that suits the data."""
    data = data or DATASETS[dataset or "or"]
    act = ACTIVATIONS[activation or "sigmoid"]
    return new_state(data, act, LOSSES[data.loss], lr=DEFAULT_LR, seed=seed)


def read_session_file(path: Path, reader: Callable[[str], list] | None = None) -> list[TrainState]:
    """The states in the session file at ``path``; SessionError for any problem, file or format.

    ``reader`` reads the text (the lab's sessions unless given: the playground passes its own).
    """
    from core.files.session import SessionError, read_session

    try:
        if path.stat().st_size > MAX_SESSION_BYTES:
            raise SessionError(f"{path.name} is larger than {MAX_SESSION_BYTES} bytes")
        return (reader or read_session)(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise SessionError(describe_error(path, error)) from None
    except UnicodeDecodeError:
        raise SessionError(f"{path.name} is not UTF-8 text") from None
